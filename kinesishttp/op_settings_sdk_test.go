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

func TestE2EUpdateStreamMode(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Updating: time.Second})))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)

	_, err := c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN("s")),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	require.NoError(t, err)
	d := summary(t, c, "s")
	assert.Equal(t, types.StreamStatusUpdating, d.StreamStatus)
	assert.Equal(t, &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}, d.StreamModeDetails)
	assert.Equal(t, aws.Int32(2), d.OpenShardCount, "the shards stay as they are")
	srv.Clock.Advance(time.Second)
	assert.Equal(t, types.StreamStatusActive, summary(t, c, "s").StreamStatus)
	limits, err := c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(1), limits.OnDemandStreamCount)

	_, err = c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN("s")),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	requireAWSError[*types.InvalidArgumentException](t, err, "Stream s under account 000000000000 is already in ON_DEMAND mode.")

	// Resharding an on-demand stream is refused.
	_, err = c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(3), ScalingType: types.ScalingTypeUniformScaling})
	requireValidation(t, err, "1 validation error detected: Value 'ON_DEMAND' at 'streamModeDetails' failed to satisfy constraint: UpdateShardCount is not supported for streams in ON_DEMAND capacity mode")
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
	requireValidation(t, err, "1 validation error detected: Value 'ON_DEMAND' at 'streamModeDetails' failed to satisfy constraint: SplitShard is not supported for streams in ON_DEMAND capacity mode")
	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(1))})
	requireValidation(t, err, "1 validation error detected: Value 'ON_DEMAND' at 'streamModeDetails' failed to satisfy constraint: MergeShards is not supported for streams in ON_DEMAND capacity mode")

	_, err = c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN("s")),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}})
	require.NoError(t, err)
	assert.Equal(t, &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}, summary(t, c, "s").StreamModeDetails)
	_, err = c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN("s")),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	requireAWSError[*types.ResourceInUseException](t, err, "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING")

	_, err = c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN("nope")),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
}

func TestE2EUpdateMaxRecordSize(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)

	big := make([]byte, 1536*1024)
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: big})
	requireValidation(t, err, "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1572864 cap=1572864]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")

	_, err = c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(streamARN("s")), MaxRecordSizeInKiB: aws.Int32(2048)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(2048), summary(t, c, "s").MaxRecordSizeInKiB)

	// A 1.5 MiB record now fits, even though a shard takes 1 MiB/s.
	out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: big})
	require.NoError(t, err)
	assert.Equal(t, shardID(0), aws.ToString(out.ShardId))
	recs, err := srv.Stream("s").ShardRecords(shardID(0))
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Len(t, recs[0].Data, len(big))

	_, err = c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(streamARN("s")), MaxRecordSizeInKiB: aws.Int32(1023)})
	requireValidation(t, err, "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024")
	_, err = c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(streamARN("s")), MaxRecordSizeInKiB: aws.Int32(10241)})
	requireValidation(t, err, "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240")
	_, err = c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(streamARN("nope")), MaxRecordSizeInKiB: aws.Int32(2048)})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
}

func TestE2EStreamEncryption(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	put := func(data string) *kinesis.PutRecordOutput {
		out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte(data)})
		require.NoError(t, err)
		return out
	}
	assert.Equal(t, types.EncryptionTypeNone, put("plain").EncryptionType)

	_, err := c.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: aws.String("s"),
		EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")})
	require.NoError(t, err)
	d, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, types.EncryptionTypeKms, d.StreamDescription.EncryptionType)
	assert.Equal(t, aws.String("alias/aws/kinesis"), d.StreamDescription.KeyId)
	sum := summary(t, c, "s")
	assert.Equal(t, types.EncryptionTypeKms, sum.EncryptionType)
	assert.Equal(t, aws.String("alias/aws/kinesis"), sum.KeyId)

	assert.Equal(t, types.EncryptionTypeKms, put("secret").EncryptionType)
	batch, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"),
		Records: []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: []byte("secret2")}}})
	require.NoError(t, err)
	assert.Equal(t, types.EncryptionTypeKms, batch.EncryptionType)

	_, err = c.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamARN: aws.String(streamARN("s")),
		EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")})
	require.NoError(t, err)
	sum = summary(t, c, "s")
	assert.Equal(t, types.EncryptionTypeNone, sum.EncryptionType)
	assert.Nil(t, sum.KeyId)
	assert.Equal(t, types.EncryptionTypeNone, put("plain again").EncryptionType)

	// Each record keeps the encryption it was written with.
	it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shardID(0)), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	var got []types.EncryptionType
	for _, r := range recs.Records {
		got = append(got, r.EncryptionType)
	}
	assert.Equal(t, []types.EncryptionType{"", types.EncryptionTypeKms, types.EncryptionTypeKms, ""}, got)

	_, err = c.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: aws.String("s"),
		EncryptionType: types.EncryptionTypeNone, KeyId: aws.String("k")})
	requireAWSError[*types.InvalidArgumentException](t, err, "Encryption type NONE is not supported for StartStreamEncryption; use KMS.")
	_, err = c.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: aws.String("s"),
		EncryptionType: "AES", KeyId: aws.String("k")})
	requireValidation(t, err, "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]")
}

func TestE2EEnhancedMonitoring(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	all := []types.MetricsName{"IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
		"WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds"}

	on, err := c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String("s"),
		ShardLevelMetrics: []types.MetricsName{types.MetricsNameOutgoingRecords, types.MetricsNameIncomingBytes}})
	require.NoError(t, err)
	assert.Equal(t, "s", aws.ToString(on.StreamName))
	assert.Equal(t, streamARN("s"), aws.ToString(on.StreamARN))
	assert.Empty(t, on.CurrentShardLevelMetrics)
	assert.Equal(t, []types.MetricsName{types.MetricsNameIncomingBytes, types.MetricsNameOutgoingRecords}, on.DesiredShardLevelMetrics, "AWS's order")

	on, err = c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamARN: aws.String(streamARN("s")),
		ShardLevelMetrics: []types.MetricsName{types.MetricsNameAll}})
	require.NoError(t, err)
	assert.Equal(t, []types.MetricsName{types.MetricsNameIncomingBytes, types.MetricsNameOutgoingRecords}, on.CurrentShardLevelMetrics)
	assert.Equal(t, all, on.DesiredShardLevelMetrics)

	off, err := c.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamName: aws.String("s"),
		ShardLevelMetrics: []types.MetricsName{types.MetricsNameIncomingBytes, types.MetricsNameIteratorAgeMilliseconds}})
	require.NoError(t, err)
	assert.Equal(t, "s", aws.ToString(off.StreamName))
	assert.Equal(t, streamARN("s"), aws.ToString(off.StreamARN))
	assert.Equal(t, all, off.CurrentShardLevelMetrics)
	assert.Equal(t, all[1:6], off.DesiredShardLevelMetrics)

	d, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, []types.EnhancedMetrics{{ShardLevelMetrics: all[1:6]}}, d.StreamDescription.EnhancedMonitoring)
	assert.Equal(t, []types.EnhancedMetrics{{ShardLevelMetrics: all[1:6]}}, summary(t, c, "s").EnhancedMonitoring)

	off, err = c.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamName: aws.String("s"),
		ShardLevelMetrics: []types.MetricsName{types.MetricsNameAll}})
	require.NoError(t, err)
	assert.Empty(t, off.DesiredShardLevelMetrics)

	_, err = c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String("s"),
		ShardLevelMetrics: []types.MetricsName{"Bogus"}})
	requireValidation(t, err, "1 validation error detected: Value '[Bogus]' at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]]")
	_, err = c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String("s"),
		ShardLevelMetrics: []types.MetricsName{}})
	requireValidation(t, err, "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1")
	_, err = c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String("nope"),
		ShardLevelMetrics: []types.MetricsName{types.MetricsNameAll}})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
}
