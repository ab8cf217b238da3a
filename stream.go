package minikinesis

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/btree"
)

// StreamStatus is a stream's lifecycle state, named as AWS names it.
type StreamStatus string

// The states a stream passes through.
const (
	StreamStatusCreating StreamStatus = "CREATING"
	StreamStatusActive   StreamStatus = "ACTIVE"
	StreamStatusUpdating StreamStatus = "UPDATING"
	StreamStatusDeleting StreamStatus = "DELETING"
)

// Stream is one Kinesis data stream. Its data-plane operations are methods;
// they ignore the StreamName and StreamARN members of their inputs, because
// the receiver already names the stream. It is safe for concurrent use.
type Stream struct {
	k       *Kinesis
	name    string
	arn     string
	created time.Time

	// mu guards routing and the shard set: writers hold it shared while they
	// route and append, so a reshard (exclusive) never closes a shard under
	// a write in flight.
	mu     sync.RWMutex
	open   *btree.BTreeG[openShard]
	shards []*shard // every shard ever created, by index
	// status is the state last entered; a transitional one (CREATING,
	// UPDATING, DELETING) ends at settleAt on the model's clock. Reading it
	// goes through statusLocked, so nothing has to run in the background.
	status            StreamStatus
	settleAt          time.Time
	gone              bool
	retention         time.Duration
	mode              StreamMode
	encryption        EncryptionType
	keyID             string
	shardLevelMetrics []string
	tags              map[string]string
	consumers         map[string]*consumer // by consumer name
	scalings          []time.Time          // UpdateShardCount calls, for the 24 h quota
	throttleWrites    bool
	extras            streamExtras // resource policy, warm throughput, record distribution
	// maxRecordSize is read by every write before it takes any lock.
	maxRecordSize atomic.Int64
	// routes caches the open shards in key order for batch routing (route.go).
	routes atomic.Pointer[routeTable]
}

// openShard is the btree item for an open shard: its StartingHashKey, by
// value, so a routing lookup builds its pivot without allocating.
type openShard struct {
	start HashKey
	shard *shard
}

func openShardLess(a, b openShard) bool { return a.start.Less(b.start) }

// streamSpec is what a new stream starts with.
type streamSpec struct {
	name          string
	shardCount    int
	mode          StreamMode
	maxRecordSize int
	tags          map[string]string
}

func newStream(k *Kinesis, spec streamSpec, now time.Time) *Stream {
	s := &Stream{
		k:              k,
		name:           spec.name,
		arn:            k.StreamARN(spec.name),
		created:        now,
		open:           btree.NewG(8, openShardLess),
		retention:      hoursToDuration(DefaultRetentionHours),
		mode:           spec.mode,
		tags:           spec.tags,
		throttleWrites: k.cfg.writeThrottling,
	}
	s.enterLocked(StreamStatusCreating, now, k.cfg.delays.Creating)
	s.maxRecordSize.Store(int64(spec.maxRecordSize))
	for _, r := range SplitHashKeySpace(spec.shardCount) {
		s.addShard(r, now, "", "")
	}
	return s
}

// addShard creates the next shard by index and opens it. Caller holds s.mu
// exclusively (or owns s before publication).
func (s *Stream) addShard(r HashKeyRange, now time.Time, parent, adjacentParent string) *shard {
	sh := newShard(s, len(s.shards), r, now)
	sh.parentID, sh.adjacentParentID = parent, adjacentParent
	s.shards = append(s.shards, sh)
	s.open.ReplaceOrInsert(openShard{start: r.StartingHashKey, shard: sh})
	return sh
}

// Name returns the stream's name.
func (s *Stream) Name() string { return s.name }

// ARN returns the stream's ARN.
func (s *Stream) ARN() string { return s.arn }

// CreationTime returns when the stream was created, on the model's clock.
func (s *Stream) CreationTime() time.Time { return s.created }

// Status returns the stream's current state on the model's clock; "" once
// the stream is deleted.
func (s *Stream) Status() StreamStatus {
	now := s.k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.statusLocked(now)
}

// enterLocked moves the stream into a state. A transitional state with a
// zero delay is over at once: CREATING and UPDATING read as ACTIVE.
func (s *Stream) enterLocked(status StreamStatus, now time.Time, delay time.Duration) {
	s.status = status
	s.settleAt = now.Add(delay)
	if delay <= 0 && status != StreamStatusDeleting {
		// Settled already: keep no deadline, so a clock set back in time
		// cannot make the stream look CREATING again.
		s.status, s.settleAt = StreamStatusActive, time.Time{}
	}
}

// statusLocked returns the state at now, finishing any transition whose
// delay has passed; "" means the stream is gone. Caller holds s.mu.
func (s *Stream) statusLocked(now time.Time) StreamStatus {
	if s.gone {
		return ""
	}
	if now.Before(s.settleAt) {
		return s.status
	}
	switch s.status {
	case StreamStatusCreating, StreamStatusUpdating:
		return StreamStatusActive
	case StreamStatusDeleting:
		return ""
	}
	return s.status
}

// RetentionPeriodHours returns how long records are kept, in hours.
func (s *Stream) RetentionPeriodHours() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return int(s.retention / time.Hour)
}

// writableLocked returns the error a write gets when the stream cannot take
// writes: it is gone, or still being created or deleted. Caller holds s.mu.
func (s *Stream) writableLocked(now time.Time) error {
	switch s.statusLocked(now) {
	case StreamStatusActive, StreamStatusUpdating:
		return nil
	}
	return streamNotFound(s.name, s.k.cfg.accountID)
}

// requireActiveLocked is the check of operations that change the stream's
// shape or settings: they need it ACTIVE. Caller holds s.mu.
func (s *Stream) requireActiveLocked(now time.Time) error {
	switch st := s.statusLocked(now); st {
	case StreamStatusActive:
		return nil
	case "":
		return streamNotFound(s.name, s.k.cfg.accountID)
	default:
		return streamNotActive(s.name, s.k.cfg.accountID, st)
	}
}

// routeLocked returns the open shard whose range holds h. The open shards
// always tile the whole key space, so there is exactly one. Caller holds s.mu.
func (s *Stream) routeLocked(h HashKey) *shard {
	var found *shard
	s.open.DescendLessOrEqual(openShard{start: h}, func(item openShard) bool {
		found = item.shard
		return false
	})
	return found
}

// shardByID finds a shard by any spelling AWS accepts: "shardId-000000000005",
// "shardId-5", "5" or "a-000000000005" all name shard 5.
func (s *Stream) shardByID(id string) *shard {
	idx, ok := parseShardIndex(id)
	if !ok {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if idx >= len(s.shards) {
		return nil
	}
	return s.shards[idx]
}

func parseShardIndex(id string) (int, bool) {
	digits := id
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '-' {
			digits = id[i+1:]
			break
		}
	}
	if digits == "" || len(digits) > 12 || !allDigits(digits) {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// FormatShardID returns AWS's id for the shard with the given index:
// "shardId-" and twelve zero-padded digits.
func FormatShardID(index int) string {
	return string(appendPadded([]byte("shardId-"), uint64(index), 12))
}

// sameMillisecond compares times as clients see them: AWS's protocols carry
// timestamps to the millisecond.
func sameMillisecond(a, b time.Time) bool { return a.UnixMilli() == b.UnixMilli() }
