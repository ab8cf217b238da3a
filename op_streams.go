package minikinesis

import (
	"context"
	"time"
)

// StreamMode is how a stream's capacity is managed.
type StreamMode string

// The capacity modes AWS offers.
const (
	StreamModeProvisioned StreamMode = "PROVISIONED"
	StreamModeOnDemand    StreamMode = "ON_DEMAND"
)

// StreamModeDetails mirrors AWS's StreamModeDetails.
type StreamModeDetails struct {
	StreamMode StreamMode
}

const (
	// MaxShardCount is the largest ShardCount or TargetShardCount a request
	// may name, as AWS's API model bounds it.
	MaxShardCount = 100000
	// OnDemandInitialShards is how many shards an on-demand stream created
	// without a ShardCount starts with.
	OnDemandInitialShards = 4
	// MinMaxRecordSizeInKiB is the smallest MaxRecordSizeInKiB (1 MiB).
	MinMaxRecordSizeInKiB = 1024
	// MaxMaxRecordSizeInKiB is the largest MaxRecordSizeInKiB (10 MiB).
	MaxMaxRecordSizeInKiB = 10240
	// maxStreamsCreating is how many streams may be CREATING at once.
	maxStreamsCreating = 5
)

// CreateStreamInput mirrors the AWS CreateStream request.
type CreateStreamInput struct {
	// StreamName names the stream: 1..128 characters of [a-zA-Z0-9_.-].
	StreamName string
	// ShardCount is the number of shards the stream starts with. Required
	// for PROVISIONED streams; ON_DEMAND streams default to 4.
	ShardCount int
	// StreamModeDetails picks PROVISIONED (the default) or ON_DEMAND.
	StreamModeDetails *StreamModeDetails
	// Tags are set on the stream as it is created (at most 50).
	Tags map[string]string
	// MaxRecordSizeInKiB raises the stream's record size limit (1024..10240);
	// zero keeps the account's default.
	MaxRecordSizeInKiB int
}

func (in *CreateStreamInput) target() callTarget { return callTarget{name: in.StreamName} }

func (in *CreateStreamInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamModeDetails = c.StreamModeDetails.clipped()
	c.Tags = clipMap(c.Tags)
	return &c
}

// CreateStream creates a stream whose shards divide the hash key space
// equally (see SplitHashKeySpace). It is CREATING for the configured delay
// (default none), then ACTIVE.
func (k *Kinesis) CreateStream(ctx context.Context, in *CreateStreamInput) error {
	return callErr(k, ctx, OpCreateStream, in, k.opCreateStream)
}

// opCreateStream is CreateStream without the observation layer (faults, call log, hooks).
func (k *Kinesis) opCreateStream(ctx context.Context, in *CreateStreamInput) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := k.createStream(ctx, in, false)
	return err
}

// createStream validates in and adds its stream. A stream made ready is
// ACTIVE at once and is not counted against the CREATING limit or the
// control-plane rates: it stands for one created before the test began.
func (k *Kinesis) createStream(ctx context.Context, in *CreateStreamInput, ready bool) (*Stream, error) {
	spec := streamSpec{name: in.StreamName, shardCount: in.ShardCount, mode: StreamModeProvisioned, maxRecordSize: k.cfg.limits.MaxRecordSize}
	var v violations
	if in.ShardCount < 0 {
		v = append(v, minValueViolation("shardCount", in.ShardCount, 1))
	} else if in.ShardCount > MaxShardCount {
		v = append(v, maxValueViolation("shardCount", in.ShardCount, MaxShardCount))
	}
	if in.StreamModeDetails != nil {
		spec.mode = in.StreamModeDetails.StreamMode
		v.checkStreamMode("streamModeDetails.streamMode", spec.mode)
	}
	v.checkMaxRecordSizeInKiB(in.MaxRecordSizeInKiB)
	if in.StreamName == "" {
		v = append(v, nullViolation("streamName"))
	} else {
		v.checkName("streamName", in.StreamName)
	}
	v.checkTagMap("tags", in.Tags)
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	if err := checkTagCharacters("add", in.StreamName, k.cfg.accountID, tagStrings(in.Tags)...); err != nil {
		return nil, err
	}
	if len(in.Tags) > maxTagsPerStream {
		return nil, tooManyTags(in.StreamName, k.cfg.accountID)
	}
	switch {
	case spec.shardCount == 0 && in.StreamModeDetails == nil:
		// Neither a shard count nor a mode: AWS creates an on-demand stream.
		spec.mode, spec.shardCount = StreamModeOnDemand, OnDemandInitialShards
	case spec.shardCount == 0 && spec.mode == StreamModeOnDemand:
		spec.shardCount = OnDemandInitialShards
	case spec.shardCount == 0:
		return nil, shardCountRequired()
	}
	if in.MaxRecordSizeInKiB != 0 {
		spec.maxRecordSize = in.MaxRecordSizeInKiB * 1024
	}
	spec.tags = make(map[string]string, len(in.Tags))
	for key, value := range in.Tags {
		spec.tags[key] = value
	}
	if !ready {
		if err := k.rates.allow(k.cfg.clock.Now(), OpCreateStream, in.StreamName, k.cfg.accountID); err != nil {
			return nil, err
		}
	}
	if spec.mode == StreamModeOnDemand {
		if err := k.checkOnDemandQuota(nil); err != nil {
			return nil, err
		}
	}

	live := k.liveStreams() // purges finished deletions first
	now := k.cfg.clock.Now()
	creating := 0
	for _, s := range live {
		if s.Status() == StreamStatusCreating {
			creating++
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, exists := k.streams[in.StreamName]; exists {
		return nil, streamAlreadyExists(in.StreamName, k.cfg.accountID)
	}
	if creating >= maxStreamsCreating && !ready {
		return nil, tooManyStreamsCreating(k.cfg.accountID)
	}
	if spec.shardCount > k.cfg.shardLimit-k.openShards { // never overflows: both sides are bounded

		return nil, shardLimitExceeded(k.cfg.accountID, k.cfg.region, k.openShards, k.cfg.shardLimit, spec.shardCount)
	}
	st := newStream(k, spec, now)
	if ready {
		st.enterLocked(StreamStatusActive, now, 0)
	}
	k.streams[in.StreamName] = st
	k.openShards += spec.shardCount
	return st, nil
}

func (v *violations) checkStreamMode(path string, mode StreamMode) {
	if mode != StreamModeProvisioned && mode != StreamModeOnDemand {
		*v = append(*v, enumViolation(path, string(mode), "PROVISIONED, ON_DEMAND"))
	}
}

func (v *violations) checkMaxRecordSizeInKiB(kib int) {
	if kib == 0 {
		return
	}
	if kib < MinMaxRecordSizeInKiB {
		*v = append(*v, minValueViolation("maxRecordSizeInKiB", kib, MinMaxRecordSizeInKiB))
	}
	if kib > MaxMaxRecordSizeInKiB {
		*v = append(*v, maxValueViolation("maxRecordSizeInKiB", kib, MaxMaxRecordSizeInKiB))
	}
}

// DeleteStreamInput mirrors the AWS DeleteStream request.
type DeleteStreamInput struct {
	StreamName string
	StreamARN  string
	// EnforceConsumerDeletion deletes the stream's registered consumers with
	// it; without it, a stream that has consumers cannot be deleted.
	EnforceConsumerDeletion bool
}

func (in *DeleteStreamInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *DeleteStreamInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	return &c
}

// DeleteStream deletes a stream and all its records. The stream is DELETING
// for the configured delay (default none), refusing writes, then gone.
func (k *Kinesis) DeleteStream(ctx context.Context, in *DeleteStreamInput) error {
	return callErr(k, ctx, OpDeleteStream, in, k.opDeleteStream)
}

// opDeleteStream is DeleteStream without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDeleteStream(ctx context.Context, in *DeleteStreamInput) error {
	s, err := k.streamFor(ctx, OpDeleteStream, in.StreamName, in.StreamARN, nil)
	if err != nil {
		return err
	}
	now := k.cfg.clock.Now()
	s.mu.Lock()
	switch s.statusLocked(now) {
	case "":
		s.mu.Unlock()
		return streamNotFound(s.name, k.cfg.accountID)
	case StreamStatusDeleting:
		s.mu.Unlock()
		return nil
	}
	if n := k.channelsOfStream(s, now, false); n > 0 {
		s.mu.Unlock()
		return streamHasChannels(s.name, k.cfg.accountID, n)
	}
	if err := s.deleteConsumersLocked(in.EnforceConsumerDeletion); err != nil {
		s.mu.Unlock()
		return err
	}
	released := s.open.Len()
	if k.cfg.delays.Deleting > 0 {
		s.enterLocked(StreamStatusDeleting, now, k.cfg.delays.Deleting)
	} else {
		s.gone = true
	}
	s.mu.Unlock()

	k.mu.Lock()
	k.openShards -= released
	k.mu.Unlock()
	if k.cfg.delays.Deleting == 0 {
		k.purge(s)
	}
	return nil
}

// StateDelays are how long streams stay in each transitional state, on the
// model's clock. The zero value makes every transition instant.
type StateDelays struct {
	Creating time.Duration
	Updating time.Duration
	Deleting time.Duration
	// ConsumerCreating and ConsumerDeleting are the same for enhanced
	// fan-out consumers.
	ConsumerCreating time.Duration
	ConsumerDeleting time.Duration
}

// WithStateDelays sets how long streams stay CREATING, UPDATING and
// DELETING, and consumers CREATING and DELETING. Default: zero, every
// transition instant.
func WithStateDelays(d StateDelays) Option {
	return func(cfg *config) { cfg.delays = d }
}
