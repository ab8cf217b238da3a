package minikinesis

// routeTable is the stream's open shards in key order, for routing many
// records by bisection. It is rebuilt whenever a reshard has added shards.
type routeTable struct {
	version int // len(Stream.shards) when built: every reshard adds shards
	starts  []HashKey
	shards  []*shard
	// first[p] is the position of the shard holding the smallest hash key
	// whose top routePrefixBits bits are p: where a search for any key with
	// that prefix starts, a step or two from its shard.
	first [1 << routePrefixBits]int32
}

const routePrefixBits = 12

// routeTableLocked returns the current route table. Caller holds s.mu.
func (s *Stream) routeTableLocked() *routeTable {
	if rt := s.routes.Load(); rt != nil && rt.version == len(s.shards) {
		return rt
	}
	rt := &routeTable{version: len(s.shards)}
	s.open.Ascend(func(item openShard) bool {
		rt.starts = append(rt.starts, item.start)
		rt.shards = append(rt.shards, item.shard)
		return true
	})
	pos := 0
	for p := range rt.first {
		low := HashKey{Hi: uint64(p) << (64 - routePrefixBits)}
		for pos+1 < len(rt.starts) && !low.Less(rt.starts[pos+1]) {
			pos++
		}
		rt.first[p] = int32(pos)
	}
	s.routes.Store(rt)
	return rt
}

// route returns the position of the open shard whose range holds h: the
// last one starting at or below it, as routeLocked finds it.
func (rt *routeTable) route(h HashKey) int {
	pos := int(rt.first[h.Hi>>(64-routePrefixBits)])
	for pos+1 < len(rt.starts) && !h.Less(rt.starts[pos+1]) {
		pos++
	}
	return pos
}
