package minikinesis

import (
	"context"
	"sync"
	"time"
)

// ChangeKind says what a Change describes.
type ChangeKind uint8

// The kinds of change the feed reports.
const (
	// ChangeRecord is a record stored in shard Shard of stream Stream,
	// with the counter and arrival time it was given.
	ChangeRecord ChangeKind = iota + 1
	// ChangeStream is a stream created or changed by a control-plane
	// operation: State holds its whole metadata (settings, tags,
	// consumers, every shard with its lineage and counters), without
	// records. It replaces whatever was known of the stream before.
	ChangeStream
	// ChangeStreamDeleted is a stream gone with its records.
	ChangeStreamDeleted
	// ChangeReset is every stream gone at once (Reset, Restore,
	// ImportState); the streams that replace them follow as ChangeStream
	// and ChangeRecord changes.
	ChangeReset
	// ChangeCheckpoint marks where ExportState cut the feed: the State it
	// returned, whose Checkpoint equals this change's, holds every change
	// before this one and none after.
	ChangeCheckpoint
	// ChangeAccount is the account's own state changed (its settings, its
	// channels): Account holds all of it, replacing what was known.
	ChangeAccount
)

// String names the kind, for logs and messages.
func (k ChangeKind) String() string {
	switch k {
	case ChangeRecord:
		return "record"
	case ChangeStream:
		return "stream"
	case ChangeStreamDeleted:
		return "stream-deleted"
	case ChangeReset:
		return "reset"
	case ChangeCheckpoint:
		return "checkpoint"
	case ChangeAccount:
		return "account"
	}
	return "ChangeKind(" + itoa(int(k)) + ")"
}

// Change is one change of an account's state, as WithChangeObserver
// reports it: what was stored, with the sequence counters and arrival
// times it was given, never the request that caused it. Applying an
// account's changes in order to the State exported before the first
// (State.Apply) gives the State it has after the last.
type Change struct {
	Kind ChangeKind
	// Stream names the stream changed (every kind but ChangeReset and
	// ChangeCheckpoint).
	Stream string
	// Shard is the index of the shard a ChangeRecord was stored in.
	Shard int
	// Record is what a ChangeRecord stored. Its PartitionKey and Data may
	// share memory with the caller's request: an observer that keeps them
	// past its call copies them.
	Record StoredRecord
	// State is a ChangeStream's stream, without records. The observer
	// must not modify it.
	State *StreamState
	// Checkpoint identifies a ChangeCheckpoint.
	Checkpoint uint64
	// Account is a ChangeAccount's account state. The observer must not
	// modify it.
	Account *AccountState
}

// WithChangeObserver calls observe for every change of the account's
// state, synchronously and in the order the changes took effect: a record
// inside its shard's lock as it is appended (so one shard's records come
// in sequence order), a control-plane change once its operation has
// succeeded, while writes wait, so that no record of a stream is reported
// before the change that created its shard. observe must be quick and
// must not call the account back. Given more than once, every observer is
// called, in order. Default: none, and then the write path pays nothing.
func WithChangeObserver(observe func(Change)) Option {
	return func(cfg *config) {
		if observe == nil {
			return
		}
		f := &changeFeed{observe: observe}
		if prev := cfg.feed; prev != nil {
			first := prev.observe
			f.observe = func(c Change) { first(c); observe(c) }
		}
		cfg.feed = f
	}
}

// changeFeed is an account's change observer and what orders its changes.
type changeFeed struct {
	observe func(Change)
	// pause orders changes: record writes hold it shared, control-plane
	// changes and checkpoints exclusively, so each record change falls
	// wholly before or after every metadata change.
	pause       sync.RWMutex
	checkpoints uint64 // guarded by pause, held exclusively
}

// recordFeed is what a shard needs to report its records: nil without an
// observer, so the write path tests one pointer.
type recordFeed struct {
	observe func(Change)
	stream  string
}

// forShard is the recordFeed of a shard of stream; nil without a feed.
func (f *changeFeed) forShard(stream string) *recordFeed {
	if f == nil {
		return nil
	}
	return &recordFeed{observe: f.observe, stream: stream}
}

// record reports a stored record. Caller holds the shard's lock.
func (r *recordFeed) record(shard int, counter uint64, arrival int64, key string, data []byte, encrypted bool) {
	r.observe(Change{Kind: ChangeRecord, Stream: r.stream, Shard: shard, Record: StoredRecord{
		Counter: counter, Arrival: time.Unix(0, arrival).UTC(), PartitionKey: key, Data: data, Encrypted: encrypted,
	}})
}

// enterWrite and exitWrite bracket a write that stores records outside
// the observation layer (Seed).
func (f *changeFeed) enterWrite() {
	if f != nil {
		f.pause.RLock()
	}
}

func (f *changeFeed) exitWrite() {
	if f != nil {
		f.pause.RUnlock()
	}
}

// changeKinds classifies the operations that change state; the others
// only read (GetRecords' retention trimming is derived from arrival times
// and needs no report).
var changeKinds = map[string]opChange{
	OpPutRecord: writesRecords, OpPutRecords: writesRecords,

	OpCreateStream: changesStream, OpDeleteStream: changesStream,
	OpSplitShard: changesStream, OpMergeShards: changesStream, OpUpdateShardCount: changesStream,
	OpRegisterStreamConsumer: changesStream, OpDeregisterStreamConsumer: changesStream,
	OpIncreaseStreamRetentionPeriod: changesStream, OpDecreaseStreamRetentionPeriod: changesStream,
	OpUpdateStreamMode: changesStream, OpUpdateMaxRecordSize: changesStream,
	OpStartStreamEncryption: changesStream, OpStopStreamEncryption: changesStream,
	OpEnableEnhancedMonitoring: changesStream, OpDisableEnhancedMonitoring: changesStream,
	OpAddTagsToStream: changesStream, OpRemoveTagsFromStream: changesStream,
	OpTagResource: changesStream, OpUntagResource: changesStream,
	OpUpdateStreamWarmThroughput: changesStream, OpUpdateStreamRecordDistributionStrategy: changesStream,
	OpPutResourcePolicy: changesStream, OpDeleteResourcePolicy: changesStream,

	OpUpdateAccountSettings: changesAccount,
	OpCreateChannel:         changesAccount, OpUpdateChannel: changesAccount, OpDeleteChannel: changesAccount,
}

type opChange uint8

const (
	readsOnly opChange = iota
	writesRecords
	changesStream
	changesAccount
)

// ChangesState reports whether an operation can change the account's
// state, and so report changes: a server that promises durability waits
// for these before answering.
func ChangesState(op string) bool { return changeKinds[op] != readsOnly }

// withChanges wraps an operation for the feed: writes run with the pause
// shared; control-plane changes run with it exclusive and report the
// stream they changed.
func withChanges[Out any](k *Kinesis, op string, t callTarget, run func(context.Context) (Out, error)) func(context.Context) (Out, error) {
	f := k.cfg.feed
	switch changeKinds[op] {
	case writesRecords:
		return func(ctx context.Context) (Out, error) {
			f.pause.RLock()
			defer f.pause.RUnlock()
			return run(ctx)
		}
	case changesStream:
		return func(ctx context.Context) (Out, error) {
			return changeStream(k, t.stream(k), func() (Out, error) { return run(ctx) })
		}
	case changesAccount:
		return func(ctx context.Context) (Out, error) {
			return changeAccount(k, func() (Out, error) { return run(ctx) })
		}
	}
	return run
}

// changeStream runs a control-plane change of the named stream and, when
// it succeeds and the account has an observer, reports the stream as it
// now is, with writes paused throughout.
func changeStream[Out any](k *Kinesis, name string, run func() (Out, error)) (Out, error) {
	f := k.cfg.feed
	if f == nil {
		return run()
	}
	f.pause.Lock()
	defer f.pause.Unlock()
	out, err := run()
	if err == nil {
		k.reportStream(f, name)
	}
	return out, err
}

// reportStream reports a stream as it now is, or as deleted. Caller holds
// f.pause exclusively.
func (k *Kinesis) reportStream(f *changeFeed, name string) {
	k.mu.RLock()
	s := k.streams[name]
	k.mu.RUnlock()
	now := k.cfg.clock.Now()
	if s == nil || s.Status() == "" {
		f.observe(Change{Kind: ChangeStreamDeleted, Stream: name})
		return
	}
	f.observe(Change{Kind: ChangeStream, Stream: name, State: s.export(now, false)})
}

// replacingAll pauses the feed while every stream is replaced (Reset,
// Restore, ImportState) and returns what reports the outcome: a
// ChangeReset, then each stream and its records.
func (k *Kinesis) replacingAll() (done func()) {
	f := k.cfg.feed
	if f == nil {
		return func() {}
	}
	f.pause.Lock()
	return func() {
		defer f.pause.Unlock()
		f.observe(Change{Kind: ChangeReset})
		now := k.cfg.clock.Now()
		if acc := k.exportAccount(now); acc != nil {
			f.observe(Change{Kind: ChangeAccount, Account: acc})
		}
		for _, s := range k.liveStreams() {
			st := s.export(now, true)
			records := make([]RecordList, len(st.Shards))
			for i := range st.Shards {
				records[i], st.Shards[i].Records = st.Shards[i].Records, RecordList{}
			}
			f.observe(Change{Kind: ChangeStream, Stream: st.Name, State: st})
			for i := range records {
				for r := range records[i].All() {
					f.observe(Change{Kind: ChangeRecord, Stream: st.Name, Shard: i, Record: r})
				}
			}
		}
	}
}
