package minikinesistest_test

// End-to-end tests: every operation the kinesishttp handler serves, driven
// through the real aws-sdk-go-v2 Kinesis client against an in-process
// server, checking the SDK's typed outputs and typed errors. Each test has
// its own server and a manual clock, so they run in parallel and nothing
// depends on the wall clock (SubscribeToShard events alone arrive
// asynchronously; those tests wait on the SDK's channel with a timeout).
//
// Files: e2e_test.go (helpers; stream lifecycle, listing, limits),
// e2e_settings_test.go (retention, mode, record size, encryption,
// monitoring), e2e_records_test.go (writes and reads), e2e_shards_test.go
// (ListShards and resharding), e2e_tags_test.go, e2e_consumers_test.go
// (consumers and SubscribeToShard), e2e_errors_test.go (every SPEC §3
// error, one row each).

import (
	"crypto/md5"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// epoch is where every test's clock starts: a Thursday, like the instant
// in SPEC's ExpiredIteratorException example, so messages read alike.
var epoch = time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)

const account = minikinesis.DefaultAccountID

// The hash key ranges of a three-shard stream, as SPEC §2 lists them.
var threeShards = [3][2]string{
	{"0", "113427455640312821154458202477256070484"},
	{"113427455640312821154458202477256070485", "226854911280625642308916404954512140969"},
	{"226854911280625642308916404954512140970", "340282366920938463463374607431768211455"},
}

const (
	maxHashKey = "340282366920938463463374607431768211455" // 2^128-1
	twoTo128   = "340282366920938463463374607431768211456"
)

// newServer starts a server whose model reads a manual clock at epoch.
func newServer(t *testing.T, opts ...minikinesistest.Option) *minikinesistest.Server {
	t.Helper()
	return minikinesistest.NewServer(t, append([]minikinesistest.Option{minikinesistest.WithManualClock(epoch)}, opts...)...)
}

func streamARN(name string) string {
	return "arn:aws:kinesis:" + minikinesis.DefaultRegion + ":" + account + ":stream/" + name
}

func shardID(i int) string { return fmt.Sprintf("shardId-%012d", i) }

// requireAWSError asserts err is the SDK's typed exception E, answered
// with HTTP 400, carrying exactly message, and returns it.
func requireAWSError[E smithy.APIError](t *testing.T, err error, message string) E {
	t.Helper()
	var target E
	var zero E
	require.ErrorAs(t, err, &target, "want %s", zero.ErrorCode())
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, zero.ErrorCode(), apiErr.ErrorCode())
	assert.Equal(t, message, target.ErrorMessage())
	var re *awshttp.ResponseError
	if assert.ErrorAs(t, err, &re, "an HTTP error response") {
		assert.Equal(t, http.StatusBadRequest, re.HTTPStatusCode())
		assert.NotEmpty(t, re.ServiceRequestID(), "x-amzn-RequestId")
	}
	return target
}

// requireValidation asserts err is a ValidationException with message: the
// SDK's typed one, and by ErrorCode through smithy.APIError.
func requireValidation(t *testing.T, err error, message string) {
	t.Helper()
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "ValidationException", apiErr.ErrorCode())
	requireAWSError[*types.ValidationException](t, err, message)
}

// assertTime asserts an SDK timestamp is want, to the millisecond.
func assertTime(t *testing.T, want time.Time, got *time.Time, msgAndArgs ...any) {
	t.Helper()
	if !assert.NotNil(t, got, msgAndArgs...) {
		return
	}
	assert.Equal(t, want.UnixMilli(), got.UnixMilli(), msgAndArgs...)
	assert.True(t, want.Truncate(time.Millisecond).Equal(*got), append([]any{"want %v, got %v", want, *got}, msgAndArgs...)...)
}

// wantSeq builds a sequence number from SPEC §2's layout, independently of
// the model: in hex, 2 | shard creation (9) | last hex digit of the shard
// index | counter (16) | 00 | record arrival (9) | shard index (8) | 2.
func wantSeq(shardCreated time.Time, index int, counter uint64, arrival time.Time) string {
	hex := fmt.Sprintf("2%09x%x%016x00%09x%08x2", shardCreated.Unix(), index&0xf, counter, arrival.Unix(), index)
	n, ok := new(big.Int).SetString(hex, 16)
	if !ok || len(hex) != 47 {
		panic("bad sequence number layout: " + hex)
	}
	return n.String()
}

// seqCounter reads the counter back out of a sequence number.
func seqCounter(t *testing.T, seq string) uint64 {
	t.Helper()
	n, ok := new(big.Int).SetString(seq, 10)
	require.True(t, ok, seq)
	hex := fmt.Sprintf("%047x", n)
	c, ok := new(big.Int).SetString(hex[11:27], 16)
	require.True(t, ok, seq)
	return c.Uint64()
}

// hashOf is a partition key's hash key: MD5, read big-endian (SPEC §2).
func hashOf(partitionKey string) *big.Int {
	sum := md5.Sum([]byte(partitionKey))
	return new(big.Int).SetBytes(sum[:])
}

// routeOf returns the index of the range (of threeShards) holding key.
func routeOf(t *testing.T, key *big.Int) int {
	t.Helper()
	for i, r := range threeShards {
		start, _ := new(big.Int).SetString(r[0], 10)
		end, _ := new(big.Int).SetString(r[1], 10)
		if key.Cmp(start) >= 0 && key.Cmp(end) <= 0 {
			return i
		}
	}
	t.Fatalf("hash key %s outside every range", key)
	return -1
}

// evenRanges splits the key space as SPEC §2 says, with math/big.
func evenRanges(n int) []*types.HashKeyRange {
	space := new(big.Int).Lsh(big.NewInt(1), 128)
	size := new(big.Int).Div(space, big.NewInt(int64(n)))
	out := make([]*types.HashKeyRange, n)
	for i := range n {
		start := new(big.Int).Mul(size, big.NewInt(int64(i)))
		end := new(big.Int).Sub(new(big.Int).Add(start, size), big.NewInt(1))
		if i == n-1 {
			end = new(big.Int).Sub(space, big.NewInt(1))
		}
		out[i] = &types.HashKeyRange{StartingHashKey: aws.String(start.String()), EndingHashKey: aws.String(end.String())}
	}
	return out
}

func hashRange(start, end string) *types.HashKeyRange {
	return &types.HashKeyRange{StartingHashKey: aws.String(start), EndingHashKey: aws.String(end)}
}

// openShard is a types.Shard as a stream created at created lists it.
func openShard(index int, created time.Time, r *types.HashKeyRange) types.Shard {
	return types.Shard{
		ShardId:             aws.String(shardID(index)),
		HashKeyRange:        r,
		SequenceNumberRange: &types.SequenceNumberRange{StartingSequenceNumber: aws.String(wantSeq(created, index, 0, created))},
	}
}

func shardIDs(shards []types.Shard) []string {
	ids := make([]string, len(shards))
	for i, s := range shards {
		ids[i] = aws.ToString(s.ShardId)
	}
	return ids
}

func shardIDRange(from, to int) []string {
	var ids []string
	for i := from; i <= to; i++ {
		ids = append(ids, shardID(i))
	}
	return ids
}

func createStream(t *testing.T, c *kinesis.Client, name string, shards int32) {
	t.Helper()
	_, err := c.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(shards)})
	require.NoError(t, err)
}

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
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("p")})
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
	requireAWSError[*types.ResourceNotFoundException](t, err, "Shard shardId-000000000000 in stream s under account 000000000000 does not exist")
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

// errorsAs is errors.As for a fresh target, for checks outside require.
func errorsAs[E error](err error) (E, bool) {
	var target E
	ok := errors.As(err, &target)
	return target, ok
}

// sortedTagKeys lists a tag slice's keys, in order.
func sortedTagKeys(tags []types.Tag) []string {
	keys := make([]string, len(tags))
	for i, tag := range tags {
		keys[i] = aws.ToString(tag.Key)
	}
	if !sort.StringsAreSorted(keys) {
		return append(keys, "(not sorted)")
	}
	return keys
}
