package minikinesis

import (
	"context"
	"strings"
	"time"
)

// EnhancedMetrics lists the shard-level metrics enabled on a stream.
type EnhancedMetrics struct {
	ShardLevelMetrics []string
}

// StreamDescription mirrors AWS's StreamDescription.
type StreamDescription struct {
	StreamName              string
	StreamARN               string
	StreamStatus            StreamStatus
	StreamModeDetails       StreamModeDetails
	Shards                  []Shard
	HasMoreShards           bool
	RetentionPeriodHours    int
	StreamCreationTimestamp time.Time
	EnhancedMonitoring      []EnhancedMetrics
	EncryptionType          EncryptionType
	KeyId                   string
}

// StreamDescriptionSummary mirrors AWS's StreamDescriptionSummary.
type StreamDescriptionSummary struct {
	StreamName              string
	StreamARN               string
	StreamStatus            StreamStatus
	StreamModeDetails       StreamModeDetails
	RetentionPeriodHours    int
	StreamCreationTimestamp time.Time
	EnhancedMonitoring      []EnhancedMetrics
	EncryptionType          EncryptionType
	KeyId                   string
	OpenShardCount          int
	ConsumerCount           int
	MaxRecordSizeInKiB      int
	// ChannelCount counts the stream's channels (op_channels.go).
	ChannelCount int
	// WarmThroughput is set for an on-demand stream of an account whose
	// minimum throughput billing commitment is in force.
	WarmThroughput *WarmThroughputObject
	// RecordDistributionStrategy is set for an on-demand stream.
	RecordDistributionStrategy RecordDistributionStrategy
}

// DescribeStreamInput mirrors the AWS DescribeStream request.
type DescribeStreamInput struct {
	StreamName string
	StreamARN  string
	// Limit caps the shards listed (1..10000; zero means 100).
	Limit int
	// ExclusiveStartShardId lists only shards after this one.
	ExclusiveStartShardId string
}

func (in *DescribeStreamInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *DescribeStreamInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ExclusiveStartShardId = clip(c.ExclusiveStartShardId)
	return &c
}

// DescribeStreamOutput mirrors the AWS DescribeStream response.
type DescribeStreamOutput struct {
	StreamDescription StreamDescription
}

// DescribeStreamSummaryInput mirrors the AWS DescribeStreamSummary request.
type DescribeStreamSummaryInput struct {
	StreamName string
	StreamARN  string
}

func (in *DescribeStreamSummaryInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *DescribeStreamSummaryInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	return &c
}

// DescribeStreamSummaryOutput mirrors the AWS DescribeStreamSummary response.
type DescribeStreamSummaryOutput struct {
	StreamDescriptionSummary StreamDescriptionSummary
}

const (
	defaultDescribeLimit = 100
	maxDescribeLimit     = 10000
)

// DescribeStream describes a stream and a page of its shards (open and
// closed, by index).
func (k *Kinesis) DescribeStream(ctx context.Context, in *DescribeStreamInput) (*DescribeStreamOutput, error) {
	return call(k, ctx, OpDescribeStream, in, k.opDescribeStream)
}

// opDescribeStream is DescribeStream without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDescribeStream(ctx context.Context, in *DescribeStreamInput) (*DescribeStreamOutput, error) {
	var v violations
	v.checkLimit("limit", in.Limit, maxDescribeLimit)
	v.checkName("exclusiveStartShardId", in.ExclusiveStartShardId)
	s, err := k.streamFor(ctx, OpDescribeStream, in.StreamName, in.StreamARN, v)
	if err != nil {
		return nil, err
	}
	limit := pageSize(in.Limit, defaultDescribeLimit)
	after := -1
	if in.ExclusiveStartShardId != "" {
		if idx, ok := parseShardIndex(in.ExclusiveStartShardId); ok {
			after = idx
		}
	}
	now := k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	sum := s.summaryLocked(now)
	d := StreamDescription{
		StreamName: sum.StreamName, StreamARN: sum.StreamARN, StreamStatus: sum.StreamStatus,
		StreamModeDetails: sum.StreamModeDetails, RetentionPeriodHours: sum.RetentionPeriodHours,
		StreamCreationTimestamp: sum.StreamCreationTimestamp, EnhancedMonitoring: sum.EnhancedMonitoring,
		EncryptionType: sum.EncryptionType, KeyId: sum.KeyId, Shards: []Shard{},
	}
	for _, sh := range s.shards[min(after+1, len(s.shards)):] {
		if len(d.Shards) == limit {
			d.HasMoreShards = true
			break
		}
		d.Shards = append(d.Shards, sh.describe())
	}
	return &DescribeStreamOutput{StreamDescription: d}, nil
}

// DescribeStreamSummary describes a stream without listing its shards.
func (k *Kinesis) DescribeStreamSummary(ctx context.Context, in *DescribeStreamSummaryInput) (*DescribeStreamSummaryOutput, error) {
	return call(k, ctx, OpDescribeStreamSummary, in, k.opDescribeStreamSummary)
}

// opDescribeStreamSummary is DescribeStreamSummary without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDescribeStreamSummary(ctx context.Context, in *DescribeStreamSummaryInput) (*DescribeStreamSummaryOutput, error) {
	s, err := k.streamFor(ctx, OpDescribeStreamSummary, in.StreamName, in.StreamARN, nil)
	if err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	return &DescribeStreamSummaryOutput{StreamDescriptionSummary: s.summaryLocked(now)}, nil
}

// summaryLocked describes the stream at now. Caller holds s.mu.
func (s *Stream) summaryLocked(now time.Time) StreamDescriptionSummary {
	return StreamDescriptionSummary{
		StreamName:                 s.name,
		StreamARN:                  s.arn,
		StreamStatus:               s.statusLocked(now),
		StreamModeDetails:          StreamModeDetails{StreamMode: s.mode},
		RetentionPeriodHours:       int(s.retention / time.Hour),
		StreamCreationTimestamp:    s.created,
		EnhancedMonitoring:         s.enhancedMonitoringLocked(),
		EncryptionType:             s.encryptionLocked(),
		KeyId:                      s.keyID,
		OpenShardCount:             s.open.Len(),
		ConsumerCount:              len(s.consumers),
		MaxRecordSizeInKiB:         int(s.maxRecordSize.Load() / 1024),
		ChannelCount:               s.k.channelsOfStream(s, now, true),
		WarmThroughput:             s.warmThroughputLocked(now),
		RecordDistributionStrategy: s.distributionLocked(),
	}
}

func (s *Stream) enhancedMonitoringLocked() []EnhancedMetrics {
	return []EnhancedMetrics{{ShardLevelMetrics: append([]string{}, s.shardLevelMetrics...)}}
}

// pageSize is how many items a page holds: the default when the caller
// gave none, and never more than the default, as AWS documents ("if you
// specify a value greater than 100, at most 100 results are returned").
func pageSize(asked, def int) int {
	if asked <= 0 || asked > def {
		return def
	}
	return asked
}

// checkLimit checks an optional page-size member: zero means "not given".
func (v *violations) checkLimit(path string, value, max int) {
	if value < 0 {
		*v = append(*v, minValueViolation(path, value, 1))
	}
	if value > max {
		*v = append(*v, maxValueViolation(path, value, max))
	}
}

// DescribeLimitsOutput mirrors the AWS DescribeLimits response.
type DescribeLimitsOutput struct {
	ShardLimit               int
	OpenShardCount           int
	OnDemandStreamCount      int
	OnDemandStreamCountLimit int
	// ChannelCount and ChannelCountLimit are the account's channels and
	// their quota.
	ChannelCount      int
	ChannelCountLimit int
}

// OnDemandStreamCountLimit is how many on-demand streams an account may have.
const OnDemandStreamCountLimit = 50

// DescribeLimits reports the account's shard quota and usage.
func (k *Kinesis) DescribeLimits(ctx context.Context) (*DescribeLimitsOutput, error) {
	return observe(k, ctx, OpDescribeLimits, nil, callTarget{}, func(ctx context.Context) (*DescribeLimitsOutput, error) {
		return k.opDescribeLimits(ctx)
	})
}

// opDescribeLimits is DescribeLimits without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDescribeLimits(ctx context.Context) (*DescribeLimitsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := k.rates.allow(k.cfg.clock.Now(), OpDescribeLimits, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	out := &DescribeLimitsOutput{ShardLimit: k.cfg.shardLimit, OnDemandStreamCountLimit: OnDemandStreamCountLimit,
		ChannelCount: k.channelCount(), ChannelCountLimit: MaxChannelsPerAccount}
	for _, s := range k.liveStreams() {
		s.mu.RLock()
		if s.mode == StreamModeOnDemand {
			out.OnDemandStreamCount++
		}
		s.mu.RUnlock()
	}
	k.mu.RLock()
	out.OpenShardCount = k.openShards
	k.mu.RUnlock()
	return out, nil
}

// StreamSummary mirrors AWS's StreamSummary, as ListStreams returns it.
type StreamSummary struct {
	StreamName              string
	StreamARN               string
	StreamStatus            StreamStatus
	StreamModeDetails       StreamModeDetails
	StreamCreationTimestamp time.Time
}

// ListStreamsInput mirrors the AWS ListStreams request.
type ListStreamsInput struct {
	// Limit caps the streams returned (1..10000; zero means 100).
	Limit int
	// ExclusiveStartStreamName lists only streams after this name.
	ExclusiveStartStreamName string
	// NextToken continues a previous listing.
	NextToken string
}

func (in *ListStreamsInput) target() callTarget { return callTarget{} }

func (in *ListStreamsInput) clipped() any {
	c := *in
	c.ExclusiveStartStreamName = clip(c.ExclusiveStartStreamName)
	c.NextToken = clip(c.NextToken)
	return &c
}

// ListStreamsOutput mirrors the AWS ListStreams response.
type ListStreamsOutput struct {
	StreamNames     []string
	HasMoreStreams  bool
	NextToken       string
	StreamSummaries []StreamSummary
}

// ListStreams lists the account's streams in name order, a page at a time.
func (k *Kinesis) ListStreams(ctx context.Context, in *ListStreamsInput) (*ListStreamsOutput, error) {
	return call(k, ctx, OpListStreams, in, k.opListStreams)
}

// opListStreams is ListStreams without the observation layer (faults, call log, hooks).
func (k *Kinesis) opListStreams(ctx context.Context, in *ListStreamsInput) (*ListStreamsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var v violations
	v.checkLimit("limit", in.Limit, maxDescribeLimit)
	v.checkName("exclusiveStartStreamName", in.ExclusiveStartStreamName)
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	if err := k.rates.allow(now, OpListStreams, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	after := in.ExclusiveStartStreamName
	if in.NextToken != "" {
		t, err := k.openPageToken(in.NextToken, sealStreamsToken, now)
		if err != nil {
			return nil, err
		}
		after = t.after
	}
	limit := pageSize(in.Limit, defaultDescribeLimit)
	out := &ListStreamsOutput{StreamNames: []string{}, StreamSummaries: []StreamSummary{}}
	for _, s := range k.liveStreams() {
		if after != "" && strings.Compare(s.name, after) <= 0 {
			continue
		}
		if len(out.StreamNames) == limit {
			out.HasMoreStreams = true
			last := out.StreamNames[len(out.StreamNames)-1]
			out.NextToken = k.sealPageToken(pageToken{kind: sealStreamsToken, after: last, issued: now.UnixNano()})
			break
		}
		s.mu.RLock()
		out.StreamNames = append(out.StreamNames, s.name)
		out.StreamSummaries = append(out.StreamSummaries, StreamSummary{
			StreamName: s.name, StreamARN: s.arn, StreamStatus: s.statusLocked(now),
			StreamModeDetails: StreamModeDetails{StreamMode: s.mode}, StreamCreationTimestamp: s.created,
		})
		s.mu.RUnlock()
	}
	return out, nil
}
