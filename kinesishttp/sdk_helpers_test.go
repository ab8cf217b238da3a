package kinesishttp_test

import (
	"errors"
	"fmt"
	"math/big"
	"net/http"
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

// The SDK suite: every operation the handler serves, driven through the
// real aws-sdk-go-v2 Kinesis client against an in-process server, checking
// the SDK's typed outputs and typed errors. Each test has its own server
// and a manual clock, so they run in parallel and nothing depends on the
// wall clock (SubscribeToShard events alone arrive asynchronously; those
// tests wait on the SDK's channel with a timeout).
//
// Files: op_<family>_sdk_test.go beside each family's op_<family>.go,
// errors_sdk_test.go (every SPEC §3 error, one row each),
// faults_sdk_test.go (injected faults over the wire), and this file: the
// setup and assertions they share.

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

// newServer starts a server whose model reads a manual clock at epoch, and
// whose client does not retry, so a test sees every answer.
func newServer(t *testing.T, opts ...minikinesistest.Option) *minikinesistest.Server {
	t.Helper()
	return minikinesistest.NewServer(t, append([]minikinesistest.Option{minikinesistest.WithManualClock(epoch), minikinesistest.WithRetries(0)}, opts...)...)
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

func createStream(t *testing.T, c *kinesis.Client, name string, shards int32) {
	t.Helper()
	_, err := c.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(shards)})
	require.NoError(t, err)
}

// errorsAs is errors.As for a fresh target, for checks outside require.
func errorsAs[E error](err error) (E, bool) {
	var target E
	ok := errors.As(err, &target)
	return target, ok
}

func iterator(t *testing.T, c *kinesis.Client, in *kinesis.GetShardIteratorInput) *string {
	t.Helper()
	out, err := c.GetShardIterator(t.Context(), in)
	require.NoError(t, err)
	require.NotNil(t, out.ShardIterator)
	return out.ShardIterator
}

func trimHorizon(t *testing.T, c *kinesis.Client, stream string, shard int) *string {
	t.Helper()
	return iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String(shardID(shard)),
		ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
}

func dataOf(recs []types.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = string(r.Data)
	}
	return out
}

// batch returns n entries of one byte each, all routed by hashKey.
func batch(n int, hashKey string) []types.PutRecordsRequestEntry {
	entries := make([]types.PutRecordsRequestEntry, n)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(hashKey), Data: []byte{'x'}}
	}
	return entries
}

func summary(t *testing.T, c *kinesis.Client, name string) *types.StreamDescriptionSummary {
	t.Helper()
	out, err := c.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
	require.NoError(t, err)
	require.NotNil(t, out.StreamDescriptionSummary)
	return out.StreamDescriptionSummary
}

func minus1(s string) string {
	n, _ := new(big.Int).SetString(s, 10)
	return n.Sub(n, big.NewInt(1)).String()
}
