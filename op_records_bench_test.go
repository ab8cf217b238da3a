package minikinesis

import (
	"context"
	"strconv"
	"testing"
	"time"
)

// benchRecordsPerRetention is how many records a benchmark writes before it
// moves the clock past retention, so memory stays bounded however long the
// benchmark runs; the trim that follows is part of the steady-state cost.
const benchRecordsPerRetention = 1 << 20

func benchStream(b *testing.B, shards int) (*Stream, *ManualClock) {
	b.Helper()
	clock := NewManualClock(testEpoch)
	k := New(WithClock(clock), WithoutWriteThrottling())
	if err := k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "bench", ShardCount: shards}); err != nil {
		b.Fatal(err)
	}
	s, err := k.Stream("bench")
	if err != nil {
		b.Fatal(err)
	}
	return s, clock
}

func benchEntries(n, size int) []PutRecordsRequestEntry {
	out := make([]PutRecordsRequestEntry, n)
	data := make([]byte, size)
	for i := range out {
		out[i] = PutRecordsRequestEntry{PartitionKey: "partition-" + strconv.Itoa(i), Data: data}
	}
	return out
}

func reportRecords(b *testing.B, records int) {
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(records), "ns/record")
}

// BenchmarkPutRecords: one goroutine, 500 records of 100 bytes, 4 shards.
func BenchmarkPutRecords(b *testing.B) {
	s, clock := benchStream(b, 4)
	in := &PutRecordsInput{Records: benchEntries(500, 100)}
	ctx := context.Background()
	b.ReportAllocs()
	written := 0
	for b.Loop() {
		if _, err := s.PutRecords(ctx, in); err != nil {
			b.Fatal(err)
		}
		written += len(in.Records)
		if written%benchRecordsPerRetention < len(in.Records) {
			clock.Advance(25 * time.Hour)
		}
	}
	reportRecords(b, written)
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() { _, _ = s.PutRecords(ctx, in) }))/500, "allocs/record")
}

// BenchmarkPutRecordsParallel: the same request from every core at once.
func BenchmarkPutRecordsParallel(b *testing.B) {
	s, clock := benchStream(b, 4)
	ctx := context.Background()
	b.ReportAllocs()
	var batches int64
	b.RunParallel(func(pb *testing.PB) {
		in := &PutRecordsInput{Records: benchEntries(500, 100)}
		n := int64(0)
		for pb.Next() {
			if _, err := s.PutRecords(ctx, in); err != nil {
				b.Error(err)
				return
			}
			n++
			if n%(benchRecordsPerRetention/500) == 0 {
				clock.Advance(25 * time.Hour)
			}
		}
		addInt64(&batches, n)
	})
	reportRecords(b, int(loadInt64(&batches))*500)
}

// BenchmarkPutRecord: one record of 100 bytes per call.
func BenchmarkPutRecord(b *testing.B) {
	s, clock := benchStream(b, 4)
	in := &PutRecordInput{PartitionKey: "partition-1", Data: make([]byte, 100)}
	ctx := context.Background()
	b.ReportAllocs()
	written := 0
	for b.Loop() {
		if _, err := s.PutRecord(ctx, in); err != nil {
			b.Fatal(err)
		}
		written++
		if written%benchRecordsPerRetention == 0 {
			clock.Advance(25 * time.Hour)
		}
	}
	reportRecords(b, written)
}
