package minikinesis

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// BenchmarkSimulatedHour runs one hour of clock time against a 4-shard
// stream at its write limit: every 125 ms of clock time a PutRecords of
// 500 records of 10 bytes, 125 per shard, which is exactly 1,000 records
// per shard per second. It reports real seconds per simulated hour and the
// peak heap.
func BenchmarkSimulatedHour(b *testing.B) {
	const (
		shards   = 4
		perShard = 125
		step     = 125 * time.Millisecond
		steps    = int(time.Hour / step)
	)
	ranges := SplitHashKeySpace(shards)
	batch := make([]PutRecordsRequestEntry, 0, shards*perShard)
	for i := 0; i < perShard; i++ {
		for sh := 0; sh < shards; sh++ {
			batch = append(batch, PutRecordsRequestEntry{PartitionKey: "device-" + itoa(i), Data: make([]byte, 10), ExplicitHashKey: ranges[sh].StartingHashKey.String()})
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	var peak uint64
	hours := 0
	for b.Loop() {
		clock := NewManualClock(testEpoch)
		k := New(WithClock(clock), WithCallLogSize(0))
		if err := k.CreateStream(ctx, &CreateStreamInput{StreamName: "sim", ShardCount: shards}); err != nil {
			b.Fatal(err)
		}
		s, _ := k.Stream("sim")
		in := &PutRecordsInput{Records: batch}
		for i := 0; i < steps; i++ {
			out, err := s.PutRecords(ctx, in)
			if err != nil || out.FailedRecordCount != 0 {
				b.Fatalf("step %d: %v, %d throttled", i, err, out.FailedRecordCount)
			}
			clock.Advance(step)
			if i%(steps/60) == 0 { // sample the heap once a simulated minute
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		hours++
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(hours), "s/simulated-hour")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(hours*steps*len(batch))/b.Elapsed().Seconds(), "records/s")
}
