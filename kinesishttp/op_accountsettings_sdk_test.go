package kinesishttp_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestE2EAccountSettingsAndWarmThroughput(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Updating: time.Minute})))
	c, ctx := srv.Client, t.Context()
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	require.NoError(t, err)

	settings, err := c.DescribeAccountSettings(ctx, &kinesis.DescribeAccountSettingsInput{})
	require.NoError(t, err)
	assert.Equal(t, &types.MinimumThroughputBillingCommitmentOutput{Status: types.MinimumThroughputBillingCommitmentOutputStatusDisabled}, settings.MinimumThroughputBillingCommitment)
	_, err = c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamName: aws.String("od"), WarmThroughputMiBps: aws.Int32(100)})
	requireAWSError[*types.InvalidArgumentException](t, err, "Warm throughput for stream od requires MinimumThroughputBillingCommitment to be enabled for account 000000000000.")

	now := srv.Clock.Now()
	up, err := c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{
		Status: types.MinimumThroughputBillingCommitmentInputStatusEnabled}})
	require.NoError(t, err)
	assert.Equal(t, types.MinimumThroughputBillingCommitmentOutputStatusEnabled, up.MinimumThroughputBillingCommitment.Status)
	assertTime(t, now, up.MinimumThroughputBillingCommitment.StartedAt)
	assertTime(t, now.Add(24*time.Hour), up.MinimumThroughputBillingCommitment.EarliestAllowedEndAt)
	assert.Nil(t, up.MinimumThroughputBillingCommitment.EndedAt)

	warm, err := c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamARN: aws.String(streamARN("od")), WarmThroughputMiBps: aws.Int32(100)})
	require.NoError(t, err)
	assert.Equal(t, "od", aws.ToString(warm.StreamName))
	assert.Equal(t, &types.WarmThroughputObject{CurrentMiBps: aws.Int32(0), TargetMiBps: aws.Int32(100)}, warm.WarmThroughput)
	d := summary(t, c, "od")
	assert.Equal(t, types.StreamStatusUpdating, d.StreamStatus)
	assert.Equal(t, &types.WarmThroughputObject{CurrentMiBps: aws.Int32(0), TargetMiBps: aws.Int32(100)}, d.WarmThroughput)
	assert.Equal(t, types.RecordDistributionStrategyUserPartitionKey, d.RecordDistributionStrategy)
	srv.Clock.Advance(time.Minute)
	assert.Equal(t, &types.WarmThroughputObject{CurrentMiBps: aws.Int32(100), TargetMiBps: aws.Int32(100)}, summary(t, c, "od").WarmThroughput)

	_, err = c.UpdateStreamRecordDistributionStrategy(ctx, &kinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: aws.String(streamARN("od")),
		RecordDistributionStrategy: types.RecordDistributionStrategyAuto})
	require.NoError(t, err)
	assert.Equal(t, types.RecordDistributionStrategyAuto, summary(t, c, "od").RecordDistributionStrategy)
	_, err = c.UpdateStreamRecordDistributionStrategy(ctx, &kinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: aws.String(streamARN("od")),
		RecordDistributionStrategy: "RANDOM"})
	requireValidation(t, err, "1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]")

	off, err := c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{
		Status: types.MinimumThroughputBillingCommitmentInputStatusDisabled}})
	require.NoError(t, err)
	assert.Equal(t, types.MinimumThroughputBillingCommitmentOutputStatusEnabledUntilEarliestAllowedEnd, off.MinimumThroughputBillingCommitment.Status)
	srv.Clock.Advance(24 * time.Hour)
	settings, err = c.DescribeAccountSettings(ctx, &kinesis.DescribeAccountSettingsInput{})
	require.NoError(t, err)
	assert.Equal(t, types.MinimumThroughputBillingCommitmentOutputStatusDisabled, settings.MinimumThroughputBillingCommitment.Status)
	assertTime(t, now.Add(24*time.Hour), settings.MinimumThroughputBillingCommitment.EndedAt)
	assert.Nil(t, summary(t, c, "od").WarmThroughput, "no warm throughput without the commitment")
}
