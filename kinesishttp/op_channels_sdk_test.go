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

func TestE2EChannels(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Creating: time.Minute, Updating: time.Minute, Deleting: time.Minute})))
	c, ctx := srv.Client, t.Context()
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	require.NoError(t, err)
	srv.Clock.Advance(time.Minute)
	streamCreated := srv.Clock.Now().Add(-time.Minute)

	created, err := c.CreateChannel(ctx, &kinesis.CreateChannelInput{
		ChannelName: aws.String("lake"), ServiceExecutionRoleARN: aws.String("arn:aws:iam::000000000000:role/w"),
		StreamConfigurationList: []types.ChannelStreamConfiguration{{StreamARN: aws.String(streamARN("od")),
			RecordConfiguration: &types.RecordConfiguration{RecordFormatType: types.RecordFormatTypeGsrJson, GSRSchemaARN: aws.String("arn:aws:glue:us-east-1:000000000000:schema/r/s")}}},
		S3TablesDestinationConfiguration: &types.S3TablesDestinationConfiguration{
			DeadLetterQueueS3Configuration: &types.DeadLetterQueueS3Configuration{BucketARN: aws.String("arn:aws:s3:::dlq"), ExpectedBucketOwner: aws.String("000000000000")},
			S3TablesConfigurationList: []types.S3TablesConfiguration{{CompressionType: types.S3TablesCompressionTypeZstd, Namespace: aws.String("ns"),
				TableBucketARN: aws.String("arn:aws:s3tables:us-east-1:000000000000:bucket/b"), TableName: aws.String("t"),
				PartitionSpec: &types.PartitionSpec{PartitionFields: []types.PartitionField{{SourceName: aws.String("ts"), Transform: types.PartitionTransformTimeHour}}}}}},
		EncryptionConfiguration: &types.ChannelEncryptionConfiguration{EncryptionType: types.ChannelEncryptionTypeKms, KeyId: aws.String("arn:aws:kms:us-east-1:000000000000:key/k")},
		Tags:                    map[string]string{"team": "data"},
	})
	require.NoError(t, err)
	d := created.ChannelDescription
	arn := "arn:aws:kinesis:us-east-1:000000000000:channel/lake"
	assert.Equal(t, arn, aws.ToString(d.ChannelARN))
	assert.Equal(t, types.ChannelStatusCreating, d.ChannelStatus)
	assert.NotEmpty(t, aws.ToString(d.ChannelId))
	require.Len(t, d.StreamConfigurationList, 1)
	assertTime(t, streamCreated, d.StreamConfigurationList[0].StreamCreationTimestamp)
	assert.Equal(t, types.RecordFormatTypeGsrJson, d.StreamConfigurationList[0].RecordConfiguration.RecordFormatType)
	require.NotNil(t, d.S3TablesDestinationConfiguration)
	assert.Equal(t, aws.Int32(300), d.S3TablesDestinationConfiguration.DataFreshnessInSeconds)
	assert.Equal(t, types.PartitionTransformTimeHour, d.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].PartitionSpec.PartitionFields[0].Transform)
	assert.Equal(t, "arn:aws:kms:us-east-1:000000000000:key/k", aws.ToString(d.EncryptionConfiguration.KeyId))
	assert.Equal(t, aws.Bool(false), d.LoggingConfiguration.CloudWatchLogs.Enabled)
	assert.Nil(t, d.S3DestinationConfiguration)
	assert.Equal(t, aws.Int32(1), summary(t, c, "od").ChannelCount)

	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("od")})
	requireAWSError[*types.ResourceInUseException](t, err, "Stream od under account 000000000000 has 1 channel(s). Delete them first.")
	srv.Clock.Advance(time.Minute)

	up, err := c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: aws.String(arn),
		S3TablesDestinationConfiguration: &types.S3TablesDestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(600)},
		LoggingConfiguration:             &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{Enabled: aws.Bool(true)}}})
	require.NoError(t, err)
	assert.Equal(t, types.ChannelStatusUpdating, up.ChannelDescription.ChannelStatus)
	assert.Equal(t, aws.Int32(600), up.ChannelDescription.S3TablesDestinationConfiguration.DataFreshnessInSeconds)
	assert.Equal(t, "DestinationDelivery", aws.ToString(up.ChannelDescription.LoggingConfiguration.CloudWatchLogs.LogStreamName))
	_, err = c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: aws.String(arn),
		S3DestinationConfiguration: &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(600)}})
	requireAWSError[*types.InvalidArgumentException](t, err, "Channel lake does not deliver to a general purpose S3 bucket; S3DestinationConfiguration cannot be updated.")
	srv.Clock.Advance(time.Minute)

	list, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(streamARN("od")), StreamCreationTimestamp: aws.Time(streamCreated)}}})
	require.NoError(t, err)
	require.Len(t, list.ChannelSummaries, 1)
	s := list.ChannelSummaries[0]
	assert.Equal(t, types.ChannelDestinationTypeS3Tables, s.ChannelDestinationType)
	assert.Equal(t, types.ChannelStatusActive, s.ChannelStatus)
	assert.Equal(t, streamARN("od"), aws.ToString(s.Streams[0].StreamARN))
	assert.Nil(t, list.NextToken)
	limits, err := c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(1), limits.ChannelCount)
	assert.Equal(t, aws.Int32(int32(minikinesis.MaxChannelsPerAccount)), limits.ChannelCountLimit)

	_, err = c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(arn)})
	require.NoError(t, err)
	desc, err := c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: aws.String(arn)})
	require.NoError(t, err)
	assert.Equal(t, types.ChannelStatusDeleting, desc.ChannelDescription.ChannelStatus)
	srv.Clock.Advance(time.Minute)
	_, err = c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: aws.String(arn)})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Channel "+arn+" not found.")

	_, err = c.CreateChannel(ctx, &kinesis.CreateChannelInput{ChannelName: aws.String("x"), ServiceExecutionRoleARN: aws.String("arn:aws:iam::000000000000:role/w"),
		StreamConfigurationList: []types.ChannelStreamConfiguration{{StreamARN: aws.String(streamARN("od")), RecordConfiguration: &types.RecordConfiguration{RecordFormatType: "XML"}}}})
	requireValidation(t, err, "1 validation error detected: Value 'XML' at 'streamConfigurationList.1.member.recordConfiguration.recordFormatType' failed to satisfy constraint: Member must satisfy enum value set: [GSR_JSON, JSON, STRING, BYTE_ARRAY]")
}
