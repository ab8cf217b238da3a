package minikinesis

import (
	"context"
	"strings"
)

// callTarget is what a call names, as its input spells it: a stream (by
// name, or by a stream or consumer ARN) and a shard. Fault rules and the
// call log match on it. It is resolved only when a fault rule or the call
// log needs it, so the hot path only copies it.
type callTarget struct {
	name    string
	arn     string // a stream or consumer ARN, used when name is empty
	shardID string // the shard as the caller named it, or ""
	// shardIndex is the shard a decoded iterator reads, when fromIterator.
	shardIndex   int
	fromIterator bool
}

// targeted is an operation input that can tell what it names.
type targeted interface{ target() callTarget }

// targetOf is in's target; a nil input names nothing.
func targetOf[T any, P interface {
	*T
	targeted
}](in P) callTarget {
	if in == nil {
		return callTarget{}
	}
	return in.target()
}

// stream is the name of the stream the call names, or "".
func (t callTarget) stream(k *Kinesis) string {
	if t.name != "" || t.arn == "" {
		return t.name
	}
	arn := t.arn
	if i := strings.Index(arn, "/consumer/"); i >= 0 {
		arn = arn[:i]
	}
	name, _ := k.streamNameFromARN(arn)
	return name
}

// shard is the index of the shard the call names, or -1.
func (t callTarget) shard() int {
	if t.fromIterator {
		return t.shardIndex
	}
	if idx, ok := parseShardIndex(t.shardID); ok {
		return idx
	}
	return -1
}

// observe runs one operation under the observation layer: call-level
// faults first, then the operation, then the log and the hooks. in is kept
// for the call log; t is what it names.
func observe[Out any](k *Kinesis, ctx context.Context, op string, in any, t callTarget, run func(context.Context) (Out, error)) (Out, error) {
	faulty, logged := k.faults.active.Load(), k.calls.wanted()
	if !faulty && !logged {
		return run(ctx)
	}
	start := k.cfg.clock.Now()
	stream := t.stream(k)
	var out Out
	var err error
	if faulty {
		err = k.applyCallFaults(ctx, faultTarget{op: op, stream: stream, shard: t.shard()})
	}
	if err == nil {
		out, err = run(ctx)
	}
	if logged {
		c := Call{Time: start, Operation: op, Stream: stream, Err: err}
		if apiErr, ok := err.(APIError); ok {
			c.ErrorCode = apiErr.ErrorCode()
		} else if err != nil {
			c.ErrorCode = "InternalFailure"
		}
		countRecords(&c, in, any(out))
		k.calls.record(c)
	}
	return out, err
}
