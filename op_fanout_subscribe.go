package minikinesis

import (
	"context"
	"io"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// StartingPosition mirrors AWS's StartingPosition for SubscribeToShard.
type StartingPosition struct {
	Type           ShardIteratorType
	SequenceNumber string
	Timestamp      time.Time
}

// SubscribeToShardInput mirrors the AWS SubscribeToShard request.
type SubscribeToShardInput struct {
	ConsumerARN      string
	ShardId          string
	StartingPosition StartingPosition
}

func (in *SubscribeToShardInput) target() callTarget {
	return callTarget{arn: in.ConsumerARN, shardID: in.ShardId}
}

func (in *SubscribeToShardInput) clipped() any {
	c := *in
	c.ConsumerARN = clip(c.ConsumerARN)
	c.ShardId = clip(c.ShardId)
	c.StartingPosition.Type, c.StartingPosition.SequenceNumber = ShardIteratorType(clip(string(c.StartingPosition.Type))), clip(c.StartingPosition.SequenceNumber)
	return &c
}

// SubscribeToShardEvent mirrors AWS's SubscribeToShardEvent.
type SubscribeToShardEvent struct {
	Records []Record
	// ContinuationSequenceNumber is where a new subscription would resume
	// (with AFTER_SEQUENCE_NUMBER); empty once the shard's end is reached.
	ContinuationSequenceNumber string
	MillisBehindLatest         int64
	// ChildShards is set only on the event that reaches the end of a
	// closed shard, which is the subscription's last.
	ChildShards []ChildShard
}

const (
	// SubscriptionLifetime is how long a subscription delivers events.
	SubscriptionLifetime = 5 * time.Minute
	// resubscribeInterval is how soon the same consumer may subscribe to
	// the same shard again.
	resubscribeInterval = 5 * time.Second
	// fanOutBytesPerSecond is each subscription's own read allowance.
	fanOutBytesPerSecond = 2 * mebibyte
)

// Subscription is an enhanced fan-out subscription to one shard. The
// caller drives it: each Next returns the records that arrived since the
// last event, so no goroutine runs inside the model. It ends after
// SubscriptionLifetime of clock time (Next returns io.EOF), when the shard's
// end is delivered, when a newer subscription of the same consumer to the
// same shard replaces it, or when the consumer is deregistered.
type Subscription struct {
	k        *Kinesis
	s        *Stream
	sh       *shard
	started  time.Time
	pushRate *rate.Limiter

	mu    sync.Mutex
	after uint64
	// lastArrival is the arrival second of the last record delivered.
	lastArrival uint64
	ended       error // set once the subscription can deliver no more
	atEnd       bool
	shards      []ChildShard
}

// SubscribeToShard starts an enhanced fan-out subscription of an ACTIVE
// consumer to a shard, from the starting position. Subscribing the same
// consumer to the same shard again within 5 seconds fails with
// ResourceInUseException; later, the new subscription replaces the old.
func (k *Kinesis) SubscribeToShard(ctx context.Context, in *SubscribeToShardInput) (*Subscription, error) {
	return call(k, ctx, OpSubscribeToShard, in, k.opSubscribeToShard)
}

// opSubscribeToShard is SubscribeToShard without the observation layer (faults, call log, hooks).
func (k *Kinesis) opSubscribeToShard(ctx context.Context, in *SubscribeToShardInput) (*Subscription, error) {
	var v violations
	if in.ConsumerARN == "" {
		v = append(v, nullViolation("consumerARN"))
	}
	v.requireName("shardId", in.ShardId)
	if in.StartingPosition.Type == "" {
		v = append(v, nullViolation("startingPosition.type"))
	}
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	s, c, err := k.consumerFor(ctx, OpSubscribeToShard, "", "", in.ConsumerARN)
	if err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	s.mu.RLock()
	sh := s.shardLocked(in.ShardId)
	status := c.statusLocked(now)
	s.mu.RUnlock()
	if sh == nil {
		return nil, k.shardMissing(in.ShardId, s.name)
	}
	if status != ConsumerStatusActive {
		return nil, &ResourceInUseException{Message: "Consumer " + c.arn + " is not ACTIVE, instead in state " + string(status) + "."}
	}
	iter := &GetShardIteratorInput{ShardId: in.ShardId, ShardIteratorType: in.StartingPosition.Type,
		StartingSequenceNumber: in.StartingPosition.SequenceNumber, Timestamp: in.StartingPosition.Timestamp}
	if err := checkIteratorArguments(iter); err != nil {
		return nil, err
	}
	after, err := s.startPosition(sh, iter, now)
	if err != nil {
		return nil, err
	}
	sub := &Subscription{k: k, s: s, sh: sh, started: now, after: after, pushRate: newBucket(fanOutBytesPerSecond, 1, now)}

	s.mu.Lock()
	defer s.mu.Unlock()
	if prev := c.subscriptions[sh.index]; prev != nil {
		if now.Sub(prev.started) < resubscribeInterval {
			return nil, &ResourceInUseException{Message: "Another active subscription exists for this consumer: " + c.arn + ", shard: " + sh.id + "."}
		}
		prev.end(&ResourceInUseException{Message: "The subscription was replaced by a newer subscription of consumer " + c.arn + " to shard " + sh.id + "."})
	}
	c.subscriptions[sh.index] = sub
	return sub, nil
}

func (c *consumer) endSubscriptions(err error) {
	for idx, sub := range c.subscriptions {
		sub.end(err)
		delete(c.subscriptions, idx)
	}
}

func (sub *Subscription) end(err error) {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if sub.ended == nil {
		sub.ended = err
	}
}

// Next returns the next event: the records that arrived since the last one
// (possibly none), up to 10,000 records and what the subscription's
// 2 MiB/s allowance permits. After the subscription ends it returns io.EOF,
// or the error that ended it.
func (sub *Subscription) Next(ctx context.Context) (*SubscribeToShardEvent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := sub.k.cfg.clock.Now()
	sub.mu.Lock()
	defer sub.mu.Unlock()
	paused, err := sub.startEventLocked(now)
	if err != nil {
		return nil, err
	}
	ev := &SubscribeToShardEvent{Records: []Record{}}
	if paused {
		ev.ContinuationSequenceNumber = sub.continuation().String()
		return ev, nil
	}
	read, err := sub.s.readShard(sub.sh, sub.after, MaxGetRecordsLimit, now, false)
	if err != nil {
		return nil, err
	}
	bytes := 0
	for _, r := range read.records {
		bytes += len(r.Data) + len(r.PartitionKey)
	}
	sub.chargePush(now, bytes)
	sub.after = read.after
	if n := len(read.records); n > 0 {
		sub.lastArrival = read.records[n-1].SequenceNumber.arrival
	}
	ev.Records, ev.MillisBehindLatest = read.records, read.millisBehind
	if read.children != nil {
		ev.ChildShards = read.children
		sub.atEnd = true
		return ev, nil
	}
	ev.ContinuationSequenceNumber = sub.continuation().String()
	return ev, nil
}

// startEventLocked ends the subscription when its lifetime or its shard
// is over, and tells whether its allowance makes this event wait (an
// empty event). Caller holds sub.mu.
func (sub *Subscription) startEventLocked(now time.Time) (paused bool, err error) {
	if sub.ended == nil && (sub.atEnd || now.Sub(sub.started) >= SubscriptionLifetime) {
		sub.ended = io.EOF
	}
	if sub.ended != nil {
		return false, sub.ended
	}
	return sub.pushRate.TokensAt(now) <= 0, nil
}

// chargePush debits what an event delivered from the subscription's
// allowance, which may go into debt as a large event's does.
func (sub *Subscription) chargePush(now time.Time, bytes int) {
	for n := bytes; n > 0; n -= min(n, fanOutBytesPerSecond) {
		sub.pushRate.ReserveN(now, min(n, fanOutBytesPerSecond))
	}
}

// continuation is where a new subscription resumes, AT_SEQUENCE_NUMBER or
// AFTER_SEQUENCE_NUMBER alike: a number just above the last record
// delivered (same counter, one second later) and below the next record,
// whose counter is greater.
func (sub *Subscription) continuation() SequenceNumber {
	if sub.after == 0 {
		return sub.sh.sequenceNumber(0, sub.sh.createdSec)
	}
	return sub.sh.sequenceNumber(sub.after, sub.lastArrival+1)
}

// ShardId returns the id of the shard the subscription reads.
func (sub *Subscription) ShardId() string { return sub.sh.id }
