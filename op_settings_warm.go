package minikinesis

import (
	"context"
	"time"
)

// MaxWarmThroughputMiBps is the most warm throughput an on-demand stream
// may have by default: 10 GiBps, as AWS documents it.
const MaxWarmThroughputMiBps = 10 * 1024

// streamExtras are a stream's settings from the newer operations: its
// resource policy, warm throughput and record distribution strategy.
// Guarded by the stream's lock; a plain value, so copying it copies all.
type streamExtras struct {
	policy       string
	warm         warmThroughput
	distribution RecordDistributionStrategy // "" is USER_PARTITION_KEY
}

// warmThroughput is a stream's warm throughput: the value last asked for
// and the one before, which stays current until the stream has scaled
// (the UPDATING its change entered ends).
type warmThroughput struct {
	target, previous int
	scaledAt         time.Time
}

// current is the throughput the stream is scaled to at now.
func (w warmThroughput) current(now time.Time) int {
	if now.Before(w.scaledAt) {
		return w.previous
	}
	return w.target
}

// WarmThroughputObject mirrors AWS's WarmThroughputObject: the write
// throughput, in MiBps, the stream is scaled to and the one it scales
// towards (the same once it is there).
type WarmThroughputObject struct {
	CurrentMiBps int
	TargetMiBps  int
}

// warmThroughputLocked is what DescribeStreamSummary reports: warm
// throughput is only present for on-demand streams of accounts whose
// minimum throughput billing commitment is in force. Caller holds s.mu.
func (s *Stream) warmThroughputLocked(now time.Time) *WarmThroughputObject {
	if s.mode != StreamModeOnDemand || !s.k.commitmentEnabled(now) {
		return nil
	}
	w := s.extras.warm
	return &WarmThroughputObject{CurrentMiBps: w.current(now), TargetMiBps: w.target}
}

// UpdateStreamWarmThroughputInput mirrors the AWS UpdateStreamWarmThroughput
// request.
type UpdateStreamWarmThroughputInput struct {
	StreamName string
	StreamARN  string
	// WarmThroughputMiBps is the write throughput to scale to, in MiBps:
	// 0..MaxWarmThroughputMiBps. A nil pointer is a member left out.
	WarmThroughputMiBps *int
}

func (in *UpdateStreamWarmThroughputInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *UpdateStreamWarmThroughputInput) clipped() any {
	c := *in
	c.StreamName, c.StreamARN = clip(c.StreamName), clip(c.StreamARN)
	return &c
}

// UpdateStreamWarmThroughputOutput mirrors the AWS
// UpdateStreamWarmThroughput response.
type UpdateStreamWarmThroughputOutput struct {
	StreamName     string
	StreamARN      string
	WarmThroughput WarmThroughputObject
}

// UpdateStreamWarmThroughput scales an on-demand stream to a write
// throughput ahead of traffic, or releases what it no longer needs. The
// account needs its minimum throughput billing commitment enabled. The
// stream is UPDATING for the configured delay, reporting the previous
// throughput as current and the new one as target; reads and writes go
// on meanwhile.
func (k *Kinesis) UpdateStreamWarmThroughput(ctx context.Context, in *UpdateStreamWarmThroughputInput) (*UpdateStreamWarmThroughputOutput, error) {
	return call(k, ctx, OpUpdateStreamWarmThroughput, in, k.opUpdateStreamWarmThroughput)
}

// opUpdateStreamWarmThroughput is UpdateStreamWarmThroughput without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateStreamWarmThroughput(ctx context.Context, in *UpdateStreamWarmThroughputInput) (*UpdateStreamWarmThroughputOutput, error) {
	var v violations
	if in.WarmThroughputMiBps == nil {
		v = append(v, nullViolation("warmThroughputMiBps"))
	} else if *in.WarmThroughputMiBps < 0 {
		v = append(v, minValueViolation("warmThroughputMiBps", *in.WarmThroughputMiBps, 0))
	}
	s, err := k.streamFor(ctx, OpUpdateStreamWarmThroughput, in.StreamName, in.StreamARN, v)
	if err != nil {
		return nil, err
	}
	mibps := *in.WarmThroughputMiBps
	if mibps > MaxWarmThroughputMiBps {
		return nil, warmThroughputTooHigh(mibps)
	}
	now := k.cfg.clock.Now()
	if !k.commitmentEnabled(now) {
		return nil, commitmentRequired(s.name, k.cfg.accountID)
	}
	out := &UpdateStreamWarmThroughputOutput{StreamName: s.name, StreamARN: s.arn}
	err = s.update(func() error {
		if s.mode != StreamModeOnDemand {
			return notOnDemand(OpUpdateStreamWarmThroughput, s.name, k.cfg.accountID)
		}
		current := s.extras.warm.current(now)
		s.extras.warm = warmThroughput{target: mibps, previous: current, scaledAt: now.Add(k.cfg.delays.Updating)}
		out.WarmThroughput = WarmThroughputObject{CurrentMiBps: s.extras.warm.current(now), TargetMiBps: mibps}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
