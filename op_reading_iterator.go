package minikinesis

import (
	"context"
	"encoding/binary"
	"strconv"
	"time"
)

// ShardIteratorType says where a shard iterator starts reading.
type ShardIteratorType string

// The iterator types AWS defines.
const (
	ShardIteratorTypeAtSequenceNumber    ShardIteratorType = "AT_SEQUENCE_NUMBER"
	ShardIteratorTypeAfterSequenceNumber ShardIteratorType = "AFTER_SEQUENCE_NUMBER"
	ShardIteratorTypeTrimHorizon         ShardIteratorType = "TRIM_HORIZON"
	ShardIteratorTypeLatest              ShardIteratorType = "LATEST"
	ShardIteratorTypeAtTimestamp         ShardIteratorType = "AT_TIMESTAMP"
)

// IteratorLifetime is how long a shard iterator stays usable.
const IteratorLifetime = 300 * time.Second

// GetShardIteratorInput mirrors the AWS GetShardIterator request.
type GetShardIteratorInput struct {
	StreamName        string
	StreamARN         string
	ShardId           string
	ShardIteratorType ShardIteratorType
	// StartingSequenceNumber goes with AT_ and AFTER_SEQUENCE_NUMBER.
	StartingSequenceNumber string
	// Timestamp goes with AT_TIMESTAMP: the first record arriving at or
	// after it is read first.
	Timestamp time.Time
}

func (in *GetShardIteratorInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN, shardID: in.ShardId}
}

func (in *GetShardIteratorInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ShardId = clip(c.ShardId)
	c.ShardIteratorType = ShardIteratorType(clip(string(c.ShardIteratorType)))
	c.StartingSequenceNumber = clip(c.StartingSequenceNumber)
	return &c
}

// GetShardIteratorOutput mirrors the AWS GetShardIterator response.
type GetShardIteratorOutput struct {
	ShardIterator string
}

// shardPosition is where a reader stands in a shard: it has consumed every
// record whose counter is at most after.
type shardPosition struct {
	stream      string
	streamBirth int64 // Unix ns: a re-created stream is another stream
	shard       int
	after       uint64
}

// encodeIterator seals a position and its creation time into an opaque,
// authenticated string.
func (k *Kinesis) encodeIterator(p shardPosition, created time.Time) string {
	buf := make([]byte, 0, 64+len(p.stream))
	buf = binary.BigEndian.AppendUint64(buf, uint64(created.UnixNano()))
	buf = binary.BigEndian.AppendUint64(buf, uint64(p.streamBirth))
	buf = binary.BigEndian.AppendUint32(buf, uint32(p.shard))
	buf = binary.BigEndian.AppendUint64(buf, p.after)
	buf = append(buf, p.stream...)
	return k.seal(sealIterator, buf)
}

// openedIterator is an iterator whose seal has been checked: the position
// it names and when it was issued, or why it is not one of this account's.
type openedIterator struct {
	pos     shardPosition
	created time.Time
	err     error
}

// openIterator checks an iterator's seal and reads it. Its age is checked
// later, by at, against the moment the call runs.
func (k *Kinesis) openIterator(s string) openedIterator {
	body, ok := k.unseal(sealIterator, s)
	const fixed = 8 + 8 + 4 + 8
	if !ok || len(body) < fixed {
		return invalidIterator()
	}
	return openedIterator{
		created: time.Unix(0, int64(binary.BigEndian.Uint64(body))),
		pos: shardPosition{
			streamBirth: int64(binary.BigEndian.Uint64(body[8:])),
			shard:       int(binary.BigEndian.Uint32(body[16:])),
			after:       binary.BigEndian.Uint64(body[20:]),
			stream:      string(body[fixed:]),
		},
	}
}

func invalidIterator() openedIterator {
	return openedIterator{err: &InvalidArgumentException{Message: "Invalid ShardIterator."}}
}

// at is the iterator's position, unless it could not be opened or is older
// than IteratorLifetime at now.
func (it openedIterator) at(now time.Time) (shardPosition, error) {
	if it.err != nil {
		return shardPosition{}, it.err
	}
	if now.Sub(it.created) > IteratorLifetime {
		return shardPosition{}, iteratorExpired(it.created, now)
	}
	return it.pos, nil
}

// target is what the iterator reads; nothing when it could not be opened.
func (it openedIterator) target() callTarget {
	if it.err != nil {
		return callTarget{}
	}
	return callTarget{name: it.pos.stream, shardIndex: it.pos.shard, fromIterator: true}
}

// javaDate formats a time as Java's Date.toString does, which is how AWS
// writes times in ExpiredIteratorException.
func javaDate(t time.Time) string {
	return t.UTC().Format("Mon Jan 02 15:04:05 UTC 2006")
}

func iteratorExpired(created, now time.Time) error {
	return &ExpiredIteratorException{Message: "Iterator expired. The iterator was created at time " + javaDate(created) +
		" while right now it is " + javaDate(now) + " which is further in the future than the tolerated delay of " +
		strconv.FormatInt(IteratorLifetime.Milliseconds(), 10) + " milliseconds."}
}

// GetShardIterator returns an iterator that starts reading a shard at the
// position the type and its parameters name. Iterators are opaque, valid
// for IteratorLifetime of clock time, and only usable with this account.
func (k *Kinesis) GetShardIterator(ctx context.Context, in *GetShardIteratorInput) (*GetShardIteratorOutput, error) {
	return call(k, ctx, OpGetShardIterator, in, k.opGetShardIterator)
}

// opGetShardIterator is GetShardIterator without the observation layer (faults, call log, hooks).
func (k *Kinesis) opGetShardIterator(ctx context.Context, in *GetShardIteratorInput) (*GetShardIteratorOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var v violations
	v.requireName("shardId", in.ShardId)
	switch in.ShardIteratorType {
	case "":
		v = append(v, nullViolation("shardIteratorType"))
	case ShardIteratorTypeAtSequenceNumber, ShardIteratorTypeAfterSequenceNumber, ShardIteratorTypeTrimHorizon,
		ShardIteratorTypeLatest, ShardIteratorTypeAtTimestamp:
	default:
		v = append(v, enumViolation("shardIteratorType", string(in.ShardIteratorType), shardIteratorTypes))
	}
	if n := in.StartingSequenceNumber; n != "" && !matchesSequencePattern(n) {
		v = append(v, patternViolation("startingSequenceNumber", n, sequencePattern))
	}
	v.checkStreamRef(in.StreamName, in.StreamARN)
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	if err := checkIteratorArguments(in); err != nil {
		return nil, err
	}
	s, err := k.resolve(in.StreamName, in.StreamARN)
	if err != nil {
		return nil, k.shardMissing(in.ShardId, streamNameOf(k, in.StreamName, in.StreamARN))
	}
	now := k.cfg.clock.Now()
	s.mu.RLock()
	sh := s.shardLocked(in.ShardId)
	s.mu.RUnlock()
	if sh == nil {
		return nil, k.shardMissing(in.ShardId, s.name)
	}
	after, err := s.startPosition(sh, in, now)
	if err != nil {
		return nil, err
	}
	p := shardPosition{stream: s.name, streamBirth: s.created.UnixNano(), shard: sh.index, after: after}
	return &GetShardIteratorOutput{ShardIterator: k.encodeIterator(p, now)}, nil
}

func streamNameOf(k *Kinesis, name, arn string) string {
	if name != "" {
		return name
	}
	n, _ := k.streamNameFromARN(arn)
	return n
}

// shardMissing is AWS's error for a shard (or its stream) that does not exist.
func (k *Kinesis) shardMissing(shardID, stream string) error {
	if idx, ok := parseShardIndex(shardID); ok {
		shardID = FormatShardID(idx)
	}
	return shardNotFoundForRead(shardID, stream, k.cfg.accountID)
}

// shardLocked finds a shard by any accepted spelling. Caller holds s.mu.
func (s *Stream) shardLocked(id string) *shard {
	idx, ok := parseShardIndex(id)
	if !ok || idx >= len(s.shards) {
		return nil
	}
	return s.shards[idx]
}

func checkIteratorArguments(in *GetShardIteratorInput) error {
	bySequence := in.ShardIteratorType == ShardIteratorTypeAtSequenceNumber || in.ShardIteratorType == ShardIteratorTypeAfterSequenceNumber
	hasNumber := in.StartingSequenceNumber != ""
	if bySequence != hasNumber && in.ShardIteratorType != ShardIteratorTypeAtTimestamp {
		with := "and no StartingSequenceNumber"
		if hasNumber {
			with = "and also a StartingSequenceNumber"
		}
		return &InvalidArgumentException{Message: "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified " +
			string(in.ShardIteratorType) + " " + with + "."}
	}
	if in.ShardIteratorType == ShardIteratorTypeAtTimestamp && in.Timestamp.IsZero() {
		return &InvalidArgumentException{Message: "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."}
	}
	return nil
}

// startPosition turns an iterator request into the counter the reader has
// consumed up to.
func (s *Stream) startPosition(sh *shard, in *GetShardIteratorInput, now time.Time) (uint64, error) {
	switch in.ShardIteratorType {
	case ShardIteratorTypeTrimHorizon:
		return 0, nil
	case ShardIteratorTypeLatest:
		return sh.latestCounter(), nil
	case ShardIteratorTypeAtTimestamp:
		if in.Timestamp.After(now) {
			return 0, &InvalidArgumentException{Message: "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: " +
				strconv.FormatInt(in.Timestamp.UnixMilli(), 10) + ", currentTimestampInMillis: " + strconv.FormatInt(now.UnixMilli(), 10)}
		}
		return sh.counterBefore(in.Timestamp), nil
	}
	seq, ok := ParseSequenceNumber(in.StartingSequenceNumber)
	if !ok || seq.shardCreated != sh.createdSec && seq.shardIndex == uint64(sh.index) {
		return 0, &InvalidArgumentException{Message: "StartingSequenceNumber " + in.StartingSequenceNumber + " used in GetShardIterator on shard " + sh.id +
			" in stream " + s.name + " under account " + s.k.cfg.accountID + " is invalid."}
	}
	if seq.shardIndex != uint64(sh.index) {
		return 0, &InvalidArgumentException{Message: "Invalid StartingSequenceNumber. It encodes " + FormatShardID(int(seq.shardIndex)) +
			", while it was used in a call to a shard with " + sh.id}
	}
	return sh.afterSequenceNumber(seq, in.ShardIteratorType == ShardIteratorTypeAtSequenceNumber), nil
}
