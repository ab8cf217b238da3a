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

func TestE2EShardIteratorTypes(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutReadThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)
	var seqs []string
	var times []time.Time
	for i := range 4 {
		times = append(times, srv.Clock.Advance(1500*time.Millisecond))
		out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"),
			ExplicitHashKey: aws.String("0"), Data: []byte(fmt.Sprint(i))})
		require.NoError(t, err)
		seqs = append(seqs, aws.ToString(out.SequenceNumber))
	}
	read := func(in *kinesis.GetShardIteratorInput) []string {
		t.Helper()
		if in.StreamName == nil && in.StreamARN == nil {
			in.StreamName = aws.String("s")
		}
		if in.ShardId == nil {
			in.ShardId = aws.String(shardID(0))
		}
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: iterator(t, c, in)})
		require.NoError(t, err)
		return dataOf(out.Records)
	}

	assert.Equal(t, []string{"0", "1", "2", "3"}, read(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeTrimHorizon}))
	assert.Equal(t, []string{"0", "1", "2", "3"}, read(&kinesis.GetShardIteratorInput{StreamARN: aws.String(streamARN("s")), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}))
	assert.Equal(t, []string{"2", "3"}, read(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String(seqs[2])}))
	assert.Equal(t, []string{"3"}, read(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: aws.String(seqs[2])}))
	assert.Equal(t, []string{"1", "2", "3"}, read(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(times[1])}), "at the arrival time itself")
	assert.Equal(t, []string{"2", "3"}, read(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(times[1].Add(time.Millisecond))}), "a millisecond later")
	assert.Equal(t, []string{"0", "1", "2", "3"}, read(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(-time.Hour))}))
	assert.Equal(t, []string{"0", "1", "2", "3"}, read(&kinesis.GetShardIteratorInput{ShardId: aws.String("0"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}), "shard id 0 names shardId-000000000000")
	assert.Empty(t, read(&kinesis.GetShardIteratorInput{ShardId: aws.String("shardId-1"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}))

	latest := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shardID(0)), ShardIteratorType: types.ShardIteratorTypeLatest})
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("0"), Data: []byte("new")})
	require.NoError(t, err)
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: latest})
	require.NoError(t, err)
	assert.Equal(t, []string{"new"}, dataOf(out.Records), "LATEST reads what arrives after it")
}

func TestE2EGetRecords(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutReadThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	var arrivals []time.Time
	for i := range 5 {
		arrivals = append(arrivals, srv.Clock.Advance(1125*time.Millisecond))
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(fmt.Sprintf("pk%d", i)), Data: []byte(fmt.Sprint(i))})
		require.NoError(t, err)
	}
	now := srv.Clock.Advance(10 * time.Second)

	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", 0), Limit: aws.Int32(2)})
	require.NoError(t, err)
	require.Len(t, out.Records, 2)
	for i, r := range out.Records {
		assert.Equal(t, fmt.Sprint(i), string(r.Data))
		assert.Equal(t, fmt.Sprintf("pk%d", i), aws.ToString(r.PartitionKey))
		assert.Equal(t, wantSeq(epoch, 0, uint64(i+1), arrivals[i]), aws.ToString(r.SequenceNumber))
		assertTime(t, arrivals[i], r.ApproximateArrivalTimestamp)
		assert.Empty(t, r.EncryptionType, "unencrypted records carry no EncryptionType")
	}
	// The position returned is behind the tip by the next record's age.
	assert.Equal(t, aws.Int64(now.Sub(arrivals[2]).Milliseconds()), out.MillisBehindLatest)
	require.NotNil(t, out.NextShardIterator)
	assert.Empty(t, out.ChildShards, "no child shards while the shard is open")

	out, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: out.NextShardIterator, StreamARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	assert.Equal(t, []string{"2", "3", "4"}, dataOf(out.Records))
	assert.Equal(t, aws.Int64(0), out.MillisBehindLatest, "caught up")
	require.NotNil(t, out.NextShardIterator)

	// Caught up: empty answers, a fresh iterator each time.
	next := out.NextShardIterator
	out, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next})
	require.NoError(t, err)
	assert.Empty(t, out.Records)
	assert.Equal(t, aws.Int64(0), out.MillisBehindLatest)
	require.NotNil(t, out.NextShardIterator)
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("5")})
	require.NoError(t, err)
	out, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: out.NextShardIterator})
	require.NoError(t, err)
	assert.Equal(t, []string{"5"}, dataOf(out.Records))
	// An iterator can be used again: it is a position, not a cursor.
	out, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next})
	require.NoError(t, err)
	assert.Equal(t, []string{"5"}, dataOf(out.Records))

	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next, Limit: aws.Int32(0)})
	requireValidation(t, err, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next, Limit: aws.Int32(10001)})
	requireValidation(t, err, "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000")
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")})
	requireAWSError[*types.InvalidArgumentException](t, err, "Invalid ShardIterator.")
	createStream(t, c, "other", 1)
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next, StreamARN: aws.String(streamARN("other"))})
	requireAWSError[*types.InvalidArgumentException](t, err, "Invalid ShardIterator.")
}

func TestE2EGetRecordsLimitWalk(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutReadThrottling(), minikinesis.WithoutWriteThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	for range 25 {
		_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, "0")})
		require.NoError(t, err)
	}
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", 0)})
	require.NoError(t, err)
	assert.Len(t, out.Records, 10000, "the default Limit is 10,000")
	total := len(out.Records)
	for it := out.NextShardIterator; ; {
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(1000)})
		require.NoError(t, err)
		if len(out.Records) == 0 {
			break
		}
		assert.LessOrEqual(t, len(out.Records), 1000)
		total += len(out.Records)
		it = out.NextShardIterator
	}
	assert.Equal(t, 12500, total)
}

func TestE2EIteratorExpiry(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	it := trimHorizon(t, c, "s", 0)

	srv.Clock.Advance(300 * time.Second)
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	require.NoError(t, err, "300 seconds is the tolerated delay")
	fresh := out.NextShardIterator

	srv.Clock.Advance(time.Second)
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	requireAWSError[*types.ExpiredIteratorException](t, err, "Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2026 while right now it is Thu Jan 22 01:27:03 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.")
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: fresh})
	require.NoError(t, err, "every GetRecords answer carries a fresh iterator")
}

func TestE2EReadThrottling(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)
	it := trimHorizon(t, c, "s", 0)
	get := func() error {
		_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		return err
	}
	const throttled = "Rate exceeded for Shard - 000000000000/s/shardId-000000000000"

	for i := range 5 { // 5 calls a second per shard
		require.NoError(t, get(), "call %d", i+1)
	}
	requireAWSError[*types.ProvisionedThroughputExceededException](t, get(), throttled)
	_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", 1)})
	require.NoError(t, err, "another shard has its own allowance")
	srv.Clock.Advance(200 * time.Millisecond)
	require.NoError(t, get(), "200 ms earn one call")
	requireAWSError[*types.ProvisionedThroughputExceededException](t, get(), throttled)
}

func TestE2EReadThrottlingBytes(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutWriteThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	for range 3 { // 3 MiB, keys included
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, 1<<20-1)})
		require.NoError(t, err)
	}
	it := trimHorizon(t, c, "s", 0)
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	require.NoError(t, err)
	require.Len(t, out.Records, 3, "a read may overdraw the 2 MiB/s allowance")
	get := func() error {
		_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: out.NextShardIterator})
		return err
	}
	const throttled = "Rate exceeded for Shard - 000000000000/s/shardId-000000000000"
	requireAWSError[*types.ProvisionedThroughputExceededException](t, get(), throttled)
	srv.Clock.Advance(500 * time.Millisecond) // the 1 MiB debt is repaid, nothing more
	requireAWSError[*types.ProvisionedThroughputExceededException](t, get(), throttled)
	srv.Clock.Advance(500 * time.Millisecond)
	require.NoError(t, get())
}

// A call that returns 10 MiB makes the shard refuse reads for 5 seconds.
func TestE2EReadPenaltyAfterTenMiB(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutWriteThrottling(),
		minikinesis.WithReadThroughput(minikinesis.ReadThroughput{CallsPerSecond: 5}))) // no bytes limit: only the penalty
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	for range 11 { // 1 MiB each, key included
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, 1<<20-1)})
		require.NoError(t, err)
	}
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", 0)})
	require.NoError(t, err)
	require.Len(t, out.Records, 10, "10 MiB per call")
	assert.Greater(t, aws.ToInt64(out.MillisBehindLatest), int64(-1))

	get := func() error {
		_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: out.NextShardIterator})
		return err
	}
	const throttled = "Rate exceeded for Shard - 000000000000/s/shardId-000000000000"
	requireAWSError[*types.ProvisionedThroughputExceededException](t, get(), throttled)
	srv.Clock.Advance(4999 * time.Millisecond)
	requireAWSError[*types.ProvisionedThroughputExceededException](t, get(), throttled)
	srv.Clock.Advance(time.Millisecond)
	require.NoError(t, get())
}
