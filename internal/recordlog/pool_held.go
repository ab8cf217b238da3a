package recordlog

import "unsafe"

// Held is how many bytes of freed record memory the pool keeps for reuse.
func (p *Pool) Held() int {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.chunks)*chunkLen*int(unsafe.Sizeof(Record{})) + len(p.slabs)*slabSize
}

// Bytes is what a footprint weighs: its index entries and slabs.
func (f Footprint) Bytes() int {
	return f.IndexEntries*int(unsafe.Sizeof(Record{})) + f.SlabBytes
}
