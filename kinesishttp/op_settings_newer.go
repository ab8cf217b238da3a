package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type updateStreamWarmThroughputIn struct {
	streamRef
	WarmThroughputMiBps *int    `json:"WarmThroughputMiBps"`
	StreamId            *string `json:"StreamId"` // reserved by AWS; ignored
}

type warmThroughputOut struct {
	CurrentMiBps *int `json:"CurrentMiBps,omitempty"`
	TargetMiBps  *int `json:"TargetMiBps,omitempty"`
}

type updateStreamWarmThroughputOut struct {
	StreamName     string            `json:"StreamName"`
	StreamARN      string            `json:"StreamARN"`
	WarmThroughput warmThroughputOut `json:"WarmThroughput"`
}

func warmOut(w *minikinesis.WarmThroughputObject) *warmThroughputOut {
	if w == nil {
		return nil
	}
	return &warmThroughputOut{CurrentMiBps: &w.CurrentMiBps, TargetMiBps: &w.TargetMiBps}
}

func updateStreamWarmThroughputRequest(in *updateStreamWarmThroughputIn, m *members) *minikinesis.UpdateStreamWarmThroughputInput {
	if in.WarmThroughputMiBps == nil {
		m.absent("warmThroughputMiBps")
	}
	return &minikinesis.UpdateStreamWarmThroughputInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		WarmThroughputMiBps: in.WarmThroughputMiBps}
}

func updateStreamWarmThroughputResponse(out *minikinesis.UpdateStreamWarmThroughputOutput) *updateStreamWarmThroughputOut {
	return &updateStreamWarmThroughputOut{StreamName: out.StreamName, StreamARN: out.StreamARN, WarmThroughput: *warmOut(&out.WarmThroughput)}
}

type updateStreamRecordDistributionStrategyIn struct {
	StreamARN                  *string `json:"StreamARN"`
	RecordDistributionStrategy *string `json:"RecordDistributionStrategy"`
	StreamId                   *string `json:"StreamId"` // reserved by AWS; ignored
}

func updateStreamRecordDistributionStrategyRequest(in *updateStreamRecordDistributionStrategyIn, m *members) *minikinesis.UpdateStreamRecordDistributionStrategyInput {
	return &minikinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: m.req("streamARN", in.StreamARN),
		RecordDistributionStrategy: minikinesis.RecordDistributionStrategy(m.req("recordDistributionStrategy", in.RecordDistributionStrategy))}
}
