package minikinesis

import (
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/minikinesis/minikinesis/internal/recordlog"
)

// shard is one shard of a stream: its hash range and lineage (fixed at
// creation), and under mu its sequence counter, its record log and its
// throughput buckets. Everything done under mu lives in the shard_*.go
// files: writes in shard_write.go, reads in shard_read.go, the buckets in
// throttle.go.
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
	// readThrottleMessage is built once, like throttleMessage.
	readThrottleMessage string

	// writeThrottled and readThrottled count refusals, for ShardMetrics.
	writeThrottled atomic.Int64
	readThrottled  atomic.Int64
	// readCalls counts GetRecords calls served, for ShardMetrics.
	readCalls atomic.Int64

	mu          sync.Mutex
	lastCounter uint64
	lastArrival int64 // Unix nanoseconds of the newest record
	log         recordlog.Log
	counts      *countLog     // counting mode (counting.go) instead of log; nil when storing
	recordsTB   *rate.Limiter // nil when that dimension is unlimited
	bytesTB     *rate.Limiter
	readBuckets readLimits
	changes     *recordFeed // nil without a change observer
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
		readThrottleMessage: readThrottledMessage(id, s.name, s.k.cfg.accountID),
		log:                 recordlog.NewLog(s.k.logPool),
		changes:             s.k.cfg.feed.forShard(s.name),
	}
	sh.resetAllowances(s, now)
	if s.k.cfg.countOnly {
		sh.counts = &countLog{}
	}
	return sh
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

// isOpen reports whether the shard still takes writes. Caller holds the
// stream's lock.
func (sh *shard) isOpen() bool { return sh.closedAt.IsZero() }

// describe answers AWS's Shard for sh. Caller holds the stream's lock.
func (sh *shard) describe() Shard {
	return Shard{
		ShardId:               sh.id,
		ParentShardId:         sh.parentID,
		AdjacentParentShardId: sh.adjacentParentID,
		HashKeyRange:          sh.hashRange,
		SequenceNumberRange:   SequenceNumberRange{StartingSequenceNumber: sh.startingSequenceNumber(), EndingSequenceNumber: sh.endingSeq},
	}
}

// copyFor copies a shard into stream s, records and lineage, with fresh,
// full allowances, every time it holds moved by shift.
func (sh *shard) copyFor(s *Stream, now time.Time, shift time.Duration) *shard {
	c := newShard(s, sh.index, sh.hashRange, sh.createdAt.Add(shift))
	c.parentID, c.adjacentParentID = sh.parentID, sh.adjacentParentID
	c.closedAt = shiftTime(sh.closedAt, shift)
	if !sh.endingSeq.IsZero() {
		ending := time.Unix(int64(sh.endingSeq.arrival), 0).Add(shift)
		c.endingSeq = c.sequenceNumber(sh.endingSeq.counter, uint64(ending.Unix()))
	}
	c.resetAllowances(s, now)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	c.lastCounter = sh.lastCounter
	if sh.lastArrival != 0 {
		c.lastArrival = sh.lastArrival + int64(shift)
	}
	c.log = sh.log.Clone(int64(shift), s.k.logPool)
	c.counts = sh.counts.clone(int64(shift))
	return c
}

// kept trims what retention has expired by cutoff and counts what is left.
func (sh *shard) kept(cutoff time.Time) int {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.TrimBefore(cutoff.UnixNano())
	return sh.log.Len()
}
