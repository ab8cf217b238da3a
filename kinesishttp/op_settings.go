package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type updateStreamModeIn struct {
	StreamARN         *string              `json:"StreamARN"`
	StreamModeDetails *streamModeDetailsIn `json:"StreamModeDetails"`
}

func updateStreamModeRequest(in *updateStreamModeIn, m *members) *minikinesis.UpdateStreamModeInput {
	if in.StreamModeDetails == nil {
		m.absent("streamModeDetails")
	}
	return &minikinesis.UpdateStreamModeInput{StreamARN: m.req("streamARN", in.StreamARN), StreamModeDetails: modeIn(in.StreamModeDetails, m)}
}

type updateMaxRecordSizeIn struct {
	StreamARN          *string `json:"StreamARN"`
	MaxRecordSizeInKiB *int    `json:"MaxRecordSizeInKiB"`
}

func updateMaxRecordSizeRequest(in *updateMaxRecordSizeIn, m *members) *minikinesis.UpdateMaxRecordSizeInput {
	return &minikinesis.UpdateMaxRecordSizeInput{StreamARN: m.req("streamARN", in.StreamARN), MaxRecordSizeInKiB: m.count("maxRecordSizeInKiB", in.MaxRecordSizeInKiB)}
}

type encryptionIn struct {
	streamRef
	EncryptionType *string `json:"EncryptionType"`
	KeyId          *string `json:"KeyId"`
}

func startStreamEncryptionRequest(in *encryptionIn, m *members) *minikinesis.StartStreamEncryptionInput {
	return &minikinesis.StartStreamEncryptionInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		EncryptionType: minikinesis.EncryptionType(m.req("encryptionType", in.EncryptionType)), KeyId: m.req("keyId", in.KeyId)}
}

func stopStreamEncryptionRequest(in *encryptionIn, m *members) *minikinesis.StopStreamEncryptionInput {
	return &minikinesis.StopStreamEncryptionInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		EncryptionType: minikinesis.EncryptionType(m.req("encryptionType", in.EncryptionType)), KeyId: m.req("keyId", in.KeyId)}
}

type monitoringIn struct {
	streamRef
	ShardLevelMetrics []string `json:"ShardLevelMetrics"`
}

type monitoringOutput struct {
	StreamName               string   `json:"StreamName"`
	StreamARN                string   `json:"StreamARN"`
	CurrentShardLevelMetrics []string `json:"CurrentShardLevelMetrics"`
	DesiredShardLevelMetrics []string `json:"DesiredShardLevelMetrics"`
}

func enableEnhancedMonitoringRequest(in *monitoringIn, m *members) *minikinesis.EnableEnhancedMonitoringInput {
	return &minikinesis.EnableEnhancedMonitoringInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		ShardLevelMetrics: m.list("shardLevelMetrics", in.ShardLevelMetrics)}
}

func disableEnhancedMonitoringRequest(in *monitoringIn, m *members) *minikinesis.DisableEnhancedMonitoringInput {
	return &minikinesis.DisableEnhancedMonitoringInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		ShardLevelMetrics: m.list("shardLevelMetrics", in.ShardLevelMetrics)}
}

// enhancedMonitoringResponse answers both EnableEnhancedMonitoring and
// DisableEnhancedMonitoring.
func enhancedMonitoringResponse(out *minikinesis.EnhancedMonitoringOutput) *monitoringOutput {
	return &monitoringOutput{StreamName: out.StreamName, StreamARN: out.StreamARN, CurrentShardLevelMetrics: out.CurrentShardLevelMetrics, DesiredShardLevelMetrics: out.DesiredShardLevelMetrics}
}
