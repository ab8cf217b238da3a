package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type retentionIn struct {
	streamRef
	RetentionPeriodHours *int `json:"RetentionPeriodHours"`
}

func increaseRetentionRequest(in *retentionIn, m *members) *minikinesis.IncreaseStreamRetentionPeriodInput {
	return &minikinesis.IncreaseStreamRetentionPeriodInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		RetentionPeriodHours: m.count("retentionPeriodHours", in.RetentionPeriodHours)}
}

func decreaseRetentionRequest(in *retentionIn, m *members) *minikinesis.DecreaseStreamRetentionPeriodInput {
	return &minikinesis.DecreaseStreamRetentionPeriodInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		RetentionPeriodHours: m.count("retentionPeriodHours", in.RetentionPeriodHours)}
}
