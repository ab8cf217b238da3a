package simulator

import (
	"context"
	"fmt"
	"time"

	"github.com/minikinesis/minikinesis"
)

// Options are how a run reports on itself while it goes; they never
// change its results.
type Options struct {
	// Progress, when set, is called about once per minute of virtual time
	// and at the end, with how much has run of how much.
	Progress func(done, total time.Duration)
}

// epoch is the virtual clock's start: fixed, so reports never depend on
// the wall clock.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const streamName = "simulated"

// run is one scenario being simulated.
type run struct {
	sc        Scenario
	k         *minikinesis.Kinesis
	clock     *minikinesis.ManualClock
	stream    *minikinesis.Stream
	routes    routes
	producers []*producer
	consumers []*consumer
	onDemand  *onDemand
	stats     *collector
	batch     batch
	tick      []Totals // this tick's counts per producer
	store     *storingWriter
	events    int // reshard events done
	limits    minikinesis.Throughput
}

// Run simulates a scenario on the model in virtual time and reports what
// happened. The same scenario (seed included) always gives the same
// report.
func Run(ctx context.Context, sc Scenario, opts Options) (*Report, error) {
	sc, err := sc.normalized()
	if err != nil {
		return nil, err
	}
	r, err := newRun(ctx, sc)
	if err != nil {
		return nil, err
	}
	tick := sc.Tick.D()
	ticks := int(sc.Duration.D() / tick)
	perSecond := int(time.Second / tick)
	for t := 0; t < ticks; t++ {
		at := time.Duration(t) * tick
		now := epoch.Add(at)
		r.clock.Set(now)
		if t%perSecond == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := r.capacity(ctx, at); err != nil {
				return nil, err
			}
			if opts.Progress != nil && t%(60*perSecond) == 0 {
				opts.Progress(at, sc.Duration.D())
			}
		}
		if err := r.write(ctx, t, at); err != nil {
			return nil, err
		}
		for _, c := range r.consumers {
			if err := c.step(ctx, r, now, at); err != nil {
				return nil, err
			}
		}
		if (t+1)%perSecond == 0 {
			r.endSecond(at)
		}
	}
	if opts.Progress != nil {
		opts.Progress(sc.Duration.D(), sc.Duration.D())
	}
	return r.report(), nil
}

func newRun(ctx context.Context, sc Scenario) (*run, error) {
	r := &run{sc: sc, clock: minikinesis.NewManualClock(epoch), limits: minikinesis.DefaultWriteThroughput()}
	opts := []minikinesis.Option{minikinesis.WithClock(r.clock), minikinesis.WithCallLogSize(0)}
	if !sc.Storing {
		opts = append(opts, minikinesis.WithoutRecordPayloads())
	}
	r.k = minikinesis.New(opts...)
	shards := sc.Stream.Shards
	if sc.Stream.OnDemand != nil {
		shards = sc.Stream.OnDemand.InitialShards
		r.onDemand = &onDemand{spec: *sc.Stream.OnDemand}
	}
	s, err := r.k.AddStream(&minikinesis.CreateStreamInput{StreamName: streamName, ShardCount: shards})
	if err != nil {
		return nil, fmt.Errorf("creating the stream: %w", err)
	}
	r.stream = s
	r.stats = newCollector(sc.Duration.D(), sc.Warmup.D(), len(sc.Producers))
	r.refreshRoutes(0)
	for i, p := range sc.Producers {
		r.producers = append(r.producers, newProducer(p, i, sc.Seed, sc.Tick.D()))
	}
	r.tick = make([]Totals, len(sc.Producers))
	if sc.Storing {
		r.store = newStoringWriter(r.producers)
	}
	var first []string
	for _, sh := range s.Shards() {
		first = append(first, sh.ShardId)
	}
	for _, spec := range sc.Consumers {
		c, err := newConsumer(ctx, r, spec, first)
		if err != nil {
			return nil, err
		}
		r.consumers = append(r.consumers, c)
	}
	return r, nil
}

// refreshRoutes reads the shard map after a reshard and notes which
// shards opened and closed at at.
func (r *run) refreshRoutes(at time.Duration) {
	old := r.routes.index
	r.routes = openRoutes(r.stream)
	open := map[int]bool{}
	for _, i := range r.routes.index {
		open[i] = true
		r.stats.shard(i, at)
	}
	for _, i := range old {
		if !open[i] {
			r.stats.shard(i, at).closed = at
		}
	}
}

// write offers every producer's records for tick t to the model and
// settles the outcome.
func (r *run) write(ctx context.Context, t int, at time.Duration) error {
	b := &r.batch
	b.reset(len(r.producers))
	for _, p := range r.producers {
		p.offerTick(b, t, at, r.sc.Tick.D(), &r.routes)
	}
	if len(b.records) == 0 {
		return nil
	}
	if cap(b.results) < len(b.records) {
		b.results = make([]minikinesis.CountedResult, len(b.records), 2*len(b.records))
	}
	b.results = b.results[:len(b.records)]
	var err error
	if r.store != nil {
		err = r.store.write(ctx, r, b)
	} else {
		_, err = r.stream.PutCountedRecords(b.records, b.results)
	}
	if err != nil {
		return fmt.Errorf("writing at %s: %w", at, err)
	}
	r.settle(t, at)
	return nil
}

// settle counts the tick's outcomes and schedules the retries.
func (r *run) settle(t int, at time.Duration) {
	b := &r.batch
	clear(r.tick)
	sec := int(at / time.Second)
	tick := r.sc.Tick.D()
	for i := range b.records {
		o, rec, res := &b.offers[i], &b.records[i], b.results[i]
		p := r.producers[o.producer]
		pt := &r.tick[o.producer]
		st := r.stats.shards[res.ShardIndex]
		ss := &st.seconds[sec]
		size := int64(rec.Size)
		pt.Offered++
		pt.OfferedBytes += size
		st.report.Offered++
		if o.attempt > 1 {
			pt.Retried++
		} else {
			pt.UserRecords += int64(o.users)
		}
		if res.Throttled {
			pt.Throttled++
			ss.Throttled++
			st.report.Throttled++
			if !p.retryLater(*rec, *o, t, tick) {
				pt.Dropped++
			}
			continue
		}
		pt.Accepted++
		pt.AcceptedBytes += size
		ss.Accepted++
		ss.AcceptedBytes += int32(size)
		if o.attempt > 1 {
			r.retryLatency(o.producer, at, at-o.born)
		}
	}
	for i := range r.tick {
		pt := &r.tick[i]
		pt.Calls = b.calls[i]
		r.stats.producers[i].add(pt)
		r.stats.total.add(pt)
		if at >= r.sc.Warmup.D() {
			r.stats.afterWarmup.add(pt)
		}
		r.stats.seconds[sec].Counts.add(&pt.Counts)
	}
}

func (r *run) retryLatency(producer int32, at, d time.Duration) {
	r.stats.total.latency.add(d)
	r.stats.producers[producer].latency.add(d)
	if at >= r.sc.Warmup.D() {
		r.stats.afterWarmup.latency.add(d)
	}
}

// readThrottled counts a refused GetRecords call.
func (r *run) readThrottled(shardID string, at time.Duration) {
	st := r.stats.shard(shardIndexOf(shardID), at)
	st.report.ReadThrottled++
	r.stats.seconds[int(at/time.Second)].ReadThrottled++
	r.stats.total.ReadThrottled++
	if at >= r.sc.Warmup.D() {
		r.stats.afterWarmup.ReadThrottled++
	}
}

// endSecond closes the books on the second that ends with the tick at at.
func (r *run) endSecond(at time.Duration) {
	sec := int(at / time.Second)
	s := &r.stats.seconds[sec]
	s.OpenShards = len(r.routes.index)
}
