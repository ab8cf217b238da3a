package minikinesis

import (
	"context"
	"time"
)

// PutRecord writes one record to the stream named by in.StreamName or
// in.StreamARN. See Stream.PutRecord.
func (k *Kinesis) PutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	return call(k, ctx, OpPutRecord, in, k.opPutRecord)
}

// opPutRecord is PutRecord without the observation layer (faults, call log, hooks).
func (k *Kinesis) opPutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, nameViolations, err := k.resolveForRequest(in.StreamName, in.StreamARN)
	if verr := validatePutRecord(in, k.cfg.limits, s.maxRecordSizeOr(k), nameViolations, membersOf(ctx)); verr != nil {
		return nil, verr
	}
	if err != nil {
		return nil, err
	}
	return s.putRecord(in)
}

// PutRecords writes a batch of records to the stream named by in.StreamName
// or in.StreamARN. See Stream.PutRecords.
func (k *Kinesis) PutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	return call(k, ctx, OpPutRecords, in, k.opPutRecords)
}

// PutRecordsInto is PutRecords answering into out, whose Records list it
// reuses when it has the room: a server answering many calls keeps a few
// outputs and spares the collector a result list a call. Everything out
// held before is overwritten; on an error its contents are unspecified.
func (k *Kinesis) PutRecordsInto(ctx context.Context, in *PutRecordsInput, out *PutRecordsOutput) error {
	_, err := call(k, ctx, OpPutRecords, in, func(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
		return out, k.opPutRecordsInto(ctx, in, out)
	})
	return err
}

// opPutRecords is PutRecords without the observation layer (faults, call log, hooks).
func (k *Kinesis) opPutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	out := new(PutRecordsOutput)
	if err := k.opPutRecordsInto(ctx, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (k *Kinesis) opPutRecordsInto(ctx context.Context, in *PutRecordsInput, out *PutRecordsOutput) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s, nameViolations, err := k.resolveForRequest(in.StreamName, in.StreamARN)
	if verr := validatePutRecords(in.Records, k.cfg.limits, s.maxRecordSizeOr(k), nameViolations, membersOf(ctx)); verr != nil {
		return verr
	}
	if err != nil {
		return err
	}
	return s.putRecordsInto(in.Records, out)
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

// PutRecord writes one record and answers with its shard and sequence
// number. It fails with *ValidationException for malformed members,
// *InvalidArgumentException for an ExplicitHashKey beyond 2^128-1 or an
// unusable SequenceNumberForOrdering, *ResourceNotFoundException while the
// stream is being created or deleted, and
// *ProvisionedThroughputExceededException when the shard's write allowance
// is used up. The StreamName and StreamARN members are ignored.
func (s *Stream) PutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	return observe(s.k, ctx, OpPutRecord, in, callTarget{name: s.name}, func(ctx context.Context) (*PutRecordOutput, error) {
		return s.opPutRecord(ctx, in)
	})
}

// opPutRecord is PutRecord without the observation layer (faults, call log, hooks).
func (s *Stream) opPutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &PutRecordInput{}
	}
	if err := validatePutRecord(in, s.k.cfg.limits, int(s.maxRecordSize.Load()), nil, membersOf(ctx)); err != nil {
		return nil, err
	}
	return s.putRecord(in)
}

// PutRecords writes a batch of records and answers every entry in request
// order: stored entries carry ShardId and SequenceNumber, refused ones
// ErrorCode and ErrorMessage, and a refused entry never stops the others.
// Within a shard, entries are admitted in request order while its write
// allowance lasts; the rest of that shard's entries are throttled. The
// whole request fails, storing nothing, on a *ValidationException (count,
// sizes, key lengths, patterns), an *InvalidArgumentException (request over
// the size limit, ExplicitHashKey beyond 2^128-1) or a
// *ResourceNotFoundException. The StreamName and StreamARN members are
// ignored.
func (s *Stream) PutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	return observe(s.k, ctx, OpPutRecords, in, callTarget{name: s.name}, func(ctx context.Context) (*PutRecordsOutput, error) {
		return s.opPutRecords(ctx, in)
	})
}

// opPutRecords is PutRecords without the observation layer (faults, call log, hooks).
func (s *Stream) opPutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &PutRecordsInput{}
	}
	if err := validatePutRecords(in.Records, s.k.cfg.limits, int(s.maxRecordSize.Load()), nil, membersOf(ctx)); err != nil {
		return nil, err
	}
	return s.putRecords(in.Records)
}

// putRecords stores entries and answers a fresh output.
func (s *Stream) putRecords(entries []PutRecordsRequestEntry) (*PutRecordsOutput, error) {
	out := new(PutRecordsOutput)
	if err := s.putRecordsInto(entries, out); err != nil {
		return nil, err
	}
	return out, nil
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

func (s *Stream) putRecordsInto(entries []PutRecordsRequestEntry, out *PutRecordsOutput) error {
	sc := getPutScratch(len(entries))
	defer sc.release()
	for i := range entries {
		h, err := hashKeyOf(entries[i].PartitionKey, entries[i].ExplicitHashKey)
		if err != nil {
			return err
		}
		sc.keys[i] = h
	}
	// Every entry's result is written below, stored or refused, so a
	// reused list needs no clearing.
	if cap(out.Records) < len(entries) {
		out.Records = make([]PutRecordsResultEntry, len(entries))
	} else {
		out.Records = out.Records[:len(entries)]
	}
	out.FailedRecordCount = 0

	s.mu.RLock()
	defer s.mu.RUnlock()
	now := s.k.cfg.clock.Now()
	if err := s.writableLocked(now); err != nil {
		return err
	}
	out.EncryptionType = s.encryptionLocked()
	w := s.writeClockLocked(now, OpPutRecords)
	rt := s.routeTableLocked()
	for i, h := range sc.keys {
		sc.targets[i] = rt.shards[rt.route(h)]
	}
	for _, g := range sc.groupByShard() {
		out.FailedRecordCount += g.shard.appendBatch(w, entries, sc.order[g.start:g.end], out.Records)
	}
	return nil
}

// encryptionLocked is the encryption type written records get.
func (s *Stream) encryptionLocked() EncryptionType {
	if s.encryption == "" {
		return EncryptionTypeNone
	}
	return s.encryption
}

func (s *Stream) writeClockLocked(now time.Time, op string) writeClock {
	w := writeClock{now: now, cutoff: now.Add(-s.retention), encrypted: s.encryption == EncryptionTypeKMS}
	if s.k.faults.entry.Load() {
		w.faults, w.op, w.stream = &s.k.faults, op, s.name
	}
	return w
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
