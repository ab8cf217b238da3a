package minikinesis

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testRoleARN = "arn:aws:iam::000000000000:role/channel-writer"

// s3ChannelInput is a valid CreateChannel request to a general purpose
// bucket from stream.
func s3ChannelInput(k *Kinesis, name, stream string) *CreateChannelInput {
	return &CreateChannelInput{
		ChannelName: name, ServiceExecutionRoleARN: testRoleARN,
		StreamConfigurationList: []ChannelStreamConfiguration{{StreamARN: k.StreamARN(stream), RecordConfiguration: &RecordConfiguration{RecordFormatType: "JSON"}}},
		S3DestinationConfiguration: &S3DestinationConfiguration{StorageConfiguration: &S3StorageConfiguration{
			BucketARN: "arn:aws:s3:::landing", CompressionType: "GZIP", ExpectedBucketOwner: "000000000000"}},
	}
}

// tablesChannelInput is a valid CreateChannel request to S3 Tables.
func tablesChannelInput(k *Kinesis, name, stream string) *CreateChannelInput {
	return &CreateChannelInput{
		ChannelName: name, ServiceExecutionRoleARN: testRoleARN,
		StreamConfigurationList: []ChannelStreamConfiguration{{StreamARN: k.StreamARN(stream),
			RecordConfiguration: &RecordConfiguration{RecordFormatType: "GSR_JSON", GSRSchemaARN: "arn:aws:glue:us-east-1:000000000000:schema/reg/orders"}}},
		S3TablesDestinationConfiguration: &S3TablesDestinationConfiguration{
			DeadLetterQueueS3Configuration: &DeadLetterQueueS3Configuration{BucketARN: "arn:aws:s3:::dlq", ExpectedBucketOwner: "000000000000", ErrorOutputPrefix: "bad/"},
			S3TablesConfigurationList: []S3TablesConfiguration{{CompressionType: "ZSTD", Namespace: "shop", TableBucketARN: "arn:aws:s3tables:us-east-1:000000000000:bucket/lake", TableName: "orders",
				PartitionSpec: &PartitionSpec{PartitionFields: []PartitionField{{SourceName: "ts", Transform: "TIME_HOUR"}}}}},
			DataFreshnessInSeconds: 600,
		},
	}
}

func TestChannelLifecycle(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute, Updating: 2 * time.Minute, Deleting: 3 * time.Minute}))
	ctx := t.Context()
	createOnDemand(t, k, "orders")
	clock.Advance(time.Minute)
	s, _ := k.Stream("orders")

	created := clock.Now()
	out, err := k.CreateChannel(ctx, s3ChannelInput(k, "to-s3", "orders"))
	require.NoError(t, err)
	d := out.ChannelDescription
	arn := "arn:aws:kinesis:us-east-1:000000000000:channel/to-s3"
	assert.Equal(t, arn, d.ChannelARN)
	assert.Equal(t, ChannelStatusCreating, d.ChannelStatus)
	assert.Equal(t, created, d.ChannelCreationTimestamp)
	assert.NotEmpty(t, d.ChannelId)
	assert.Equal(t, []ChannelStreamDescription{{StreamARN: s.ARN(), StreamCreationTimestamp: s.CreationTime(), RecordConfiguration: RecordConfiguration{RecordFormatType: "JSON"}}}, d.StreamConfigurationList)
	assert.Equal(t, &S3DestinationDescription{DataFreshnessInSeconds: 300,
		DeadLetterQueueS3Configuration: DeadLetterQueueS3Configuration{BucketARN: "arn:aws:s3:::landing", ExpectedBucketOwner: "000000000000", ErrorOutputPrefix: "error/"},
		StorageConfiguration:           S3StorageConfiguration{BucketARN: "arn:aws:s3:::landing", CompressionType: "GZIP", ExpectedBucketOwner: "000000000000"}},
		d.S3DestinationConfiguration, "AWS's defaults: 300 s, the destination bucket for dead letters")
	disabled := false
	assert.Equal(t, ChannelLoggingConfiguration{CloudWatchLogs: &CloudWatchLogs{Enabled: &disabled}}, d.LoggingConfiguration)
	assert.Equal(t, 1, summaryOf(t, k, "orders").ChannelCount)

	_, err = k.UpdateChannel(ctx, &UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(600)}})
	assert.Equal(t, "Channel to-s3 under account 000000000000 not ACTIVE, instead in state CREATING", requireAPIError[*ResourceInUseException](t, err).Message)
	err = k.DeleteStream(ctx, &DeleteStreamInput{StreamName: "orders"})
	assert.Equal(t, "Stream orders under account 000000000000 has 1 channel(s). Delete them first.", requireAPIError[*ResourceInUseException](t, err).Message)

	clock.Advance(time.Minute)
	desc, err := k.DescribeChannel(ctx, &DescribeChannelInput{ChannelARN: arn})
	require.NoError(t, err)
	assert.Equal(t, ChannelStatusActive, desc.ChannelDescription.ChannelStatus)

	enabled := true
	up, err := k.UpdateChannel(ctx, &UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(900)},
		LoggingConfiguration: &ChannelLoggingConfiguration{CloudWatchLogs: &CloudWatchLogs{Enabled: &enabled}}})
	require.NoError(t, err)
	assert.Equal(t, ChannelStatusUpdating, up.ChannelDescription.ChannelStatus)
	assert.Equal(t, 900, up.ChannelDescription.S3DestinationConfiguration.DataFreshnessInSeconds)
	assert.Equal(t, &CloudWatchLogs{Enabled: &enabled, LogGroupName: "/aws/kinesis/to-s3/" + d.ChannelId, LogStreamName: "DestinationDelivery"},
		up.ChannelDescription.LoggingConfiguration.CloudWatchLogs, "AWS's default log names")
	clock.Advance(2 * time.Minute)

	require.NoError(t, k.DeleteChannel(ctx, &DeleteChannelInput{ChannelARN: arn}))
	desc, err = k.DescribeChannel(ctx, &DescribeChannelInput{ChannelARN: arn})
	require.NoError(t, err)
	assert.Equal(t, ChannelStatusDeleting, desc.ChannelDescription.ChannelStatus)
	err = k.DeleteChannel(ctx, &DeleteChannelInput{ChannelARN: arn})
	assert.Equal(t, "Channel to-s3 under account 000000000000 not ACTIVE, instead in state DELETING", requireAPIError[*ResourceInUseException](t, err).Message)
	assert.Equal(t, 1, summaryOf(t, k, "orders").ChannelCount, "counted until gone")

	clock.Advance(3 * time.Minute)
	_, err = k.DescribeChannel(ctx, &DescribeChannelInput{ChannelARN: arn})
	assert.Equal(t, "Channel "+arn+" not found.", requireAPIError[*ResourceNotFoundException](t, err).Message)
	assert.Equal(t, 0, summaryOf(t, k, "orders").ChannelCount)
	require.NoError(t, k.DeleteStream(ctx, &DeleteStreamInput{StreamName: "orders"}))
}

func ptrTo[T any](v T) *T { return &v }

func TestStreamCanBeDeletedOnceItsChannelsAreDeleting(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithStateDelays(StateDelays{Deleting: time.Minute}))
	createOnDemand(t, k, "orders")
	out, err := k.CreateChannel(t.Context(), tablesChannelInput(k, "lake", "orders"))
	require.NoError(t, err)
	require.NoError(t, k.DeleteChannel(t.Context(), &DeleteChannelInput{ChannelARN: out.ChannelDescription.ChannelARN}))
	assert.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "orders"}))
}

func TestFailChannel(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createOnDemand(t, k, "orders")
	out, err := k.CreateChannel(t.Context(), s3ChannelInput(k, "c", "orders"))
	require.NoError(t, err)
	arn := out.ChannelDescription.ChannelARN
	require.NoError(t, k.FailChannel(arn, "Access denied to bucket landing."))
	desc, err := k.DescribeChannel(t.Context(), &DescribeChannelInput{ChannelARN: arn})
	require.NoError(t, err)
	assert.Equal(t, ChannelStatusFailed, desc.ChannelDescription.ChannelStatus)
	assert.Equal(t, "Access denied to bucket landing.", desc.ChannelDescription.ChannelStatusReason)
	_, err = k.UpdateChannel(t.Context(), &UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(300)}})
	assert.ErrorIs(t, err, &ResourceInUseException{})
	require.NoError(t, k.DeleteChannel(t.Context(), &DeleteChannelInput{ChannelARN: arn}), "a FAILED channel can be deleted")
	assert.ErrorIs(t, k.FailChannel(k.ChannelARN("none"), ""), &ResourceNotFoundException{})
}

func TestCreateChannelRefusals(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute}))
	createStream(t, k, "prov", 1)
	createOnDemand(t, k, "od")
	require.NoError(t, k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "young", StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
	k.cfg.clock.(*ManualClock).Advance(time.Minute)
	require.NoError(t, k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "new", StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
	_, err := k.CreateChannel(t.Context(), s3ChannelInput(k, "taken", "od"))
	require.NoError(t, err)

	with := func(change func(in *CreateChannelInput)) *CreateChannelInput {
		in := s3ChannelInput(k, "c", "od")
		change(in)
		return in
	}
	tables := func(change func(in *CreateChannelInput)) *CreateChannelInput {
		in := tablesChannelInput(k, "c", "od")
		change(in)
		return in
	}
	tests := []struct {
		name string
		in   *CreateChannelInput
		want error
		msg  string
	}{
		{"empty", &CreateChannelInput{}, &ValidationException{},
			"3 validation errors detected: Value null at 'channelName' failed to satisfy constraint: Member must not be null; Value null at 'serviceExecutionRoleARN' failed to satisfy constraint: Member must not be null; Value null at 'streamConfigurationList' failed to satisfy constraint: Member must not be null"},
		{"bad name", with(func(in *CreateChannelInput) { in.ChannelName = "a b" }), &ValidationException{},
			"1 validation error detected: Value 'a b' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"two streams", with(func(in *CreateChannelInput) {
			in.StreamConfigurationList = append(in.StreamConfigurationList, in.StreamConfigurationList[0])
		}), &ValidationException{},
			"1 validation error detected: Value '[2 items]' at 'streamConfigurationList' failed to satisfy constraint: Member must have length less than or equal to 1"},
		{"no record configuration", with(func(in *CreateChannelInput) { in.StreamConfigurationList[0].RecordConfiguration = nil }), &ValidationException{},
			"1 validation error detected: Value null at 'streamConfigurationList.1.member.recordConfiguration' failed to satisfy constraint: Member must not be null"},
		{"unknown format", with(func(in *CreateChannelInput) {
			in.StreamConfigurationList[0].RecordConfiguration.RecordFormatType = "XML"
		}), &ValidationException{},
			"1 validation error detected: Value 'XML' at 'streamConfigurationList.1.member.recordConfiguration.recordFormatType' failed to satisfy constraint: Member must satisfy enum value set: [GSR_JSON, JSON, STRING, BYTE_ARRAY]"},
		{"bad storage", with(func(in *CreateChannelInput) {
			in.S3DestinationConfiguration.StorageConfiguration = &S3StorageConfiguration{CompressionType: "LZ4", ExpectedBucketOwner: "me", StorageClass: "COLD"}
		}), &ValidationException{},
			"4 validation errors detected: Value null at 's3DestinationConfiguration.storageConfiguration.bucketARN' failed to satisfy constraint: Member must not be null; " +
				"Value 'LZ4' at 's3DestinationConfiguration.storageConfiguration.compressionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, GZIP, ZSTD]; " +
				"Value 'me' at 's3DestinationConfiguration.storageConfiguration.expectedBucketOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}; " +
				"Value 'COLD' at 's3DestinationConfiguration.storageConfiguration.storageClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INTELLIGENT_TIERING, GLACIER_IR]"},
		{"tables without dead letters", tables(func(in *CreateChannelInput) { in.S3TablesDestinationConfiguration.DeadLetterQueueS3Configuration = nil }), &ValidationException{},
			"1 validation error detected: Value null at 's3TablesDestinationConfiguration.deadLetterQueueS3Configuration' failed to satisfy constraint: Member must not be null"},
		{"tables compression", tables(func(in *CreateChannelInput) {
			in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].CompressionType = "GZIP"
		}), &ValidationException{},
			"1 validation error detected: Value 'GZIP' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.compressionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ZSTD, SNAPPY]"},
		{"partition transform", tables(func(in *CreateChannelInput) {
			in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].PartitionSpec.PartitionFields[0].Transform = "DAY"
		}), &ValidationException{},
			"1 validation error detected: Value 'DAY' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.partitionSpec.partitionFields.1.member.transform' failed to satisfy constraint: Member must satisfy enum value set: [TIME_HOUR]"},
		{"logging without enabled", with(func(in *CreateChannelInput) {
			in.LoggingConfiguration = &ChannelLoggingConfiguration{CloudWatchLogs: &CloudWatchLogs{}}
		}), &ValidationException{},
			"1 validation error detected: Value null at 'loggingConfiguration.cloudWatchLogs.enabled' failed to satisfy constraint: Member must not be null"},
		{"bad tag", with(func(in *CreateChannelInput) { in.Tags = map[string]string{"": "v"} }), &ValidationException{},
			"1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{"no destination", with(func(in *CreateChannelInput) { in.S3DestinationConfiguration = nil }), &InvalidArgumentException{},
			"Either S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified."},
		{"two destinations", with(func(in *CreateChannelInput) {
			in.S3TablesDestinationConfiguration = tablesChannelInput(k, "c", "od").S3TablesDestinationConfiguration
		}), &InvalidArgumentException{},
			"S3DestinationConfiguration and S3TablesDestinationConfiguration cannot be specified together."},
		{"not a role", with(func(in *CreateChannelInput) { in.ServiceExecutionRoleARN = "arn:aws:iam::000000000000:user/bob" }), &InvalidArgumentException{},
			"ServiceExecutionRoleARN arn:aws:iam::000000000000:user/bob is not a valid IAM role ARN."},
		{"service key", with(func(in *CreateChannelInput) {
			in.EncryptionConfiguration = &ChannelEncryptionConfiguration{EncryptionType: "KMS", KeyId: "alias/aws/kinesis"}
		}), &InvalidArgumentException{},
			"KeyId alias/aws/kinesis is the AWS managed key for Kinesis; a channel needs a customer managed KMS key."},
		{"GSR_JSON to S3", with(func(in *CreateChannelInput) {
			in.StreamConfigurationList[0].RecordConfiguration.RecordFormatType = "GSR_JSON"
		}), &InvalidArgumentException{},
			"RecordFormatType GSR_JSON is supported only for S3 Tables destinations."},
		{"STRING to tables", tables(func(in *CreateChannelInput) {
			in.StreamConfigurationList[0].RecordConfiguration.RecordFormatType = "STRING"
		}), &InvalidArgumentException{},
			"RecordFormatType STRING is supported only for general purpose S3 destinations."},
		{"tables without schema", tables(func(in *CreateChannelInput) { in.StreamConfigurationList[0].RecordConfiguration.GSRSchemaARN = "" }), &InvalidArgumentException{},
			"GSRSchemaARN is required for an S3 Tables destination."},
		{"freshness", with(func(in *CreateChannelInput) { in.S3DestinationConfiguration.DataFreshnessInSeconds = 60 }), &InvalidArgumentException{},
			"DataFreshnessInSeconds must be between 300 and 900 seconds. Requested: 60."},
		{"missing stream", s3ChannelInput(k, "c", "nope"), &ResourceNotFoundException{},
			"Stream nope under account 000000000000 not found."},
		{"provisioned stream", s3ChannelInput(k, "c", "prov"), &InvalidArgumentException{},
			"CreateChannel is only supported for streams in ON_DEMAND mode. Stream prov under account 000000000000 is in PROVISIONED mode."},
		{"creating stream", s3ChannelInput(k, "c", "new"), &ResourceInUseException{},
			"Stream new under account 000000000000 not ACTIVE, instead in state CREATING"},
		{"name taken", s3ChannelInput(k, "taken", "od"), &ResourceInUseException{},
			"Channel taken under account 000000000000 already exists."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.CreateChannel(t.Context(), tt.in)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.msg, err.(APIError).ErrorMessage())
		})
	}
	t.Cleanup(func() {
		list, err := k.ListChannels(context.Background(), &ListChannelsInput{})
		require.NoError(t, err)
		require.Len(t, list.ChannelSummaries, 1, "nothing refused was stored")
	})
}

func TestChannelLimitPerAccount(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createOnDemand(t, k, "od")
	for i := range MaxChannelsPerAccount {
		_, err := k.CreateChannel(t.Context(), s3ChannelInput(k, "c"+itoa(i), "od"))
		require.NoError(t, err)
	}
	_, err := k.CreateChannel(t.Context(), s3ChannelInput(k, "one-more", "od"))
	assert.Equal(t, "Account 000000000000 already has 50 channels, the most it may have.", requireAPIError[*LimitExceededException](t, err).Message)
	limits, err := k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, MaxChannelsPerAccount, limits.ChannelCount)
}

func TestUpdateChannelRefusals(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createOnDemand(t, k, "od")
	s3, err := k.CreateChannel(t.Context(), s3ChannelInput(k, "s3", "od"))
	require.NoError(t, err)
	arn := s3.ChannelDescription.ChannelARN
	tests := []struct {
		name string
		in   UpdateChannelInput
		want error
		msg  string
	}{
		{"no ARN", UpdateChannelInput{}, &ValidationException{},
			"1 validation error detected: Value null at 'channelARN' failed to satisfy constraint: Member must not be null"},
		{"bad ARN", UpdateChannelInput{ChannelARN: "arn:aws:kinesis:us-east-1:000000000000:stream/od"}, &ValidationException{},
			"1 validation error detected: Value 'arn:aws:kinesis:us-east-1:000000000000:stream/od' at 'channelARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+"},
		{"freshness left out", UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &S3DestinationUpdateInput{}}, &ValidationException{},
			"1 validation error detected: Value null at 's3DestinationConfiguration.dataFreshnessInSeconds' failed to satisfy constraint: Member must not be null"},
		{"nothing to change", UpdateChannelInput{ChannelARN: arn}, &InvalidArgumentException{},
			"At least one of LoggingConfiguration, S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified."},
		{"other destination", UpdateChannelInput{ChannelARN: arn, S3TablesDestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(300)}}, &InvalidArgumentException{},
			"Channel s3 does not deliver to S3 Tables; S3TablesDestinationConfiguration cannot be updated."},
		{"freshness too long", UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(901)}}, &InvalidArgumentException{},
			"DataFreshnessInSeconds must be between 300 and 900 seconds. Requested: 901."},
		{"freshness zero", UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(0)}}, &InvalidArgumentException{},
			"DataFreshnessInSeconds must be between 300 and 900 seconds. Requested: 0."},
		{"missing", UpdateChannelInput{ChannelARN: k.ChannelARN("none"), S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(300)}}, &ResourceNotFoundException{},
			"Channel arn:aws:kinesis:us-east-1:000000000000:channel/none not found."},
		{"another account's", UpdateChannelInput{ChannelARN: strings.Replace(arn, "000000000000", "111111111111", 1), S3DestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(300)}}, &ResourceNotFoundException{},
			"Channel arn:aws:kinesis:us-east-1:111111111111:channel/s3 not found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.UpdateChannel(t.Context(), &tt.in)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.msg, err.(APIError).ErrorMessage())
		})
	}
}

func TestListChannelsPagesAndFilters(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	ctx := t.Context()
	a := createOnDemand(t, k, "a")
	b := createOnDemand(t, k, "b")
	for _, n := range []string{"c3", "c1", "c2"} {
		_, err := k.CreateChannel(ctx, s3ChannelInput(k, n, "a"))
		require.NoError(t, err)
	}
	_, err := k.CreateChannel(ctx, tablesChannelInput(k, "t1", "b"))
	require.NoError(t, err)

	names := func(out *ListChannelsOutput) []string {
		var n []string
		for _, c := range out.ChannelSummaries {
			n = append(n, c.ChannelName)
		}
		return n
	}
	page, err := k.ListChannels(ctx, &ListChannelsInput{MaxResults: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"c1", "c2"}, names(page))
	require.NotEmpty(t, page.NextToken)
	page, err = k.ListChannels(ctx, &ListChannelsInput{MaxResults: 2, NextToken: page.NextToken})
	require.NoError(t, err)
	assert.Equal(t, []string{"c3", "t1"}, names(page))
	assert.Empty(t, page.NextToken)
	assert.Equal(t, ChannelSummary{ChannelARN: k.ChannelARN("t1"), ChannelCreationTimestamp: clock.Now(), ChannelDestinationType: ChannelDestinationS3Tables,
		ChannelId: page.ChannelSummaries[1].ChannelId, ChannelName: "t1", ChannelStatus: ChannelStatusActive,
		Streams: []ChannelStreamIdentifier{{StreamARN: b.ARN(), StreamCreationTimestamp: b.CreationTime()}}}, page.ChannelSummaries[1])

	byStream, err := k.ListChannels(ctx, &ListChannelsInput{StreamFilter: []StreamFilter{{StreamARN: b.ARN()}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"t1"}, names(byStream))
	stale, err := k.ListChannels(ctx, &ListChannelsInput{StreamFilter: []StreamFilter{{StreamARN: a.ARN(), StreamCreationTimestamp: a.CreationTime().Add(-time.Hour)}}})
	require.NoError(t, err)
	assert.Empty(t, stale.ChannelSummaries, "a creation time names one incarnation of the stream")

	_, err = k.ListChannels(ctx, &ListChannelsInput{NextToken: "garbage"})
	assert.Equal(t, "Invalid NextToken.", requireAPIError[*InvalidArgumentException](t, err).Message)
	_, err = k.ListChannels(ctx, &ListChannelsInput{MaxResults: 10001, StreamFilter: []StreamFilter{{}}})
	assert.Equal(t, "2 validation errors detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000; "+
		"Value null at 'streamFilter.1.member.streamARN' failed to satisfy constraint: Member must not be null", requireAPIError[*ValidationException](t, err).ErrorMessage())
}
