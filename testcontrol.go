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
	k.importAccount(nil)
	k.ClearFaults()
	k.ResetCalls()
}

// Snapshot is a frozen copy of an account's streams — shards, records,
// settings, tags and consumers — taken with Kinesis.Snapshot and applied to
// any account with Kinesis.Restore. Build a fixture once, restore it in
// every test.
type Snapshot struct {
	streams []*Stream
	account *AccountState // settings and channels
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
	snap.account = k.exportAccount(snap.taken)
	for _, s := range k.liveStreams() {
		snap.streams = append(snap.streams, s.copyFor(k, 0))
	}
	return snap
}

// Restore replaces every stream of the account with a copy of the
// snapshot's. ARNs and messages take this account's region and id; write
// and read allowances start full; subscriptions are not restored.
//
// The restored streams look as they did when the snapshot was taken, moved
// to this account's now: every time they hold (record arrivals, stream,
// shard and consumer creation, pending state changes, past scalings) moves
// by Now() minus Snapshot.Taken(). So records keep their ages and expire
// when they would have, whatever this account's clock reads. Sequence
// numbers embed times, so they move too: counters and order are kept, and
// a sequence number taken from the snapshot's account names no record of
// a restored stream unless the clocks agree.
func (k *Kinesis) Restore(snap *Snapshot) {
	defer k.replacingAll()()
	fresh := make(map[string]*Stream, len(snap.streams))
	open := 0
	shift := k.cfg.clock.Now().Sub(snap.taken)
	for _, s := range snap.streams {
		c := s.copyFor(k, shift)
		fresh[c.name] = c
		open += c.open.Len()
	}
	k.mu.Lock()
	old := k.streams
	k.streams, k.openShards = fresh, open
	k.mu.Unlock()
	k.importAccount(snap.account.shifted(shift))
	for _, s := range old {
		s.mu.Lock()
		s.gone = true
		s.mu.Unlock()
	}
}

// copyFor deep-copies a stream into account k, every time it holds moved
// by shift.
func (s *Stream) copyFor(k *Kinesis, shift time.Duration) *Stream {
	now := k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := &Stream{
		k: k, name: s.name, arn: k.StreamARN(s.name), created: s.created.Add(shift),
		open: btree.NewG(8, openShardLess), status: s.status, settleAt: shiftTime(s.settleAt, shift), gone: s.gone,
		retention: s.retention, mode: s.mode, encryption: s.encryption, keyID: s.keyID,
		shardLevelMetrics: slices.Clone(s.shardLevelMetrics), tags: maps.Clone(s.tags),
		throttleWrites: k.cfg.writeThrottling, extras: s.extras,
	}
	c.extras.warm.scaledAt = shiftTime(c.extras.warm.scaledAt, shift)
	for _, t := range s.scalings {
		c.scalings = append(c.scalings, t.Add(shift))
	}
	if c.tags == nil {
		c.tags = map[string]string{}
	}
	c.maxRecordSize.Store(s.maxRecordSize.Load())
	for _, sh := range s.shards {
		cs := sh.copyFor(c, now, shift)
		c.shards = append(c.shards, cs)
		if cs.isOpen() {
			c.open.ReplaceOrInsert(openShard{start: cs.hashRange.StartingHashKey, shard: cs})
		}
	}
	for name, con := range s.consumers {
		if c.consumers == nil {
			c.consumers = map[string]*consumer{}
		}
		c.consumers[name] = &consumer{name: con.name, arn: c.arn + con.arn[len(s.arn):], created: con.created.Add(shift),
			status: con.status, settleAt: shiftTime(con.settleAt, shift), subscriptions: map[int]*Subscription{}, policy: con.policy}
	}
	return c
}

// shiftTime moves t by d; the zero time (no deadline) stays zero.
func shiftTime(t time.Time, d time.Duration) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(d)
}
