package minikinesis

import (
	"context"
	"time"
)

// IncreaseStreamRetentionPeriodInput mirrors the AWS request of that name.
type IncreaseStreamRetentionPeriodInput struct {
	StreamName           string
	StreamARN            string
	RetentionPeriodHours int
}

func (in *IncreaseStreamRetentionPeriodInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *IncreaseStreamRetentionPeriodInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	return &c
}

// DecreaseStreamRetentionPeriodInput mirrors the AWS request of that name.
type DecreaseStreamRetentionPeriodInput struct {
	StreamName           string
	StreamARN            string
	RetentionPeriodHours int
}

func (in *DecreaseStreamRetentionPeriodInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *DecreaseStreamRetentionPeriodInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	return &c
}

// IncreaseStreamRetentionPeriod lengthens how long the stream keeps records,
// within 24..8760 hours. Records already past the old period stay gone.
func (k *Kinesis) IncreaseStreamRetentionPeriod(ctx context.Context, in *IncreaseStreamRetentionPeriodInput) error {
	return callErr(k, ctx, OpIncreaseStreamRetentionPeriod, in, k.opIncreaseStreamRetentionPeriod)
}

// opIncreaseStreamRetentionPeriod is IncreaseStreamRetentionPeriod without the observation layer (faults, call log, hooks).
func (k *Kinesis) opIncreaseStreamRetentionPeriod(ctx context.Context, in *IncreaseStreamRetentionPeriodInput) error {
	return k.changeRetention(ctx, in.StreamName, in.StreamARN, in.RetentionPeriodHours, true)
}

// DecreaseStreamRetentionPeriod shortens how long the stream keeps records,
// within 24..8760 hours. Records older than the new period are no longer
// returned from then on.
func (k *Kinesis) DecreaseStreamRetentionPeriod(ctx context.Context, in *DecreaseStreamRetentionPeriodInput) error {
	return callErr(k, ctx, OpDecreaseStreamRetentionPeriod, in, k.opDecreaseStreamRetentionPeriod)
}

// opDecreaseStreamRetentionPeriod is DecreaseStreamRetentionPeriod without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDecreaseStreamRetentionPeriod(ctx context.Context, in *DecreaseStreamRetentionPeriodInput) error {
	return k.changeRetention(ctx, in.StreamName, in.StreamARN, in.RetentionPeriodHours, false)
}

func (k *Kinesis) changeRetention(ctx context.Context, name, arn string, hours int, increase bool) error {
	op := OpDecreaseStreamRetentionPeriod
	if increase {
		op = OpIncreaseStreamRetentionPeriod
	}
	s, err := k.streamFor(ctx, op, name, arn, nil)
	if err != nil {
		return err
	}
	switch {
	case hours < MinRetentionHours:
		return retentionTooShort(hours)
	case hours > MaxRetentionHours:
		return retentionTooLong(hours)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.requireActiveLocked(k.cfg.clock.Now()); err != nil {
		return err
	}
	current := int(s.retention / time.Hour)
	if increase && hours < current {
		return retentionNotLonger(s.name, hours, current)
	}
	if !increase && hours > current {
		return retentionNotShorter(s.name, hours, current)
	}
	s.retention = hoursToDuration(hours)
	return nil
}
