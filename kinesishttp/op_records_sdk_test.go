package kinesishttp_test

import (
	"crypto/md5"
	"fmt"
	"math/big"
	"strings"
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

func TestE2EPutRecordRoutingAndSequenceNumbers(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	counters := [3]uint64{}
	now := srv.Clock.Advance(2750 * time.Millisecond)

	put := func(in *kinesis.PutRecordInput, wantShard int) {
		t.Helper()
		out, err := c.PutRecord(ctx, in)
		require.NoError(t, err)
		counters[wantShard]++
		assert.Equal(t, shardID(wantShard), aws.ToString(out.ShardId), "partition key %q, explicit hash key %q", aws.ToString(in.PartitionKey), aws.ToString(in.ExplicitHashKey))
		assert.Equal(t, wantSeq(epoch, wantShard, counters[wantShard], now), aws.ToString(out.SequenceNumber))
		assert.Equal(t, types.EncryptionTypeNone, out.EncryptionType)
	}
	// Partition keys route by MD5; the test computes the shard itself.
	for _, key := range []string{"alice", "bob", "carol", "dave", "eve", "ünïcødé", strings.Repeat("k", 256)} {
		put(&kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(key), Data: []byte(key)}, routeOf(t, hashOf(key)))
	}
	// Explicit hash keys route exactly at SPEC's boundaries, whatever the
	// partition key.
	for _, tc := range []struct {
		key   string
		shard int
	}{
		{"0", 0}, {threeShards[0][1], 0}, {threeShards[1][0], 1}, {threeShards[1][1], 1},
		{threeShards[2][0], 2}, {maxHashKey, 2},
	} {
		put(&kinesis.PutRecordInput{StreamARN: aws.String(streamARN("s")), PartitionKey: aws.String("alice"), ExplicitHashKey: aws.String(tc.key), Data: []byte("x")}, tc.shard)
	}

	// What the model stored agrees.
	for i := range 3 {
		recs, err := srv.Stream("s").ShardRecords(shardID(i))
		require.NoError(t, err)
		assert.Len(t, recs, int(counters[i]))
	}
}

func TestE2EPutRecordsResultsInRequestOrder(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	now := srv.Clock.Advance(4125 * time.Millisecond)

	var entries []types.PutRecordsRequestEntry
	for i := range 20 {
		key := fmt.Sprintf("key-%d", i)
		entries = append(entries, types.PutRecordsRequestEntry{PartitionKey: aws.String(key), Data: []byte(fmt.Sprintf("record %d", i))})
	}
	out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(0), out.FailedRecordCount)
	assert.Equal(t, types.EncryptionTypeNone, out.EncryptionType)
	require.Len(t, out.Records, len(entries))

	counters := [3]uint64{}
	perShard := [3][]string{}
	for i, r := range out.Records {
		shard := routeOf(t, hashOf(aws.ToString(entries[i].PartitionKey)))
		counters[shard]++
		perShard[shard] = append(perShard[shard], string(entries[i].Data))
		assert.Equal(t, shardID(shard), aws.ToString(r.ShardId), "entry %d", i)
		assert.Equal(t, wantSeq(epoch, shard, counters[shard], now), aws.ToString(r.SequenceNumber), "entry %d", i)
		assert.Nil(t, r.ErrorCode, "entry %d", i)
		assert.Nil(t, r.ErrorMessage, "entry %d", i)
	}

	// Each shard hands the records back in request order, every field intact.
	srv.Clock.Advance(time.Minute)
	for shard := range 3 {
		recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", shard)})
		require.NoError(t, err)
		assert.Equal(t, perShard[shard], dataOf(recs.Records))
		for j, r := range recs.Records {
			assert.Equal(t, wantSeq(epoch, shard, uint64(j+1), now), aws.ToString(r.SequenceNumber))
			assertTime(t, now, r.ApproximateArrivalTimestamp)
			assert.Empty(t, r.EncryptionType, "unencrypted records carry no EncryptionType")
			var key string
			for _, e := range entries {
				if string(e.Data) == string(r.Data) {
					key = aws.ToString(e.PartitionKey)
				}
			}
			assert.Equal(t, key, aws.ToString(r.PartitionKey))
		}
	}
}

func TestE2EBinaryDataRoundTrips(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	data := make([]byte, 256*3)
	for i := range data {
		data[i] = byte(i)
	}
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("bin"), Data: data})
	require.NoError(t, err)
	_, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{
		{PartitionKey: aws.String("bin"), Data: data[1:]}, {PartitionKey: aws.String("bin"), Data: data[2:]}}})
	require.NoError(t, err)
	recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", 0)})
	require.NoError(t, err)
	require.Len(t, recs.Records, 3)
	assert.Equal(t, data, recs.Records[0].Data)
	assert.Equal(t, data[1:], recs.Records[1].Data)
	assert.Equal(t, data[2:], recs.Records[2].Data)
}

// One shard takes 1,000 records a second. A batch that goes past that has
// its entries for that shard refused from the first one over, while the
// other shards' entries, even later ones, go through.
func TestE2EPutRecordsPartialFailure(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)
	toShard0, toShard1 := "0", maxHashKey

	for range 2 { // 1,000 records into shard 0 within the same clock instant
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, toShard0)})
		require.NoError(t, err)
		require.Equal(t, aws.Int32(0), out.FailedRecordCount)
	}
	now := srv.Clock.Now()

	// The clock stands still: shard 0 has no allowance left, shard 1 all of it.
	entries := append(batch(1, toShard0), batch(1, toShard1)...)
	entries = append(entries, batch(1, toShard0)...)
	entries = append(entries, batch(1, toShard1)...)
	out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
	require.NoError(t, err)
	const throttled = "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000."
	assert.Equal(t, aws.Int32(2), out.FailedRecordCount)
	require.Len(t, out.Records, 4)
	assert.Equal(t, types.PutRecordsResultEntry{ErrorCode: aws.String("ProvisionedThroughputExceededException"), ErrorMessage: aws.String(throttled)}, out.Records[0])
	assert.Equal(t, types.PutRecordsResultEntry{ShardId: aws.String(shardID(1)), SequenceNumber: aws.String(wantSeq(epoch, 1, 1, now))}, out.Records[1])
	assert.Equal(t, types.PutRecordsResultEntry{ErrorCode: aws.String("ProvisionedThroughputExceededException"), ErrorMessage: aws.String(throttled)}, out.Records[2])
	assert.Equal(t, types.PutRecordsResultEntry{ShardId: aws.String(shardID(1)), SequenceNumber: aws.String(wantSeq(epoch, 1, 2, now))}, out.Records[3])

	// 999 ms later, 999 records' worth has come back, and no more.
	srv.Clock.Advance(999 * time.Millisecond)
	now = srv.Clock.Now()
	out, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: append(batch(499, toShard0), batch(1, toShard1)...)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(0), out.FailedRecordCount)
	out, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, toShard0)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(0), out.FailedRecordCount)
	assert.Equal(t, wantSeq(epoch, 0, 1999, now), aws.ToString(out.Records[499].SequenceNumber))

	// The allowance is used up again: every entry for shard 0 is refused.
	out, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(3, toShard0)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(3), out.FailedRecordCount)
	for i, r := range out.Records {
		assert.Equal(t, "ProvisionedThroughputExceededException", aws.ToString(r.ErrorCode), "entry %d", i)
		assert.Equal(t, throttled, aws.ToString(r.ErrorMessage), "entry %d", i)
		assert.Nil(t, r.ShardId)
		assert.Nil(t, r.SequenceNumber)
	}

	// A second later the bucket is full again.
	srv.Clock.Advance(time.Second)
	out, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, toShard0)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(0), out.FailedRecordCount)

	recs, err := srv.Stream("s").ShardRecords(shardID(0))
	require.NoError(t, err)
	assert.Equal(t, 2499, len(recs), "refused entries are not stored")
}

func TestE2EPutRecordsPartialFailureFreshBucket(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	// 1,001 records within one clock second: 500 + 500 + 1.
	for range 2 {
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, "0")})
		require.NoError(t, err)
		require.Equal(t, aws.Int32(0), out.FailedRecordCount)
	}
	out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(1, "0")})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(1), out.FailedRecordCount)
	assert.Equal(t, []types.PutRecordsResultEntry{{ErrorCode: aws.String("ProvisionedThroughputExceededException"),
		ErrorMessage: aws.String("Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000.")}}, out.Records)
}

func TestE2EPutRecordThrottling(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	put := func(data []byte) error {
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: data})
		return err
	}
	const throttled = "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000."

	// Records: 1,000 a second.
	for range 2 {
		_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, "0")})
		require.NoError(t, err)
	}
	requireAWSError[*types.ProvisionedThroughputExceededException](t, put([]byte("x")), throttled)
	srv.Clock.Advance(time.Second)
	require.NoError(t, put([]byte("x")))

	// Bytes: 1 MiB a second, partition keys included.
	srv.Clock.Advance(time.Second)
	half := make([]byte, 512*1024)
	require.NoError(t, put(half))
	// 512 KiB + 512 KiB + two key bytes is over 1 MiB.
	requireAWSError[*types.ProvisionedThroughputExceededException](t, put(half), throttled)
	require.NoError(t, put(half[:512*1024-2]), "exactly 1 MiB with the keys")
	srv.Clock.Advance(time.Second)
	require.NoError(t, put(half))
}

func TestE2EWithoutWriteThrottling(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutWriteThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	for range 3 {
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(500, "0")})
		require.NoError(t, err)
		require.Equal(t, aws.Int32(0), out.FailedRecordCount)
	}
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, 1<<20-1)})
	require.NoError(t, err)
}

func TestE2ESequenceNumberForOrdering(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)
	first, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("1")})
	require.NoError(t, err)
	srv.Clock.Advance(time.Second)
	second, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("2"),
		SequenceNumberForOrdering: first.SequenceNumber})
	require.NoError(t, err)
	assert.Equal(t, first.ShardId, second.ShardId)
	a, _ := new(big.Int).SetString(aws.ToString(first.SequenceNumber), 10)
	b, _ := new(big.Int).SetString(aws.ToString(second.SequenceNumber), 10)
	assert.Equal(t, 1, b.Cmp(a), "strictly greater")
	assert.Greater(t, seqCounter(t, aws.ToString(second.SequenceNumber)), seqCounter(t, aws.ToString(first.SequenceNumber)))

	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("3"),
		SequenceNumberForOrdering: aws.String("1")})
	requireAWSError[*types.InvalidArgumentException](t, err, "ExclusiveMinimumSequenceNumber 1 used in PutRecord on stream s under account 000000000000 is invalid.")
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("3"),
		SequenceNumberForOrdering: aws.String("12x")})
	requireValidation(t, err, `1 validation error detected: Value '12x' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,128})`)
}

func TestE2EPutValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	putRecord := func(in *kinesis.PutRecordInput) error {
		if in.StreamName == nil {
			in.StreamName = aws.String("s")
		}
		_, err := c.PutRecord(ctx, in)
		return err
	}

	requireValidation(t, putRecord(&kinesis.PutRecordInput{Data: []byte("x")}),
		"1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null")
	requireValidation(t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String(""), Data: []byte("x")}),
		"1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1")
	// 256 characters is the limit, counted in characters, not bytes.
	require.NoError(t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String(strings.Repeat("é", 256)), Data: []byte("x")}))
	long := strings.Repeat("é", 257)
	requireValidation(t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String(long), Data: []byte("x")}),
		"1 validation error detected: Value '"+long+"' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256")
	// SPEC §3's example: 1,048,577 bytes of data.
	requireValidation(t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String("k"), Data: make([]byte, 1048577)}),
		"1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
	// The key counts toward the record's 1 MiB, and the message shows data
	// and key together, never a size within the limit it names.
	requireValidation(t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String("k"), Data: make([]byte, 1048576)}),
		"1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
	requireValidation(t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("-1"), Data: []byte("x")}),
		`1 validation error detected: Value '-1' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`)
	requireAWSError[*types.InvalidArgumentException](t, putRecord(&kinesis.PutRecordInput{PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(twoTo128), Data: []byte("x")}),
		"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "+twoTo128)
	requireValidation(t, putRecord(&kinesis.PutRecordInput{StreamName: aws.String("bad/name"), PartitionKey: aws.String("k"), Data: []byte("x")}),
		"1 validation error detected: Value 'bad/name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	requireAWSError[*types.ResourceNotFoundException](t, putRecord(&kinesis.PutRecordInput{StreamName: aws.String("nope"), PartitionKey: aws.String("k"), Data: []byte("x")}),
		"Stream nope under account 000000000000 not found.")
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{PartitionKey: aws.String("k"), Data: []byte("x")})
	requireAWSError[*types.InvalidArgumentException](t, err, "Stream arn and stream name can't be empty at the same time")

	putRecords := func(entries []types.PutRecordsRequestEntry) error {
		_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
		return err
	}
	requireValidation(t, putRecords([]types.PutRecordsRequestEntry{}),
		"1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1")
	tooMany := make([]types.PutRecordsRequestEntry, 501)
	var listed []string
	for i := range tooMany {
		tooMany[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("x")}
		listed = append(listed, "PutRecordsRequestEntry(data=java.nio.HeapByteBuffer[pos=0 lim=1 cap=1], explicitHashKey=null, partitionKey=k)")
	}
	requireValidation(t, putRecords(tooMany),
		"1 validation error detected: Value '["+strings.Join(listed, ", ")+"]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500")
	requireValidation(t, putRecords([]types.PutRecordsRequestEntry{
		{PartitionKey: aws.String("k"), Data: []byte("ok")},
		{PartitionKey: aws.String("k"), Data: make([]byte, 1048577)},
		{PartitionKey: aws.String(""), Data: []byte("x")},
	}), "2 validation errors detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576; Value '' at 'records.3.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1")
	requireValidation(t, putRecords([]types.PutRecordsRequestEntry{
		{PartitionKey: aws.String("k"), Data: []byte("ok")},
		{Data: []byte("no key")},
	}), "1 validation error detected: Value null at 'records.2.member.partitionKey' failed to satisfy constraint: Member must not be null")
	// The whole request over 5 MiB.
	big := make([]byte, 900*1024)
	requireAWSError[*types.InvalidArgumentException](t, putRecords([]types.PutRecordsRequestEntry{
		{PartitionKey: aws.String("k"), Data: big}, {PartitionKey: aws.String("k"), Data: big}, {PartitionKey: aws.String("k"), Data: big},
		{PartitionKey: aws.String("k"), Data: big}, {PartitionKey: aws.String("k"), Data: big}, {PartitionKey: aws.String("k"), Data: big},
	}), "Records size exceeds 5 MB limit")
	// One bad ExplicitHashKey fails the whole batch, storing nothing.
	requireAWSError[*types.InvalidArgumentException](t, putRecords([]types.PutRecordsRequestEntry{
		{PartitionKey: aws.String("k"), Data: []byte("would be stored")},
		{PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(twoTo128), Data: []byte("x")},
	}), "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "+twoTo128)
	_, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("nope"), Records: batch(1, "0")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")

	all, err := srv.Stream("s").ReadAll(ctx)
	require.NoError(t, err)
	require.Len(t, all, 1, "only the 256-character key's record was stored")
	assert.Equal(t, strings.Repeat("é", 256), all[0].PartitionKey)
}

// AWS validates every member before answering, and lists all the
// violations (up to ten) in one ValidationException: a missing member does
// not hide another member's violation. The order of the list is AWS's own,
// so this checks the count and each violation, not their order.
func TestE2EValidationListsMissingAndInvalidMembersTogether(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)

	check := func(err error, violations ...string) {
		t.Helper()
		var ve *types.ValidationException
		require.ErrorAs(t, err, &ve)
		msg := ve.ErrorMessage()
		assert.True(t, strings.HasPrefix(msg, fmt.Sprintf("%d validation errors detected: ", len(violations))), "got %q", msg)
		for _, v := range violations {
			assert.Contains(t, msg, v)
		}
	}
	_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{
		{Data: []byte("no key")},
		{PartitionKey: aws.String("k"), Data: make([]byte, 1048577)},
	}})
	check(err,
		"Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null",
		"Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), Data: make([]byte, 1048577)})
	check(err,
		"Value null at 'partitionKey' failed to satisfy constraint: Member must not be null",
		"Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
}
