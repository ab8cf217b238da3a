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
	if k.cfg.feed != nil {
		run = withChanges(k, op, t, run)
	}
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
		c := Call{Time: start, Operation: op, Stream: clip(stream), Err: clipError(err)}
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

// call runs an operation under the observation layer; a nil input is an
// empty one, as AWS sees a request without members.
func call[In any, Out any, P interface {
	*In
	targeted
}](k *Kinesis, ctx context.Context, op string, in P, run func(context.Context, P) (Out, error)) (Out, error) {
	if in == nil {
		in = new(In)
	}
	return observe(k, ctx, op, in, in.target(), func(ctx context.Context) (Out, error) { return run(ctx, in) })
}

// callErr is call for an operation that answers only an error.
func callErr[In any, P interface {
	*In
	targeted
}](k *Kinesis, ctx context.Context, op string, in P, run func(context.Context, P) error) error {
	_, err := call(k, ctx, op, in, func(ctx context.Context, in P) (struct{}, error) { return struct{}{}, run(ctx, in) })
	return err
}
