package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

func init() {
	register("CreateStream", op(createStream))
	register("DeleteStream", op(deleteStream))
	register("DescribeStream", op(describeStream))
	register("DescribeStreamSummary", op(describeStreamSummary))
	register("ListStreams", op(listStreams))
	register("DescribeLimits", op(describeLimits))
}

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

func createStream(ctx context.Context, k *minikinesis.Kinesis, in *createStreamIn) (any, error) {
	if in.ShardCount != nil && *in.ShardCount < 1 {
		return nil, &minikinesis.ValidationException{Violations: []minikinesis.Violation{{Path: "shardCount", Value: itoa(*in.ShardCount),
			Constraint: "Member must have value greater than or equal to 1"}}}
	}
	return nil, k.CreateStream(ctx, &minikinesis.CreateStreamInput{
		StreamName: str(in.StreamName), ShardCount: num(in.ShardCount), StreamModeDetails: modeIn(in.StreamModeDetails),
		Tags: in.Tags, MaxRecordSizeInKiB: num(in.MaxRecordSizeInKiB),
	})
}

type deleteStreamIn struct {
	streamRef
	EnforceConsumerDeletion *bool `json:"EnforceConsumerDeletion"`
}

func deleteStream(ctx context.Context, k *minikinesis.Kinesis, in *deleteStreamIn) (any, error) {
	return nil, k.DeleteStream(ctx, &minikinesis.DeleteStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		EnforceConsumerDeletion: in.EnforceConsumerDeletion != nil && *in.EnforceConsumerDeletion})
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

func describeStream(ctx context.Context, k *minikinesis.Kinesis, in *describeStreamIn) (any, error) {
	if in.Limit != nil && *in.Limit < 1 {
		return nil, &minikinesis.ValidationException{Violations: []minikinesis.Violation{{Path: "limit", Value: itoa(*in.Limit),
			Constraint: "Member must have value greater than or equal to 1"}}}
	}
	out, err := k.DescribeStream(ctx, &minikinesis.DescribeStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		Limit: num(in.Limit), ExclusiveStartShardId: str(in.ExclusiveStartShardId)})
	if err != nil {
		return nil, err
	}
	d := out.StreamDescription
	return map[string]any{"StreamDescription": streamDescriptionOut{
		StreamName: d.StreamName, StreamARN: d.StreamARN, StreamStatus: string(d.StreamStatus),
		StreamModeDetails: streamModeDetails{StreamMode: string(d.StreamModeDetails.StreamMode)},
		Shards:            shardsOut(d.Shards), HasMoreShards: d.HasMoreShards, RetentionPeriodHours: d.RetentionPeriodHours,
		StreamCreationTimestamp: epochTime(d.StreamCreationTimestamp), EnhancedMonitoring: monitoringOut(d.EnhancedMonitoring),
		EncryptionType: string(d.EncryptionType), KeyId: optional(d.KeyId),
	}}, nil
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

func describeStreamSummary(ctx context.Context, k *minikinesis.Kinesis, in *streamRef) (any, error) {
	out, err := k.DescribeStreamSummary(ctx, &minikinesis.DescribeStreamSummaryInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN)})
	if err != nil {
		return nil, err
	}
	d := out.StreamDescriptionSummary
	return map[string]any{"StreamDescriptionSummary": streamSummaryOut{
		StreamName: d.StreamName, StreamARN: d.StreamARN, StreamStatus: string(d.StreamStatus),
		StreamModeDetails:    streamModeDetails{StreamMode: string(d.StreamModeDetails.StreamMode)},
		RetentionPeriodHours: d.RetentionPeriodHours, StreamCreationTimestamp: epochTime(d.StreamCreationTimestamp),
		EnhancedMonitoring: monitoringOut(d.EnhancedMonitoring), EncryptionType: string(d.EncryptionType), KeyId: optional(d.KeyId),
		OpenShardCount: d.OpenShardCount, ConsumerCount: d.ConsumerCount, MaxRecordSizeInKiB: d.MaxRecordSizeInKiB,
	}}, nil
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

func listStreams(ctx context.Context, k *minikinesis.Kinesis, in *listStreamsIn) (any, error) {
	if in.Limit != nil && *in.Limit < 1 {
		return nil, &minikinesis.ValidationException{Violations: []minikinesis.Violation{{Path: "limit", Value: itoa(*in.Limit),
			Constraint: "Member must have value greater than or equal to 1"}}}
	}
	out, err := k.ListStreams(ctx, &minikinesis.ListStreamsInput{Limit: num(in.Limit), ExclusiveStartStreamName: str(in.ExclusiveStartStreamName), NextToken: str(in.NextToken)})
	if err != nil {
		return nil, err
	}
	wire := &listStreamsOut{StreamNames: out.StreamNames, HasMoreStreams: out.HasMoreStreams, NextToken: optional(out.NextToken),
		StreamSummaries: make([]streamSummaryListOut, len(out.StreamSummaries))}
	for i, s := range out.StreamSummaries {
		wire.StreamSummaries[i] = streamSummaryListOut{StreamName: s.StreamName, StreamARN: s.StreamARN, StreamStatus: string(s.StreamStatus),
			StreamModeDetails: streamModeDetails{StreamMode: string(s.StreamModeDetails.StreamMode)}, StreamCreationTimestamp: epochTime(s.StreamCreationTimestamp)}
	}
	return wire, nil
}

type describeLimitsOut struct {
	ShardLimit               int `json:"ShardLimit"`
	OpenShardCount           int `json:"OpenShardCount"`
	OnDemandStreamCount      int `json:"OnDemandStreamCount"`
	OnDemandStreamCountLimit int `json:"OnDemandStreamCountLimit"`
}

func describeLimits(ctx context.Context, k *minikinesis.Kinesis, _ *struct{}) (any, error) {
	out, err := k.DescribeLimits(ctx)
	if err != nil {
		return nil, err
	}
	return &describeLimitsOut{ShardLimit: out.ShardLimit, OpenShardCount: out.OpenShardCount,
		OnDemandStreamCount: out.OnDemandStreamCount, OnDemandStreamCountLimit: out.OnDemandStreamCountLimit}, nil
}
