package minikinesis

import (
	"time"

	"golang.org/x/time/rate"
)

// Throughput is a per-shard write allowance per second. A shard's bucket
// holds one second's allowance, so a quiet shard can absorb a one-second
// burst.
type Throughput struct {
	RecordsPerSecond int
	BytesPerSecond   int
}

// DefaultWriteThroughput is what Kinesis grants each shard for writes:
// 1,000 records and 1 MiB (data plus partition keys) per second.
func DefaultWriteThroughput() Throughput {
	return Throughput{RecordsPerSecond: 1000, BytesPerSecond: mebibyte}
}

// ReadThroughput is a shard's read allowance per second.
type ReadThroughput struct {
	CallsPerSecond int
	BytesPerSecond int
}

// DefaultReadThroughput is what Kinesis grants each shard for GetRecords:
// 5 calls and 2 MiB per second.
func DefaultReadThroughput() ReadThroughput {
	return ReadThroughput{CallsPerSecond: 5, BytesPerSecond: 2 * mebibyte}
}

// WithWriteThroughput sets each shard's write allowance. Default
// DefaultWriteThroughput(); a zero field leaves that dimension unlimited.
// Use WithoutWriteThrottling to turn write throttling off entirely.
func WithWriteThroughput(t Throughput) Option {
	return func(cfg *config) {
		cfg.writeThroughput = t
		cfg.writeThrottling = true
	}
}

// WithoutWriteThrottling lets shards accept writes at any rate. Write
// throttling is on by default, because that is how Kinesis behaves.
func WithoutWriteThrottling() Option {
	return func(cfg *config) { cfg.writeThrottling = false }
}

// WithReadThroughput sets each shard's GetRecords allowance. Default
// DefaultReadThroughput(); a zero field leaves that dimension unlimited.
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

// newBucket returns a token bucket refilling perSecond tokens a second and
// holding one second's worth (at least minBurst), full at now; nil when
// perSecond is not positive.
func newBucket(perSecond, minBurst int, now time.Time) *rate.Limiter {
	if perSecond <= 0 {
		return nil
	}
	burst := max(perSecond, minBurst)
	l := rate.NewLimiter(rate.Limit(perSecond), burst)
	l.SetBurstAt(now, burst) // anchor the bucket's time on the model's clock
	return l
}

// resetAllowances gives the shard full write and read buckets at now, as
// its stream's settings say. Called before the shard is shared.
func (sh *shard) resetAllowances(s *Stream, now time.Time) {
	sh.recordsTB, sh.bytesTB, sh.readBuckets = nil, nil, readLimits{}
	if s.throttleWrites {
		t := s.k.cfg.writeThroughput
		sh.recordsTB = newBucket(t.RecordsPerSecond, 1, now)
		// A bucket smaller than the largest record would refuse it forever.
		sh.bytesTB = newBucket(t.BytesPerSecond, int(s.maxRecordSize.Load()), now)
	}
	if s.k.cfg.readThrottling {
		t := s.k.cfg.readThroughput
		sh.readBuckets = readLimits{enabled: true, calls: newBucket(t.CallsPerSecond, 1, now), bytes: newBucket(t.BytesPerSecond, 1, now)}
	}
}

// writeAllowance tells how many more tokens each bucket holds at now.
// Caller holds sh.mu, which serialises every use of the buckets, so the
// answer stays true until the caller takes the tokens.
type writeAllowance struct {
	limited       bool
	records       float64
	bytes         float64
	takenRecords  int
	takenBytes    int
	recordsBucket *rate.Limiter
	bytesBucket   *rate.Limiter
}

func (sh *shard) allowance(now time.Time) writeAllowance {
	a := writeAllowance{recordsBucket: sh.recordsTB, bytesBucket: sh.bytesTB}
	if sh.recordsTB != nil {
		a.limited = true
		a.records = sh.recordsTB.TokensAt(now)
	}
	if sh.bytesTB != nil {
		a.limited = true
		a.bytes = sh.bytesTB.TokensAt(now)
	}
	return a
}

// take reserves room for one record of size bytes; false when either bucket
// lacks the tokens.
func (a *writeAllowance) take(size int) bool {
	if !a.limited {
		return true
	}
	if a.recordsBucket != nil && float64(a.takenRecords+1) > a.records {
		return false
	}
	if a.bytesBucket != nil && float64(a.takenBytes+size) > a.bytes {
		return false
	}
	a.takenRecords++
	a.takenBytes += size
	return true
}

// commit removes what take reserved from the buckets.
func (a *writeAllowance) commit(now time.Time) {
	if a.recordsBucket != nil && a.takenRecords > 0 {
		a.recordsBucket.AllowN(now, a.takenRecords)
	}
	if a.bytesBucket != nil && a.takenBytes > 0 {
		a.bytesBucket.AllowN(now, a.takenBytes)
	}
}

// fitBytesBucket grows the shard's bytes bucket so a record of size bytes
// can pass at all. A bucket that was full stays full at its new size, as
// if the shard had always had it; otherwise it keeps its tokens.
func (sh *shard) fitBytesBucket(size int, now time.Time) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	b := sh.bytesTB
	if b == nil || b.Burst() >= size {
		return
	}
	if b.TokensAt(now) >= float64(b.Burst()) {
		sh.bytesTB = newBucket(int(b.Limit()), size, now)
		return
	}
	b.SetBurstAt(now, size)
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

// admitReadLocked decides whether a GetRecords call may run now. Caller
// holds sh.mu.
func (sh *shard) admitReadLocked(now time.Time) error {
	l := &sh.readBuckets
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
	l := &sh.readBuckets
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
