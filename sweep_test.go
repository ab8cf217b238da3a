package minikinesis

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heldRecords is what a shard's log keeps: records and memory.
func heldRecords(sh *shard) (records, bytes int) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.log.Len(), sh.log.Footprint().Bytes()
}

func TestSweepExpiredFreesIdleOpenAndClosedShards(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	ctx := t.Context()
	s := createStream(t, k, "s", 1)
	idle := createStream(t, k, "idle", 1)
	payload := bytes.Repeat([]byte{'x'}, 1000)
	batch := make([]PutRecordsRequestEntry, 500)
	for i := range batch {
		batch[i] = PutRecordsRequestEntry{PartitionKey: "k" + itoa(i), Data: payload}
	}
	for range 10 { // 5,000 records of 1 KB: several full chunks and slabs each
		_, err := s.PutRecords(ctx, &PutRecordsInput{Records: batch})
		require.NoError(t, err)
		_, err = idle.PutRecords(ctx, &PutRecordsInput{Records: batch})
		require.NoError(t, err)
	}
	// Reshard: shardId-000000000000 closes with its records, and its
	// children start empty.
	_, err := k.UpdateShardCount(ctx, &UpdateShardCountInput{StreamName: "s", TargetShardCount: 2, ScalingType: ScalingTypeUniformScaling})
	require.NoError(t, err)
	clock.Advance(time.Hour)
	_, err = s.PutRecord(ctx, &PutRecordInput{PartitionKey: "young", Data: []byte("kept")})
	require.NoError(t, err)

	assert.Equal(t, SweepStats{Streams: 2, Shards: 4}, k.SweepExpired(), "nothing has expired yet")

	clock.Advance(23*time.Hour + time.Millisecond) // the first 10,000 records are past 24 h; "young" is not
	parentHeld, parentBytes := heldRecords(s.shards[0])
	idleHeld, idleBytes := heldRecords(idle.shards[0])
	require.Equal(t, 5000, parentHeld, "untouched shards still hold what has expired")
	require.Equal(t, 5000, idleHeld)
	poolBefore := k.logPool.Held()

	stats := k.SweepExpired()
	assert.Equal(t, 2, stats.Streams)
	assert.Equal(t, 4, stats.Shards, "closed shards are swept too")
	assert.Equal(t, 10000, stats.Records)
	parentLeft, parentBytesLeft := heldRecords(s.shards[0])
	idleLeft, idleBytesLeft := heldRecords(idle.shards[0])
	assert.Zero(t, parentLeft)
	assert.Zero(t, idleLeft)
	assert.Equal(t, int64(parentBytes-parentBytesLeft+idleBytes-idleBytesLeft), stats.Bytes, "Bytes is what the shards let go")
	assert.Greater(t, stats.Bytes, int64(2*5000*1000*9/10), "the payloads went")
	pooled := k.logPool.Held() - poolBefore
	assert.Positive(t, pooled, "freed memory returns to the account's pool")
	assert.LessOrEqual(t, int64(pooled), stats.Bytes)

	assert.Equal(t, SweepStats{Streams: 2, Shards: 4}, k.SweepExpired(), "a second sweep finds nothing more")

	// Reads answer as before the sweep: the closed parent ends at once with
	// its children, the young record is still there, and ListShards no
	// longer lists a parent closed before the trim horizon.
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	out, err := k.GetRecords(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Empty(t, out.Records)
	assert.Empty(t, out.NextShardIterator)
	require.Len(t, out.ChildShards, 2)
	assert.Equal(t, []string{"shardId-000000000000"}, out.ChildShards[0].ParentShards)
	all, err := s.ReadAll(ctx)
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, "young", all[0].PartitionKey)
	assert.Equal(t, []byte("kept"), all[0].Data)
	listed, err := k.ListShards(ctx, &ListShardsInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Equal(t, []string{"shardId-000000000001", "shardId-000000000002"}, shardIDs(listed.Shards))

	// New records reuse the freed memory.
	_, err = idle.PutRecords(ctx, &PutRecordsInput{Records: batch})
	require.NoError(t, err)
	assert.Less(t, k.logPool.Held(), poolBefore+pooled, "writes take their memory from the pool")
}

func TestSweepExpiredKeepsWhatRetentionKeeps(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	ctx := t.Context()
	s := createStream(t, k, "s", 1)
	put := func(data string) {
		_, err := s.PutRecord(ctx, &PutRecordInput{PartitionKey: "p", Data: []byte(data)})
		require.NoError(t, err)
	}
	put("old")
	clock.Advance(12 * time.Hour)
	put("newer")
	clock.Advance(12 * time.Hour)
	assert.Zero(t, k.SweepExpired().Records, `"old" is exactly 24 h old: still kept`)
	clock.Advance(time.Millisecond)
	assert.Equal(t, 1, k.SweepExpired().Records)
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Equal(t, "newer", string(recs[0].Data))

	// A longer retention keeps more.
	require.NoError(t, k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: 48}))
	clock.Advance(20 * time.Hour)
	assert.Zero(t, k.SweepExpired().Records, "32 h old, within 48 h")
	require.NoError(t, k.DecreaseStreamRetentionPeriod(ctx, &DecreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: 24}))
	assert.Equal(t, 1, k.SweepExpired().Records, "past the shortened period")
}

func TestSweepExpiredCountingModeAndDeletedStreams(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutRecordPayloads(), WithoutWriteThrottling())
	ctx := t.Context()
	s := createStream(t, k, "counted", 2)
	gone := createStream(t, k, "gone", 1)
	_, err := s.PutRecords(ctx, &PutRecordsInput{Records: entries(300, "p", 10)})
	require.NoError(t, err)
	_, err = gone.PutRecords(ctx, &PutRecordsInput{Records: entries(10, "p", 10)})
	require.NoError(t, err)
	require.NoError(t, k.DeleteStream(ctx, &DeleteStreamInput{StreamName: "gone"}))

	clock.Advance(25 * time.Hour)
	stats := k.SweepExpired()
	assert.Equal(t, SweepStats{Streams: 1, Shards: 2, Records: 300}, stats, "counted records are freed; a deleted stream is forgotten")
	for _, id := range []string{"0", "1"} {
		m, err := s.ShardMetrics(id)
		require.NoError(t, err)
		assert.Zero(t, m.Records)
	}
	assert.Equal(t, []string{"counted"}, k.StreamNames())
}

func TestSweepExpiredWhileWritingAndReading(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling(), WithoutReadThrottling())
	ctx := t.Context()
	s := createStream(t, k, "s", 4)
	const writers, rounds = 4, 50
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for range rounds {
				_, err := s.PutRecords(ctx, &PutRecordsInput{Records: entries(20, "p", 100)})
				assert.NoError(t, err)
			}
		})
	}
	wg.Go(func() {
		for range rounds {
			clock.Advance(time.Hour)
			k.SweepExpired()
			_, err := s.ReadAll(ctx)
			assert.NoError(t, err)
		}
	})
	wg.Wait()
	clock.Advance(25 * time.Hour)
	k.SweepExpired()
	all, err := s.ReadAll(context.Background())
	require.NoError(t, err)
	assert.Empty(t, all)
}

func shardIDs(shards []Shard) []string {
	ids := make([]string, len(shards))
	for i, sh := range shards {
		ids[i] = sh.ShardId
	}
	return ids
}
