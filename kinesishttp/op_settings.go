package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type updateStreamModeIn struct {
	StreamARN         *string            `json:"StreamARN"`
	StreamModeDetails *streamModeDetails `json:"StreamModeDetails"`
}

func updateStreamModeRequest(in *updateStreamModeIn) (*minikinesis.UpdateStreamModeInput, error) {
	return &minikinesis.UpdateStreamModeInput{StreamARN: str(in.StreamARN), StreamModeDetails: modeIn(in.StreamModeDetails)}, nil
}

type updateMaxRecordSizeIn struct {
	StreamARN          *string `json:"StreamARN"`
	MaxRecordSizeInKiB *int    `json:"MaxRecordSizeInKiB"`
}

func updateMaxRecordSizeRequest(in *updateMaxRecordSizeIn) (*minikinesis.UpdateMaxRecordSizeInput, error) {
	return &minikinesis.UpdateMaxRecordSizeInput{StreamARN: str(in.StreamARN), MaxRecordSizeInKiB: num(in.MaxRecordSizeInKiB)}, nil
}

type encryptionIn struct {
	streamRef
	EncryptionType *string `json:"EncryptionType"`
	KeyId          *string `json:"KeyId"`
}

func startStreamEncryptionRequest(in *encryptionIn) (*minikinesis.StartStreamEncryptionInput, error) {
	return &minikinesis.StartStreamEncryptionInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		EncryptionType: minikinesis.EncryptionType(str(in.EncryptionType)), KeyId: str(in.KeyId)}, nil
}

func stopStreamEncryptionRequest(in *encryptionIn) (*minikinesis.StopStreamEncryptionInput, error) {
	return &minikinesis.StopStreamEncryptionInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		EncryptionType: minikinesis.EncryptionType(str(in.EncryptionType)), KeyId: str(in.KeyId)}, nil
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

func enableEnhancedMonitoringRequest(in *monitoringIn) (*minikinesis.EnableEnhancedMonitoringInput, error) {
	return &minikinesis.EnableEnhancedMonitoringInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), ShardLevelMetrics: in.ShardLevelMetrics}, nil
}

func disableEnhancedMonitoringRequest(in *monitoringIn) (*minikinesis.DisableEnhancedMonitoringInput, error) {
	return &minikinesis.DisableEnhancedMonitoringInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), ShardLevelMetrics: in.ShardLevelMetrics}, nil
}

// enhancedMonitoringResponse answers both EnableEnhancedMonitoring and
// DisableEnhancedMonitoring.
func enhancedMonitoringResponse(out *minikinesis.EnhancedMonitoringOutput) *monitoringOutput {
	return &monitoringOutput{StreamName: out.StreamName, StreamARN: out.StreamARN, CurrentShardLevelMetrics: out.CurrentShardLevelMetrics, DesiredShardLevelMetrics: out.DesiredShardLevelMetrics}
}
