package simulator

import (
	"time"

	"github.com/minikinesis/minikinesis"
)

// KPL-style aggregation packs the user records of a tick that are bound
// for the same shard (predicted from the shard map, as the KPL predicts it
// from ListShards) into Kinesis records of at most maxBytes. The framing
// follows the KPL's aggregated record format: a 4-byte magic number and a
// 16-byte MD5 trailer per Kinesis record, and about 8 bytes of protobuf
// framing per user record, whose partition key travels in the aggregate's
// key table. The Kinesis record takes the first user record's partition
// key and hash key, so it routes to the predicted shard. A throttled
// aggregate is resent whole.
const (
	defaultAggregateBytes = 51200 // the KPL's AggregationMaxSize default
	aggregateFraming      = 4 + 16
	userRecordFraming     = 8
)

type aggregator struct {
	maxBytes int
	open     []int32 // per shard index: position of its open aggregate in the batch, or -1
}

func (a *aggregator) offer(p *producer, b *batch, n int, at time.Duration, rt *routes) {
	for i := range a.open {
		a.open[i] = -1
	}
	for range n {
		k := p.keys.draw(p.rng)
		p.keys.hot[k].records++
		name := p.keys.names[k]
		size := p.sizes.draw(p.rng) + len(name) + userRecordFraming
		sh := rt.shardOf(p.keys.hashes[k])
		for sh >= len(a.open) {
			a.open = append(a.open, -1)
		}
		if j := a.open[sh]; j >= 0 && int(b.records[j].Size)+size <= a.maxBytes {
			b.records[j].Size += int32(size)
			b.offers[j].users++
			continue
		}
		a.open[sh] = int32(len(b.records))
		b.add(minikinesis.CountedRecord{HashKey: p.keys.hashes[k], Size: int32(aggregateFraming + size + len(name))},
			offer{producer: p.index, key: int32(k), users: 1, attempt: 1, born: at})
	}
}
