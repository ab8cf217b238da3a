package minikinesis

import (
	"context"
	"time"
)

// GetRecordsInput mirrors the AWS GetRecords request.
type GetRecordsInput struct {
	ShardIterator string
	// Limit caps the records returned (1..10000; zero means 10000).
	Limit int
	// StreamARN, when given, must be the stream the iterator reads.
	StreamARN string
}

// ChildShard mirrors AWS's ChildShard: a shard that continues a closed one.
type ChildShard struct {
	ShardId      string
	ParentShards []string
	HashKeyRange HashKeyRange
}

// GetRecordsOutput mirrors the AWS GetRecords response. Exactly one of
// NextShardIterator and ChildShards is set: ChildShards only once the end of
// a closed shard is reached.
type GetRecordsOutput struct {
	Records            []Record
	NextShardIterator  string
	MillisBehindLatest int64
	ChildShards        []ChildShard
}

const (
	// MaxGetRecordsLimit is the most records one GetRecords call returns.
	MaxGetRecordsLimit = 10000
	// MaxGetRecordsBytes is the most data one GetRecords call returns.
	MaxGetRecordsBytes = 10 * mebibyte
	// readPenalty is how long a shard refuses reads after a call that
	// returned MaxGetRecordsBytes.
	readPenalty = 5 * time.Second
)

// opGetRecords is GetRecords without the observation layer (faults, call log, hooks).
func (k *Kinesis) opGetRecords(ctx context.Context, in *GetRecordsInput) (*GetRecordsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &GetRecordsInput{}
	}
	var v violations
	if in.ShardIterator == "" {
		v = append(v, nullViolation("shardIterator"))
	} else {
		v.checkLength("shardIterator", in.ShardIterator, 1, 512)
	}
	if in.Limit < 0 || in.Limit > MaxGetRecordsLimit {
		v.checkLimit("limit", in.Limit, MaxGetRecordsLimit)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	p, err := k.decodeIterator(in.ShardIterator, now)
	if err != nil {
		return nil, err
	}
	s, sh, err := k.positionShard(p)
	if err != nil {
		return nil, err
	}
	if in.StreamARN != "" && in.StreamARN != s.arn {
		return nil, &InvalidArgumentException{Message: "Invalid ShardIterator."}
	}
	limit := in.Limit
	if limit == 0 {
		limit = MaxGetRecordsLimit
	}
	read, err := s.readShard(sh, p.after, limit, now, true)
	if err != nil {
		return nil, err
	}
	out := &GetRecordsOutput{Records: read.records, MillisBehindLatest: read.millisBehind, ChildShards: read.children}
	if read.children == nil {
		p.after = read.after
		out.NextShardIterator = k.encodeIterator(p, now)
	}
	return out, nil
}

// positionShard finds the stream and shard an iterator reads.
func (k *Kinesis) positionShard(p shardPosition) (*Stream, *shard, error) {
	s, err := k.resolve(p.stream, "")
	if err != nil || s.created.UnixNano() != p.streamBirth {
		return nil, nil, k.shardMissing(FormatShardID(p.shard), p.stream)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if p.shard >= len(s.shards) {
		return nil, nil, k.shardMissing(FormatShardID(p.shard), p.stream)
	}
	return s, s.shards[p.shard], nil
}

// shardRead is what one read of a shard produced.
type shardRead struct {
	records      []Record
	after        uint64 // the counter the reader has now consumed up to
	millisBehind int64
	children     []ChildShard // set only at the end of a closed shard
}

// readShard copies out up to limit records (and MaxGetRecordsBytes) after
// counter after. throttle applies the shard's read allowance.
func (s *Stream) readShard(sh *shard, after uint64, limit int, now time.Time, throttle bool) (shardRead, error) {
	s.mu.RLock()
	cutoff := now.Add(-s.retention)
	closed := !sh.isOpen()
	s.mu.RUnlock()

	sh.mu.Lock()
	if throttle {
		if err := sh.admitReadLocked(now); err != nil {
			sh.mu.Unlock()
			return shardRead{}, err
		}
	}
	log := &sh.log
	log.trimBefore(cutoff)
	start := log.search(func(r *storedRecord) bool { return r.counter > after })
	end, bytes := start, 0
	for end < log.tail && end-start < limit {
		size := log.at(end).size()
		if bytes+size > MaxGetRecordsBytes {
			break
		}
		bytes += size
		end++
	}
	out := shardRead{after: after, records: sh.copyRecordsLocked(start, end)}
	if end > start {
		out.after = log.at(end - 1).counter
	}
	if end < log.tail {
		out.millisBehind = max(0, now.Sub(time.Unix(0, log.at(end).arrival)).Milliseconds())
	}
	atEnd := end == log.tail
	if throttle {
		sh.chargeReadLocked(now, bytes)
	}
	sh.mu.Unlock()

	if closed && atEnd {
		out.children = s.childShards(sh)
	}
	return out, nil
}

// copyRecordsLocked copies the records at positions [from, to) out of the
// log: one allocation holds all their data, so a large read costs two
// allocations, not one per record. Caller holds sh.mu.
func (sh *shard) copyRecordsLocked(from, to int) []Record {
	total := 0
	for p := from; p < to; p++ {
		total += int(sh.log.at(p).dataLen)
	}
	buf := make([]byte, 0, total)
	out := make([]Record, to-from)
	for i := range out {
		r := sh.log.at(from + i)
		start := len(buf)
		buf = append(buf, sh.log.data(r)...)
		out[i] = Record{
			SequenceNumber:              sh.sequenceNumber(r.counter, uint64(r.arrival/int64(time.Second))),
			ApproximateArrivalTimestamp: time.Unix(0, r.arrival).UTC(),
			PartitionKey:                sh.log.key(r),
			Data:                        buf[start:len(buf):len(buf)],
			EncryptionType:              r.encryptionType(),
		}
	}
	return out
}

// childShards lists the shards that continue sh, as GetRecords reports
// them at the end of a closed shard.
func (s *Stream) childShards(sh *shard) []ChildShard {
	s.mu.RLock()
	defer s.mu.RUnlock()
	children := []ChildShard{}
	for _, c := range s.shards[sh.index+1:] {
		if c.parentID != sh.id && c.adjacentParentID != sh.id {
			continue
		}
		parents := []string{c.parentID}
		if c.adjacentParentID != "" {
			parents = append(parents, c.adjacentParentID)
		}
		children = append(children, ChildShard{ShardId: c.id, ParentShards: parents, HashKeyRange: c.hashRange})
	}
	return children
}
