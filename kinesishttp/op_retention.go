package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type retentionIn struct {
	streamRef
	RetentionPeriodHours *int `json:"RetentionPeriodHours"`
}

func increaseRetentionRequest(in *retentionIn) (*minikinesis.IncreaseStreamRetentionPeriodInput, error) {
	if err := need(member{"retentionPeriodHours", in.RetentionPeriodHours == nil}); err != nil {
		return nil, err
	}
	return &minikinesis.IncreaseStreamRetentionPeriodInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), RetentionPeriodHours: *in.RetentionPeriodHours}, nil
}

func decreaseRetentionRequest(in *retentionIn) (*minikinesis.DecreaseStreamRetentionPeriodInput, error) {
	if err := need(member{"retentionPeriodHours", in.RetentionPeriodHours == nil}); err != nil {
		return nil, err
	}
	return &minikinesis.DecreaseStreamRetentionPeriodInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), RetentionPeriodHours: *in.RetentionPeriodHours}, nil
}
