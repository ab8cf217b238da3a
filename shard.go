package minikinesis

import (
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// shard is one shard of a stream: its hash range and lineage (fixed at
// creation), and under mu its sequence counter, record log and write buckets.
type shard struct {
	index            int
	id               string
	hashRange        HashKeyRange
	createdSec       uint64
	parentID         string
	adjacentParentID string
	createdAt        time.Time
	// closedAt and endingSeq are set when a reshard closes the shard; they
	// are guarded by the stream's lock, which every reshard holds
	// exclusively.
	closedAt  time.Time
	endingSeq SequenceNumber
	// throttleMessage is built once: a throttled burst would otherwise build
	// the same string for every refused record.
	throttleMessage string

	// writeThrottled and readThrottled count refusals, for ShardMetrics.
	writeThrottled atomic.Int64
	readThrottled  atomic.Int64

	mu          sync.Mutex
	lastCounter uint64
	lastArrival int64 // Unix nanoseconds of the newest record
	log         recordLog
	recordsTB   *rate.Limiter // nil when that dimension is unlimited
	bytesTB     *rate.Limiter
	read        readLimits
	// readThrottleMessage is built once, like throttleMessage.
	readThrottleMessage string
}

func newShard(s *Stream, index int, r HashKeyRange, now time.Time) *shard {
	id := FormatShardID(index)
	sh := &shard{
		index:               index,
		id:                  id,
		hashRange:           r,
		createdSec:          uint64(now.Unix()),
		createdAt:           now,
		throttleMessage:     writeThrottledMessage(id, s.name, s.k.cfg.accountID),
		readThrottleMessage: "Rate exceeded for Shard - " + s.k.cfg.accountID + "/" + s.name + "/" + id,
	}
	if s.k.cfg.readThrottling {
		sh.read = newReadLimits(s.k.cfg.readThroughput, now)
	}
	if s.throttleWrites {
		t := s.k.cfg.writeThroughput
		sh.recordsTB = newBucket(t.RecordsPerSecond, 1, now)
		// A bucket smaller than the largest record would refuse it forever.
		sh.bytesTB = newBucket(t.BytesPerSecond, int(s.maxRecordSize.Load()), now)
	}
	return sh
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

// sequenceNumber returns the full sequence number of a record of this shard.
func (sh *shard) sequenceNumber(counter uint64, arrivalSec uint64) SequenceNumber {
	return SequenceNumber{
		shardCreated: sh.createdSec,
		shardIndex:   uint64(sh.index),
		counter:      counter,
		arrival:      arrivalSec,
	}
}

// startingSequenceNumber is the shard's StartingSequenceNumber: counter 0,
// stamped with the shard's creation time.
func (sh *shard) startingSequenceNumber() SequenceNumber {
	return sh.sequenceNumber(0, sh.createdSec)
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

// isOpen reports whether the shard still takes writes. Caller holds the
// stream's lock.
func (sh *shard) isOpen() bool { return sh.closedAt.IsZero() }
