package minikinesis

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// ControlPlaneRate is a control-plane operation's quota: calls per second,
// counted per account or, where AWS counts them so, per stream.
type ControlPlaneRate struct {
	PerSecond float64
	PerStream bool
}

// DefaultControlPlaneRates are the per-operation quotas AWS documents for
// Kinesis Data Streams' control plane (for example CreateStream 5/s and
// DescribeStream 10/s per account, ListShards 1,000/s per stream). They
// apply only when enabled with WithControlPlaneRateLimits.
func DefaultControlPlaneRates() map[string]ControlPlaneRate {
	perAccount := func(n float64) ControlPlaneRate { return ControlPlaneRate{PerSecond: n} }
	perStream := func(n float64) ControlPlaneRate { return ControlPlaneRate{PerSecond: n, PerStream: true} }
	return map[string]ControlPlaneRate{
		OpAddTagsToStream:               perAccount(5),
		OpCreateStream:                  perAccount(5),
		OpDecreaseStreamRetentionPeriod: perAccount(5),
		OpDeleteStream:                  perAccount(5),
		OpDeregisterStreamConsumer:      perAccount(5),
		OpDescribeLimits:                perAccount(1),
		OpDescribeStream:                perAccount(10),
		OpDescribeStreamConsumer:        perAccount(20),
		OpDescribeStreamSummary:         perAccount(20),
		OpDisableEnhancedMonitoring:     perAccount(5),
		OpEnableEnhancedMonitoring:      perAccount(5),
		OpIncreaseStreamRetentionPeriod: perAccount(5),
		OpListShards:                    perStream(1000),
		OpListStreamConsumers:           perStream(5),
		OpListStreams:                   perAccount(5),
		OpListTagsForResource:           perAccount(5),
		OpListTagsForStream:             perAccount(5),
		OpMergeShards:                   perAccount(5),
		OpRegisterStreamConsumer:        perAccount(5),
		OpRemoveTagsFromStream:          perAccount(5),
		OpSplitShard:                    perAccount(5),
		OpStartStreamEncryption:         perAccount(5),
		OpStopStreamEncryption:          perAccount(5),
		OpTagResource:                   perAccount(5),
		OpUntagResource:                 perAccount(5),
		OpUpdateMaxRecordSize:           perAccount(5),
		OpUpdateShardCount:              perAccount(5),
		OpUpdateStreamMode:              perAccount(5),
		// The newer operations: 5/s per account, as each one's reference
		// says (the resource-policy and record-distribution pages name no
		// rate; 5/s is every other setting's).
		OpUpdateStreamWarmThroughput:             perAccount(5),
		OpUpdateStreamRecordDistributionStrategy: perAccount(5),
		OpPutResourcePolicy:                      perAccount(5),
		OpGetResourcePolicy:                      perAccount(5),
		OpDeleteResourcePolicy:                   perAccount(5),
		OpDescribeAccountSettings:                perAccount(5),
		OpUpdateAccountSettings:                  perAccount(5),
		OpCreateChannel:                          perAccount(5),
		OpDescribeChannel:                        perAccount(5),
		OpListChannels:                           perAccount(5),
		OpUpdateChannel:                          perAccount(5),
		OpDeleteChannel:                          perAccount(5),
	}
}

// WithControlPlaneRateLimits enforces control-plane quotas on the model's
// clock, answering calls over them with LimitExceededException. Without
// arguments it applies DefaultControlPlaneRates; a map given replaces the
// rates of the operations it names. Off by default.
func WithControlPlaneRateLimits(overrides ...map[string]ControlPlaneRate) Option {
	return func(cfg *config) {
		rates := DefaultControlPlaneRates()
		for _, o := range overrides {
			for op, r := range o {
				rates[op] = r
			}
		}
		cfg.controlRates = rates
	}
}

// controlRates holds one token bucket per operation (and stream, where the
// quota is per stream), created on first use.
type controlRates struct {
	quotas  map[string]ControlPlaneRate
	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

func (c *controlRates) init(quotas map[string]ControlPlaneRate) {
	c.quotas = quotas
	c.buckets = make(map[string]*rate.Limiter)
}

// allow takes one call of op from its bucket; stream is "" for operations
// that name no stream.
func (c *controlRates) allow(now time.Time, op, stream, account string) error {
	q, ok := c.quotas[op]
	if !ok || q.PerSecond <= 0 {
		return nil
	}
	key := op
	if q.PerStream {
		key += "/" + stream
	}
	c.mu.Lock()
	b := c.buckets[key]
	if b == nil {
		burst := max(1, int(math.Ceil(q.PerSecond)))
		b = rate.NewLimiter(rate.Limit(q.PerSecond), burst)
		b.SetBurstAt(now, burst)
		c.buckets[key] = b
	}
	c.mu.Unlock()
	if b.AllowN(now, 1) {
		return nil
	}
	if stream == "" {
		return &LimitExceededException{Message: "Rate exceeded for account " + account + "."}
	}
	return &LimitExceededException{Message: "Rate exceeded for stream " + stream + " under account " + account + "."}
}
