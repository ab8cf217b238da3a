package minikinesis

import (
	"slices"
	"strings"
)

// Apply moves the state forward by one change, as the account that
// reported it moved: a record is appended to its shard, a stream's
// metadata replaces what was known of it (its shards keep their records;
// a stream of the same name created anew replaces the old one whole), a
// deletion or a reset drops streams. Replaying an account's changes in
// order onto the State exported at their start — a snapshot and its
// journal — rebuilds the account. A change that does not fit (a record
// for an unknown shard, or out of order) is a *StateError and leaves the
// state as it was.
func (st *State) Apply(c Change) error {
	switch c.Kind {
	case ChangeRecord:
		return st.applyRecord(c)
	case ChangeStream:
		if c.State == nil || c.State.Name != c.Stream {
			return &StateError{Stream: c.Stream, Shard: -1, Reason: "a stream change without the stream's state"}
		}
		st.applyStream(c.State)
	case ChangeStreamDeleted:
		if i, ok := st.find(c.Stream); ok {
			st.Streams = slices.Delete(st.Streams, i, i+1)
			st.index = nil
		}
	case ChangeReset:
		st.Streams, st.index, st.Account = nil, nil, nil
	case ChangeAccount:
		st.Account = c.Account.clone().orNil()
	case ChangeCheckpoint:
	default:
		return &StateError{Stream: c.Stream, Shard: -1, Reason: "unknown change kind " + c.Kind.String()}
	}
	return nil
}

func (st *State) applyRecord(c Change) error {
	i, ok := st.find(c.Stream)
	if !ok {
		return &StateError{Stream: c.Stream, Shard: c.Shard, Reason: "a record for a stream the state does not hold"}
	}
	ss := st.Streams[i]
	if c.Shard < 0 || c.Shard >= len(ss.Shards) {
		return &StateError{Stream: c.Stream, Shard: c.Shard, Reason: "a record for a shard the stream does not have"}
	}
	sh := &ss.Shards[c.Shard]
	if err := sh.Records.Append(c.Record); err != nil {
		err.(*StateError).Stream, err.(*StateError).Shard = c.Stream, c.Shard
		return err
	}
	sh.LastCounter = max(sh.LastCounter, c.Record.Counter)
	if c.Record.Arrival.After(sh.LastArrival) {
		sh.LastArrival = c.Record.Arrival
	}
	return nil
}

// applyStream installs a stream's new metadata, keeping the records of
// the shards it already had.
func (st *State) applyStream(meta *StreamState) {
	ns := *meta
	ns.Shards = slices.Clone(meta.Shards)
	i, ok := st.find(meta.Name)
	if !ok {
		st.Streams = append(st.Streams, &ns)
		slices.SortFunc(st.Streams, func(a, b *StreamState) int { return strings.Compare(a.Name, b.Name) })
		st.index = nil
		return
	}
	old := st.Streams[i]
	if old.Created.Equal(ns.Created) {
		for j := range min(len(old.Shards), len(ns.Shards)) {
			ns.Shards[j].Records = old.Shards[j].Records
			ns.Shards[j].LastCounter = max(ns.Shards[j].LastCounter, old.Shards[j].LastCounter)
			if old.Shards[j].LastArrival.After(ns.Shards[j].LastArrival) {
				ns.Shards[j].LastArrival = old.Shards[j].LastArrival
			}
		}
	}
	st.Streams[i] = &ns
}

// find returns the position of the named stream, keeping an index so a
// replay of millions of records does not scan the streams each time.
func (st *State) find(name string) (int, bool) {
	if i, ok := st.index[name]; ok && i < len(st.Streams) && st.Streams[i].Name == name {
		return i, true
	}
	st.index = make(map[string]int, len(st.Streams))
	for i, s := range st.Streams {
		st.index[s.Name] = i
	}
	i, ok := st.index[name]
	return i, ok
}
