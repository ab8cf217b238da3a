package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

func init() {
	register("UpdateStreamMode", op(updateStreamMode))
	register("UpdateMaxRecordSize", op(updateMaxRecordSize))
	register("StartStreamEncryption", op(startStreamEncryption))
	register("StopStreamEncryption", op(stopStreamEncryption))
	register("EnableEnhancedMonitoring", op(enableEnhancedMonitoring))
	register("DisableEnhancedMonitoring", op(disableEnhancedMonitoring))
}

type updateStreamModeIn struct {
	StreamARN         *string            `json:"StreamARN"`
	StreamModeDetails *streamModeDetails `json:"StreamModeDetails"`
}

func updateStreamMode(ctx context.Context, k *minikinesis.Kinesis, in *updateStreamModeIn) (any, error) {
	return nil, k.UpdateStreamMode(ctx, &minikinesis.UpdateStreamModeInput{StreamARN: str(in.StreamARN), StreamModeDetails: modeIn(in.StreamModeDetails)})
}

type updateMaxRecordSizeIn struct {
	StreamARN          *string `json:"StreamARN"`
	MaxRecordSizeInKiB *int    `json:"MaxRecordSizeInKiB"`
}

func updateMaxRecordSize(ctx context.Context, k *minikinesis.Kinesis, in *updateMaxRecordSizeIn) (any, error) {
	return nil, k.UpdateMaxRecordSize(ctx, &minikinesis.UpdateMaxRecordSizeInput{StreamARN: str(in.StreamARN), MaxRecordSizeInKiB: num(in.MaxRecordSizeInKiB)})
}

type encryptionIn struct {
	streamRef
	EncryptionType *string `json:"EncryptionType"`
	KeyId          *string `json:"KeyId"`
}

func startStreamEncryption(ctx context.Context, k *minikinesis.Kinesis, in *encryptionIn) (any, error) {
	return nil, k.StartStreamEncryption(ctx, &minikinesis.StartStreamEncryptionInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		EncryptionType: minikinesis.EncryptionType(str(in.EncryptionType)), KeyId: str(in.KeyId)})
}

func stopStreamEncryption(ctx context.Context, k *minikinesis.Kinesis, in *encryptionIn) (any, error) {
	return nil, k.StopStreamEncryption(ctx, &minikinesis.StopStreamEncryptionInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		EncryptionType: minikinesis.EncryptionType(str(in.EncryptionType)), KeyId: str(in.KeyId)})
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

func enableEnhancedMonitoring(ctx context.Context, k *minikinesis.Kinesis, in *monitoringIn) (any, error) {
	out, err := k.EnableEnhancedMonitoring(ctx, &minikinesis.EnableEnhancedMonitoringInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), ShardLevelMetrics: in.ShardLevelMetrics})
	if err != nil {
		return nil, err
	}
	return &monitoringOutput{StreamName: out.StreamName, StreamARN: out.StreamARN, CurrentShardLevelMetrics: out.CurrentShardLevelMetrics, DesiredShardLevelMetrics: out.DesiredShardLevelMetrics}, nil
}

func disableEnhancedMonitoring(ctx context.Context, k *minikinesis.Kinesis, in *monitoringIn) (any, error) {
	out, err := k.DisableEnhancedMonitoring(ctx, &minikinesis.DisableEnhancedMonitoringInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), ShardLevelMetrics: in.ShardLevelMetrics})
	if err != nil {
		return nil, err
	}
	return &monitoringOutput{StreamName: out.StreamName, StreamARN: out.StreamARN, CurrentShardLevelMetrics: out.CurrentShardLevelMetrics, DesiredShardLevelMetrics: out.DesiredShardLevelMetrics}, nil
}
