package minikinesis

import (
	"sort"
	"time"
	"unsafe"
)

// storedRecord is a record as its shard keeps it. It holds no pointers:
// its partition key and data live in the log's slabs, so the garbage
// collector never scans the record index, however many records a shard
// holds. The sequence number is rebuilt from the counter and arrival.
type storedRecord struct {
	counter   uint64
	arrival   int64  // Unix nanoseconds on the model's clock
	slab      uint32 // absolute index of the slab holding key and data
	off       uint32 // where the key starts in the slab; the data follows
	dataLen   uint32
	keyLen    uint16
	encrypted bool // written while the stream encrypted with KMS
}

// recordLog is a shard's append-only record log. Retention trims it from
// the front. Records sit in fixed-size chunks, so the log never copies
// itself to grow and trimming frees whole chunks. Keys and payloads are
// packed into slabs written strictly in record order, so a write costs no
// allocation of its own and trimming releases whole slabs. Written slab
// bytes are never changed again.
//
// Records are addressed by absolute position: the first record ever
// written is 0. Positions [head, tail) are kept.
type recordLog struct {
	chunks    [][]storedRecord // chunks[i] holds chunk chunkBase+i
	chunkBase int
	head      int
	tail      int
	slabs     [][]byte // slabs[i] has absolute index base+i
	base      uint32
	used      int // bytes written in the last slab; -1: closed to appends
}

const (
	chunkBits = 12
	chunkLen  = 1 << chunkBits
)

// at returns the record at absolute position p, which must be kept.
func (l *recordLog) at(p int) *storedRecord {
	return &l.chunks[p>>chunkBits-l.chunkBase][p&(chunkLen-1)]
}

// push appends a record at position tail.
func (l *recordLog) push(r storedRecord) {
	if l.tail&(chunkLen-1) == 0 {
		l.chunks = append(l.chunks, make([]storedRecord, chunkLen))
	}
	*l.at(l.tail) = r
	l.tail++
}

// search returns the first kept position whose record satisfies f, or
// tail; f must be false and then true along the log.
func (l *recordLog) search(f func(*storedRecord) bool) int {
	return l.head + sort.Search(l.tail-l.head, func(i int) bool { return f(l.at(l.head + i)) })
}

// kept is how many records the log holds.
func (l *recordLog) kept() int { return l.tail - l.head }

const (
	slabSize       = 64 << 10
	slabMaxPayload = slabSize / 8
)

// append stores a record, copying its key and data into the log's slabs
// (callers may reuse their buffers).
func (l *recordLog) append(counter uint64, arrival int64, key string, data []byte, encrypted bool) {
	n := len(key) + len(data)
	var slab []byte
	if n > slabMaxPayload {
		// A large payload gets a slab of its own and closes the current one,
		// so slab indexes stay in record order.
		slab = make([]byte, n)
		l.slabs = append(l.slabs, slab)
		l.used = -1
	} else {
		if len(l.slabs) == 0 || l.used < 0 || l.used+n > slabSize {
			l.slabs = append(l.slabs, make([]byte, slabSize))
			l.used = 0
		}
		slab = l.slabs[len(l.slabs)-1][l.used:]
		l.used += n
	}
	idx := l.base + uint32(len(l.slabs)-1)
	off := uint32(0)
	if l.used > 0 {
		off = uint32(l.used - n)
	}
	copy(slab, key)
	copy(slab[len(key):], data)
	l.push(storedRecord{
		counter: counter, arrival: arrival, slab: idx, off: off,
		dataLen: uint32(len(data)), keyLen: uint16(len(key)), encrypted: encrypted,
	})
}

func (l *recordLog) slabOf(r *storedRecord) []byte { return l.slabs[r.slab-l.base] }

// key returns a record's partition key. The string shares the slab's
// bytes, which are never written again once a record is stored.
func (l *recordLog) key(r *storedRecord) string {
	if r.keyLen == 0 {
		return ""
	}
	return unsafe.String(&l.slabOf(r)[r.off], int(r.keyLen))
}

// data returns a record's payload, a view into the slab: callers copy it.
func (l *recordLog) data(r *storedRecord) []byte {
	start := r.off + uint32(r.keyLen)
	return l.slabOf(r)[start : start+r.dataLen : start+r.dataLen]
}

// size is what a record counts against read and write allowances.
func (r *storedRecord) size() int { return int(r.dataLen) + int(r.keyLen) }

// trimBefore drops records that arrived before cutoff. Arrivals only grow
// within a shard, so it stops at the first record to keep.
func (l *recordLog) trimBefore(cutoff time.Time) {
	c := cutoff.UnixNano()
	p := l.head
	for p < l.tail && l.at(p).arrival < c {
		p++
	}
	if p == l.head {
		return
	}
	l.head = p
	// Release the chunks and slabs no kept record uses (the last slab may
	// still fill).
	for (l.chunkBase+1)<<chunkBits <= l.head && len(l.chunks) > 1 {
		l.chunks[0] = nil
		l.chunks = l.chunks[1:]
		l.chunkBase++
	}
	keepFrom := l.base + uint32(len(l.slabs)-1)
	if p < l.tail {
		keepFrom = l.at(p).slab
	}
	for l.base < keepFrom {
		l.slabs[0] = nil
		l.slabs = l.slabs[1:]
		l.base++
	}
}

// clone copies the log for a snapshot. The slabs are shared — their
// written bytes never change — but the copy is closed to appends into
// them, so both sides write into slabs of their own from then on.
func (l *recordLog) clone() recordLog {
	c := recordLog{base: l.base, used: -1, head: l.head, tail: l.head}
	c.chunkBase = l.head >> chunkBits
	if l.head&(chunkLen-1) != 0 {
		c.chunks = append(c.chunks, make([]storedRecord, chunkLen))
	}
	for p := l.head; p < l.tail; p++ {
		c.push(*l.at(p))
	}
	c.slabs = append([][]byte(nil), l.slabs...)
	return c
}

func (r *storedRecord) encryptionType() EncryptionType {
	if r.encrypted {
		return EncryptionTypeKMS
	}
	return EncryptionTypeNone
}
