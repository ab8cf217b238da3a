package simulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/minikinesis/minikinesis"
)

// consumer is a ConsumerSpec at run time: one reader per shard it is
// reading, started at the stream's first shards and then at each child
// once all its parents are read to their end, as the KCL does.
type consumer struct {
	spec    ConsumerSpec
	arn     string // enhanced fan-out consumers only
	readers []*reader
	done    map[string]bool
	waiting map[string][]string // child shard id → its parents
	report  ConsumerReport
}

// reader reads one shard for one consumer.
type reader struct {
	shardID  string
	iterator string // polling
	sub      *minikinesis.Subscription
	resume   string // sequence number to resume after; "" for the start
	nextAt   time.Time
	finished bool
}

// fetched is what one read got, in either mode.
type fetched struct {
	records, bytes int
	millisBehind   int64
	lastArrival    time.Time
	next           string // next iterator, or continuation sequence number
	lastSequence   string
	children       []minikinesis.ChildShard
}

func newConsumer(ctx context.Context, r *run, spec ConsumerSpec, shards []string) (*consumer, error) {
	c := &consumer{spec: spec, done: map[string]bool{}, waiting: map[string][]string{}}
	c.report = ConsumerReport{Name: spec.Name, Type: spec.Type, Seconds: make([]int64, len(r.stats.seconds))}
	if spec.Type == ConsumerFanOut {
		out, err := r.k.RegisterStreamConsumer(ctx, &minikinesis.RegisterStreamConsumerInput{StreamARN: r.stream.ARN(), ConsumerName: spec.Name})
		if err != nil {
			return nil, fmt.Errorf("consumer %s: %w", spec.Name, err)
		}
		c.arn = out.Consumer.ConsumerARN
	}
	for _, id := range shards {
		if err := c.start(ctx, r, id, minikinesis.ShardIteratorType(spec.Start)); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// start opens a reader on a shard from position typ.
func (c *consumer) start(ctx context.Context, r *run, shardID string, typ minikinesis.ShardIteratorType) error {
	rd := &reader{shardID: shardID, nextAt: r.clock.Now()}
	if err := c.open(ctx, r, rd, typ); err != nil {
		return err
	}
	c.readers = append(c.readers, rd)
	slices.SortFunc(c.readers, func(a, b *reader) int { return shardIndexOf(a.shardID) - shardIndexOf(b.shardID) })
	return nil
}

// open gets the reader an iterator or a subscription: from typ at first,
// after rd.resume when resuming.
func (c *consumer) open(ctx context.Context, r *run, rd *reader, typ minikinesis.ShardIteratorType) error {
	seq := ""
	if rd.resume != "" {
		typ, seq = minikinesis.ShardIteratorTypeAfterSequenceNumber, rd.resume
	}
	if c.spec.Type == ConsumerFanOut {
		sub, err := r.k.SubscribeToShard(ctx, &minikinesis.SubscribeToShardInput{ConsumerARN: c.arn, ShardId: rd.shardID,
			StartingPosition: minikinesis.StartingPosition{Type: typ, SequenceNumber: seq}})
		if err != nil {
			return fmt.Errorf("consumer %s: subscribing to %s: %w", c.spec.Name, rd.shardID, err)
		}
		rd.sub = sub
		return nil
	}
	it, err := r.k.GetShardIterator(ctx, &minikinesis.GetShardIteratorInput{StreamName: r.stream.Name(), ShardId: rd.shardID,
		ShardIteratorType: typ, StartingSequenceNumber: seq})
	if err != nil {
		return fmt.Errorf("consumer %s: iterator for %s: %w", c.spec.Name, rd.shardID, err)
	}
	rd.iterator = it.ShardIterator
	return nil
}

// step lets every reader that is due read once. Readers of child shards
// that become ready start after the others have had their turn.
func (c *consumer) step(ctx context.Context, r *run, now time.Time, at time.Duration) error {
	var ready []string
	for _, rd := range c.readers {
		if rd.finished || now.Before(rd.nextAt) {
			continue
		}
		got, err := c.fetch(ctx, r, rd)
		var throttled *minikinesis.ProvisionedThroughputExceededException
		var expired *minikinesis.ExpiredIteratorException
		switch {
		case errors.As(err, &throttled):
			c.report.ReadThrottled++
			r.readThrottled(rd.shardID, at)
			rd.nextAt = now.Add(c.spec.Interval.D())
			continue
		case errors.As(err, &expired), errors.Is(err, io.EOF):
			// The iterator outlived its 300 s, or the subscription its
			// 5 minutes: resume where the reader stands.
			if err := c.open(ctx, r, rd, minikinesis.ShardIteratorTypeTrimHorizon); err != nil {
				return err
			}
			continue
		case err != nil:
			return fmt.Errorf("consumer %s reading %s: %w", c.spec.Name, rd.shardID, err)
		}
		c.took(r, rd, got, now, at)
		if got.children != nil {
			ready = append(ready, c.finish(rd, got.children)...)
		}
	}
	for _, id := range ready {
		if err := c.start(ctx, r, id, minikinesis.ShardIteratorTypeTrimHorizon); err != nil {
			return err
		}
	}
	return nil
}

// took records a successful read and when the reader may read again.
func (c *consumer) took(r *run, rd *reader, got fetched, now time.Time, at time.Duration) {
	c.report.Records += int64(got.records)
	c.report.Bytes += int64(got.bytes)
	c.report.MaxMillisBehindLatest = max(c.report.MaxMillisBehindLatest, got.millisBehind)
	if at >= r.sc.Warmup.D() {
		c.report.MaxMillisBehindLatestAfterWarmup = max(c.report.MaxMillisBehindLatestAfterWarmup, got.millisBehind)
	}
	sec := &c.report.Seconds[int(at/time.Second)]
	*sec = max(*sec, got.millisBehind)
	if got.records > 0 {
		c.report.MaxIteratorAge = max(c.report.MaxIteratorAge, now.Sub(got.lastArrival))
		rd.resume = got.lastSequence
	}
	busy := time.Duration(got.records) * c.spec.PerRecord.D()
	if c.spec.Type == ConsumerFanOut {
		rd.nextAt = now.Add(busy) // events arrive as fast as the consumer takes them
	} else {
		rd.nextAt = now.Add(max(c.spec.Interval.D(), busy))
		rd.iterator = got.next
	}
	if c.spec.Type == ConsumerFanOut && got.next != "" {
		rd.resume = got.next
	}
}

// finish ends a reader at its shard's end and returns the children whose
// parents are now all done, to start.
func (c *consumer) finish(rd *reader, children []minikinesis.ChildShard) []string {
	rd.finished = true
	c.done[rd.shardID] = true
	var ready []string
	for _, ch := range children {
		if _, seen := c.waiting[ch.ShardId]; !seen && !c.started(ch.ShardId) {
			c.waiting[ch.ShardId] = ch.ParentShards
		}
		if parents, ok := c.waiting[ch.ShardId]; ok && allDone(c.done, parents) {
			delete(c.waiting, ch.ShardId)
			ready = append(ready, ch.ShardId)
		}
	}
	return ready
}

// started reports whether the consumer has a reader on the shard.
func (c *consumer) started(shardID string) bool {
	for _, rd := range c.readers {
		if rd.shardID == shardID {
			return true
		}
	}
	return false
}

func allDone(done map[string]bool, ids []string) bool {
	for _, id := range ids {
		if !done[id] {
			return false
		}
	}
	return true
}

// fetch reads once through the model: GetRecordCounts or
// Subscription.NextCounts in counting mode, GetRecords or Subscription.Next
// when storing.
func (c *consumer) fetch(ctx context.Context, r *run, rd *reader) (fetched, error) {
	in := &minikinesis.GetRecordsInput{ShardIterator: rd.iterator, Limit: c.spec.Limit}
	switch {
	case c.spec.Type == ConsumerPolling && !r.sc.Storing:
		c.report.ReadCalls++
		out, err := r.k.GetRecordCounts(ctx, in)
		if err != nil {
			return fetched{}, err
		}
		return fetched{records: out.Records, bytes: out.Bytes, millisBehind: out.MillisBehindLatest, lastArrival: out.LastArrivalTimestamp,
			next: out.NextShardIterator, lastSequence: out.LastSequenceNumber.String(), children: out.ChildShards}, nil
	case c.spec.Type == ConsumerPolling:
		c.report.ReadCalls++
		out, err := r.k.GetRecords(ctx, in)
		if err != nil {
			return fetched{}, err
		}
		got := fetchedRecords(out.Records)
		got.millisBehind, got.next, got.children = out.MillisBehindLatest, out.NextShardIterator, out.ChildShards
		return got, nil
	case !r.sc.Storing:
		ev, err := rd.sub.NextCounts(ctx)
		if err != nil {
			return fetched{}, err
		}
		return fetched{records: ev.Records, bytes: ev.Bytes, millisBehind: ev.MillisBehindLatest, lastArrival: ev.LastArrivalTimestamp,
			next: ev.ContinuationSequenceNumber, children: ev.ChildShards}, nil
	default:
		ev, err := rd.sub.Next(ctx)
		if err != nil {
			return fetched{}, err
		}
		got := fetchedRecords(ev.Records)
		got.millisBehind, got.next, got.children = ev.MillisBehindLatest, ev.ContinuationSequenceNumber, ev.ChildShards
		return got, nil
	}
}

func fetchedRecords(records []minikinesis.Record) fetched {
	var got fetched
	for _, rec := range records {
		got.bytes += len(rec.Data) + len(rec.PartitionKey)
	}
	got.records = len(records)
	if n := len(records); n > 0 {
		got.lastArrival = records[n-1].ApproximateArrivalTimestamp
		got.lastSequence = records[n-1].SequenceNumber.String()
	}
	return got
}
