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
	mu             sync.RWMutex
	open           *btree.BTreeG[openShard]
	shards         []*shard // every shard ever created, by index
	status         StreamStatus
	deleted        bool
	retention      time.Duration
	encryption     EncryptionType
	throttleWrites bool
	// maxRecordSize is read by every write before it takes any lock.
	maxRecordSize atomic.Int64
}

// openShard is the btree item for an open shard: its StartingHashKey, by
// value, so a routing lookup builds its pivot without allocating.
type openShard struct {
	start HashKey
	shard *shard
}

func openShardLess(a, b openShard) bool { return a.start.Less(b.start) }

func newStream(k *Kinesis, name string, shardCount int) *Stream {
	now := k.cfg.clock.Now()
	s := &Stream{
		k:              k,
		name:           name,
		arn:            k.StreamARN(name),
		created:        now,
		open:           btree.NewG(8, openShardLess),
		status:         StreamStatusActive,
		retention:      hoursToDuration(DefaultRetentionHours),
		throttleWrites: k.cfg.writeThrottling,
	}
	s.maxRecordSize.Store(int64(k.cfg.limits.MaxRecordSize))
	for _, r := range SplitHashKeySpace(shardCount) {
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

// Status returns the stream's current state.
func (s *Stream) Status() StreamStatus {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.status
}

// RetentionPeriodHours returns how long records are kept, in hours.
func (s *Stream) RetentionPeriodHours() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return int(s.retention / time.Hour)
}

// markDeleted closes the stream for good and returns how many open shards
// it released.
func (s *Stream) markDeleted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleted = true
	s.status = StreamStatusDeleting
	return s.open.Len()
}

// writableLocked returns the error a write gets when the stream cannot take
// writes: it is gone, or still being created or deleted. Caller holds s.mu.
func (s *Stream) writableLocked() error {
	if s.deleted || s.status == StreamStatusCreating || s.status == StreamStatusDeleting {
		return streamNotFound(s.name, s.k.cfg.accountID)
	}
	return nil
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
