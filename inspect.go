package minikinesis

import (
	"context"
	"time"
)

// AddStream adds a stream that is ACTIVE at once, as if it had been created
// before the test (or the server) started: CreateStream's validation and
// errors, but no CREATING delay, no limit on streams CREATING at once, no
// control-plane rate limit, no fault rules and no call-log entry. The
// open-shard limit still applies.
func (k *Kinesis) AddStream(in *CreateStreamInput) (*Stream, error) {
	if in == nil {
		in = &CreateStreamInput{}
	}
	return changeStream(k, in.StreamName, func() (*Stream, error) { return k.createStream(context.Background(), in, true) })
}

// SeedRecord is a record to place in a stream with Stream.Seed.
type SeedRecord struct {
	PartitionKey    string
	ExplicitHashKey string
	Data            []byte
	// ArrivalTime is the record's ApproximateArrivalTimestamp; zero means
	// now. It may lie in the past but not in the future.
	ArrivalTime time.Time
}

// Seed stores records as if they had arrived at their ArrivalTime, routed
// as PutRecords would route them, without throttling or faults: a way to
// build a stream's history before a test. Within a shard, arrival times
// must not go backwards (seed in time order). It answers each record's
// shard and sequence number, in order.
func (s *Stream) Seed(records []SeedRecord) ([]PutRecordsResultEntry, error) {
	lim := s.k.cfg.limits
	now := s.k.cfg.clock.Now()
	var v violations
	for i := range records {
		r := &records[i]
		v.checkRecord(i, r.PartitionKey, r.Data, r.ExplicitHashKey, lim, int(s.maxRecordSize.Load()))
		if r.ArrivalTime.After(now) {
			return nil, &InvalidArgumentException{Message: "Seed record " + itoa(i+1) + " arrives at " + r.ArrivalTime.UTC().Format(time.RFC3339Nano) +
				", after the clock's now " + now.UTC().Format(time.RFC3339Nano) + "."}
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	s.k.cfg.feed.enterWrite()
	defer s.k.cfg.feed.exitWrite()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.writableLocked(now); err != nil {
		return nil, err
	}
	out := make([]PutRecordsResultEntry, len(records))
	for i := range records {
		r := &records[i]
		h, err := hashKeyOf(r.PartitionKey, r.ExplicitHashKey)
		if err != nil {
			return out[:i], err
		}
		at := r.ArrivalTime
		if at.IsZero() {
			at = now
		}
		sh := s.routeLocked(h)
		seq, ok := sh.seed(writeClock{now: at, encrypted: s.encryption == EncryptionTypeKMS}, r.PartitionKey, r.Data)
		if !ok {
			return out[:i], &InvalidArgumentException{Message: "Seed record " + itoa(i+1) + " arrives before the newest record of " + sh.id + "; seed records in time order."}
		}
		out[i] = PutRecordsResultEntry{ShardId: sh.id, SequenceNumber: seq}
	}
	return out, nil
}

// Shards describes every shard the stream has had, by index: open ones and
// (after resharding) closed ones.
func (s *Stream) Shards() []Shard {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Shard, len(s.shards))
	for i, sh := range s.shards {
		out[i] = sh.describe()
	}
	return out
}

// ShardRecords returns copies of the records a shard still keeps, oldest
// first: what a reader starting at TRIM_HORIZON would get. It is meant for
// tests that check what a producer stored.
func (s *Stream) ShardRecords(shardID string) ([]Record, error) {
	sh := s.shardByID(shardID)
	if sh == nil {
		return nil, shardNotFound(shardID, s.name, s.k.cfg.accountID)
	}
	s.mu.RLock()
	cutoff := s.k.cfg.clock.Now().Add(-s.retention)
	s.mu.RUnlock()
	return sh.records(cutoff), nil
}

// ReadAll reads the whole stream the way a correct consumer does: every
// shard from its trim horizon to its end, parents before children (a
// child's index is always above its parents'), without touching the
// shards' read allowances. Each record still within retention is returned
// once; per shard, in sequence order. Use it to assert what a producer
// wrote: "these 10,000 records arrived, per partition key in order".
func (s *Stream) ReadAll(ctx context.Context) ([]Record, error) {
	var all []Record
	err := s.readEveryShard(ctx, func(_ *shard, records []Record) error {
		all = append(all, records...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// readEveryShard reads every shard as ReadAll does, handing each batch of
// records to use with the shard that holds it.
func (s *Stream) readEveryShard(ctx context.Context, use func(*shard, []Record) error) error {
	s.mu.RLock()
	shards := append([]*shard(nil), s.shards...)
	s.mu.RUnlock()
	for _, sh := range shards {
		after := uint64(0)
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			read, err := s.readShard(sh, after, MaxGetRecordsLimit, s.k.cfg.clock.Now(), false)
			if err != nil {
				return err
			}
			if len(read.records) > 0 {
				if err := use(sh, read.records); err != nil {
					return err
				}
			}
			after = read.after
			if len(read.records) == 0 || read.children != nil {
				break
			}
		}
	}
	return nil
}

// ReadAllByPartitionKey is ReadAll grouped by partition key, each group in
// the order a consumer sees it.
func (s *Stream) ReadAllByPartitionKey(ctx context.Context) (map[string][]Record, error) {
	all, err := s.ReadAll(ctx)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string][]Record)
	for _, r := range all {
		byKey[r.PartitionKey] = append(byKey[r.PartitionKey], r)
	}
	return byKey, nil
}

// ShardMetrics counts what happened to a shard, for assertions such as
// "this shard was throttled N times".
type ShardMetrics struct {
	ShardId string
	// Records is how many records the shard holds now.
	Records int
	// WriteThrottled counts records refused for the shard's write
	// allowance (PutRecord calls and PutRecords entries), injected
	// throttling faults included.
	WriteThrottled int
	// ReadThrottled counts GetRecords calls refused for its read allowance.
	ReadThrottled int
	// ReadCalls counts GetRecords calls the shard served.
	ReadCalls int
}

// ShardMetrics reports a shard's counters.
func (s *Stream) ShardMetrics(shardID string) (ShardMetrics, error) {
	sh := s.shardByID(shardID)
	if sh == nil {
		return ShardMetrics{}, s.k.shardMissing(shardID, s.name)
	}
	s.mu.RLock()
	cutoff := s.k.cfg.clock.Now().Add(-s.retention)
	s.mu.RUnlock()
	sh.mu.Lock()
	sh.log.TrimBefore(cutoff.UnixNano())
	n := sh.log.Len()
	if sh.counts != nil { // counting mode (counting.go)
		sh.counts.trimBefore(cutoff.UnixNano())
		n = int(sh.counts.kept)
	}
	sh.mu.Unlock()
	return ShardMetrics{ShardId: sh.id, Records: n, WriteThrottled: int(sh.writeThrottled.Load()), ReadThrottled: int(sh.readThrottled.Load()), ReadCalls: int(sh.readCalls.Load())}, nil
}
