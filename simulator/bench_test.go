package simulator

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// loadScenario is a 100-shard stream at 80% of its write limit: 80,000
// records/s of 100 bytes over 100,000 uniform keys, PutRecords of 500,
// the SDK's retries, for d of virtual time.
func loadScenario(d time.Duration, storing bool) Scenario {
	return Scenario{
		Name: "bench", Duration: Duration(d), Storing: storing,
		Stream: StreamSpec{Shards: 100},
		Producers: []ProducerSpec{{
			Rate: RateSpec{Constant: 80_000}, Size: SizeSpec{Fixed: 100}, Keys: KeySpec{Uniform: 100_000},
		}},
	}
}

// benchRun reports records/s, wall seconds per virtual hour and the peak
// heap, sampled once a virtual minute.
func benchRun(b *testing.B, sc Scenario) {
	b.ReportAllocs()
	var records int64
	var peak uint64
	sample := func(time.Duration, time.Duration) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	for b.Loop() {
		rep, err := Run(context.Background(), sc, Options{Progress: sample})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Total.Throttled != 0 {
			b.Fatalf("%d throttled at 80%% load", rep.Total.Throttled)
		}
		records += rep.Total.Accepted
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/sc.Duration.D().Hours(), "s/virtual-hour")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// BenchmarkCountingHour100Shards is the target: one virtual hour
// of a 100-shard stream at 80% of its write limit, 288 M records, in
// counting mode.
func BenchmarkCountingHour100Shards(b *testing.B) { benchRun(b, loadScenario(time.Hour, false)) }

// BenchmarkCountingMinute100Shards is the same for one virtual minute
// (4.8 M records), quick enough to run often.
func BenchmarkCountingMinute100Shards(b *testing.B) { benchRun(b, loadScenario(time.Minute, false)) }

// BenchmarkStoringMinute100Shards is the minute in storing mode: every
// record goes through PutRecords with its key and data and is stored.
func BenchmarkStoringMinute100Shards(b *testing.B) { benchRun(b, loadScenario(time.Minute, true)) }
