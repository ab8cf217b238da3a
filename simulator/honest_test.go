package simulator

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sec(n int) Duration { return Duration(time.Duration(n) * time.Second) }

func TestHotKeyThrottlesAtExactlyTheShardLimit(t *testing.T) {
	t.Parallel()
	for _, storing := range []bool{false, true} {
		t.Run(map[bool]string{false: "counting", true: "storing"}[storing], func(t *testing.T) {
			t.Parallel()
			sc := Scenario{
				Duration: sec(10), Storing: storing,
				Stream: StreamSpec{Shards: 4},
				Producers: []ProducerSpec{{
					Rate: RateSpec{Constant: 3000}, Size: SizeSpec{Fixed: 10},
					Keys: KeySpec{HotKey: &HotKeySpec{Key: "celebrity", Fraction: 1}}, Retry: RetrySpec{Policy: RetryNone},
				}},
			}
			rep, err := Run(context.Background(), sc, Options{})
			require.NoError(t, err)
			hot := rep.TopKeys[0].ShardID
			for _, sh := range rep.Shards {
				for s := 2; s < 10; s++ {
					want := int32(0)
					if sh.ShardID == hot {
						want = 1000
					}
					assert.Equal(t, want, sh.Seconds[s].Accepted, "%s second %d", sh.ShardID, s)
				}
			}
			// The bucket starts full (1,000) and refills 100 per later tick of
			// 100 ms: 1,000 + 99 × 100 accepted in all, 1,900 in the first second.
			assert.Equal(t, int64(30000), rep.Total.Offered)
			assert.Equal(t, int64(10900), rep.Total.Accepted)
			assert.Equal(t, int64(1900), rep.Seconds[0].Accepted)
			assert.Equal(t, int64(30000-10900), rep.Total.Throttled)
		})
	}
}

func TestUniformKeysAt80PercentNeverThrottleAfterWarmup(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration: Duration(5 * time.Minute), Warmup: sec(30),
		Stream: StreamSpec{Shards: 8},
		Producers: []ProducerSpec{{
			// Up to 80% of 8 shards' 8,000 records/s over the warm-up, then steady.
			Rate: RateSpec{Ramp: &RampSpec{From: 0, To: 6400, End: sec(30)}},
			Size: SizeSpec{Fixed: 200}, Keys: KeySpec{Uniform: 10_000},
		}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	assert.Zero(t, rep.AfterWarmup.Throttled, "throttled after warm-up")
	assert.Equal(t, rep.AfterWarmup.Offered, rep.AfterWarmup.Accepted)
	assert.Equal(t, int64(270*6400), rep.AfterWarmup.Accepted, "every record of the 270 steady seconds")
	for _, sh := range rep.Shards {
		assert.Less(t, sh.PeakUtilisation, 1.0, sh.ShardID)
	}
}

// TestSweepZipfKeys checks a sweep's answer by hand. Four keys with Zipf
// exponent 1 take 48%, 24%, 16% and 12% of 1,600 records/s: 768, 384, 256
// and 192. Their MD5 hashes sit at 0.704 (key-0), 0.132 (key-1), 0.738
// (key-2) and 0.363 (key-3) of the key space, so key-0 and key-2 share a
// shard — 1,024 records/s, over the 1,000 limit — for every shard count up
// to 6 (with 2..6 shards of equal ranges, 0.704 and 0.738 fall in the same
// one). At 7 shards the boundary 5/7 = 0.714 parts them, and no shard
// takes more than 768 records/s. The fewest shards with no throttling is
// therefore 7 — and 8 shards are worse again, since both hashes fall in
// [5/8, 6/8): more shards is not always better. The shared shard's bucket starts full, and its 1,000
// records absorb the excess of 24 records/s for about 40 s: the warm-up
// of 60 s leaves that out.
func TestSweepZipfKeys(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration: sec(120), Warmup: sec(60),
		Producers: []ProducerSpec{{
			Rate: RateSpec{Constant: 1600}, Size: SizeSpec{Fixed: 10},
			Keys: KeySpec{Zipf: &ZipfKeys{Keys: 4, S: 1}}, Retry: RetrySpec{Policy: RetryNone},
		}},
	}
	sr, err := Sweep(context.Background(), sc, SweepSpec{MinShards: 1, MaxShards: 8, MaxThrottle: 0.001, MaxLag: time.Second, Parallel: 2})
	require.NoError(t, err)
	assert.Equal(t, 7, sr.Answer)
	require.Len(t, sr.Points, 8)
	for _, p := range sr.Points[1:6] { // 2..6 shards: 24 of 1,600 records/s refused on the shared shard
		assert.InDelta(t, 24.0/1600, p.ThrottleRate, 0.003, "%d shards", p.Shards)
	}
	assert.InDelta(t, 600.0/1600, sr.Points[0].ThrottleRate, 0.003, "one shard takes 1,000 of 1,600")
	assert.Zero(t, sr.Points[6].ThrottleRate, "7 shards")
	assert.InDelta(t, 24.0/1600, sr.Points[7].ThrottleRate, 0.003, "8 shards")
}

func TestPollingConsumersShareFiveCallsPerSecond(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration:  sec(30),
		Stream:    StreamSpec{Shards: 1},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 100}, Keys: KeySpec{Uniform: 10}}},
	}
	for range 6 {
		sc.Consumers = append(sc.Consumers, ConsumerSpec{Interval: sec(1)})
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	// All six poll at the same instants; the shard admits five calls a
	// second, so the sixth is refused every time and never reads.
	for _, c := range rep.Consumers[:5] {
		assert.Zero(t, c.ReadThrottled, c.Name)
		// The last read, at 29 s, takes every record up to its tick: 291 ticks of 10.
		assert.Equal(t, int64(2910), c.Records, c.Name)
	}
	assert.Equal(t, int64(30), rep.Consumers[5].ReadThrottled)
	assert.Zero(t, rep.Consumers[5].Records)
	assert.Equal(t, int64(30), rep.Total.ReadThrottled)
}

func TestSlowConsumerFallsBehind(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration:  sec(60),
		Stream:    StreamSpec{Shards: 1},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 500}, Keys: KeySpec{Uniform: 10}}},
		// 4 ms a record: each second of records takes two seconds to process.
		Consumers: []ConsumerSpec{{Interval: sec(1), PerRecord: Duration(4 * time.Millisecond), Limit: 500}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	c := rep.Consumers[0]
	assert.InDelta(t, 30*500, c.Records, 500, "half the records are read in the time")
	// The reader is a second of records behind for every two seconds run.
	assert.InDelta(t, 29_000, c.MaxMillisBehindLatest, 1500)
	assert.Greater(t, slices.Max(c.Seconds[50:]), slices.Max(c.Seconds[10:20]), "lag grows")
}

func TestOnDemandDoublesThePeak(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration:  Duration(4 * time.Minute),
		Stream:    StreamSpec{OnDemand: &OnDemandSpec{ScaleUpDelay: sec(60)}},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 6000}, Size: SizeSpec{Fixed: 10}, Keys: KeySpec{Uniform: 100_000}, Retry: RetrySpec{Policy: RetryNone}}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Events)
	// In the first second the four shards' full buckets take all 6,000
	// records/s (1,000 in the bucket and 900 refilled each, 1,500 asked):
	// a peak of 6 shards' worth, seen at the end of second 0, so 2 × 6 = 12
	// shards a minute later. Until then the shards take 4,000 a second.
	first := rep.Events[0]
	assert.Equal(t, 61*time.Second, first.At)
	assert.Contains(t, first.What, "4 → 12 shards")
	assert.Equal(t, 12, rep.Seconds[len(rep.Seconds)-1].OpenShards)
	assert.Zero(t, rep.Seconds[len(rep.Seconds)-1].Throttled)
	assert.Greater(t, rep.Seconds[30].Throttled, int64(1500))
}

func TestVerySlowConsumerOutlivesItsIterators(t *testing.T) {
	t.Parallel()
	// 400 records take 400 s to process, longer than an iterator's 300 s:
	// each next read finds its iterator expired and resumes after the
	// last record it read, losing and repeating nothing.
	sc := Scenario{
		Duration:  Duration(20 * time.Minute),
		Stream:    StreamSpec{Shards: 1},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 10}, Keys: KeySpec{Uniform: 10}}},
		Consumers: []ConsumerSpec{{Limit: 400, PerRecord: sec(1)}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	c := rep.Consumers[0]
	// Reads at 0 s (1 record), 1 s (10), 11 s (100), 111 s (400), 511 s
	// (400), 911 s (400): 1,311 records; the last read's processing runs
	// past the end.
	assert.Equal(t, int64(1311), c.Records)
	assert.Greater(t, c.MaxIteratorAge, 4*time.Minute)
}

func TestConsumersFollowReshards(t *testing.T) {
	t.Parallel()
	for _, typ := range []string{ConsumerPolling, ConsumerFanOut} {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			sc := Scenario{
				Duration: sec(40),
				Stream: StreamSpec{Shards: 4, Reshards: []ReshardSpec{
					{At: sec(10), ShardCount: 2}, {At: sec(20), ShardCount: 3}, {At: sec(30), SplitHottest: 2},
				}},
				Producers: []ProducerSpec{{Rate: RateSpec{Constant: 1000}, Keys: KeySpec{Uniform: 1000}}},
				Consumers: []ConsumerSpec{{Type: typ, Interval: Duration(200 * time.Millisecond)}},
			}
			rep, err := Run(context.Background(), sc, Options{})
			require.NoError(t, err)
			require.Len(t, rep.Events, 3)
			for _, e := range rep.Events {
				assert.Empty(t, e.Err, e.What)
			}
			// Every record but the last 200 ms is read, across merges and splits.
			assert.GreaterOrEqual(t, rep.Consumers[0].Records, rep.Total.Accepted-200)
			assert.LessOrEqual(t, rep.Consumers[0].Records, rep.Total.Accepted)
		})
	}
}
