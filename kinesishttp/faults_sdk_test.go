package kinesishttp_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// faultServer serves a model with a stream "s" of two shards to a real SDK
// client that retries a failed call up to retries times.
func faultServer(t *testing.T, retries int) (*minikinesis.Kinesis, *kinesis.Client) {
	t.Helper()
	srv := newServer(t, minikinesistest.WithRetries(retries))
	srv.CreateStream("s", 2)
	return srv.Kinesis, srv.Client
}

func TestWireFaultStatuses(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusInternalServerError, http.StatusServiceUnavailable} {
		k, c := faultServer(t, 0)
		f := k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpDescribeStreamSummary, Stream: "s", HTTPStatus: status, Times: 1})
		_, err := c.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		var resp *smithyhttp.ResponseError
		require.ErrorAs(t, err, &resp)
		assert.Equal(t, status, resp.HTTPStatusCode())
		assert.Equal(t, 1, f.Fired())
		_, err = c.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		require.NoError(t, err, "Times: 1")
	}
}

func TestWireFaultRetriedBySDK(t *testing.T) {
	t.Parallel()
	k, c := faultServer(t, 2)
	f := k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpPutRecord, HTTPStatus: http.StatusServiceUnavailable, Times: 2})
	out, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
	require.NoError(t, err, "the SDK's retries get through after two 503s")
	assert.NotEmpty(t, *out.SequenceNumber)
	assert.Equal(t, 2, f.Fired())
	all, err := mustStream(t, k).ReadAll(t.Context())
	require.NoError(t, err)
	assert.Len(t, all, 1, "the failed attempts stored nothing")
}

func TestWireFaultDropsConnection(t *testing.T) {
	t.Parallel()
	k, c := faultServer(t, 0)
	k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpListShards, DropConnection: true, Times: 1})
	_, err := c.ListShards(t.Context(), &kinesis.ListShardsInput{StreamName: aws.String("s")})
	require.Error(t, err)
	var apiErr interface{ ErrorCode() string }
	assert.False(t, errors.As(err, &apiErr), "no answer at all, not an AWS error: %v", err)
	_, err = c.ListShards(t.Context(), &kinesis.ListShardsInput{StreamName: aws.String("s")})
	require.NoError(t, err)
}

func TestModelFaultsThroughTheSDK(t *testing.T) {
	t.Parallel()
	k, c := faultServer(t, 0)
	k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpPutRecords, Shard: "shardId-000000000000", EntryErrorCode: minikinesis.ErrorCodeInternalFailure})
	ranges := minikinesis.SplitHashKeySpace(2)
	out, err := c.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{
		{PartitionKey: aws.String("a"), Data: []byte("0"), ExplicitHashKey: aws.String(ranges[0].StartingHashKey.String())},
		{PartitionKey: aws.String("b"), Data: []byte("1"), ExplicitHashKey: aws.String(ranges[1].StartingHashKey.String())},
	}})
	require.NoError(t, err)
	assert.Equal(t, int32(1), *out.FailedRecordCount)
	assert.Equal(t, "InternalFailure", *out.Records[0].ErrorCode)
	assert.Equal(t, "Internal Service Failure", *out.Records[0].ErrorMessage)
	assert.Equal(t, "shardId-000000000001", *out.Records[1].ShardId)

	k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpGetShardIterator, Times: 1,
		Err: &minikinesis.ProvisionedThroughputExceededException{Message: "Rate exceeded for shard shardId-000000000001 in stream s under account 000000000000."}})
	_, err = c.GetShardIterator(t.Context(), &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
	var pt *types.ProvisionedThroughputExceededException
	require.ErrorAs(t, err, &pt)
	assert.Equal(t, "Rate exceeded for shard shardId-000000000001 in stream s under account 000000000000.", pt.ErrorMessage())

	k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpDescribeStream, ClockLatency: time.Minute, Times: 1})
	_, err = c.DescribeStream(t.Context(), &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, epoch.Add(time.Minute), k.Clock().Now())

	calls := k.Calls()
	require.NotEmpty(t, calls)
	assert.Equal(t, minikinesis.OpDescribeStream, calls[len(calls)-1].Operation)
}

func mustStream(t *testing.T, k *minikinesis.Kinesis) *minikinesis.Stream {
	t.Helper()
	s, err := k.Stream("s")
	require.NoError(t, err)
	return s
}

// TestFaultScopesThroughTheSDK: partition-key, Nth-call and probability
// scopes behave the same when the calls come over the wire.
func TestFaultScopesThroughTheSDK(t *testing.T) {
	t.Parallel()
	k, c := faultServer(t, 0)
	put := func(key string) error {
		_, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(key), Data: []byte("x")})
		return err
	}
	vip := k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpPutRecord, PartitionKey: func(key string) bool { return key == "vip" },
		EntryErrorCode: minikinesis.ErrorCodeProvisionedThroughputExceeded})
	require.NoError(t, put("regular"))
	var pt *types.ProvisionedThroughputExceededException
	require.ErrorAs(t, put("vip"), &pt)
	assert.Equal(t, 1, vip.Fired())
	vip.Remove()

	third := k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpListStreams, Nth: 3, Err: &minikinesis.LimitExceededException{Message: "Rate exceeded for account 000000000000."}})
	for i := 1; i <= 4; i++ {
		_, err := c.ListStreams(t.Context(), &kinesis.ListStreamsInput{})
		if i == 3 {
			var le *types.LimitExceededException
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "Rate exceeded for account 000000000000.", le.ErrorMessage())
		} else {
			require.NoError(t, err, "call %d", i)
		}
	}
	assert.Equal(t, 1, third.Fired())

	half := k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpDescribeLimits, Probability: 0.5, HTTPStatus: http.StatusInternalServerError})
	failed := 0
	for i := 0; i < 40; i++ {
		if _, err := c.DescribeLimits(t.Context(), &kinesis.DescribeLimitsInput{}); err != nil {
			failed++
		}
	}
	assert.Equal(t, half.Fired(), failed)
	assert.InDelta(t, 20, failed, 12)
}
