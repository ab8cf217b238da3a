package minikinesis

import (
	"context"
	"time"
)

// opPutRecord is PutRecord without the observation layer (faults, call log, hooks).
func (k *Kinesis) opPutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &PutRecordInput{}
	}
	s, nameViolations, err := k.resolveForRequest(in.StreamName, in.StreamARN)
	if verr := validatePutRecord(in, k.cfg.limits, s.maxRecordSizeOr(k), nameViolations, nil); verr != nil {
		return nil, verr
	}
	if err != nil {
		return nil, err
	}
	return s.putRecord(in)
}

// opPutRecords is PutRecords without the observation layer (faults, call log, hooks).
func (k *Kinesis) opPutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &PutRecordsInput{}
	}
	s, nameViolations, err := k.resolveForRequest(in.StreamName, in.StreamARN)
	if verr := validatePutRecords(in.Records, k.cfg.limits, s.maxRecordSizeOr(k), nameViolations, nil); verr != nil {
		return nil, verr
	}
	if err != nil {
		return nil, err
	}
	return s.putRecords(in.Records)
}

// resolveForRequest validates a request's stream members and, when they are
// well formed, finds the stream. The violations are returned rather than
// raised, so the caller can report them together with its own.
func (k *Kinesis) resolveForRequest(name, arn string) (*Stream, violations, error) {
	var v violations
	v.checkStreamRef(name, arn)
	if len(v) > 0 {
		return nil, v, nil
	}
	s, err := k.resolve(name, arn)
	return s, nil, err
}

// maxRecordSizeOr is the stream's record size limit, or the account's
// default when there is no stream to ask.
func (s *Stream) maxRecordSizeOr(k *Kinesis) int {
	if s == nil {
		return k.cfg.limits.MaxRecordSize
	}
	return int(s.maxRecordSize.Load())
}

// opPutRecord is PutRecord without the observation layer (faults, call log, hooks).
func (s *Stream) opPutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &PutRecordInput{}
	}
	if err := validatePutRecord(in, s.k.cfg.limits, int(s.maxRecordSize.Load()), nil, nil); err != nil {
		return nil, err
	}
	return s.putRecord(in)
}

// opPutRecords is PutRecords without the observation layer (faults, call log, hooks).
func (s *Stream) opPutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &PutRecordsInput{}
	}
	if err := validatePutRecords(in.Records, s.k.cfg.limits, int(s.maxRecordSize.Load()), nil, nil); err != nil {
		return nil, err
	}
	return s.putRecords(in.Records)
}

func (s *Stream) putRecord(in *PutRecordInput) (*PutRecordOutput, error) {
	hash, err := hashKeyOf(in.PartitionKey, in.ExplicitHashKey)
	if err != nil {
		return nil, err
	}
	now := s.k.cfg.clock.Now()
	var after SequenceNumber
	if in.SequenceNumberForOrdering != "" {
		seq, ok := ParseSequenceNumber(in.SequenceNumberForOrdering)
		if !ok || seq.arrival > uint64(now.Unix()) || seq.counter >= maxSeqCounter {
			return nil, invalidSequenceNumberForOrdering(in.SequenceNumberForOrdering, s.name, s.k.cfg.accountID)
		}
		after = seq
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.writableLocked(now); err != nil {
		return nil, err
	}
	sh := s.routeLocked(hash)
	w := s.writeClockLocked(now, OpPutRecord)
	if code := w.entryFault(sh, in.PartitionKey); code != "" {
		return nil, entryFaultError(code, sh)
	}
	seq, ok := sh.appendOne(w, in.PartitionKey, in.Data, after)
	if !ok {
		return nil, &ProvisionedThroughputExceededException{Message: sh.throttleMessage}
	}
	return &PutRecordOutput{ShardId: sh.id, SequenceNumber: seq, EncryptionType: s.encryptionLocked()}, nil
}

func (s *Stream) putRecords(entries []PutRecordsRequestEntry) (*PutRecordsOutput, error) {
	sc := getPutScratch(len(entries))
	defer sc.release()
	for i := range entries {
		h, err := hashKeyOf(entries[i].PartitionKey, entries[i].ExplicitHashKey)
		if err != nil {
			return nil, err
		}
		sc.keys[i] = h
	}
	out := &PutRecordsOutput{Records: make([]PutRecordsResultEntry, len(entries))}

	s.mu.RLock()
	defer s.mu.RUnlock()
	now := s.k.cfg.clock.Now()
	if err := s.writableLocked(now); err != nil {
		return nil, err
	}
	out.EncryptionType = s.encryptionLocked()
	w := s.writeClockLocked(now, OpPutRecords)
	for i, h := range sc.keys {
		sc.targets[i] = s.routeLocked(h)
	}
	for _, g := range sc.groupByShard() {
		out.FailedRecordCount += g.shard.appendBatch(w, entries, sc.order[g.start:g.end], out.Records)
	}
	return out, nil
}

// encryptionLocked is the encryption type written records get.
func (s *Stream) encryptionLocked() EncryptionType {
	if s.encryption == "" {
		return EncryptionTypeNone
	}
	return s.encryption
}

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

func (s *Stream) writeClockLocked(now time.Time, op string) writeClock {
	w := writeClock{now: now, cutoff: now.Add(-s.retention), encrypted: s.encryption == EncryptionTypeKMS}
	if s.k.faults.entry.Load() {
		w.faults, w.op, w.stream = &s.k.faults, op, s.name
	}
	return w
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

// entryFaultError is the error PutRecord answers for an injected entry fault.
func entryFaultError(code string, sh *shard) error {
	if code == ErrorCodeProvisionedThroughputExceeded {
		return &ProvisionedThroughputExceededException{Message: sh.throttleMessage}
	}
	return &InternalFailureException{Message: internalFailureMessage}
}

// entryFaultResult is a PutRecords entry failed by an injected fault.
func entryFaultResult(code string, sh *shard) PutRecordsResultEntry {
	if code == ErrorCodeProvisionedThroughputExceeded {
		return PutRecordsResultEntry{ErrorCode: code, ErrorMessage: sh.throttleMessage}
	}
	return PutRecordsResultEntry{ErrorCode: code, ErrorMessage: internalFailureMessage}
}

// appendOne stores one record unless the shard's allowance is used up. A
// non-zero after from this shard lifts the counter past it, so the new
// sequence number is strictly greater.
func (sh *shard) appendOne(w writeClock, partitionKey string, data []byte, after SequenceNumber) (SequenceNumber, bool) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.trimBefore(w.cutoff)
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
	sh.log.trimBefore(w.cutoff)
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

// storeLocked appends a record with the next counter. Arrival times never
// go backwards within a shard, even if the clock is set back, so the log
// stays ordered by time as well as by sequence number. Caller holds sh.mu.
func (sh *shard) storeLocked(w writeClock, partitionKey string, data []byte) SequenceNumber {
	arrival := max(w.now.UnixNano(), sh.lastArrival)
	sh.lastArrival = arrival
	sh.lastCounter++
	sh.log.append(sh.lastCounter, arrival, partitionKey, data, w.encrypted)
	return sh.sequenceNumber(sh.lastCounter, uint64(arrival/int64(time.Second)))
}
