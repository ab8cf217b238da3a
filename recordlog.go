package minikinesis

import "time"

// storedRecord is a record as its shard keeps it. Its sequence number is
// rebuilt from the counter and arrival second when asked for.
type storedRecord struct {
	counter      uint64
	arrival      int64 // Unix nanoseconds on the model's clock
	partitionKey string
	data         []byte
	encrypted    bool // written while the stream encrypted with KMS
}

// recordLog is a shard's append-only record log. Retention trims it from
// the front; small payloads are packed into shared slabs so that a write
// costs no allocation of its own.
type recordLog struct {
	records []storedRecord
	head    int // records[:head] are trimmed and zeroed
	slab    []byte
}

const (
	slabSize       = 64 << 10
	slabMaxPayload = slabSize / 8
)

// copyData copies data into storage the log owns, so callers may reuse
// their buffers. The result's capacity ends at its length: appending to it
// can never write over a neighbour.
func (l *recordLog) copyData(data []byte) []byte {
	n := len(data)
	if n == 0 {
		return nil
	}
	if n > slabMaxPayload {
		return append(make([]byte, 0, n), data...)
	}
	if cap(l.slab)-len(l.slab) < n {
		l.slab = make([]byte, 0, slabSize)
	}
	start := len(l.slab)
	l.slab = append(l.slab, data...)
	return l.slab[start : start+n : start+n]
}

func (l *recordLog) append(r storedRecord) {
	l.records = append(l.records, r)
}

// live returns the records still kept, oldest first. The slice aliases the
// log: callers hold the shard's lock while they read it and copy out.
func (l *recordLog) live() []storedRecord { return l.records[l.head:] }

// trimBefore drops records that arrived before cutoff. Arrivals only grow
// within a shard, so it stops at the first record to keep.
func (l *recordLog) trimBefore(cutoff time.Time) {
	c := cutoff.UnixNano()
	i := l.head
	for i < len(l.records) && l.records[i].arrival < c {
		l.records[i] = storedRecord{} // release the payload
		i++
	}
	if i == l.head {
		return
	}
	l.head = i
	// Compact once the dead prefix dominates, so memory follows retention.
	if l.head >= 1024 && l.head*2 >= len(l.records) {
		n := copy(l.records, l.records[l.head:])
		clear(l.records[n:])
		l.records = l.records[:n]
		l.head = 0
	}
}

func (r *storedRecord) encryptionType() EncryptionType {
	if r.encrypted {
		return EncryptionTypeKMS
	}
	return EncryptionTypeNone
}
