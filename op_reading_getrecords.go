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

func (in *GetRecordsInput) clipped() any {
	c := *in
	c.ShardIterator = clip(c.ShardIterator)
	c.StreamARN = clip(c.StreamARN)
	return &c
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

// GetRecords reads the next records from where an iterator stands, in
// sequence order, up to Limit records and 10 MiB, and returns a fresh
// iterator for the next call. Records past retention are skipped. It fails
// with *ExpiredIteratorException for iterators older than 300 seconds,
// *InvalidArgumentException for iterators this account did not issue, and
// *ProvisionedThroughputExceededException when the shard's read allowance
// (5 calls/s, 2 MiB/s) is used up.
func (k *Kinesis) GetRecords(ctx context.Context, in *GetRecordsInput) (*GetRecordsOutput, error) {
	if in == nil {
		in = &GetRecordsInput{}
	}
	// The iterator is opened once: the observation layer matches faults
	// and logs the call by the stream and shard it reads.
	it := k.openIterator(in.ShardIterator)
	return observe(k, ctx, OpGetRecords, in, it.target(), func(ctx context.Context) (*GetRecordsOutput, error) {
		return k.opGetRecords(ctx, in, it)
	})
}

// opGetRecords is GetRecords without the observation layer (faults, call
// log, hooks), reading from it, in's iterator opened.
func (k *Kinesis) opGetRecords(ctx context.Context, in *GetRecordsInput, it openedIterator) (*GetRecordsOutput, error) {
	req, err := k.openReadRequest(ctx, in, it)
	if err != nil {
		return nil, err
	}
	read, err := req.stream.readShard(req.shard, req.pos.after, req.limit, req.now, true)
	if err != nil {
		return nil, err
	}
	out := &GetRecordsOutput{Records: read.records, MillisBehindLatest: read.millisBehind, ChildShards: read.children}
	if read.children == nil {
		out.NextShardIterator = req.next(read.after)
	}
	return out, nil
}

// readRequest is a checked GetRecords request: the shard it reads, from
// where, how much, and when.
type readRequest struct {
	k      *Kinesis
	stream *Stream
	shard  *shard
	pos    shardPosition
	limit  int
	now    time.Time
}

// openReadRequest validates a GetRecords request and finds what it reads;
// GetRecords and GetRecordCounts share it.
func (k *Kinesis) openReadRequest(ctx context.Context, in *GetRecordsInput, it openedIterator) (readRequest, error) {
	if err := ctx.Err(); err != nil {
		return readRequest{}, err
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
	if err := v.errFor(membersOf(ctx)); err != nil {
		return readRequest{}, err
	}
	now := k.cfg.clock.Now()
	p, err := it.at(now)
	if err != nil {
		return readRequest{}, err
	}
	s, sh, err := k.positionShard(p)
	if err != nil {
		return readRequest{}, err
	}
	if in.StreamARN != "" && in.StreamARN != s.arn {
		return readRequest{}, &InvalidArgumentException{Message: "Invalid ShardIterator."}
	}
	limit := in.Limit
	if limit == 0 {
		limit = MaxGetRecordsLimit
	}
	return readRequest{k: k, stream: s, shard: sh, pos: p, limit: limit, now: now}, nil
}

// next is the iterator that continues the request after counter after.
func (r readRequest) next(after uint64) string {
	p := r.pos
	p.after = after
	return r.k.encodeIterator(p, r.now)
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

// readShard reads sh (see shard.read) and, at the end of a closed shard,
// lists the shards that continue it.
func (s *Stream) readShard(sh *shard, after uint64, limit int, now time.Time, throttle bool) (shardRead, error) {
	s.mu.RLock()
	cutoff := now.Add(-s.retention)
	closed := !sh.isOpen()
	s.mu.RUnlock()
	out, err := sh.read(after, limit, now, cutoff, throttle)
	if err == nil && closed && out.atEnd {
		out.children = s.childShards(sh)
	}
	return out, err
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

// Record is a stored record as a reader sees it. Data is the reader's own
// copy.
type Record struct {
	SequenceNumber              SequenceNumber
	ApproximateArrivalTimestamp time.Time
	PartitionKey                string
	Data                        []byte
	// EncryptionType is KMS for a record stored while its stream encrypted,
	// and empty otherwise: AWS leaves the member out of unencrypted records.
	EncryptionType EncryptionType
}
