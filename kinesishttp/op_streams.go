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

func modeIn(d *streamModeDetails) *minikinesis.StreamModeDetails {
	if d == nil {
		return nil
	}
	return &minikinesis.StreamModeDetails{StreamMode: minikinesis.StreamMode(d.StreamMode)}
}

type createStreamIn struct {
	StreamName         *string            `json:"StreamName"`
	ShardCount         *int               `json:"ShardCount"`
	StreamModeDetails  *streamModeDetails `json:"StreamModeDetails"`
	Tags               map[string]string  `json:"Tags"`
	MaxRecordSizeInKiB *int               `json:"MaxRecordSizeInKiB"`
}

func createStreamRequest(in *createStreamIn) (*minikinesis.CreateStreamInput, error) {
	if err := atLeastOne("shardCount", in.ShardCount); err != nil {
		return nil, err
	}
	return &minikinesis.CreateStreamInput{
		StreamName: str(in.StreamName), ShardCount: num(in.ShardCount), StreamModeDetails: modeIn(in.StreamModeDetails),
		Tags: in.Tags, MaxRecordSizeInKiB: num(in.MaxRecordSizeInKiB),
	}, nil
}

type deleteStreamIn struct {
	streamRef
	EnforceConsumerDeletion *bool `json:"EnforceConsumerDeletion"`
}

func deleteStreamRequest(in *deleteStreamIn) (*minikinesis.DeleteStreamInput, error) {
	return &minikinesis.DeleteStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		EnforceConsumerDeletion: in.EnforceConsumerDeletion != nil && *in.EnforceConsumerDeletion}, nil
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

func describeStreamRequest(in *describeStreamIn) (*minikinesis.DescribeStreamInput, error) {
	if err := atLeastOne("limit", in.Limit); err != nil {
		return nil, err
	}
	return &minikinesis.DescribeStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		Limit: num(in.Limit), ExclusiveStartShardId: str(in.ExclusiveStartShardId)}, nil
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
}

func describeStreamSummaryRequest(in *streamRef) (*minikinesis.DescribeStreamSummaryInput, error) {
	return &minikinesis.DescribeStreamSummaryInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN)}, nil
}

func describeStreamSummaryResponse(out *minikinesis.DescribeStreamSummaryOutput) map[string]any {
	d := out.StreamDescriptionSummary
	return map[string]any{"StreamDescriptionSummary": streamSummaryOut{
		StreamName: d.StreamName, StreamARN: d.StreamARN, StreamStatus: string(d.StreamStatus),
		StreamModeDetails:    streamModeDetails{StreamMode: string(d.StreamModeDetails.StreamMode)},
		RetentionPeriodHours: d.RetentionPeriodHours, StreamCreationTimestamp: epochTime(d.StreamCreationTimestamp),
		EnhancedMonitoring: monitoringOut(d.EnhancedMonitoring), EncryptionType: string(d.EncryptionType), KeyId: optional(d.KeyId),
		OpenShardCount: d.OpenShardCount, ConsumerCount: d.ConsumerCount, MaxRecordSizeInKiB: d.MaxRecordSizeInKiB,
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

func listStreamsRequest(in *listStreamsIn) (*minikinesis.ListStreamsInput, error) {
	if err := atLeastOne("limit", in.Limit); err != nil {
		return nil, err
	}
	return &minikinesis.ListStreamsInput{Limit: num(in.Limit), ExclusiveStartStreamName: str(in.ExclusiveStartStreamName), NextToken: str(in.NextToken)}, nil
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
}

// describeLimitsRequest reads DescribeLimits, which has no members (the
// body must still be an object).
func describeLimitsRequest(*struct{}) (struct{}, error) { return struct{}{}, nil }

// describeLimits is the model's DescribeLimits, which takes no input, in
// the shape of the other calls.
func describeLimits(k *minikinesis.Kinesis, ctx context.Context, _ struct{}) (*minikinesis.DescribeLimitsOutput, error) {
	return k.DescribeLimits(ctx)
}

func describeLimitsResponse(out *minikinesis.DescribeLimitsOutput) *describeLimitsOut {
	return &describeLimitsOut{ShardLimit: out.ShardLimit, OpenShardCount: out.OpenShardCount,
		OnDemandStreamCount: out.OnDemandStreamCount, OnDemandStreamCountLimit: out.OnDemandStreamCountLimit}
}
