package kinesishttp_test

import (
	"fmt"
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

func TestE2ECreateAndDescribeStream(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	created := srv.Clock.Advance(1250 * time.Millisecond) // a creation time with a millisecond part

	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(3)})
	require.NoError(t, err)
	srv.Clock.Advance(time.Minute)

	want := []types.Shard{
		openShard(0, created, hashRange(threeShards[0][0], threeShards[0][1])),
		openShard(1, created, hashRange(threeShards[1][0], threeShards[1][1])),
		openShard(2, created, hashRange(threeShards[2][0], threeShards[2][1])),
	}
	for _, in := range []*kinesis.DescribeStreamInput{
		{StreamName: aws.String("orders")},
		{StreamARN: aws.String(streamARN("orders"))},
		{StreamName: aws.String("orders"), StreamARN: aws.String(streamARN("orders"))},
	} {
		out, err := c.DescribeStream(ctx, in)
		require.NoError(t, err)
		d := out.StreamDescription
		require.NotNil(t, d)
		assert.Equal(t, "orders", aws.ToString(d.StreamName))
		assert.Equal(t, streamARN("orders"), aws.ToString(d.StreamARN))
		assert.Equal(t, types.StreamStatusActive, d.StreamStatus)
		assert.Equal(t, &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}, d.StreamModeDetails)
		assert.Equal(t, want, d.Shards)
		assert.Equal(t, aws.Bool(false), d.HasMoreShards)
		assert.Equal(t, aws.Int32(24), d.RetentionPeriodHours)
		assertTime(t, created, d.StreamCreationTimestamp)
		if assert.Len(t, d.EnhancedMonitoring, 1) {
			assert.Empty(t, d.EnhancedMonitoring[0].ShardLevelMetrics)
		}
		assert.Equal(t, types.EncryptionTypeNone, d.EncryptionType)
		assert.Nil(t, d.KeyId)
	}

	// A page of shards at a time.
	page, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("orders"), Limit: aws.Int32(2)})
	require.NoError(t, err)
	assert.Equal(t, want[:2], page.StreamDescription.Shards)
	assert.Equal(t, aws.Bool(true), page.StreamDescription.HasMoreShards)
	page, err = c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("orders"), ExclusiveStartShardId: aws.String(shardID(1))})
	require.NoError(t, err)
	assert.Equal(t, want[2:], page.StreamDescription.Shards)
	assert.Equal(t, aws.Bool(false), page.StreamDescription.HasMoreShards)
	// The SDK's DescribeStream paginator follows HasMoreShards.
	var paged []types.Shard
	p := kinesis.NewDescribeStreamPaginator(c, &kinesis.DescribeStreamInput{StreamName: aws.String("orders"), Limit: aws.Int32(1)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		paged = append(paged, page.StreamDescription.Shards...)
	}
	assert.Equal(t, want, paged)

	sum, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String(streamARN("orders"))})
	require.NoError(t, err)
	d := sum.StreamDescriptionSummary
	require.NotNil(t, d)
	assert.Equal(t, "orders", aws.ToString(d.StreamName))
	assert.Equal(t, streamARN("orders"), aws.ToString(d.StreamARN))
	assert.Equal(t, types.StreamStatusActive, d.StreamStatus)
	assert.Equal(t, &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}, d.StreamModeDetails)
	assert.Equal(t, aws.Int32(24), d.RetentionPeriodHours)
	assertTime(t, created, d.StreamCreationTimestamp)
	if assert.Len(t, d.EnhancedMonitoring, 1) {
		assert.Empty(t, d.EnhancedMonitoring[0].ShardLevelMetrics)
	}
	assert.Equal(t, types.EncryptionTypeNone, d.EncryptionType)
	assert.Nil(t, d.KeyId)
	assert.Equal(t, aws.Int32(3), d.OpenShardCount)
	assert.Equal(t, aws.Int32(0), d.ConsumerCount)
	assert.Equal(t, aws.Int32(1024), d.MaxRecordSizeInKiB)

	// The model agrees with what went over the wire.
	s := srv.Stream("orders")
	assert.True(t, created.Equal(s.CreationTime()))
	assert.Len(t, s.Shards(), 3)
}

func TestE2ECreateStreamOptions(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()

	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{
		StreamName:         aws.String("od"),
		StreamModeDetails:  &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand},
		Tags:               map[string]string{"team": "data"},
		MaxRecordSizeInKiB: aws.Int32(2048),
	})
	require.NoError(t, err)
	sum, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("od")})
	require.NoError(t, err)
	assert.Equal(t, &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}, sum.StreamDescriptionSummary.StreamModeDetails)
	assert.Equal(t, aws.Int32(4), sum.StreamDescriptionSummary.OpenShardCount, "on-demand without ShardCount starts with 4 shards")
	assert.Equal(t, aws.Int32(2048), sum.StreamDescriptionSummary.MaxRecordSizeInKiB)

	shards, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("od")})
	require.NoError(t, err)
	want := make([]types.Shard, 4)
	for i, r := range evenRanges(4) {
		want[i] = openShard(i, epoch, r)
	}
	assert.Equal(t, want, shards.Shards)

	tags, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("od")})
	require.NoError(t, err)
	assert.Equal(t, []types.Tag{{Key: aws.String("team"), Value: aws.String("data")}}, tags.Tags)

	// Errors of the request's own members.
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("p"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}})
	requireAWSError[*types.InvalidArgumentException](t, err, "ShardCount is required for a stream in PROVISIONED mode.")
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("p"), ShardCount: aws.Int32(0)})
	requireValidation(t, err, "1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("bad name!"), ShardCount: aws.Int32(1)})
	requireValidation(t, err, "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("p"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(10241)})
	requireValidation(t, err, "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240")
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("p"), ShardCount: aws.Int32(1),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: "SOMETIMES"}})
	requireValidation(t, err, "1 validation error detected: Value 'SOMETIMES' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]")
	_, err = c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("p")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream p under account 000000000000 not found.")
}

func TestE2EListStreams(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	created := map[string]time.Time{}
	for _, name := range []string{"c", "a", "b"} {
		created[name] = srv.Clock.Advance(1500 * time.Millisecond)
		in := &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1)}
		if name == "b" {
			in = &kinesis.CreateStreamInput{StreamName: aws.String(name), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}
		}
		_, err := c.CreateStream(ctx, in)
		require.NoError(t, err)
	}
	checkSummaries := func(t *testing.T, names []string, got []types.StreamSummary) {
		t.Helper()
		require.Len(t, got, len(names))
		for i, name := range names {
			s := got[i]
			assert.Equal(t, name, aws.ToString(s.StreamName))
			assert.Equal(t, streamARN(name), aws.ToString(s.StreamARN))
			assert.Equal(t, types.StreamStatusActive, s.StreamStatus)
			mode := types.StreamModeProvisioned
			if name == "b" {
				mode = types.StreamModeOnDemand
			}
			assert.Equal(t, &types.StreamModeDetails{StreamMode: mode}, s.StreamModeDetails)
			assertTime(t, created[name], s.StreamCreationTimestamp, name)
		}
	}

	all, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, all.StreamNames)
	assert.Equal(t, aws.Bool(false), all.HasMoreStreams)
	assert.Nil(t, all.NextToken)
	checkSummaries(t, []string{"a", "b", "c"}, all.StreamSummaries)

	first, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(2)})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, first.StreamNames)
	assert.Equal(t, aws.Bool(true), first.HasMoreStreams)
	require.NotNil(t, first.NextToken)
	checkSummaries(t, []string{"a", "b"}, first.StreamSummaries)
	second, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: first.NextToken})
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, second.StreamNames)
	assert.Equal(t, aws.Bool(false), second.HasMoreStreams)
	assert.Nil(t, second.NextToken)

	after, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{ExclusiveStartStreamName: aws.String("a")})
	require.NoError(t, err)
	assert.Equal(t, []string{"b", "c"}, after.StreamNames)

	// The SDK's paginator follows NextToken to the end.
	var names []string
	p := kinesis.NewListStreamsPaginator(c, &kinesis.ListStreamsInput{Limit: aws.Int32(1)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		names = append(names, page.StreamNames...)
	}
	assert.Equal(t, []string{"a", "b", "c"}, names)

	_, err = c.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(0)})
	requireValidation(t, err, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: aws.String("garbage")})
	requireAWSError[*types.InvalidArgumentException](t, err, "Invalid NextToken.")

	// NextTokens last 300 seconds.
	srv.Clock.Advance(300 * time.Second)
	_, err = c.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: first.NextToken})
	require.NoError(t, err, "a token exactly 300 s old is still good")
	srv.Clock.Advance(time.Second)
	_, err = c.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: first.NextToken})
	requireAWSError[*types.ExpiredNextTokenException](t, err, "The NextToken has expired: it was issued 301000 ms ago, more than the allowed 300000 ms.")
}

func TestE2EDescribeLimits(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithShardLimit(10)))
	c, ctx := srv.Client, t.Context()

	limits, err := c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(10), limits.ShardLimit)
	assert.Equal(t, aws.Int32(0), limits.OpenShardCount)
	assert.Equal(t, aws.Int32(0), limits.OnDemandStreamCount)
	assert.Equal(t, aws.Int32(50), limits.OnDemandStreamCountLimit)

	createStream(t, c, "a", 3)
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("big"), ShardCount: aws.Int32(1000)})
	requireAWSError[*types.LimitExceededException](t, err, "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 3. Limit: 10. Number of additional shards that would have resulted from this request: 1000. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.")

	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	require.NoError(t, err)
	limits, err = c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(10), limits.ShardLimit)
	assert.Equal(t, aws.Int32(7), limits.OpenShardCount)
	assert.Equal(t, aws.Int32(1), limits.OnDemandStreamCount)
	assert.Equal(t, aws.Int32(50), limits.OnDemandStreamCountLimit)

	// Resharding counts too: scaling to 6 takes the account to its limit,
	// and a split would pass it.
	_, err = c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("a"), TargetShardCount: aws.Int32(6), ScalingType: types.ScalingTypeUniformScaling})
	require.NoError(t, err)
	limits, err = c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(10), limits.OpenShardCount)
	open, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("a"), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}})
	require.NoError(t, err)
	require.Len(t, open.Shards, 6)
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("a"), ShardToSplit: open.Shards[0].ShardId, NewStartingHashKey: aws.String("1000")})
	requireAWSError[*types.LimitExceededException](t, err, "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 10. Limit: 10. Number of additional shards that would have resulted from this request: 1. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.")

	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("od")})
	require.NoError(t, err)
	limits, err = c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(6), limits.OpenShardCount)
	assert.Equal(t, aws.Int32(0), limits.OnDemandStreamCount)
}

func TestE2EDeleteStream(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("old")})
	require.NoError(t, err)
	it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shardID(0)), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)

	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	_, err = c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream s under account 000000000000 not found.")
	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream s under account 000000000000 not found.")
	list, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	assert.Empty(t, list.StreamNames)
	limits, err := c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(0), limits.OpenShardCount)

	// A stream of the same name created later is another stream: the old
	// iterator reads nothing of it.
	srv.Clock.Advance(time.Second)
	createStream(t, c, "s", 2)
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Could not find shard shardId-000000000000 in stream s under account 000000000000.")
	it, err = c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shardID(0)), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Empty(t, recs.Records, "the new stream starts empty")
}

func TestE2EStreamStateDelays(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{
		Creating: 10 * time.Second, Updating: 3 * time.Second, Deleting: 5 * time.Second})))
	c, ctx := srv.Client, t.Context()
	status := func() types.StreamStatus {
		t.Helper()
		out, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		require.NoError(t, err)
		return out.StreamDescriptionSummary.StreamStatus
	}
	put := func() error {
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
		return err
	}

	createStream(t, c, "s", 2)
	assert.Equal(t, types.StreamStatusCreating, status())
	list, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	require.Len(t, list.StreamSummaries, 1)
	assert.Equal(t, types.StreamStatusCreating, list.StreamSummaries[0].StreamStatus)
	requireAWSError[*types.ResourceNotFoundException](t, put(), "Stream s under account 000000000000 not found.")
	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(1))})
	requireAWSError[*types.ResourceInUseException](t, err, "Stream s under account 000000000000 not ACTIVE, instead in state CREATING")

	srv.Clock.Advance(10 * time.Second)
	assert.Equal(t, types.StreamStatusActive, status())
	require.NoError(t, put())

	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
	require.NoError(t, err)
	assert.Equal(t, types.StreamStatusUpdating, status())
	require.NoError(t, put(), "writes are accepted while UPDATING")
	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(2)), AdjacentShardToMerge: aws.String(shardID(3))})
	requireAWSError[*types.ResourceInUseException](t, err, "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING")
	srv.Clock.Advance(3 * time.Second)
	assert.Equal(t, types.StreamStatusActive, status())

	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, types.StreamStatusDeleting, status())
	requireAWSError[*types.ResourceNotFoundException](t, put(), "Stream s under account 000000000000 not found.")
	srv.Clock.Advance(5 * time.Second)
	_, err = c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream s under account 000000000000 not found.")
}

func TestE2ETooManyStreamsCreating(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Creating: time.Second})))
	c, ctx := srv.Client, t.Context()
	for i := range 5 {
		createStream(t, c, fmt.Sprintf("s%d", i), 1)
	}
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s5"), ShardCount: aws.Int32(1)})
	requireAWSError[*types.LimitExceededException](t, err, "Account 000000000000 already has 5 streams in CREATING state; wait for one to become ACTIVE.")
	srv.Clock.Advance(time.Second)
	createStream(t, c, "s5", 1)
}

func TestE2EControlPlaneRateLimits(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithControlPlaneRateLimits()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)

	describe := func() error {
		_, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		return err
	}
	for i := range 10 { // DescribeStream: 10 per second per account
		require.NoError(t, describe(), "call %d", i+1)
	}
	requireAWSError[*types.LimitExceededException](t, describe(), "Rate exceeded for stream s under account 000000000000.")
	srv.Clock.Advance(time.Second)
	require.NoError(t, describe())

	list := func() error {
		_, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
		return err
	}
	for range 5 { // ListStreams: 5 per second per account
		require.NoError(t, list())
	}
	requireAWSError[*types.LimitExceededException](t, list(), "Rate exceeded for account 000000000000.")
}
