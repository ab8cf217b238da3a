package recordlog

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkInvariants verifies the package doc's invariants on l.
func checkInvariants(t *testing.T, l *Log) {
	t.Helper()
	require.LessOrEqual(t, l.Head(), l.Tail())
	var lastSlab uint32
	for p := l.Head(); p < l.Tail(); p++ {
		r := l.At(p)
		if p > l.Head() {
			prev := l.At(p - 1)
			assert.LessOrEqual(t, prev.Counter, r.Counter, "counters along the log")
			assert.LessOrEqual(t, prev.Arrival, r.Arrival, "arrivals along the log")
			assert.LessOrEqual(t, lastSlab, r.slab, "slab indexes in record order")
		}
		lastSlab = r.slab
		require.GreaterOrEqual(t, r.slab, l.base, "a kept record's slab is held")
		require.LessOrEqual(t, int(r.off)+r.Size(), len(l.slabOf(r)), "key and data sit in one slab")
	}
}

func TestAppendAndRead(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		key  string
		data []byte
	}{
		{"small", "alice", []byte("hello")},
		{"empty data", "k", []byte{}},
		{"empty key", "", []byte("x")},
		{"large payload gets its own slab", "big", bytes.Repeat([]byte{7}, slabMaxPayload+1)},
		{"exactly a shared slab's largest", "k", bytes.Repeat([]byte{1}, slabMaxPayload-1)},
	}
	var l Log
	for i, c := range cases {
		buf := append([]byte(nil), c.data...)
		l.Append(uint64(i+1), int64(i), c.key, buf, i%2 == 0)
		clear(buf) // the caller may reuse its buffer
	}
	require.Equal(t, len(cases), l.Len())
	for i, c := range cases {
		r := l.At(i)
		assert.Equal(t, uint64(i+1), r.Counter, c.name)
		assert.Equal(t, int64(i), r.Arrival, c.name)
		assert.Equal(t, i%2 == 0, r.Encrypted, c.name)
		assert.Equal(t, c.key, l.Key(r), c.name)
		assert.Equal(t, c.data, l.Data(r), c.name)
		assert.Equal(t, len(c.key)+len(c.data), r.Size(), c.name)
		assert.Equal(t, len(c.data), r.DataLen(), c.name)
	}
	checkInvariants(t, &l)
}

func TestDataViewCannotGrowIntoNeighbour(t *testing.T) {
	t.Parallel()
	var l Log
	l.Append(1, 1, "a", []byte("one"), false)
	l.Append(2, 2, "b", []byte("two"), false)
	d := l.Data(l.At(0))
	assert.Equal(t, len(d), cap(d), "an append to a handed-out view must not overwrite the next record")
}

func TestSearch(t *testing.T) {
	t.Parallel()
	var l Log
	for i := range 10_000 {
		l.Append(uint64(i+1), int64(i*10), fmt.Sprint(i), nil, false)
	}
	for _, after := range []uint64{0, 1, 4095, 4096, 9999, 10_000} {
		p := l.Search(func(r *Record) bool { return r.Counter > after })
		assert.Equal(t, int(after), p, "first record after counter %d", after)
	}
	l.TrimBefore(50_000)
	assert.Equal(t, 5000, l.Search(func(r *Record) bool { return r.Counter > 0 }), "search starts at head")
}

func TestTrimReleasesMemory(t *testing.T) {
	t.Parallel()
	var l Log
	const n = 5 * chunkLen
	payload := bytes.Repeat([]byte{'x'}, 100)
	for i := range n {
		l.Append(uint64(i+1), int64(i), "key", payload, false)
	}
	before := l.Footprint()
	l.TrimBefore(int64(n - 10))
	assert.Equal(t, n-10, l.Head())
	assert.Equal(t, 10, l.Len())
	after := l.Footprint()
	assert.LessOrEqual(t, after.IndexEntries, chunkLen, "trimmed chunks are released")
	assert.Less(t, after.Slabs, before.Slabs, "trimmed slabs are released")
	assert.LessOrEqual(t, after.Slabs, 2)
	checkInvariants(t, &l)
	for p := l.Head(); p < l.Tail(); p++ {
		assert.Equal(t, payload, l.Data(l.At(p)), "kept records survive the trim")
	}

	l.TrimBefore(int64(n))
	assert.Zero(t, l.Len(), "everything trimmed")
	l.Append(uint64(n+1), int64(n), "after", []byte("trim"), false)
	assert.Equal(t, "trim", string(l.Data(l.At(l.Head()))), "the log keeps taking records")
	checkInvariants(t, &l)
}

func TestCloneIsIndependent(t *testing.T) {
	t.Parallel()
	var l Log
	for i := range chunkLen + 5 {
		l.Append(uint64(i+1), int64(i), "k", []byte{byte(i)}, false)
	}
	l.TrimBefore(3)
	c := l.Clone(0)
	require.Equal(t, l.Head(), c.Head())
	require.Equal(t, l.Len(), c.Len())
	l.Append(9999, 9999, "orig", []byte("orig"), false)
	c.Append(8888, 9999, "copy", []byte("copy"), false)
	assert.Equal(t, "orig", l.Key(l.At(l.Tail()-1)))
	assert.Equal(t, "copy", c.Key(c.At(c.Tail()-1)), "the copy writes into slabs of its own")
	for p := c.Head(); p < c.Tail()-1; p++ {
		assert.Equal(t, []byte{byte(p)}, c.Data(c.At(p)))
		assert.Equal(t, l.Data(l.At(p)), c.Data(c.At(p)))
	}
	checkInvariants(t, &l)
	checkInvariants(t, &c)
}

func TestCloneShiftsArrivals(t *testing.T) {
	t.Parallel()
	var l Log
	for i := range 3 {
		l.Append(uint64(i+1), int64(i*10), "k", []byte{byte(i)}, false)
	}
	c := l.Clone(1000)
	for p := c.Head(); p < c.Tail(); p++ {
		assert.Equal(t, l.At(p).Arrival+1000, c.At(p).Arrival)
		assert.Equal(t, l.At(p).Counter, c.At(p).Counter)
	}
	checkInvariants(t, &c)
}
