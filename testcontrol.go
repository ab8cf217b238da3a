package minikinesis

import (
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/google/btree"
)

// FastForward moves the model's clock forward by d: arrival times, token
// buckets, retention, iterator and NextToken expiry, state transitions,
// consumers and subscriptions all see the new time at once. It needs the
// account to run on a *ManualClock (WithClock(NewManualClock(...))) and
// returns the new time.
func (k *Kinesis) FastForward(d time.Duration) (time.Time, error) {
	mc, ok := k.cfg.clock.(*ManualClock)
	if !ok {
		return time.Time{}, errors.New("minikinesis: FastForward needs a *ManualClock; create the Kinesis with WithClock(NewManualClock(start))")
	}
	return mc.Advance(d), nil
}

// Reset empties the account: every stream and consumer is gone, faults are
// removed and the call log is emptied. Options, hooks and the clock stay.
func (k *Kinesis) Reset() {
	defer k.replacingAll()()
	k.replaceStreams(make(map[string]*Stream), 0)
	k.ClearFaults()
	k.ResetCalls()
}

// Snapshot is a frozen copy of an account's streams — shards, records,
// settings, tags and consumers — taken with Kinesis.Snapshot and applied to
// any account with Kinesis.Restore. Build a fixture once, restore it in
// every test.
type Snapshot struct {
	streams []*Stream
	taken   time.Time
}

// Taken is when the snapshot was taken, on the account's clock.
func (snap *Snapshot) Taken() time.Time { return snap.taken }

// StreamNames lists the streams the snapshot holds.
func (snap *Snapshot) StreamNames() []string {
	names := make([]string, len(snap.streams))
	for i, s := range snap.streams {
		names[i] = s.name
	}
	return names
}

// Snapshot copies the account's streams as they are now. Record payloads
// are shared with the live streams; they are never modified, so neither
// side can see the other's later writes.
func (k *Kinesis) Snapshot() *Snapshot {
	snap := &Snapshot{taken: k.cfg.clock.Now()}
	for _, s := range k.liveStreams() {
		snap.streams = append(snap.streams, s.copyFor(k))
	}
	return snap
}

// Restore replaces every stream of the account with a copy of the
// snapshot's. ARNs and messages take this account's region and id; write
// and read allowances start full; subscriptions are not restored.
func (k *Kinesis) Restore(snap *Snapshot) {
	defer k.replacingAll()()
	fresh := make(map[string]*Stream, len(snap.streams))
	open := 0
	for _, s := range snap.streams {
		c := s.copyFor(k)
		fresh[c.name] = c
		open += c.open.Len()
	}
	k.mu.Lock()
	old := k.streams
	k.streams, k.openShards = fresh, open
	k.mu.Unlock()
	for _, s := range old {
		s.mu.Lock()
		s.gone = true
		s.mu.Unlock()
	}
}

// copyFor deep-copies a stream into account k.
func (s *Stream) copyFor(k *Kinesis) *Stream {
	now := k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := &Stream{
		k: k, name: s.name, arn: k.StreamARN(s.name), created: s.created,
		open: btree.NewG(8, openShardLess), status: s.status, settleAt: s.settleAt, gone: s.gone,
		retention: s.retention, mode: s.mode, encryption: s.encryption, keyID: s.keyID,
		shardLevelMetrics: slices.Clone(s.shardLevelMetrics), tags: maps.Clone(s.tags),
		scalings: slices.Clone(s.scalings), throttleWrites: k.cfg.writeThrottling,
	}
	if c.tags == nil {
		c.tags = map[string]string{}
	}
	c.maxRecordSize.Store(s.maxRecordSize.Load())
	for _, sh := range s.shards {
		cs := sh.copyFor(c, now)
		c.shards = append(c.shards, cs)
		if cs.isOpen() {
			c.open.ReplaceOrInsert(openShard{start: cs.hashRange.StartingHashKey, shard: cs})
		}
	}
	for name, con := range s.consumers {
		if c.consumers == nil {
			c.consumers = map[string]*consumer{}
		}
		c.consumers[name] = &consumer{name: con.name, arn: c.arn + con.arn[len(s.arn):], created: con.created,
			status: con.status, settleAt: con.settleAt, subscriptions: map[int]*Subscription{}}
	}
	return c
}
