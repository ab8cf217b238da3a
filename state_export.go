package minikinesis

import (
	"maps"
	"slices"
	"time"
)

// State is an account's complete state as plain data: every stream with
// its settings, tags, consumers and shards (open and closed, with lineage,
// hash ranges and sequence counters) and the records retention keeps,
// with the key that seals the account's shard iterators. ExportState
// takes it, ImportState and NewFromState rebuild an account from it, and
// Apply moves it forward by the changes WithChangeObserver reports — what
// persistence needs, and nothing that does I/O. It encodes with
// encoding/json.
//
// Throughput allowances, subscriptions, shard metrics, faults and the call
// log are not part of it: a rebuilt account starts them afresh, as
// Restore does.
type State struct {
	// Region and AccountID are those of the exporting account. ARNs are
	// not stored: the importing account names its streams itself.
	Region    string
	AccountID string
	// IteratorKey authenticates shard iterators; importing it keeps
	// iterators handed out before valid (for their 300 s).
	IteratorKey []byte
	// Checkpoint identifies the ChangeCheckpoint that ExportState reported
	// with this state; 0 when the account has no observer.
	Checkpoint uint64
	// Streams are the live streams, in name order.
	Streams []*StreamState
	// Account is the account's own state: its settings and channels; nil
	// for an account that has neither.
	Account *AccountState `json:",omitempty"`

	index map[string]int // Apply's stream lookup, rebuilt when stale
}

// StreamState is one stream of a State.
type StreamState struct {
	Name    string
	Created time.Time
	// Status is the state last entered; a transitional one (CREATING,
	// UPDATING, DELETING) ends at SettleAt.
	Status            StreamStatus
	SettleAt          time.Time `json:",omitzero"`
	RetentionHours    int
	Mode              StreamMode
	MaxRecordSize     int            // bytes, data plus partition key
	Encryption        EncryptionType `json:",omitempty"`
	KeyID             string         `json:",omitempty"`
	ShardLevelMetrics []string       `json:",omitempty"`
	Tags              map[string]string
	Consumers         []ConsumerState `json:",omitempty"`
	// Scalings are the recent UpdateShardCount calls, for the 24 h quota.
	Scalings []time.Time `json:",omitempty"`
	// Policy is the stream's resource policy document.
	Policy string `json:",omitempty"`
	// WarmThroughput is the stream's warm throughput, once set.
	WarmThroughput *WarmThroughputState `json:",omitempty"`
	// RecordDistributionStrategy is the strategy set; "" is the default.
	RecordDistributionStrategy RecordDistributionStrategy `json:",omitempty"`
	// Shards holds every shard the stream has had, by index.
	Shards []ShardState
}

// ShardState is one shard of a StreamState; its position in Shards is its
// index.
type ShardState struct {
	HashKeyRange          HashKeyRange
	Created               time.Time
	ParentShardId         string    `json:",omitempty"`
	AdjacentParentShardId string    `json:",omitempty"`
	Closed                time.Time `json:",omitzero"` // zero while open
	// LastCounter is the counter of the newest record ever stored, kept
	// when retention has dropped it, so sequence numbers go on increasing.
	LastCounter uint64
	// LastArrival is the newest record's arrival time; zero if none.
	LastArrival time.Time `json:",omitzero"`
	// Records are the records retention keeps, oldest first.
	Records RecordList `json:",omitzero"`
}

// ConsumerState is an enhanced fan-out consumer of a StreamState.
type ConsumerState struct {
	Name     string
	ARN      string
	Created  time.Time
	Status   ConsumerStatus
	SettleAt time.Time `json:",omitzero"`
	// Policy is the consumer's resource policy document.
	Policy string `json:",omitempty"`
}

// StoredRecord is one record as a shard stores it.
type StoredRecord struct {
	// Counter is the record's position in its shard's sequence; with the
	// shard it gives the SequenceNumber.
	Counter uint64
	// Arrival is the ApproximateArrivalTimestamp, to the nanosecond.
	Arrival      time.Time
	PartitionKey string
	Data         []byte
	// Encrypted records were stored while the stream encrypted with KMS.
	Encrypted bool `json:",omitempty"`
}

// ExportState takes the account's state at one instant. Records are not
// copied: the state reads them from the account's immutable store when
// they are iterated, so exporting millions of records costs only the
// metadata; records that retention drops in the meantime are left out.
// With an observer installed, writes pause while the state is taken and a
// ChangeCheckpoint marks the instant in the feed.
func (k *Kinesis) ExportState() *State {
	f := k.cfg.feed
	if f != nil {
		f.pause.Lock()
		defer f.pause.Unlock()
	}
	now := k.cfg.clock.Now()
	st := &State{Region: k.cfg.region, AccountID: k.cfg.accountID, IteratorKey: slices.Clone(k.sealKey), Account: k.exportAccount(now)}
	for _, s := range k.liveStreams() {
		st.Streams = append(st.Streams, s.export(now, true))
	}
	if f != nil {
		f.checkpoints++
		st.Checkpoint = f.checkpoints
		f.observe(Change{Kind: ChangeCheckpoint, Checkpoint: st.Checkpoint})
	}
	return st
}

// export describes the stream at now, its records as views when
// withRecords. The stream is locked exclusively, so its shards' counters
// and record bounds are of one instant.
func (s *Stream) export(now time.Time, withRecords bool) *StreamState {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &StreamState{
		Name: s.name, Created: s.created, Status: s.status, SettleAt: s.settleAt,
		RetentionHours: int(s.retention / time.Hour), Mode: s.mode, MaxRecordSize: int(s.maxRecordSize.Load()),
		Encryption: s.encryption, KeyID: s.keyID, ShardLevelMetrics: slices.Clone(s.shardLevelMetrics),
		Tags: maps.Clone(s.tags), Scalings: slices.Clone(s.scalings),
		Policy: s.extras.policy, WarmThroughput: s.extras.warm.export(), RecordDistributionStrategy: s.extras.distribution,
	}
	if st.Tags == nil {
		st.Tags = map[string]string{}
	}
	for _, c := range s.liveConsumersLocked(now) {
		st.Consumers = append(st.Consumers, ConsumerState{Name: c.name, ARN: c.arn, Created: c.created, Status: c.status, SettleAt: c.settleAt, Policy: c.policy})
	}
	cutoff := now.Add(-s.retention).UnixNano()
	st.Shards = make([]ShardState, len(s.shards))
	for i, sh := range s.shards {
		st.Shards[i] = sh.export(cutoff, withRecords)
	}
	return st
}

// export describes the shard, trimming what expired by cutoff. Caller
// holds the stream's lock.
func (sh *shard) export(cutoff int64, withRecords bool) ShardState {
	st := ShardState{
		HashKeyRange: sh.hashRange, Created: sh.createdAt, Closed: sh.closedAt,
		ParentShardId: sh.parentID, AdjacentParentShardId: sh.adjacentParentID,
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.TrimBefore(cutoff)
	st.LastCounter = sh.lastCounter
	if sh.lastArrival != 0 {
		st.LastArrival = time.Unix(0, sh.lastArrival).UTC()
	}
	if withRecords {
		st.Records = RecordList{view: &shardView{sh: sh, from: sh.log.Head(), to: sh.log.Tail()}}
	}
	return st
}
