package simulator

import (
	"math/rand/v2"
	"time"

	"github.com/minikinesis/minikinesis"
)

// The PutRecords request limits a producer batches within.
const (
	maxRequestRecords = 500
	maxRequestBytes   = 5 << 20
)

// offer is what the runner knows of one Kinesis record offered in a tick,
// beside the minikinesis.CountedRecord the model sees.
type offer struct {
	producer int32
	key      int32 // the key index in its producer's key space (first user record's, when aggregated)
	users    int32 // user records it carries: 1, or more when aggregated
	attempt  int32 // 1 for a first attempt
	born     time.Duration
}

// pending is a throttled record waiting to be resent.
type pending struct {
	record minikinesis.CountedRecord
	offer  offer
}

// producer is a ProducerSpec at run time.
type producer struct {
	spec     ProducerSpec
	index    int32
	rng      *rand.Rand
	arrivals arrivals
	keys     *keySpace
	sizes    sizer
	// retries[t % len] holds the records to resend at tick t.
	retries [][]pending
	agg     *aggregator
}

func newProducer(spec ProducerSpec, index int, seed uint64, tick time.Duration) *producer {
	p := &producer{
		spec:     spec,
		index:    int32(index),
		rng:      rand.New(rand.NewPCG(seed, uint64(index)+1)),
		arrivals: arrivals{rate: spec.Rate},
		keys:     newKeySpace(spec.Keys),
		sizes:    newSizer(spec.Size),
	}
	slots := int(spec.Retry.longestBackoff()/tick) + 2
	p.retries = make([][]pending, slots)
	if spec.Batch.Aggregate != nil {
		p.agg = &aggregator{maxBytes: spec.Batch.Aggregate.MaxBytes}
	}
	return p
}

// offerTick appends the producer's records for tick number t (starting
// at offset at) to the batch: first the retries due now, then the new
// records, numbered into requests as the producer's calls would carry them.
func (p *producer) offerTick(b *batch, t int, at, tick time.Duration, rt *routes) {
	first := len(b.records)
	slot := &p.retries[t%len(p.retries)]
	for _, pd := range *slot {
		pd.offer.attempt++
		b.add(pd.record, pd.offer)
	}
	clear(*slot)
	*slot = (*slot)[:0]
	n := p.arrivals.next(at, tick)
	if p.agg != nil {
		p.agg.offer(p, b, n, at, rt)
	} else {
		fixed := p.sizes.fixed()
		size := p.sizes.draw(p.rng)
		for range n {
			k := p.keys.draw(p.rng)
			kh := &p.keys.hot[k]
			kh.records++
			if !fixed {
				size = p.sizes.draw(p.rng)
			}
			b.add(minikinesis.CountedRecord{HashKey: kh.hash, Size: int32(size) + kh.keyLen},
				offer{producer: p.index, key: int32(k), users: 1, attempt: 1, born: at})
		}
	}
	b.calls[p.index] += b.number(first, p.spec.Batch.Records)
}

// retryLater schedules a throttled record, or reports false when its
// attempts are used up.
func (p *producer) retryLater(r minikinesis.CountedRecord, o offer, t int, tick time.Duration) bool {
	if int(o.attempt) >= p.spec.Retry.MaxAttempts {
		return false
	}
	wait := p.spec.Retry.backoff(int(o.attempt), p.rng)
	ticks := max(1, int((wait+tick-1)/tick))
	slot := &p.retries[(t+ticks)%len(p.retries)]
	*slot = append(*slot, pending{record: r, offer: o})
	return true
}

// batch is one tick's records from every producer, in the order the model
// gets them.
type batch struct {
	records []minikinesis.CountedRecord
	offers  []offer
	results []minikinesis.CountedResult
	request uint32
	calls   []int64 // calls per producer this tick
}

func (b *batch) reset(producers int) {
	b.records, b.offers = b.records[:0], b.offers[:0]
	if len(b.calls) != producers {
		b.calls = make([]int64, producers)
	}
	clear(b.calls)
}

func (b *batch) add(r minikinesis.CountedRecord, o offer) {
	b.records = append(b.records, r)
	b.offers = append(b.offers, o)
}

// number gives records[first:] their Request, perRequest records (and at
// most 5 MiB) to a call, and returns how many calls that makes.
func (b *batch) number(first, perRequest int) int64 {
	calls, inCall, bytes := int64(0), 0, 0
	for i := first; i < len(b.records); i++ {
		size := int(b.records[i].Size)
		if inCall == 0 || inCall == perRequest || bytes+size > maxRequestBytes {
			b.request++
			calls++
			inCall, bytes = 0, 0
		}
		b.records[i].Request = b.request
		inCall++
		bytes += size
	}
	return calls
}
