package minikinesis

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingStream is a stream of n shards in a counting-mode account on a
// manual clock.
func countingStream(t *testing.T, shards int, opts ...Option) (*Kinesis, *Stream, *ManualClock) {
	t.Helper()
	k, clock := newTestKinesis(t, append([]Option{WithoutRecordPayloads(), WithCallLogSize(0)}, opts...)...)
	return k, createStream(t, k, "counted", shards), clock
}

// sameKey is n records of size bytes, all with partition key key, each its
// own request (as PutRecord calls).
func sameKey(key string, n int, size int32) []CountedRecord {
	h := PartitionKeyHash(key)
	out := make([]CountedRecord, n)
	for i := range out {
		out[i] = CountedRecord{HashKey: h, Size: size, Request: uint32(i)}
	}
	return out
}

func putCounted(t *testing.T, s *Stream, records []CountedRecord) ([]CountedResult, int) {
	t.Helper()
	results := make([]CountedResult, len(records))
	failed, err := s.PutCountedRecords(records, results)
	require.NoError(t, err)
	return results, failed
}

func TestPutCountedRecordsTakesTheShardAllowance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		records       []CountedRecord
		wantAccepted  int
		wantThrottled int
	}{
		{"records bucket: 1,000 of 1,500 small records", sameKey("hot", 1500, 10), 1000, 500},
		{"bytes bucket: 1 MiB of 100 KiB records", sameKey("hot", 20, 100<<10), 10, 10},
		{"within both", sameKey("hot", 999, 1000), 999, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, s, clock := countingStream(t, 4)
			results, failed := putCounted(t, s, c.records)
			assert.Equal(t, c.wantThrottled, failed)
			hot := FormatShardID(int(results[0].ShardIndex))
			m, err := s.ShardMetrics(hot)
			require.NoError(t, err)
			assert.Equal(t, c.wantAccepted, m.Records, "records counted")
			assert.Equal(t, c.wantThrottled, m.WriteThrottled)
			for i, r := range results {
				assert.Equal(t, i >= c.wantAccepted, r.Throttled, "record %d", i)
			}
			// A second later the bucket has refilled by one second's allowance.
			clock.Advance(time.Second)
			_, failed = putCounted(t, s, c.records[:1])
			assert.Zero(t, failed)
		})
	}
}

func TestPutCountedRecordsRoutesAsPutRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, counted, _ := countingStream(t, 7)
	stored := createStream(t, New(WithoutWriteThrottling()), "stored", 7)
	var records []CountedRecord
	var entries []PutRecordsRequestEntry
	for i := range 300 {
		key := fmt.Sprint("user-", i)
		records = append(records, CountedRecord{HashKey: PartitionKeyHash(key), Size: int32(len(key) + 5)})
		entries = append(entries, PutRecordsRequestEntry{PartitionKey: key, Data: []byte("hello")})
	}
	results, failed := putCounted(t, counted, records)
	require.Zero(t, failed)
	out, err := stored.PutRecords(ctx, &PutRecordsInput{Records: entries})
	require.NoError(t, err)
	for i := range results {
		assert.Equal(t, out.Records[i].ShardId, FormatShardID(int(results[i].ShardIndex)), "record %d", i)
	}
}

func TestPutCountedRecordsRequestBoundaries(t *testing.T) {
	t.Parallel()
	// 1 MiB of bytes allowance: a 600 KiB record fits, a second does not,
	// a 300 KiB record after it still fits, but only in another request.
	h := PartitionKeyHash("k")
	big, small := int32(600<<10), int32(300<<10)
	cases := []struct {
		name     string
		requests []uint32
		want     []bool // throttled
	}{
		{"one request refuses the rest after the first refusal", []uint32{0, 0, 0}, []bool{false, true, true}},
		{"separate requests each try", []uint32{0, 1, 2}, []bool{false, true, false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, s, _ := countingStream(t, 1)
			records := []CountedRecord{{h, big, c.requests[0]}, {h, big, c.requests[1]}, {h, small, c.requests[2]}}
			results, _ := putCounted(t, s, records)
			for i, r := range results {
				assert.Equal(t, c.want[i], r.Throttled, "record %d", i)
			}
		})
	}
}

func TestPutCountedRecordsRefuses(t *testing.T) {
	t.Parallel()
	_, s, _ := countingStream(t, 1)
	_, err := s.PutCountedRecords([]CountedRecord{{Size: 0}}, make([]CountedResult, 1))
	assert.Contains(t, requireAPIError[*InvalidArgumentException](t, err).ErrorMessage(), "size 0")
	_, err = s.PutCountedRecords([]CountedRecord{{Size: 2 << 20}}, make([]CountedResult, 1))
	assert.Contains(t, requireAPIError[*InvalidArgumentException](t, err).ErrorMessage(), "sizes run from 1 to 1048576")
	_, err = s.PutCountedRecords(make([]CountedRecord, 2), make([]CountedResult, 1))
	requireAPIError[*InvalidArgumentException](t, err)

	k, _ := newTestKinesis(t)
	stored := createStream(t, k, "stored", 1)
	_, err = stored.PutCountedRecords(sameKey("k", 1, 1), make([]CountedResult, 1))
	assert.Contains(t, requireAPIError[*InvalidArgumentException](t, err).ErrorMessage(), "needs counting mode")
}

func TestCountingModeKeepsNoPayloads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, _ := countingStream(t, 1)
	out, err := s.PutRecords(ctx, &PutRecordsInput{Records: []PutRecordsRequestEntry{{PartitionKey: "a", Data: []byte("xyz")}}})
	require.NoError(t, err)
	require.Zero(t, out.FailedRecordCount)
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "counted", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	_, err = k.GetRecords(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	assert.Contains(t, requireAPIError[*InvalidArgumentException](t, err).ErrorMessage(), "GetRecordCounts")
	_, err = s.ReadAll(ctx)
	requireAPIError[*InvalidArgumentException](t, err)

	got, err := k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Equal(t, 1, got.Records)
	assert.Equal(t, 4, got.Bytes, "data plus partition key")
	assert.Equal(t, out.Records[0].SequenceNumber, got.LastSequenceNumber)
}

func TestCountingModeMemoryIsFlat(t *testing.T) {
	t.Parallel()
	_, s, clock := countingStream(t, 1, WithoutWriteThrottling())
	batch := sameKey("k", 10_000, 100)
	results := make([]CountedResult, len(batch))
	for range 1000 { // 10 M records over 100 s of clock
		_, err := s.PutCountedRecords(batch, results)
		require.NoError(t, err)
		clock.Advance(100 * time.Millisecond)
	}
	sh := s.shards[0]
	assert.Equal(t, int64(10_000_000), sh.counts.kept)
	assert.LessOrEqual(t, len(sh.counts.runs), 101, "one run per arrival second")
	assert.Zero(t, sh.log.Len(), "nothing stored")
}

func TestGetRecordCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, clock := countingStream(t, 1)
	// Three seconds of 500 records of 100 bytes.
	for range 3 {
		putCounted(t, s, sameKey("k", 500, 100))
		clock.Advance(time.Second)
	}
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "counted", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	iter := it.ShardIterator
	steps := []struct {
		records, bytes int
		behind         int64
	}{
		{700, 70_000, 2000}, // the 701st record arrived 2 s ago
		{700, 70_000, 1000},
		{100, 10_000, 0},
		{0, 0, 0},
	}
	for i, want := range steps {
		got, err := k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: iter, Limit: 700})
		require.NoError(t, err, "call %d", i)
		assert.Equal(t, want.records, got.Records, "call %d", i)
		assert.Equal(t, want.bytes, got.Bytes, "call %d", i)
		assert.Equal(t, want.behind, got.MillisBehindLatest, "call %d", i)
		iter = got.NextShardIterator
	}
	// Four calls so far this second; the sixth is refused.
	_, err = k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: iter})
	require.NoError(t, err)
	_, err = k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: iter})
	requireAPIError[*ProvisionedThroughputExceededException](t, err)
	m, _ := s.ShardMetrics("0")
	assert.Equal(t, 1, m.ReadThrottled)
}

func TestGetRecordCountsTenMiBPenalty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, clock := countingStream(t, 1, WithoutWriteThrottling())
	putCounted(t, s, sameKey("k", 12, 1<<20))
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "counted", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	got, err := k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Equal(t, 10, got.Records, "10 MiB per call")
	assert.Equal(t, MaxGetRecordsBytes, got.Bytes)
	clock.Advance(4 * time.Second)
	_, err = k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: got.NextShardIterator})
	requireAPIError[*ProvisionedThroughputExceededException](t, err)
	clock.Advance(time.Second)
	got, err = k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: got.NextShardIterator})
	require.NoError(t, err)
	assert.Equal(t, 2, got.Records)
}

func TestGetRecordCountsAcrossASplit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, _ := countingStream(t, 1)
	putCounted(t, s, sameKey("k", 10, 10))
	mid := SplitHashKeySpace(2)[1].StartingHashKey.String()
	require.NoError(t, k.SplitShard(ctx, &SplitShardInput{StreamName: "counted", ShardToSplit: "0", NewStartingHashKey: mid}))
	results, _ := putCounted(t, s, sameKey("k", 5, 10))
	assert.NotEqual(t, int32(0), results[0].ShardIndex, "new writes go to a child")

	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "counted", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	got, err := k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Equal(t, 10, got.Records)
	assert.Empty(t, got.NextShardIterator)
	require.Len(t, got.ChildShards, 2)
}

func TestCountingAtTimestamp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, clock := countingStream(t, 1)
	putCounted(t, s, sameKey("k", 3, 10))
	clock.Advance(2 * time.Second)
	mark := clock.Now()
	putCounted(t, s, sameKey("k", 4, 10))
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "counted", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: mark})
	require.NoError(t, err)
	got, err := k.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Equal(t, 4, got.Records, "only the records from the timestamp on")
}

func TestSubscriptionNextCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, clock := countingStream(t, 1, WithoutWriteThrottling())
	c, err := k.RegisterStreamConsumer(ctx, &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	require.NoError(t, err)
	sub, err := k.SubscribeToShard(ctx, &SubscribeToShardInput{ConsumerARN: c.Consumer.ConsumerARN, ShardId: "0",
		StartingPosition: StartingPosition{Type: ShardIteratorTypeTrimHorizon}})
	require.NoError(t, err)
	putCounted(t, s, sameKey("k", 4, 1<<20)) // 4 MiB
	_, err = sub.Next(ctx)
	requireAPIError[*InvalidArgumentException](t, err)

	ev, err := sub.NextCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, ev.Records, "an event may go into the 2 MiB/s debt")
	clock.Advance(time.Second)
	putCounted(t, s, sameKey("k", 1, 10))
	ev, err = sub.NextCounts(ctx)
	require.NoError(t, err)
	assert.Zero(t, ev.Records, "paying off the debt: 2 MiB after 1 s of 2 MiB/s")
	clock.Advance(time.Second + time.Millisecond)
	ev, err = sub.NextCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, ev.Records)
	assert.Zero(t, ev.MillisBehindLatest, "caught up")
}

func TestRouteTableAgreesWithTheStream(t *testing.T) {
	t.Parallel()
	for _, shards := range []int{1, 3, 100, 5000} {
		k, s, _ := countingStream(t, shards, WithShardLimit(20_000))
		if shards > 1 { // an uneven layout too
			mid := SplitHashKeySpace(shards)[1]
			require.NoError(t, k.SplitShard(context.Background(), &SplitShardInput{StreamName: "counted", ShardToSplit: "0",
				NewStartingHashKey: HashKey{Hi: mid.StartingHashKey.Hi / 3, Lo: 7}.String()}))
		}
		s.mu.RLock()
		rt := s.routeTableLocked()
		for i := range 20_000 {
			h := PartitionKeyHash(fmt.Sprint(i))
			if i%1000 == 0 {
				h = rt.starts[i%len(rt.starts)] // shard boundaries exactly
			}
			require.Same(t, s.routeLocked(h), rt.shards[rt.route(h)], "%d shards, hash %s", shards, h)
		}
		s.mu.RUnlock()
	}
}

func TestCountingSnapshotAndCallLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, s, _ := countingStream(t, 2)
	results, _ := putCounted(t, s, sameKey("k", 30, 10))
	k2 := New(WithoutRecordPayloads(), WithClock(k.Clock()))
	k2.Restore(k.Snapshot())
	it, err := k2.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "counted", ShardId: FormatShardID(int(results[0].ShardIndex)),
		ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	got, err := k2.GetRecordCounts(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Equal(t, 30, got.Records, "the copy keeps the counts")
	calls := k2.Calls()
	require.NotEmpty(t, calls)
	last := calls[len(calls)-1]
	assert.Equal(t, OpGetRecords, last.Operation)
	assert.Equal(t, 30, last.Records)
	assert.Equal(t, 300, last.Bytes)
}
