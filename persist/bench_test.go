package persist

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
)

// BenchmarkOpen measures start-up: rebuilding an account of 1 M and
// 10 M records of 100 B (4 shards, 16-byte keys) from a snapshot, and
// from a journal alone. The 10 M sizes are skipped with -short. It
// reports seconds per start-up, disk bytes per record and the heap the
// rebuilt account holds.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		for _, from := range []string{"snapshot", "journal"} {
			b.Run(from+"/records="+strconv.Itoa(n), func(b *testing.B) {
				if n > 1_000_000 && testing.Short() {
					b.Skip("10 M records take a minute to write; skipped with -short")
				}
				dir := b.TempDir()
				fillDir(b, dir, n, from == "snapshot")
				size := dirSize(b, dir)
				opts := Options{CompactInterval: -1, CompactBytes: 1 << 62}
				var heap uint64
				for b.Loop() {
					s, err := Open(dir, opts)
					if err != nil {
						b.Fatal(err)
					}
					if got := s.Recovery().Records; got != int64(n) {
						b.Fatalf("recovered %d records, want %d", got, n)
					}
					b.StopTimer()
					runtime.GC()
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					heap = ms.HeapAlloc
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/open")
				b.ReportMetric(float64(size)/float64(n), "disk-B/record")
				b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
			})
		}
	}
}

// fillDir writes n records of 100 B to a new store in dir, then closes it
// after a snapshot (or not, leaving them all in the journal).
func fillDir(b *testing.B, dir string, n int, snapshot bool) {
	b.Helper()
	clock := minikinesis.NewManualClock(time.Now().Add(-time.Hour))
	s, err := Open(dir, Options{CompactInterval: -1, CompactBytes: 1 << 62, Fsync: FsyncNever,
		Model: []minikinesis.Option{minikinesis.WithClock(clock), minikinesis.WithoutWriteThrottling()}})
	if err != nil {
		b.Fatal(err)
	}
	k := s.Kinesis()
	ctx := context.Background()
	if err := k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "bench", ShardCount: 4}); err != nil {
		b.Fatal(err)
	}
	entries := make([]minikinesis.PutRecordsRequestEntry, 500)
	data := make([]byte, 100)
	for i := range entries {
		entries[i] = minikinesis.PutRecordsRequestEntry{PartitionKey: "partition-" + strconv.Itoa(100000+i), Data: data}
	}
	for written := 0; written < n; written += len(entries) {
		if _, err := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "bench", Records: entries}); err != nil {
			b.Fatal(err)
		}
		if written%(100*len(entries)) == 0 {
			clock.Advance(time.Millisecond)
			if err := s.WaitDurable(ctx); err != nil { // keep the buffer small
				b.Fatal(err)
			}
		}
	}
	if snapshot {
		if err := s.Snapshot(); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
}

func dirSize(b *testing.B, dir string) int64 {
	b.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			b.Fatal(err)
		}
		n += info.Size()
	}
	return n
}
