package simulator

import (
	"math/bits"

	"github.com/minikinesis/minikinesis"
)

// routes is the stream's open shards as ListShards shows them, in key
// order: what a KPL-style producer uses to predict a record's shard, and
// what the reports use to place keys. It is refreshed after every reshard,
// so it always agrees with the model's own routing.
type routes struct {
	starts []minikinesis.HashKey
	index  []int // shard index of each open shard
	ranges []minikinesis.HashKeyRange
}

func openRoutes(s *minikinesis.Stream) routes {
	var rt routes
	for _, sh := range s.Shards() {
		if !sh.SequenceNumberRange.EndingSequenceNumber.IsZero() {
			continue // closed
		}
		rt.starts = append(rt.starts, sh.HashKeyRange.StartingHashKey)
		rt.ranges = append(rt.ranges, sh.HashKeyRange)
		rt.index = append(rt.index, shardIndexOf(sh.ShardId))
	}
	// Shards() lists by index; order the open ones by key.
	for i := 1; i < len(rt.starts); i++ {
		for j := i; j > 0 && rt.starts[j].Less(rt.starts[j-1]); j-- {
			rt.starts[j], rt.starts[j-1] = rt.starts[j-1], rt.starts[j]
			rt.index[j], rt.index[j-1] = rt.index[j-1], rt.index[j]
			rt.ranges[j], rt.ranges[j-1] = rt.ranges[j-1], rt.ranges[j]
		}
	}
	return rt
}

// shardOf is the index of the open shard whose range holds h.
func (rt *routes) shardOf(h minikinesis.HashKey) int {
	lo, hi := 0, len(rt.starts)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if h.Less(rt.starts[m]) {
			hi = m
		} else {
			lo = m
		}
	}
	return rt.index[lo]
}

// shardIndexOf reads the index out of "shardId-000000000005".
func shardIndexOf(id string) int {
	n, start := 0, len(id)
	for start > 0 && id[start-1] >= '0' && id[start-1] <= '9' {
		start--
	}
	for _, c := range id[start:] {
		n = n*10 + int(c-'0')
	}
	return n
}

// midpoint is where to split r into two halves: start + (end-start)/2 + 1,
// which SplitShard accepts for any range of three or more keys.
func midpoint(r minikinesis.HashKeyRange) minikinesis.HashKey {
	lo, borrow := bits.Sub64(r.EndingHashKey.Lo, r.StartingHashKey.Lo, 0)
	hi, _ := bits.Sub64(r.EndingHashKey.Hi, r.StartingHashKey.Hi, borrow)
	lo = lo>>1 | hi<<63
	hi >>= 1
	lo, carry := bits.Add64(lo, r.StartingHashKey.Lo, 0)
	hi, _ = bits.Add64(hi, r.StartingHashKey.Hi, carry)
	lo, carry = bits.Add64(lo, 1, 0)
	hi += carry
	return minikinesis.HashKey{Hi: hi, Lo: lo}
}
