package minikinesis

import (
	"context"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestMemoryPerShardAndRecord checks issue 11's bounds: an empty shard
// costs at most 4 KiB, and a stored record at most 64 bytes beyond its key
// and data once a shard holds many.
func TestMemoryPerShardAndRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap: run without -short")
	}
	k := New(WithoutWriteThrottling(), WithShardLimit(100000), WithCallLogSize(0))
	before := heapInUse()
	require.NoError(t, k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "wide", ShardCount: 2000}))
	perShard := float64(heapInUse()-before) / 2000
	assert.LessOrEqual(t, perShard, 4096.0, "bytes per empty shard")
	t.Logf("empty shard: %.0f bytes", perShard)

	require.NoError(t, k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "deep", ShardCount: 1}))
	s, err := k.Stream("deep")
	require.NoError(t, err)
	const n, dataLen = 200000, 100
	entries := make([]PutRecordsRequestEntry, 500)
	keyBytes := 0
	for i := range entries {
		entries[i] = PutRecordsRequestEntry{PartitionKey: "key-" + strconv.Itoa(i), Data: make([]byte, dataLen)}
		keyBytes += len(entries[i].PartitionKey)
	}
	before = heapInUse()
	for range n / len(entries) {
		_, err := s.PutRecords(context.Background(), &PutRecordsInput{Records: entries})
		require.NoError(t, err)
	}
	payload := float64(n/len(entries)*keyBytes + n*dataLen)
	overhead := (float64(heapInUse()-before) - payload) / n
	assert.LessOrEqual(t, overhead, 64.0, "bytes per record beyond key and data")
	t.Logf("per record beyond key and data: %.1f bytes", overhead)
	runtime.KeepAlive(k)
}

// BenchmarkHeap10kShards1MRecords: 1 M records of 100 bytes spread over a
// 10,000-shard stream; reports the live heap they take (issue 11's bound:
// 400 MB).
func BenchmarkHeap10kShards1MRecords(b *testing.B) {
	const shards, records = 10000, 1_000_000
	ranges := SplitHashKeySpace(shards)
	batch := make([]PutRecordsRequestEntry, 500)
	for i := range batch {
		batch[i] = PutRecordsRequestEntry{PartitionKey: "device-" + strconv.Itoa(i), Data: make([]byte, 100)}
	}
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		before := heapInUse()
		k := New(WithoutWriteThrottling(), WithShardLimit(shards), WithCallLogSize(0))
		if err := k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "wide", ShardCount: shards}); err != nil {
			b.Fatal(err)
		}
		s, _ := k.Stream("wide")
		for n := 0; n < records; n += len(batch) {
			for i := range batch {
				batch[i].ExplicitHashKey = ranges[(n+i)%shards].StartingHashKey.String()
			}
			if _, err := s.PutRecords(context.Background(), &PutRecordsInput{Records: batch}); err != nil {
				b.Fatal(err)
			}
		}
		heap = heapInUse() - before
		runtime.KeepAlive(k)
	}
	b.ReportMetric(float64(heap)/1e6, "heap-MB")
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
