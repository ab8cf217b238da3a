// Package recordlog is a shard's append-only record store: the records one
// shard holds, oldest first, with their keys and payloads.
//
// A Log keeps records in fixed-size chunks of pointer-free entries and
// packs keys and payloads into byte slabs, so the garbage collector never
// scans stored records however many a shard holds, a write costs no
// allocation of its own, and trimming releases whole chunks and slabs.
//
// Invariants, which the tests check:
//
//   - Records are addressed by absolute position: the first record ever
//     appended is 0. Positions [Head, Tail) are kept; Head only grows (by
//     TrimBefore), Tail only grows (by Append).
//
//   - Counters and arrivals are non-decreasing along the log (the caller
//     appends them so); Search relies on it.
//
//   - A slab's written bytes never change while a kept record or a clone
//     uses them, so a Clone may share them.
//
//   - Slab indexes grow in record order: a record's key and data sit in one
//     slab, never split, and a payload too large for a shared slab gets a
//     slab of its own.
//
//   - Memory is reused: the chunks and slabs trimming frees go back to the
//     log's Pool (shared by an account's shards) and take new records,
//     except slabs a Clone shares, which stay untouched while any log may
//     still read them. So Key copies, and a Data view is valid only until
//     the record is trimmed: callers copy what they hand out.
//
//   - A log starts small: its first chunk and slab grow as records arrive,
//     so an empty shard holds no record memory and a quiet one little.
//
// A Log is not safe for concurrent use: its shard's lock guards it.
package recordlog

import (
	"sort"
	"sync"
	"unsafe"
)

// Record is one stored record's index entry. It holds no pointers: its key
// and data live in the log's slabs.
type Record struct {
	// Counter is the record's position in its shard's sequence.
	Counter uint64
	// Arrival is when the record arrived, in Unix nanoseconds.
	Arrival int64
	// Encrypted records were written while the stream encrypted with KMS.
	Encrypted bool

	slab    uint32 // absolute index of the slab holding key and data
	off     uint32 // where the key starts in the slab; the data follows
	dataLen uint32
	keyLen  uint16
}

// Size is what the record counts against throughput: data plus key bytes.
func (r *Record) Size() int { return int(r.dataLen) + int(r.keyLen) }

// DataLen is the length of the record's data.
func (r *Record) DataLen() int { return int(r.dataLen) }

// Log is a shard's append-only record log. The zero value is empty and
// ready to use.
type Log struct {
	chunks    [][]Record // chunks[i] holds chunk chunkBase+i
	chunkBase int
	head      int
	tail      int
	slabs     [][]byte // slabs[i] has absolute index base+i
	base      uint32
	used      int // bytes written in the last slab; -1: closed to appends
	// shared marks the slabs below this absolute index as shared with a
	// clone: they are never recycled.
	shared uint32
	pool   *Pool
}

const (
	chunkBits = 12
	chunkLen  = 1 << chunkBits
	// firstChunkCap is a new log's first chunk's room; chunks grow by
	// doubling to chunkLen.
	firstChunkCap = 16

	slabSize       = 64 << 10
	firstSlabSize  = 4 << 10
	slabMaxPayload = slabSize / 8
)

// NewLog returns an empty log that recycles memory through pool (nil: no
// recycling).
func NewLog(pool *Pool) Log { return Log{pool: pool} }

// Head is the position of the oldest kept record.
func (l *Log) Head() int { return l.head }

// Tail is the position the next record will take.
func (l *Log) Tail() int { return l.tail }

// Len is how many records the log keeps.
func (l *Log) Len() int { return l.tail - l.head }

// At returns the record at absolute position p, which must be kept.
func (l *Log) At(p int) *Record {
	return &l.chunks[p>>chunkBits-l.chunkBase][p&(chunkLen-1)]
}

// newChunk is an empty chunk: a recycled full-size one, or a small one for
// a log that has barely started.
func (l *Log) newChunk() []Record {
	if c := l.pool.chunk(); c != nil {
		return c
	}
	if l.tail == 0 {
		return make([]Record, 0, firstChunkCap)
	}
	return make([]Record, 0, chunkLen)
}

// Search returns the first kept position whose record satisfies f, or
// Tail; f must be false and then true along the log.
func (l *Log) Search(f func(*Record) bool) int {
	return l.head + sort.Search(l.tail-l.head, func(i int) bool { return f(l.At(l.head + i)) })
}

func (l *Log) push(r Record) {
	if l.tail&(chunkLen-1) == 0 {
		l.chunks = append(l.chunks, l.newChunk())
	}
	last := &l.chunks[len(l.chunks)-1]
	if len(*last) == cap(*last) {
		// Grow by doubling to exactly chunkLen, so full chunks can be
		// recycled (append's own growth would overshoot).
		grown := make([]Record, len(*last), min(2*cap(*last), chunkLen))
		copy(grown, *last)
		*last = grown
	}
	*last = append(*last, r)
	l.tail++
}

// Append stores a record, copying its key and data into the log's slabs
// (callers may reuse their buffers). Keys are at most 65,535 bytes.
func (l *Log) Append(counter uint64, arrival int64, key string, data []byte, encrypted bool) {
	n := len(key) + len(data)
	var slab []byte
	if n > slabMaxPayload {
		// A large payload gets a slab of its own and closes the current one,
		// so slab indexes stay in record order.
		slab = make([]byte, n)
		l.slabs = append(l.slabs, slab)
		l.used = -1
	} else {
		if len(l.slabs) == 0 || l.used < 0 || l.used+n > len(l.slabs[len(l.slabs)-1]) {
			l.slabs = append(l.slabs, l.newSlab(n))
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
	l.push(Record{
		Counter: counter, Arrival: arrival, Encrypted: encrypted,
		slab: idx, off: off, dataLen: uint32(len(data)), keyLen: uint16(len(key)),
	})
}

// newSlab is a slab for a payload of n bytes: a recycled one, or a fresh
// one twice the size of the last (a log starts with small slabs).
func (l *Log) newSlab(n int) []byte {
	if s := l.pool.slab(); s != nil {
		return s
	}
	size := slabSize
	if len(l.slabs) == 0 && l.tail < chunkLen {
		size = firstSlabSize
	} else if len(l.slabs) > 0 {
		size = min(slabSize, 2*len(l.slabs[len(l.slabs)-1]))
	}
	return make([]byte, max(size, n, firstSlabSize))
}

func (l *Log) slabOf(r *Record) []byte { return l.slabs[r.slab-l.base] }

// Key returns a copy of a record's partition key.
func (l *Log) Key(r *Record) string { return string(l.KeyBytes(r)) }

// KeyBytes returns a record's partition key as a view into its slab, valid
// until the record is trimmed: callers copy it.
func (l *Log) KeyBytes(r *Record) []byte {
	return l.slabOf(r)[r.off : r.off+uint32(r.keyLen) : r.off+uint32(r.keyLen)]
}

// Data returns a record's payload, a view into the slab: callers that hand
// it out copy it.
func (l *Log) Data(r *Record) []byte {
	start := r.off + uint32(r.keyLen)
	return l.slabOf(r)[start : start+r.dataLen : start+r.dataLen]
}

// TrimBefore drops the records that arrived before cutoff (Unix
// nanoseconds). Arrivals only grow along the log, so it stops at the first
// record to keep.
func (l *Log) TrimBefore(cutoff int64) {
	p := l.head
	for p < l.tail && l.At(p).Arrival < cutoff {
		p++
	}
	if p == l.head {
		return
	}
	l.head = p
	// Release the chunks and slabs no kept record uses (the last slab may
	// still fill), to the pool when they can be reused.
	for (l.chunkBase+1)<<chunkBits <= l.head && len(l.chunks) > 1 {
		l.pool.putChunk(l.chunks[0])
		l.chunks[0] = nil
		l.chunks = l.chunks[1:]
		l.chunkBase++
	}
	keepFrom := l.base + uint32(len(l.slabs)-1)
	if p < l.tail {
		keepFrom = l.At(p).slab
	}
	for l.base < keepFrom {
		if l.base >= l.shared {
			l.pool.putSlab(l.slabs[0])
		}
		l.slabs[0] = nil
		l.slabs = l.slabs[1:]
		l.base++
	}
}

// Clone copies the log, every arrival moved by shift nanoseconds (which
// keeps them in order), recycling through pool. The slabs are shared —
// their written bytes never change, and neither log recycles them — but
// the copy is closed to appends into them, so both sides write into slabs
// of their own from then on.
func (l *Log) Clone(shift int64, pool *Pool) Log {
	l.shared = l.base + uint32(len(l.slabs))
	c := Log{base: l.base, used: -1, head: l.head, tail: l.head, shared: l.shared, pool: pool}
	c.chunkBase = l.head >> chunkBits
	if l.head&(chunkLen-1) != 0 {
		// The first chunk starts part-way: fill the gap so positions line up.
		c.chunks = append(c.chunks, make([]Record, l.head&(chunkLen-1), chunkLen))
	}
	for p := l.head; p < l.tail; p++ {
		r := *l.At(p)
		r.Arrival += shift
		c.push(r)
	}
	c.slabs = append([][]byte(nil), l.slabs...)
	return c
}

// Footprint is what a log holds in memory.
type Footprint struct {
	// IndexEntries is how many record entries its chunks have room for.
	IndexEntries int
	// Slabs is how many payload slabs it holds.
	Slabs int
	// SlabBytes is the slabs' total size.
	SlabBytes int
}

// Footprint reports what the log holds in memory, kept records and room.
func (l *Log) Footprint() Footprint {
	f := Footprint{Slabs: len(l.slabs)}
	for _, c := range l.chunks {
		f.IndexEntries += cap(c)
	}
	for _, s := range l.slabs {
		f.SlabBytes += cap(s)
	}
	return f
}

// Pool recycles the chunks and slabs trimming frees, between the logs that
// share it (an account's shards), so a busy account writes into memory it
// has touched before instead of fresh pages. It keeps at most what its
// limits say and lets the rest go. Safe for concurrent use; a nil *Pool
// recycles nothing.
type Pool struct {
	mu        sync.Mutex
	chunks    [][]Record
	slabs     [][]byte
	maxChunks int
	maxSlabs  int
}

// NewPool returns a pool that keeps up to maxBytes of freed memory.
func NewPool(maxBytes int) *Pool {
	const chunkBytes = chunkLen * int(unsafe.Sizeof(Record{}))
	return &Pool{maxChunks: maxBytes / 2 / chunkBytes, maxSlabs: maxBytes / 2 / slabSize}
}

func (p *Pool) chunk() []Record {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.chunks)
	if n == 0 {
		return nil
	}
	c := p.chunks[n-1]
	p.chunks[n-1] = nil
	p.chunks = p.chunks[:n-1]
	return c[:0]
}

func (p *Pool) putChunk(c []Record) {
	if p == nil || cap(c) != chunkLen {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.chunks) < p.maxChunks {
		p.chunks = append(p.chunks, c)
	}
}

func (p *Pool) slab() []byte {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.slabs)
	if n == 0 {
		return nil
	}
	s := p.slabs[n-1]
	p.slabs[n-1] = nil
	p.slabs = p.slabs[:n-1]
	return s
}

func (p *Pool) putSlab(s []byte) {
	if p == nil || len(s) != slabSize {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.slabs) < p.maxSlabs {
		p.slabs = append(p.slabs, s)
	}
}
