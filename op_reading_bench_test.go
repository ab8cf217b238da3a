package minikinesis

import (
	"context"
	"testing"
)

// BenchmarkGetRecords drains 100,000 records of 100 bytes from one shard
// with Limit 10,000, read throttling off: ten calls per iteration.
func BenchmarkGetRecords(b *testing.B) {
	const records = 100_000
	clock := NewManualClock(testEpoch)
	k := New(WithClock(clock), WithoutWriteThrottling(), WithoutReadThrottling())
	ctx := context.Background()
	if err := k.CreateStream(ctx, &CreateStreamInput{StreamName: "bench", ShardCount: 1}); err != nil {
		b.Fatal(err)
	}
	s, _ := k.Stream("bench")
	batch := &PutRecordsInput{Records: benchEntries(500, 100)}
	for i := 0; i < records/500; i++ {
		if _, err := s.PutRecords(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "bench", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	read := 0
	for b.Loop() {
		next := it.ShardIterator
		for n := 0; n < records; {
			out, err := k.GetRecords(ctx, &GetRecordsInput{ShardIterator: next, Limit: MaxGetRecordsLimit})
			if err != nil {
				b.Fatal(err)
			}
			n += len(out.Records)
			next = out.NextShardIterator
		}
		read += records
	}
	reportRecords(b, read)
}

// BenchmarkGetShardIterator: one TRIM_HORIZON iterator per call.
func BenchmarkGetShardIterator(b *testing.B) {
	k := New(WithClock(NewManualClock(testEpoch)))
	ctx := context.Background()
	if err := k.CreateStream(ctx, &CreateStreamInput{StreamName: "bench", ShardCount: 4}); err != nil {
		b.Fatal(err)
	}
	in := &GetShardIteratorInput{StreamName: "bench", ShardId: "shardId-000000000002", ShardIteratorType: ShardIteratorTypeTrimHorizon}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := k.GetShardIterator(ctx, in); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "iterators/s")
}
