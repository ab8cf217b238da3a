package minikinesis

import "context"

// RecordDistributionStrategy is how an on-demand stream places records on
// its shards, named as AWS names it.
type RecordDistributionStrategy string

// The record distribution strategies.
const (
	// RecordDistributionAuto has the service spread records evenly,
	// ignoring partition keys and explicit hash keys.
	RecordDistributionAuto RecordDistributionStrategy = "AUTO"
	// RecordDistributionUserPartitionKey places each record by its
	// partition key (or explicit hash key): the default.
	RecordDistributionUserPartitionKey RecordDistributionStrategy = "USER_PARTITION_KEY"
)

// distributionLocked is what DescribeStreamSummary reports: the strategy
// of an on-demand stream, nothing for a provisioned one. Caller holds s.mu.
func (s *Stream) distributionLocked() RecordDistributionStrategy {
	if s.mode != StreamModeOnDemand {
		return ""
	}
	if s.extras.distribution == "" {
		return RecordDistributionUserPartitionKey
	}
	return s.extras.distribution
}

// UpdateStreamRecordDistributionStrategyInput mirrors the AWS
// UpdateStreamRecordDistributionStrategy request.
type UpdateStreamRecordDistributionStrategyInput struct {
	StreamARN                  string
	RecordDistributionStrategy RecordDistributionStrategy
}

func (in *UpdateStreamRecordDistributionStrategyInput) target() callTarget {
	return callTarget{arn: in.StreamARN}
}

func (in *UpdateStreamRecordDistributionStrategyInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	c.RecordDistributionStrategy = RecordDistributionStrategy(clip(string(c.RecordDistributionStrategy)))
	return &c
}

// UpdateStreamRecordDistributionStrategy sets an on-demand stream's
// record distribution strategy. AWS applies it at once, without an
// UPDATING phase, to the records that arrive after it; a provisioned
// stream refuses AUTO. The model keeps and reports the strategy; it
// routes records by their keys under either (see the README).
func (k *Kinesis) UpdateStreamRecordDistributionStrategy(ctx context.Context, in *UpdateStreamRecordDistributionStrategyInput) error {
	return callErr(k, ctx, OpUpdateStreamRecordDistributionStrategy, in, k.opUpdateStreamRecordDistributionStrategy)
}

// opUpdateStreamRecordDistributionStrategy is UpdateStreamRecordDistributionStrategy without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateStreamRecordDistributionStrategy(ctx context.Context, in *UpdateStreamRecordDistributionStrategyInput) error {
	var v violations
	switch in.RecordDistributionStrategy {
	case "":
		v = append(v, nullViolation("recordDistributionStrategy"))
	case RecordDistributionAuto, RecordDistributionUserPartitionKey:
	default:
		v = append(v, enumViolation("recordDistributionStrategy", string(in.RecordDistributionStrategy), recordDistributionStrategies))
	}
	if in.StreamARN == "" {
		v = append(v, nullViolation("streamARN"))
	}
	s, err := k.streamFor(ctx, OpUpdateStreamRecordDistributionStrategy, "", in.StreamARN, v)
	if err != nil {
		return err
	}
	now := k.cfg.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.requireSettledLocked(now); err != nil {
		return err
	}
	if s.mode != StreamModeOnDemand && in.RecordDistributionStrategy == RecordDistributionAuto {
		return notOnDemand(OpUpdateStreamRecordDistributionStrategy, s.name, k.cfg.accountID)
	}
	s.extras.distribution = in.RecordDistributionStrategy
	return nil
}

const recordDistributionStrategies = "AUTO, USER_PARTITION_KEY"
