package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

// streamRef is the StreamName/StreamARN pair most requests carry.
type streamRef struct {
	StreamName *string `json:"StreamName"`
	StreamARN  *string `json:"StreamARN"`
}

type streamModeDetails struct {
	StreamMode string `json:"StreamMode"`
}

type streamModeDetailsIn struct {
	StreamMode *string `json:"StreamMode"`
}

func modeIn(d *streamModeDetailsIn, m *members) *minikinesis.StreamModeDetails {
	if d == nil {
		return nil
	}
	return &minikinesis.StreamModeDetails{StreamMode: minikinesis.StreamMode(m.req("streamModeDetails.streamMode", d.StreamMode))}
}

type createStreamIn struct {
	StreamName         *string              `json:"StreamName"`
	ShardCount         *int                 `json:"ShardCount"`
	StreamModeDetails  *streamModeDetailsIn `json:"StreamModeDetails"`
	Tags               map[string]string    `json:"Tags"`
	MaxRecordSizeInKiB *int                 `json:"MaxRecordSizeInKiB"`
}

func createStreamRequest(in *createStreamIn, m *members) *minikinesis.CreateStreamInput {
	return &minikinesis.CreateStreamInput{
		StreamName: m.req("streamName", in.StreamName), ShardCount: m.limit("shardCount", in.ShardCount),
		StreamModeDetails: modeIn(in.StreamModeDetails, m), Tags: m.tags("tags", in.Tags), MaxRecordSizeInKiB: num(in.MaxRecordSizeInKiB),
	}
}

type deleteStreamIn struct {
	streamRef
	EnforceConsumerDeletion *bool `json:"EnforceConsumerDeletion"`
}

func deleteStreamRequest(in *deleteStreamIn, m *members) *minikinesis.DeleteStreamInput {
	return &minikinesis.DeleteStreamInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		EnforceConsumerDeletion: in.EnforceConsumerDeletion != nil && *in.EnforceConsumerDeletion}
}

type enhancedMetricsOut struct {
	ShardLevelMetrics []string `json:"ShardLevelMetrics"`
}

func monitoringOut(m []minikinesis.EnhancedMetrics) []enhancedMetricsOut {
	out := make([]enhancedMetricsOut, len(m))
	for i, e := range m {
		out[i] = enhancedMetricsOut{ShardLevelMetrics: e.ShardLevelMetrics}
	}
	return out
}

type describeStreamIn struct {
	streamRef
	Limit                 *int    `json:"Limit"`
	ExclusiveStartShardId *string `json:"ExclusiveStartShardId"`
}

type streamDescriptionOut struct {
	StreamName              string               `json:"StreamName"`
	StreamARN               string               `json:"StreamARN"`
	StreamStatus            string               `json:"StreamStatus"`
	StreamModeDetails       streamModeDetails    `json:"StreamModeDetails"`
	Shards                  []shardOut           `json:"Shards"`
	HasMoreShards           bool                 `json:"HasMoreShards"`
	RetentionPeriodHours    int                  `json:"RetentionPeriodHours"`
	StreamCreationTimestamp epochTime            `json:"StreamCreationTimestamp"`
	EnhancedMonitoring      []enhancedMetricsOut `json:"EnhancedMonitoring"`
	EncryptionType          string               `json:"EncryptionType,omitempty"`
	KeyId                   *string              `json:"KeyId,omitempty"`
}

func describeStreamRequest(in *describeStreamIn, m *members) *minikinesis.DescribeStreamInput {
	return &minikinesis.DescribeStreamInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		Limit: m.limit("limit", in.Limit), ExclusiveStartShardId: m.opt("exclusiveStartShardId", in.ExclusiveStartShardId)}
}

func describeStreamResponse(out *minikinesis.DescribeStreamOutput) map[string]any {
	d := out.StreamDescription
	return map[string]any{"StreamDescription": streamDescriptionOut{
		StreamName: d.StreamName, StreamARN: d.StreamARN, StreamStatus: string(d.StreamStatus),
		StreamModeDetails: streamModeDetails{StreamMode: string(d.StreamModeDetails.StreamMode)},
		Shards:            shardsOut(d.Shards), HasMoreShards: d.HasMoreShards, RetentionPeriodHours: d.RetentionPeriodHours,
		StreamCreationTimestamp: epochTime(d.StreamCreationTimestamp), EnhancedMonitoring: monitoringOut(d.EnhancedMonitoring),
		EncryptionType: string(d.EncryptionType), KeyId: optional(d.KeyId),
	}}
}

type streamSummaryOut struct {
	StreamName              string               `json:"StreamName"`
	StreamARN               string               `json:"StreamARN"`
	StreamStatus            string               `json:"StreamStatus"`
	StreamModeDetails       streamModeDetails    `json:"StreamModeDetails"`
	RetentionPeriodHours    int                  `json:"RetentionPeriodHours"`
	StreamCreationTimestamp epochTime            `json:"StreamCreationTimestamp"`
	EnhancedMonitoring      []enhancedMetricsOut `json:"EnhancedMonitoring"`
	EncryptionType          string               `json:"EncryptionType,omitempty"`
	KeyId                   *string              `json:"KeyId,omitempty"`
	OpenShardCount          int                  `json:"OpenShardCount"`
	ConsumerCount           int                  `json:"ConsumerCount"`
	MaxRecordSizeInKiB      int                  `json:"MaxRecordSizeInKiB"`
	// The newer members (op_settings_newer.go, op_channels.go).
	ChannelCount               int                `json:"ChannelCount"`
	WarmThroughput             *warmThroughputOut `json:"WarmThroughput,omitempty"`
	RecordDistributionStrategy string             `json:"RecordDistributionStrategy,omitempty"`
}

func describeStreamSummaryRequest(in *streamRef, m *members) *minikinesis.DescribeStreamSummaryInput {
	return &minikinesis.DescribeStreamSummaryInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN)}
}

func describeStreamSummaryResponse(out *minikinesis.DescribeStreamSummaryOutput) map[string]any {
	d := out.StreamDescriptionSummary
	return map[string]any{"StreamDescriptionSummary": streamSummaryOut{
		StreamName: d.StreamName, StreamARN: d.StreamARN, StreamStatus: string(d.StreamStatus),
		StreamModeDetails:    streamModeDetails{StreamMode: string(d.StreamModeDetails.StreamMode)},
		RetentionPeriodHours: d.RetentionPeriodHours, StreamCreationTimestamp: epochTime(d.StreamCreationTimestamp),
		EnhancedMonitoring: monitoringOut(d.EnhancedMonitoring), EncryptionType: string(d.EncryptionType), KeyId: optional(d.KeyId),
		OpenShardCount: d.OpenShardCount, ConsumerCount: d.ConsumerCount, MaxRecordSizeInKiB: d.MaxRecordSizeInKiB,
		ChannelCount: d.ChannelCount, WarmThroughput: warmOut(d.WarmThroughput), RecordDistributionStrategy: string(d.RecordDistributionStrategy),
	}}
}

type listStreamsIn struct {
	Limit                    *int    `json:"Limit"`
	ExclusiveStartStreamName *string `json:"ExclusiveStartStreamName"`
	NextToken                *string `json:"NextToken"`
}

type streamSummaryListOut struct {
	StreamName              string            `json:"StreamName"`
	StreamARN               string            `json:"StreamARN"`
	StreamStatus            string            `json:"StreamStatus"`
	StreamModeDetails       streamModeDetails `json:"StreamModeDetails"`
	StreamCreationTimestamp epochTime         `json:"StreamCreationTimestamp"`
}

type listStreamsOut struct {
	StreamNames     []string               `json:"StreamNames"`
	HasMoreStreams  bool                   `json:"HasMoreStreams"`
	NextToken       *string                `json:"NextToken,omitempty"`
	StreamSummaries []streamSummaryListOut `json:"StreamSummaries"`
}

func listStreamsRequest(in *listStreamsIn, m *members) *minikinesis.ListStreamsInput {
	return &minikinesis.ListStreamsInput{Limit: m.limit("limit", in.Limit),
		ExclusiveStartStreamName: m.opt("exclusiveStartStreamName", in.ExclusiveStartStreamName), NextToken: m.opt("nextToken", in.NextToken)}
}

func listStreamsResponse(out *minikinesis.ListStreamsOutput) *listStreamsOut {
	wire := &listStreamsOut{StreamNames: out.StreamNames, HasMoreStreams: out.HasMoreStreams, NextToken: optional(out.NextToken),
		StreamSummaries: make([]streamSummaryListOut, len(out.StreamSummaries))}
	for i, s := range out.StreamSummaries {
		wire.StreamSummaries[i] = streamSummaryListOut{StreamName: s.StreamName, StreamARN: s.StreamARN, StreamStatus: string(s.StreamStatus),
			StreamModeDetails: streamModeDetails{StreamMode: string(s.StreamModeDetails.StreamMode)}, StreamCreationTimestamp: epochTime(s.StreamCreationTimestamp)}
	}
	return wire
}

type describeLimitsOut struct {
	ShardLimit               int `json:"ShardLimit"`
	OpenShardCount           int `json:"OpenShardCount"`
	OnDemandStreamCount      int `json:"OnDemandStreamCount"`
	OnDemandStreamCountLimit int `json:"OnDemandStreamCountLimit"`
	ChannelCount             int `json:"ChannelCount"`
	ChannelCountLimit        int `json:"ChannelCountLimit"`
}

// describeLimitsRequest reads DescribeLimits, which has no members (the
// body must still be an object).
func describeLimitsRequest(*struct{}, *members) struct{} { return struct{}{} }

// describeLimits is the model's DescribeLimits, which takes no input, in
// the shape of the other calls.
func describeLimits(k *minikinesis.Kinesis, ctx context.Context, _ struct{}) (*minikinesis.DescribeLimitsOutput, error) {
	return k.DescribeLimits(ctx)
}

func describeLimitsResponse(out *minikinesis.DescribeLimitsOutput) *describeLimitsOut {
	return &describeLimitsOut{ShardLimit: out.ShardLimit, OpenShardCount: out.OpenShardCount,
		OnDemandStreamCount: out.OnDemandStreamCount, OnDemandStreamCountLimit: out.OnDemandStreamCountLimit,
		ChannelCount: out.ChannelCount, ChannelCountLimit: out.ChannelCountLimit}
}
