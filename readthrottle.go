package minikinesis

import (
	"time"

	"golang.org/x/time/rate"
)

// ReadThroughput is a shard's read allowance per second.
type ReadThroughput struct {
	CallsPerSecond int
	BytesPerSecond int
}

// DefaultReadThroughput is what Kinesis grants each shard for GetRecords:
// 5 calls and 2 MiB per second.
var DefaultReadThroughput = ReadThroughput{CallsPerSecond: 5, BytesPerSecond: 2 * mebibyte}

// WithReadThroughput sets each shard's GetRecords allowance. Default
// DefaultReadThroughput; a zero field leaves that dimension unlimited.
// Independent of the write limits.
func WithReadThroughput(t ReadThroughput) Option {
	return func(cfg *config) {
		cfg.readThroughput = t
		cfg.readThrottling = true
	}
}

// WithoutReadThrottling lets shards serve GetRecords at any rate. Read
// throttling is on by default, because that is how Kinesis behaves.
func WithoutReadThrottling() Option {
	return func(cfg *config) { cfg.readThrottling = false }
}

// readLimits are a shard's read buckets. The bytes bucket may go into debt:
// a call is admitted while the balance is positive and then pays for what
// it read, so a large read blocks the shard until the debt is repaid.
type readLimits struct {
	enabled      bool
	calls        *rate.Limiter
	bytes        *rate.Limiter
	penaltyUntil time.Time
}

func newReadLimits(t ReadThroughput, now time.Time) readLimits {
	return readLimits{enabled: true, calls: newBucket(t.CallsPerSecond, 1, now), bytes: newBucket(t.BytesPerSecond, 1, now)}
}

// admitReadLocked decides whether a GetRecords call may run now. Caller
// holds sh.mu.
func (sh *shard) admitReadLocked(now time.Time) error {
	l := &sh.read
	if !l.enabled {
		return nil
	}
	refuse := func() error {
		sh.readThrottled.Add(1)
		return &ProvisionedThroughputExceededException{Message: sh.readThrottleMessage}
	}
	if now.Before(l.penaltyUntil) {
		return refuse()
	}
	if l.bytes != nil && l.bytes.TokensAt(now) <= 0 {
		return refuse()
	}
	if l.calls != nil && !l.calls.AllowN(now, 1) {
		return refuse()
	}
	return nil
}

// chargeReadLocked debits what a call read, and starts the penalty after a
// call that returned the maximum. Caller holds sh.mu.
func (sh *shard) chargeReadLocked(now time.Time, n int) {
	l := &sh.read
	if !l.enabled {
		return
	}
	if n >= MaxGetRecordsBytes {
		l.penaltyUntil = now.Add(readPenalty)
	}
	if l.bytes == nil {
		return
	}
	burst := l.bytes.Burst()
	for n > 0 {
		chunk := min(n, burst)
		l.bytes.ReserveN(now, chunk)
		n -= chunk
	}
}
