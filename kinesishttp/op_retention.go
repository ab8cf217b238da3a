package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

func init() {
	register("IncreaseStreamRetentionPeriod", op(increaseRetention))
	register("DecreaseStreamRetentionPeriod", op(decreaseRetention))
}

type retentionIn struct {
	streamRef
	RetentionPeriodHours *int `json:"RetentionPeriodHours"`
}

func increaseRetention(ctx context.Context, k *minikinesis.Kinesis, in *retentionIn) (any, error) {
	if err := need(member{"retentionPeriodHours", in.RetentionPeriodHours == nil}); err != nil {
		return nil, err
	}
	return nil, k.IncreaseStreamRetentionPeriod(ctx, &minikinesis.IncreaseStreamRetentionPeriodInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), RetentionPeriodHours: *in.RetentionPeriodHours})
}

func decreaseRetention(ctx context.Context, k *minikinesis.Kinesis, in *retentionIn) (any, error) {
	if err := need(member{"retentionPeriodHours", in.RetentionPeriodHours == nil}); err != nil {
		return nil, err
	}
	return nil, k.DecreaseStreamRetentionPeriod(ctx, &minikinesis.DecreaseStreamRetentionPeriodInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), RetentionPeriodHours: *in.RetentionPeriodHours})
}
