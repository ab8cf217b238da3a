package minikinesis

import "sync"

// putScratch holds a PutRecords call's working arrays, pooled so that a
// steady stream of batches allocates nothing for them.
type putScratch struct {
	keys    []HashKey
	targets []*shard
	slots   []int32
	order   []int32
	groups  []shardGroup
	index   map[*shard]int32
}

// shardGroup is the run order[start:end] of entries routed to one shard.
type shardGroup struct {
	shard      *shard
	start, end int
}

var putScratchPool = sync.Pool{New: func() any { return new(putScratch) }}

func getPutScratch(n int) *putScratch {
	sc := putScratchPool.Get().(*putScratch)
	if cap(sc.keys) < n {
		sc.keys = make([]HashKey, n)
		sc.targets = make([]*shard, n)
		sc.slots = make([]int32, n)
		sc.order = make([]int32, n)
	}
	sc.keys = sc.keys[:n]
	sc.targets = sc.targets[:n]
	sc.slots = sc.slots[:n]
	sc.order = sc.order[:n]
	return sc
}

func (sc *putScratch) release() {
	clear(sc.targets) // do not keep shards of deleted streams alive
	clear(sc.groups[:cap(sc.groups)])
	sc.groups = sc.groups[:0]
	clear(sc.index)
	putScratchPool.Put(sc)
}

// linearGroupSearch is how many distinct shards are looked up by scanning
// before a map pays for itself.
const linearGroupSearch = 16

// groupByShard arranges the entry positions in sc.order so that each shard's
// entries are contiguous and keep their request order (a counting sort on
// the routed shard), and returns the groups in order of first appearance.
func (sc *putScratch) groupByShard() []shardGroup {
	groups := sc.groups[:0]
	last := int32(-1)
	for i, t := range sc.targets {
		var slot int32
		switch {
		case last >= 0 && groups[last].shard == t:
			slot = last
		default:
			slot = sc.findGroup(groups, t)
			if slot < 0 {
				slot = int32(len(groups))
				groups = append(groups, shardGroup{shard: t})
				if len(groups) > linearGroupSearch {
					if sc.index == nil {
						sc.index = make(map[*shard]int32)
					}
					sc.index[t] = slot
				}
			}
		}
		sc.slots[i] = slot
		groups[slot].end++ // count for now
		last = slot
	}
	pos := 0
	for j := range groups {
		count := groups[j].end
		groups[j].start, groups[j].end = pos, pos
		pos += count
	}
	for i, slot := range sc.slots {
		g := &groups[slot]
		sc.order[g.end] = int32(i)
		g.end++
	}
	sc.groups = groups
	return groups
}

func (sc *putScratch) findGroup(groups []shardGroup, t *shard) int32 {
	if len(groups) > linearGroupSearch {
		if slot, ok := sc.index[t]; ok {
			return slot
		}
		// The first linearGroupSearch groups are not in the map.
		for j := range groups[:linearGroupSearch] {
			if groups[j].shard == t {
				return int32(j)
			}
		}
		return -1
	}
	for j := range groups {
		if groups[j].shard == t {
			return int32(j)
		}
	}
	return -1
}
