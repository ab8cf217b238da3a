package minikinesis

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/btree"
)

// StateError is a State that cannot be imported or a Change that cannot be
// applied to it: it names the stream and shard at fault.
type StateError struct {
	Stream string
	Shard  int // -1 when the fault is not a shard's
	Reason string
}

// Error says what is wrong and where.
func (e *StateError) Error() string {
	msg := "minikinesis: state"
	if e.Stream != "" {
		msg += ": stream " + e.Stream
	}
	if e.Shard >= 0 && e.Stream != "" {
		msg += " shard " + itoa(e.Shard)
	}
	return msg + ": " + e.Reason
}

// NewFromState returns an account configured by opts holding st: the same
// streams, shards, records, counters, settings, tags, consumers and
// iterator key, so it continues exactly where the exporting account
// stopped. An observer given in opts sees only the changes made after.
// st's record lists are handed over, not copied: do not use st afterwards.
func NewFromState(st *State, opts ...Option) (*Kinesis, error) {
	if err := validateState(st); err != nil {
		return nil, err
	}
	k := New(opts...)
	k.importState(st)
	return k, nil
}

// ImportState replaces every stream of the account with st's, and its
// iterator key with st's, as Restore does with a Snapshot. An observer
// sees a ChangeReset and then the imported streams and records. st's
// record lists are handed over: do not use st afterwards.
func (k *Kinesis) ImportState(st *State) error {
	if err := validateState(st); err != nil {
		return err
	}
	defer k.replacingAll()()
	k.importState(st)
	return nil
}

// importState installs a validated st.
func (k *Kinesis) importState(st *State) {
	now := k.cfg.clock.Now()
	fresh := make(map[string]*Stream, len(st.Streams))
	open := 0
	for _, ss := range st.Streams {
		s := k.importStream(ss, now)
		status := s.statusLocked(now)
		if status == "" {
			continue
		}
		fresh[s.name] = s
		if status != StreamStatusDeleting {
			open += s.open.Len()
		}
	}
	if len(st.IteratorKey) > 0 {
		k.sealKey = slices.Clone(st.IteratorKey)
	}
	k.importAccount(st.Account)
	k.replaceStreams(fresh, open)
}

// replaceStreams installs fresh streams holding open open shards; the
// streams replaced are gone, and their consumers' subscriptions end.
func (k *Kinesis) replaceStreams(fresh map[string]*Stream, open int) {
	k.mu.Lock()
	old := k.streams
	k.streams, k.openShards = fresh, open
	k.mu.Unlock()
	for _, s := range old {
		s.mu.Lock()
		s.gone = true
		for _, c := range s.consumers {
			c.endSubscriptions(errConsumerGone(c.name, s.name, k.cfg.accountID))
		}
		s.mu.Unlock()
	}
}

// importStream builds a stream of k from its state, taking its records.
func (k *Kinesis) importStream(ss *StreamState, now time.Time) *Stream {
	s := &Stream{
		k: k, name: ss.Name, arn: k.StreamARN(ss.Name), created: ss.Created,
		open: btree.NewG(8, openShardLess), status: ss.Status, settleAt: ss.SettleAt,
		retention: hoursToDuration(ss.RetentionHours), mode: ss.Mode, encryption: ss.Encryption, keyID: ss.KeyID,
		shardLevelMetrics: slices.Clone(ss.ShardLevelMetrics), tags: maps.Clone(ss.Tags),
		scalings: slices.Clone(ss.Scalings), throttleWrites: k.cfg.writeThrottling,
		extras: streamExtras{policy: ss.Policy, warm: ss.WarmThroughput.warm(), distribution: ss.RecordDistributionStrategy},
	}
	if s.tags == nil {
		s.tags = map[string]string{}
	}
	s.maxRecordSize.Store(int64(ss.MaxRecordSize))
	for i := range ss.Shards {
		sh := importShard(s, i, &ss.Shards[i], now)
		s.shards = append(s.shards, sh)
		if sh.isOpen() {
			s.open.ReplaceOrInsert(openShard{start: sh.hashRange.StartingHashKey, shard: sh})
		}
	}
	for _, cs := range ss.Consumers {
		if s.consumers == nil {
			s.consumers = map[string]*consumer{}
		}
		arn := s.arn + cs.ARN[strings.Index(cs.ARN, consumerARNMarker):]
		s.consumers[cs.Name] = &consumer{name: cs.Name, arn: arn, created: cs.Created,
			status: cs.Status, settleAt: cs.SettleAt, subscriptions: map[int]*Subscription{}, policy: cs.Policy}
	}
	return s
}

// importShard builds shard index of s from its state, taking its records.
// The counters are lifted to the newest record kept, should st say less.
func importShard(s *Stream, index int, ss *ShardState, now time.Time) *shard {
	sh := newShard(s, index, ss.HashKeyRange, ss.Created)
	sh.parentID, sh.adjacentParentID = ss.ParentShardId, ss.AdjacentParentShardId
	if !ss.Closed.IsZero() {
		sh.closedAt = ss.Closed
		sh.endingSeq = sh.sequenceNumber(maxSeqCounter, uint64(ss.Closed.Unix()))
	}
	sh.resetAllowances(s, now)
	sh.lastCounter = ss.LastCounter
	if !ss.LastArrival.IsZero() {
		sh.lastArrival = ss.LastArrival.UnixNano()
	}
	sh.log = ss.Records.take()
	if n := sh.log.Tail(); n > sh.log.Head() {
		last := sh.log.At(n - 1)
		sh.lastCounter = max(sh.lastCounter, last.Counter)
		sh.lastArrival = max(sh.lastArrival, last.Arrival)
	}
	return sh
}

const consumerARNMarker = "/consumer/"

// validateState checks what an account relies on: unique names, known
// states, shard lineage pointing back, and open shards tiling the hash
// key space.
func validateState(st *State) error {
	if st == nil {
		return &StateError{Shard: -1, Reason: "no state"}
	}
	if n := len(st.IteratorKey); n != 0 && n != sealKeySize {
		return &StateError{Shard: -1, Reason: "iterator key of " + itoa(n) + " bytes, want " + itoa(sealKeySize)}
	}
	seen := make(map[string]bool, len(st.Streams))
	for _, ss := range st.Streams {
		if ss == nil {
			return &StateError{Shard: -1, Reason: "a stream is nil"}
		}
		if seen[ss.Name] {
			return &StateError{Stream: ss.Name, Shard: -1, Reason: "given twice"}
		}
		seen[ss.Name] = true
		if err := validateStream(ss); err != nil {
			return err
		}
	}
	return validateAccount(st.Account)
}

func validateStream(ss *StreamState) error {
	fail := func(shard int, reason string) error {
		return &StateError{Stream: ss.Name, Shard: shard, Reason: reason}
	}
	switch {
	case ss.Name == "":
		return fail(-1, "a stream has no name")
	case ss.Created.IsZero():
		return fail(-1, "no creation time")
	case !slices.Contains([]StreamStatus{StreamStatusCreating, StreamStatusActive, StreamStatusUpdating, StreamStatusDeleting}, ss.Status):
		return fail(-1, "unknown status "+string(ss.Status))
	case ss.Mode != StreamModeProvisioned && ss.Mode != StreamModeOnDemand:
		return fail(-1, "unknown mode "+string(ss.Mode))
	case ss.RetentionHours < MinRetentionHours || ss.RetentionHours > MaxRetentionHours:
		return fail(-1, "retention of "+itoa(ss.RetentionHours)+" hours")
	case ss.MaxRecordSize <= 0:
		return fail(-1, "no record size limit")
	case len(ss.Shards) == 0:
		return fail(-1, "no shards")
	}
	for _, c := range ss.Consumers {
		if !strings.Contains(c.ARN, consumerARNMarker) {
			return fail(-1, "consumer "+c.Name+" has ARN "+c.ARN)
		}
	}
	var open []HashKeyRange
	for i := range ss.Shards {
		sh := &ss.Shards[i]
		if sh.Created.IsZero() {
			return fail(i, "no creation time")
		}
		for _, parent := range []string{sh.ParentShardId, sh.AdjacentParentShardId} {
			if idx, ok := parseShardIndex(parent); parent != "" && (!ok || idx >= i) {
				return fail(i, "parent "+parent+" is not an earlier shard")
			}
		}
		if sh.LastCounter >= maxSeqCounter {
			return fail(i, "counter "+utoa(sh.LastCounter)+" beyond the sequence number's range")
		}
		if sh.Closed.IsZero() {
			open = append(open, sh.HashKeyRange)
		}
	}
	slices.SortFunc(open, func(a, b HashKeyRange) int { return a.StartingHashKey.Cmp(b.StartingHashKey) })
	next, done := HashKey{}, false
	for _, r := range open {
		if done || r.StartingHashKey != next || r.EndingHashKey.Less(r.StartingHashKey) {
			return fail(-1, "open shards do not tile the hash key space at "+r.StartingHashKey.String())
		}
		next, done = r.EndingHashKey.AddOne()
	}
	if !done {
		return fail(-1, "open shards end at "+next.String()+", short of the hash key space's end")
	}
	return nil
}
