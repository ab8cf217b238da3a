package simulator

import (
	"math"
	"time"
)

// latencyHistogram keeps durations in buckets that grow by 2^(1/8)
// (about 9%), so quantiles cost constant memory and stay deterministic.
type latencyHistogram struct {
	buckets [256]int64
	count   int64
	sum     time.Duration
	max     time.Duration
}

func latencyBucket(d time.Duration) int {
	ms := float64(d) / float64(time.Millisecond)
	return min(255, int(8*math.Log2(ms+1)))
}

func (h *latencyHistogram) add(d time.Duration) {
	h.buckets[latencyBucket(d)]++
	h.count++
	h.sum += d
	h.max = max(h.max, d)
}

// quantile is the upper edge of the bucket holding the q-quantile, capped
// at the largest value seen.
func (h *latencyHistogram) quantile(q float64) time.Duration {
	rank := int64(math.Ceil(q * float64(h.count)))
	seen := int64(0)
	for i, n := range h.buckets {
		seen += n
		if seen >= rank && n > 0 {
			edge := time.Duration((math.Exp2(float64(i+1)/8) - 1) * float64(time.Millisecond))
			return min(edge, h.max)
		}
	}
	return h.max
}

func (h *latencyHistogram) summary() Latency {
	if h.count == 0 {
		return Latency{}
	}
	return Latency{Count: h.count, Mean: h.sum / time.Duration(h.count), P50: h.quantile(0.5), P99: h.quantile(0.99), Max: h.max}
}

// tally accumulates Totals with its latency histogram.
type tally struct {
	Totals
	latency latencyHistogram
}

func (t *tally) totals() Totals {
	out := t.Totals
	out.RetryLatency = t.latency.summary()
	return out
}

// shardTally is one shard's running counts.
type shardTally struct {
	opened, closed time.Duration
	report         ShardReport
	seconds        []ShardSecond
}

// collector gathers what a run measures.
type collector struct {
	seconds     []Second
	total       tally
	afterWarmup tally
	producers   []tally
	shards      []*shardTally // by shard index
	events      []Event
	warmup      time.Duration
}

func newCollector(duration, warmup time.Duration, producers int) *collector {
	secs := int((duration + time.Second - 1) / time.Second)
	return &collector{seconds: make([]Second, secs), producers: make([]tally, producers), warmup: warmup}
}

// shard returns shard index's tally, creating it as opened at at.
func (c *collector) shard(index int, at time.Duration) *shardTally {
	for index >= len(c.shards) {
		c.shards = append(c.shards, nil)
	}
	if c.shards[index] == nil {
		c.shards[index] = &shardTally{opened: at, closed: -1, seconds: make([]ShardSecond, len(c.seconds))}
	}
	return c.shards[index]
}

func (t *tally) add(o *Totals) {
	t.Counts.add(&o.Counts)
	t.UserRecords += o.UserRecords
	t.Calls += o.Calls
	t.ReadCalls += o.ReadCalls
	t.ReadThrottled += o.ReadThrottled
}
