package minikinesis

import "time"

// writeClock is what a write needs to know of its stream and moment: when
// it happens, what retention has expired by then, and whether the stream
// encrypts what it stores.
type writeClock struct {
	now       time.Time
	cutoff    time.Time
	encrypted bool
	// faults is set only while entry faults are installed, with the
	// operation and stream they are matched against.
	faults *faultSet
	op     string
	stream string
}

// entryFault is the ErrorCode an injected fault gives this record, or "".
func (w *writeClock) entryFault(sh *shard, partitionKey string) string {
	if w.faults == nil {
		return ""
	}
	code := w.faults.entryFault(faultTarget{op: w.op, stream: w.stream, shard: sh.index, partitionKey: partitionKey, hasKey: true})
	if code == ErrorCodeProvisionedThroughputExceeded {
		sh.writeThrottled.Add(1)
	}
	return code
}

// appendOne stores one record unless the shard's allowance is used up. A
// non-zero after from this shard lifts the counter past it, so the new
// sequence number is strictly greater.
func (sh *shard) appendOne(w writeClock, partitionKey string, data []byte, after SequenceNumber) (SequenceNumber, bool) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.TrimBefore(w.cutoff.UnixNano())
	allow := sh.allowance(w.now)
	if !allow.take(len(data) + len(partitionKey)) {
		sh.writeThrottled.Add(1)
		return SequenceNumber{}, false
	}
	if after.shardIndex == uint64(sh.index) && after.shardCreated == sh.createdSec && after.counter > sh.lastCounter {
		sh.lastCounter = after.counter
	}
	seq := sh.storeLocked(w, partitionKey, data)
	allow.commit(w.now)
	return seq, true
}

// appendBatch stores the entries at positions order (all routed to this
// shard), admitting them in order while the allowance lasts, and writes
// each outcome to results. It returns how many entries it refused.
func (sh *shard) appendBatch(w writeClock, entries []PutRecordsRequestEntry, order []int32, results []PutRecordsResultEntry) (failed int) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.TrimBefore(w.cutoff.UnixNano())
	allow := sh.allowance(w.now)
	refusing := false
	for _, i := range order {
		e := &entries[i]
		if code := w.entryFault(sh, e.PartitionKey); code != "" {
			results[i] = entryFaultResult(code, sh)
			failed++
			continue
		}
		if refusing || !allow.take(len(e.Data)+len(e.PartitionKey)) {
			refusing = true
			sh.writeThrottled.Add(1)
			results[i] = PutRecordsResultEntry{ErrorCode: ErrorCodeProvisionedThroughputExceeded, ErrorMessage: sh.throttleMessage}
			failed++
			continue
		}
		results[i] = PutRecordsResultEntry{ShardId: sh.id, SequenceNumber: sh.storeLocked(w, e.PartitionKey, e.Data)}
	}
	allow.commit(w.now)
	return failed
}

// seed stores a record that arrived at w.now, unthrottled, unless the
// shard already holds a newer one.
func (sh *shard) seed(w writeClock, partitionKey string, data []byte) (SequenceNumber, bool) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if w.now.UnixNano() < sh.lastArrival {
		return SequenceNumber{}, false
	}
	return sh.storeLocked(w, partitionKey, data), true
}

// storeLocked appends a record with the next counter. Arrival times never
// go backwards within a shard, even if the clock is set back, so the log
// stays ordered by time as well as by sequence number. Caller holds sh.mu.
func (sh *shard) storeLocked(w writeClock, partitionKey string, data []byte) SequenceNumber {
	arrival := max(w.now.UnixNano(), sh.lastArrival)
	sh.lastArrival = arrival
	sh.lastCounter++
	if sh.counts != nil { // counting mode (counting.go)
		sh.counts.add(sh.lastCounter, sh.lastCounter, arrival, int64(len(partitionKey)+len(data)))
	} else {
		sh.log.Append(sh.lastCounter, arrival, partitionKey, data, w.encrypted)
	}
	if sh.changes != nil {
		sh.changes.record(sh.index, sh.lastCounter, arrival, partitionKey, data, w.encrypted)
	}
	return sh.sequenceNumber(sh.lastCounter, uint64(arrival/int64(time.Second)))
}
