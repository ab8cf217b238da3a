package minikinesis

import (
	"context"
	"sync"
	"time"
)

// WithoutRecordPayloads puts the model in counting mode, for capacity
// simulations that write far more records than memory would hold: shards
// keep how many records arrived, their bytes, their sequence numbers and
// when they arrived (per arrival second), but no partition keys and no
// data. Writes take the same routing and the same write allowances as in
// storing mode; PutCountedRecords offers many records at once, and
// PutRecord and PutRecords keep working (their keys and data are counted,
// then dropped). Reads go through GetRecordCounts and
// Subscription.NextCounts, which take the same read allowances and answer
// counts; GetRecords, SubscribeToShard's Next, ReadAll and ShardRecords
// have no records to give and fail with *InvalidArgumentException.
//
// Default off: shards store every record. Leave the option out to store
// them.
func WithoutRecordPayloads() Option {
	return func(cfg *config) { cfg.countOnly = true }
}

// payloadsNotKept is the error of a record read in counting mode.
func payloadsNotKept(sh *shard) error {
	return &InvalidArgumentException{Message: "Shard " + sh.id + " keeps record counts only (WithoutRecordPayloads); read it with GetRecordCounts."}
}

// CountedRecord is one record offered to PutCountedRecords: where it routes
// and what it weighs.
type CountedRecord struct {
	// HashKey routes the record: PartitionKeyHash of its partition key, or
	// its explicit hash key.
	HashKey HashKey
	// Size is its data plus partition key, in bytes, as the write
	// allowance counts it (1 to the stream's record size limit).
	Size int32
	// Request groups records into PutRecords calls: within one shard, the
	// records of a request are admitted in order until the first refusal,
	// and the rest of that request's records for that shard are refused,
	// as PutRecords does. Give every record its own Request to admit each
	// on its own, as PutRecord calls are.
	Request uint32
}

// CountedResult is what became of one CountedRecord.
type CountedResult struct {
	// ShardIndex is the index of the shard the record routed to
	// (FormatShardID names it).
	ShardIndex int32
	// Throttled is true when the shard's write allowance refused it.
	Throttled bool
}

// PutCountedRecords writes many records to a stream in counting mode (see
// WithoutRecordPayloads) as a run of PutRecords calls made at the same
// instant would: each record routes through the stream's open shards by
// its HashKey, and each shard admits its records in order while its write
// allowance (the same token buckets PutRecords takes) lasts. results gets
// one entry per record and must be at least as long as records; the
// number refused is returned. It fails, storing nothing, on a record size
// out of range, a stream that cannot take writes, or a stream that stores
// records. It skips the observation layer (call log, hooks, faults): it is
// a bulk path for simulators, not an AWS operation.
func (s *Stream) PutCountedRecords(records []CountedRecord, results []CountedResult) (failed int, err error) {
	if len(results) < len(records) {
		return 0, &InvalidArgumentException{Message: "PutCountedRecords needs a result for every record: " + itoa(len(records)) + " records, " + itoa(len(results)) + " results."}
	}
	if !s.k.cfg.countOnly {
		return 0, &InvalidArgumentException{Message: "Stream " + s.name + " stores records; PutCountedRecords needs counting mode (WithoutRecordPayloads)."}
	}
	maxSize := int32(s.maxRecordSize.Load())
	for i := range records {
		if sz := records[i].Size; sz < 1 || sz > maxSize {
			return 0, &InvalidArgumentException{Message: "Counted record " + itoa(i) + " has size " + itoa(int(sz)) + "; sizes run from 1 to " + itoa(int(maxSize)) + " bytes."}
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	now := s.k.cfg.clock.Now()
	if err := s.writableLocked(now); err != nil {
		return 0, err
	}
	w := writeClock{now: now, cutoff: now.Add(-s.retention)}
	rt := s.routeTableLocked()
	sc := getCountScratch(len(records), len(rt.shards))
	defer countScratchPool.Put(sc)
	for i := range records {
		sc.slot[i] = int32(rt.route(records[i].HashKey))
	}
	sc.groupBySlot()
	for j, sh := range rt.shards {
		if g := sc.order[sc.start[j]:sc.start[j+1]]; len(g) > 0 {
			failed += sh.admitCounted(w, records, g, results)
		}
	}
	return failed, nil
}

// admitCounted admits the records at positions order (all routed to sh) in
// order while its allowance lasts, and counts the ones it stores.
func (sh *shard) admitCounted(w writeClock, records []CountedRecord, order []int32, results []CountedResult) (failed int) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.counts.trimBefore(w.cutoff.UnixNano())
	allow := sh.allowance(w.now)
	refusing, request := false, uint32(0)
	accepted, bytes := 0, 0
	index := int32(sh.index)
	for n, i := range order {
		r := &records[i]
		if n == 0 || r.Request != request {
			request, refusing = r.Request, false
		}
		if refusing || !allow.take(int(r.Size)) {
			refusing = true
			results[i] = CountedResult{ShardIndex: index, Throttled: true}
			failed++
			continue
		}
		results[i] = CountedResult{ShardIndex: index}
		accepted++
		bytes += int(r.Size)
	}
	allow.commit(w.now)
	if failed > 0 {
		sh.writeThrottled.Add(int64(failed))
	}
	if accepted > 0 {
		arrival := max(w.now.UnixNano(), sh.lastArrival)
		sh.lastArrival = arrival
		first := sh.lastCounter + 1
		sh.lastCounter += uint64(accepted)
		sh.counts.add(first, sh.lastCounter, arrival, int64(bytes))
	}
	return failed
}

// countScratch holds PutCountedRecords' working arrays, pooled.
type countScratch struct {
	slot  []int32 // each record's position in the route table
	order []int32 // record positions grouped by slot, in record order
	start []int   // slot j's records are order[start[j]:start[j+1]]
	fill  []int   // where slot j's next record goes while sorting
}

var countScratchPool = sync.Pool{New: func() any { return new(countScratch) }}

func getCountScratch(records, shards int) *countScratch {
	sc := countScratchPool.Get().(*countScratch)
	if cap(sc.slot) < records {
		sc.slot = make([]int32, records)
		sc.order = make([]int32, records)
	}
	sc.slot, sc.order = sc.slot[:records], sc.order[:records]
	if cap(sc.start) < shards+1 {
		sc.start = make([]int, shards+1)
	}
	sc.start = sc.start[:shards+1]
	clear(sc.start)
	if cap(sc.fill) < shards {
		sc.fill = make([]int, shards)
	}
	sc.fill = sc.fill[:shards]
	return sc
}

// groupBySlot is a counting sort of the record positions by slot, keeping
// record order within a slot.
func (sc *countScratch) groupBySlot() {
	for _, j := range sc.slot {
		sc.start[j+1]++
	}
	for j := 1; j < len(sc.start); j++ {
		sc.start[j] += sc.start[j-1]
	}
	// start[j] now is slot j's first position; fill and advance a copy.
	copy(sc.fill, sc.start)
	for i, j := range sc.slot {
		sc.order[sc.fill[j]] = int32(i)
		sc.fill[j]++
	}
}

// GetRecordCountsOutput is GetRecordsOutput in counting mode: how much the
// call consumed instead of the records.
type GetRecordCountsOutput struct {
	// Records and Bytes are what the call consumed (bytes: data plus
	// partition keys, spread evenly over the records of an arrival second).
	Records int
	Bytes   int
	// NextShardIterator, MillisBehindLatest and ChildShards are as
	// GetRecords answers them.
	NextShardIterator  string
	MillisBehindLatest int64
	ChildShards        []ChildShard
	// LastSequenceNumber is the last consumed record's sequence number
	// (zero when none was), to resume from with AFTER_SEQUENCE_NUMBER.
	LastSequenceNumber SequenceNumber
	// LastArrivalTimestamp is when the last consumed record arrived, to
	// within its arrival second (zero when none was): the iterator age is
	// the time since.
	LastArrivalTimestamp time.Time
}

// GetRecordCounts is GetRecords for a stream in counting mode (see
// WithoutRecordPayloads): the same iterators, limits, read allowance
// (5 calls/s, 2 MiB/s, the 5 s penalty after 10 MiB) and errors, through
// the same observation layer (it is logged and faulted as GetRecords), but
// it answers how many records and bytes it consumed rather than the
// records.
func (k *Kinesis) GetRecordCounts(ctx context.Context, in *GetRecordsInput) (*GetRecordCountsOutput, error) {
	if in == nil {
		in = &GetRecordsInput{}
	}
	it := k.openIterator(in.ShardIterator)
	return observe(k, ctx, OpGetRecords, in, it.target(), func(ctx context.Context) (*GetRecordCountsOutput, error) {
		req, err := k.openReadRequest(ctx, in, it)
		if err != nil {
			return nil, err
		}
		read, children, err := req.stream.readShardCounts(req.shard, req.pos.after, req.limit, req.now, true)
		if err != nil {
			return nil, err
		}
		out := countOutput(req.shard, read)
		out.ChildShards = children
		if children == nil {
			out.NextShardIterator = req.next(read.after)
		}
		return out, nil
	})
}

func countOutput(sh *shard, read countRead) *GetRecordCountsOutput {
	out := &GetRecordCountsOutput{Records: read.records, Bytes: read.bytes, MillisBehindLatest: read.millisBehind}
	if read.records > 0 {
		out.LastSequenceNumber = sh.sequenceNumber(read.after, uint64(read.lastArrival/int64(time.Second)))
		out.LastArrivalTimestamp = time.Unix(0, read.lastArrival).UTC()
	}
	return out
}

// readShardCounts is readShard for counting mode.
func (s *Stream) readShardCounts(sh *shard, after uint64, limit int, now time.Time, throttle bool) (countRead, []ChildShard, error) {
	s.mu.RLock()
	cutoff := now.Add(-s.retention)
	closed := !sh.isOpen()
	s.mu.RUnlock()
	read, err := sh.readCounts(after, limit, now, cutoff, throttle)
	if err != nil || !closed || !read.atEnd {
		return read, nil, err
	}
	return read, s.childShards(sh), nil
}

// readCounts is shard.read for counting mode.
func (sh *shard) readCounts(after uint64, limit int, now, cutoff time.Time, throttle bool) (countRead, error) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.counts == nil {
		return countRead{}, &InvalidArgumentException{Message: "Shard " + sh.id + " stores records; read it with GetRecords."}
	}
	if throttle {
		if err := sh.admitReadLocked(now); err != nil {
			return countRead{}, err
		}
	}
	sh.counts.trimBefore(cutoff.UnixNano())
	read := sh.counts.consume(after, limit, MaxGetRecordsBytes, now)
	if throttle {
		sh.chargeReadLocked(now, read.bytes)
	}
	return read, nil
}

// SubscribeToShardCountsEvent is SubscribeToShardEvent in counting mode.
type SubscribeToShardCountsEvent struct {
	// Records and Bytes are what the event delivered.
	Records int
	Bytes   int
	// ContinuationSequenceNumber, MillisBehindLatest and ChildShards are
	// as SubscribeToShardEvent has them.
	ContinuationSequenceNumber string
	MillisBehindLatest         int64
	ChildShards                []ChildShard
	// LastArrivalTimestamp is when the last delivered record arrived (zero
	// when none was).
	LastArrivalTimestamp time.Time
}

// NextCounts is Next for a stream in counting mode (see
// WithoutRecordPayloads): the same pacing (2 MiB/s per subscription), the
// same lifetime and end, but the event tells how many records and bytes it
// delivered.
func (sub *Subscription) NextCounts(ctx context.Context) (*SubscribeToShardCountsEvent, error) {
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
	ev := &SubscribeToShardCountsEvent{}
	if paused {
		ev.ContinuationSequenceNumber = sub.continuation().String()
		return ev, nil
	}
	read, children, err := sub.s.readShardCounts(sub.sh, sub.after, MaxGetRecordsLimit, now, false)
	if err != nil {
		return nil, err
	}
	sub.chargePush(now, read.bytes)
	sub.after = read.after
	if read.records > 0 {
		sub.lastArrival = uint64(read.lastArrival / int64(time.Second))
	}
	ev.Records, ev.Bytes, ev.MillisBehindLatest = read.records, read.bytes, read.millisBehind
	if read.records > 0 {
		ev.LastArrivalTimestamp = time.Unix(0, read.lastArrival).UTC()
	}
	if children != nil {
		ev.ChildShards = children
		sub.atEnd = true
		return ev, nil
	}
	ev.ContinuationSequenceNumber = sub.continuation().String()
	return ev, nil
}
