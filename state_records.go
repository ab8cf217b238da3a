package minikinesis

import (
	"encoding/json"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/minikinesis/minikinesis/internal/recordlog"
)

// RecordList is a shard's records in a State, oldest first. ExportState
// fills it with a view of the live shard, read when iterated; Append (and
// JSON decoding) fills it with records of its own, packed as a shard packs
// them, so a list of millions costs what the shard would. The zero value
// is empty and ready to use. It is not safe for concurrent Append.
type RecordList struct {
	view  *shardView
	owned *recordlog.Log
}

// shardView is the records [from, to) of a live shard, as far as
// retention has not dropped them. Stored records never change, so a view
// reads them under the shard's lock a batch at a time.
type shardView struct {
	sh       *shard
	from, to int
}

// viewBatch is how many records a view copies out per lock.
const viewBatch = 1024

// Len is how many records the list holds (a view: still holds).
func (l *RecordList) Len() int {
	switch {
	case l.view != nil:
		v := l.view
		v.sh.mu.Lock()
		defer v.sh.mu.Unlock()
		return max(0, v.to-max(v.from, v.sh.log.Head()))
	case l.owned != nil:
		return l.owned.Len()
	}
	return 0
}

// All yields the records oldest first. Data of a list that owns its
// records shares its memory: read it, do not modify it.
func (l *RecordList) All() iter.Seq[StoredRecord] {
	return func(yield func(StoredRecord) bool) {
		switch {
		case l.view != nil:
			l.view.each(yield)
		case l.owned != nil:
			log := l.owned
			for p := log.Head(); p < log.Tail(); p++ {
				if !yield(storedRecordAt(log, p)) {
					return
				}
			}
		}
	}
}

func (v *shardView) each(yield func(StoredRecord) bool) {
	batch := make([]StoredRecord, 0, viewBatch)
	for p := v.from; p < v.to; {
		batch = batch[:0]
		v.sh.mu.Lock()
		p = max(p, v.sh.log.Head())
		for ; p < v.to && len(batch) < viewBatch; p++ {
			// A live shard's memory is reused once trimmed: copy the data
			// out under the lock (keys are copies already).
			r := storedRecordAt(&v.sh.log, p)
			r.Data = slices.Clone(r.Data)
			batch = append(batch, r)
		}
		v.sh.mu.Unlock()
		for _, r := range batch {
			if !yield(r) {
				return
			}
		}
	}
}

func storedRecordAt(log *recordlog.Log, p int) StoredRecord {
	r := log.At(p)
	return StoredRecord{
		Counter: r.Counter, Arrival: time.Unix(0, r.Arrival).UTC(),
		PartitionKey: log.Key(r), Data: log.Data(r), Encrypted: r.Encrypted,
	}
}

// Append adds a record after the others, copying its key and data. Its
// counter must be above the last one's and its arrival not before it;
// partition keys are at most 65,535 bytes.
func (l *RecordList) Append(r StoredRecord) error {
	if l.view != nil {
		l.materialise()
	}
	if l.owned == nil {
		l.owned = new(recordlog.Log)
	}
	arrival := r.Arrival.UnixNano()
	if n := l.owned.Tail(); n > l.owned.Head() {
		last := l.owned.At(n - 1)
		if r.Counter <= last.Counter {
			return &StateError{Reason: "record counter " + utoa(r.Counter) + " does not follow counter " + utoa(last.Counter)}
		}
		if arrival < last.Arrival {
			return &StateError{Reason: "record " + utoa(r.Counter) + " arrives before the record it follows"}
		}
	}
	if len(r.PartitionKey) > 1<<16-1 {
		return &StateError{Reason: "record " + utoa(r.Counter) + " has a partition key over 65,535 bytes"}
	}
	l.owned.Append(r.Counter, arrival, r.PartitionKey, r.Data, r.Encrypted)
	return nil
}

// materialise turns a view into records of the list's own.
func (l *RecordList) materialise() {
	v := l.view
	l.view, l.owned = nil, new(recordlog.Log)
	v.each(func(r StoredRecord) bool {
		l.owned.Append(r.Counter, r.Arrival.UnixNano(), r.PartitionKey, r.Data, r.Encrypted)
		return true
	})
}

// take hands the list's records over as a log, leaving the list empty:
// importing an owned list copies nothing.
func (l *RecordList) take() recordlog.Log {
	if l.view != nil {
		l.materialise()
	}
	var log recordlog.Log
	if l.owned != nil {
		log = *l.owned
	}
	l.owned = nil
	return log
}

// MarshalJSON encodes the list as an array of StoredRecord.
func (l RecordList) MarshalJSON() ([]byte, error) {
	all := make([]StoredRecord, 0, l.Len())
	for r := range l.All() {
		all = append(all, r)
	}
	return json.Marshal(all)
}

// UnmarshalJSON decodes an array of StoredRecord, checking their order as
// Append does.
func (l *RecordList) UnmarshalJSON(b []byte) error {
	var all []StoredRecord
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	*l = RecordList{}
	for _, r := range all {
		if err := l.Append(r); err != nil {
			return err
		}
	}
	return nil
}

func utoa(n uint64) string { return strconv.FormatUint(n, 10) }

// IsZero reports whether the list holds no records, so an empty list is
// left out of JSON whether it is a view or not.
func (l RecordList) IsZero() bool { return l.Len() == 0 }
