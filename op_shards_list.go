package minikinesis

import (
	"context"
	"time"
)

// ShardFilterType selects which shards ListShards returns.
type ShardFilterType string

// The ShardFilter types AWS defines.
const (
	// ShardFilterTypeAfterShardID: every shard after ShardFilter.ShardId.
	ShardFilterTypeAfterShardID ShardFilterType = "AFTER_SHARD_ID"
	// ShardFilterTypeAtTrimHorizon: the shards open at the trim horizon.
	ShardFilterTypeAtTrimHorizon ShardFilterType = "AT_TRIM_HORIZON"
	// ShardFilterTypeFromTrimHorizon: every shard whose records may still be
	// within retention (the default).
	ShardFilterTypeFromTrimHorizon ShardFilterType = "FROM_TRIM_HORIZON"
	// ShardFilterTypeAtLatest: the open shards.
	ShardFilterTypeAtLatest ShardFilterType = "AT_LATEST"
	// ShardFilterTypeAtTimestamp: the shards open at ShardFilter.Timestamp.
	ShardFilterTypeAtTimestamp ShardFilterType = "AT_TIMESTAMP"
	// ShardFilterTypeFromTimestamp: the shards open at or after Timestamp.
	ShardFilterTypeFromTimestamp ShardFilterType = "FROM_TIMESTAMP"
)

// ShardFilter mirrors AWS's ShardFilter.
type ShardFilter struct {
	Type      ShardFilterType
	ShardId   string
	Timestamp time.Time
}

// ListShardsInput mirrors the AWS ListShards request. Give either a stream
// (StreamName or StreamARN) or a NextToken, not both.
type ListShardsInput struct {
	StreamName string
	StreamARN  string
	NextToken  string
	// ExclusiveStartShardId lists only shards after this one.
	ExclusiveStartShardId string
	// MaxResults caps the shards returned (1..10000; zero means 1000).
	MaxResults int
	// StreamCreationTimestamp, when set, must match the stream's: it tells a
	// re-created stream of the same name apart.
	StreamCreationTimestamp time.Time
	ShardFilter             *ShardFilter
}

func (in *ListShardsInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *ListShardsInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.NextToken = clip(c.NextToken)
	c.ExclusiveStartShardId = clip(c.ExclusiveStartShardId)
	c.ShardFilter = c.ShardFilter.clipped()
	return &c
}

// ListShardsOutput mirrors the AWS ListShards response.
type ListShardsOutput struct {
	Shards    []Shard
	NextToken string
}

const (
	defaultListShardsResults = 1000
	maxListShardsResults     = 10000
)

// ListShards lists a stream's shards by index, filtered, a page at a time.
// NextTokens expire after 300 seconds of clock time.
func (k *Kinesis) ListShards(ctx context.Context, in *ListShardsInput) (*ListShardsOutput, error) {
	return call(k, ctx, OpListShards, in, k.opListShards)
}

// opListShards is ListShards without the observation layer (faults, call log, hooks).
func (k *Kinesis) opListShards(ctx context.Context, in *ListShardsInput) (*ListShardsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var v violations
	v.checkLimit("maxResults", in.MaxResults, maxListShardsResults)
	v.checkName("exclusiveStartShardId", in.ExclusiveStartShardId)
	if in.ShardFilter != nil {
		f := in.ShardFilter
		if !validShardFilterType(f.Type) {
			v = append(v, enumViolation("shardFilter.type", string(f.Type), shardFilterTypes))
		}
		v.checkName("shardFilter.shardId", f.ShardId)
	}
	hasStream := in.StreamName != "" || in.StreamARN != ""
	switch {
	case hasStream && in.NextToken != "":
		return nil, &InvalidArgumentException{Message: "NextToken and StreamName cannot be provided together."}
	case in.NextToken != "" && in.ExclusiveStartShardId != "":
		return nil, nextTokenConflict("ExclusiveStartShardId")
	case in.NextToken != "" && !in.StreamCreationTimestamp.IsZero():
		return nil, nextTokenConflict("StreamCreationTimestamp")
	case !hasStream && in.NextToken == "":
		if err := v.errFor(membersOf(ctx)); err != nil {
			return nil, err
		}
		return nil, &InvalidArgumentException{Message: "Either NextToken or StreamName should be provided."}
	}
	now := k.cfg.clock.Now()
	var (
		s     *Stream
		err   error
		after = -1
		f     ShardFilter
	)
	if in.NextToken != "" {
		if err := v.errFor(membersOf(ctx)); err != nil {
			return nil, err
		}
		t, terr := k.openPageToken(in.NextToken, sealShardsToken, now)
		if terr != nil {
			return nil, terr
		}
		if s, err = k.streamFor(ctx, OpListShards, t.stream, "", nil); err != nil {
			return nil, err
		}
		if s.created.UnixNano() != t.created {
			return nil, streamNotFound(t.stream, k.cfg.accountID)
		}
		after, _ = parseShardIndex(t.after)
		f = t.filter
	} else {
		if s, err = k.streamFor(ctx, OpListShards, in.StreamName, in.StreamARN, v); err != nil {
			return nil, err
		}
		if !in.StreamCreationTimestamp.IsZero() && !sameMillisecond(in.StreamCreationTimestamp, s.created) {
			return nil, streamNotFound(s.name, k.cfg.accountID)
		}
		if in.ExclusiveStartShardId != "" {
			if idx, ok := parseShardIndex(in.ExclusiveStartShardId); ok {
				after = idx
			}
		}
		f = ShardFilter{Type: ShardFilterTypeFromTrimHorizon}
		if in.ShardFilter != nil {
			f = *in.ShardFilter
		}
		if err := f.validate(); err != nil {
			return nil, err
		}
	}
	limit := pageSize(in.MaxResults, defaultListShardsResults)

	s.mu.RLock()
	defer s.mu.RUnlock()
	keep := s.shardFilterLocked(f, now)
	out := &ListShardsOutput{Shards: []Shard{}}
	for _, sh := range s.shards[min(after+1, len(s.shards)):] {
		if !keep(sh) {
			continue
		}
		if len(out.Shards) == limit {
			last := out.Shards[len(out.Shards)-1].ShardId
			out.NextToken = k.sealPageToken(pageToken{kind: sealShardsToken, stream: s.name, created: s.created.UnixNano(), after: last, filter: f, issued: now.UnixNano()})
			break
		}
		out.Shards = append(out.Shards, sh.describe())
	}
	return out, nil
}

func validShardFilterType(t ShardFilterType) bool {
	switch t {
	case ShardFilterTypeAfterShardID, ShardFilterTypeAtTrimHorizon, ShardFilterTypeFromTrimHorizon,
		ShardFilterTypeAtLatest, ShardFilterTypeAtTimestamp, ShardFilterTypeFromTimestamp:
		return true
	}
	return false
}

func (f ShardFilter) validate() error {
	switch f.Type {
	case ShardFilterTypeAfterShardID:
		if f.ShardId == "" {
			return &InvalidArgumentException{Message: "ShardId must be specified in ShardFilter when Type is AFTER_SHARD_ID."}
		}
	case ShardFilterTypeAtTimestamp, ShardFilterTypeFromTimestamp:
		if f.Timestamp.IsZero() {
			return &InvalidArgumentException{Message: "Timestamp must be specified in ShardFilter when Type is " + string(f.Type) + "."}
		}
	}
	return nil
}

// shardFilterLocked returns the predicate a ShardFilter stands for. "Open
// at t" means created by t and not closed by then; a time before the
// stream existed reads as its creation, so the first shards qualify.
// Caller holds s.mu.
func (s *Stream) shardFilterLocked(f ShardFilter, now time.Time) func(*shard) bool {
	openAt := func(t time.Time) func(*shard) bool {
		if t.Before(s.created) {
			t = s.created
		}
		return func(sh *shard) bool {
			return !sh.createdAt.After(t) && (sh.isOpen() || sh.closedAt.After(t))
		}
	}
	openFrom := func(t time.Time) func(*shard) bool {
		return func(sh *shard) bool { return sh.isOpen() || !sh.closedAt.Before(t) }
	}
	horizon := now.Add(-s.retention)
	switch f.Type {
	case ShardFilterTypeAfterShardID:
		idx, ok := parseShardIndex(f.ShardId)
		return func(sh *shard) bool { return ok && sh.index > idx }
	case ShardFilterTypeAtLatest:
		return (*shard).isOpen
	case ShardFilterTypeAtTrimHorizon:
		return openAt(horizon)
	case ShardFilterTypeAtTimestamp:
		return openAt(f.Timestamp)
	case ShardFilterTypeFromTimestamp:
		return openFrom(f.Timestamp)
	default: // FROM_TRIM_HORIZON
		return openFrom(horizon)
	}
}

// SequenceNumberRange is the span of sequence numbers a shard covers. A
// zero EndingSequenceNumber means the shard is still open.
type SequenceNumberRange struct {
	StartingSequenceNumber SequenceNumber
	EndingSequenceNumber   SequenceNumber
}

// Shard describes one shard as AWS's Shard type does.
type Shard struct {
	ShardId               string
	ParentShardId         string
	AdjacentParentShardId string
	HashKeyRange          HashKeyRange
	SequenceNumberRange   SequenceNumberRange
}
