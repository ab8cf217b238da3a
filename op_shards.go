package minikinesis

import (
	"context"
	"time"
)

// SplitShardInput mirrors the AWS SplitShard request.
type SplitShardInput struct {
	StreamName string
	StreamARN  string
	// ShardToSplit names the open shard to split.
	ShardToSplit string
	// NewStartingHashKey (decimal) is where the second child's range starts.
	NewStartingHashKey string
}

func (in *SplitShardInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *SplitShardInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ShardToSplit = clip(c.ShardToSplit)
	c.NewStartingHashKey = clip(c.NewStartingHashKey)
	return &c
}

// MergeShardsInput mirrors the AWS MergeShards request.
type MergeShardsInput struct {
	StreamName string
	StreamARN  string
	// ShardToMerge is the lower of two adjacent open shards; the child's
	// ParentShardId.
	ShardToMerge string
	// AdjacentShardToMerge starts right after ShardToMerge ends; the child's
	// AdjacentParentShardId.
	AdjacentShardToMerge string
}

func (in *MergeShardsInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *MergeShardsInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ShardToMerge = clip(c.ShardToMerge)
	c.AdjacentShardToMerge = clip(c.AdjacentShardToMerge)
	return &c
}

// ScalingType is UpdateShardCount's method; AWS offers only UNIFORM_SCALING.
type ScalingType string

// ScalingTypeUniformScaling resizes the stream to equal shards.
const ScalingTypeUniformScaling ScalingType = "UNIFORM_SCALING"

// UpdateShardCountInput mirrors the AWS UpdateShardCount request.
type UpdateShardCountInput struct {
	StreamName       string
	StreamARN        string
	TargetShardCount int
	ScalingType      ScalingType
}

func (in *UpdateShardCountInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *UpdateShardCountInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ScalingType = ScalingType(clip(string(c.ScalingType)))
	return &c
}

// UpdateShardCountOutput mirrors the AWS UpdateShardCount response.
type UpdateShardCountOutput struct {
	StreamName        string
	StreamARN         string
	CurrentShardCount int
	TargetShardCount  int
}

const (
	maxScalingsPerDay         = 10
	maxShardsPerStreamScaling = 10000
)

// SplitShard closes an open shard and opens two children covering
// [start, NewStartingHashKey-1] and [NewStartingHashKey, end], with the next
// two shard indexes. Records already in the parent stay readable there.
func (k *Kinesis) SplitShard(ctx context.Context, in *SplitShardInput) error {
	return callErr(k, ctx, OpSplitShard, in, k.opSplitShard)
}

// opSplitShard is SplitShard without the observation layer (faults, call log, hooks).
func (k *Kinesis) opSplitShard(ctx context.Context, in *SplitShardInput) error {
	var v violations
	v.requireName("shardToSplit", in.ShardToSplit)
	if in.NewStartingHashKey == "" {
		v = append(v, nullViolation("newStartingHashKey"))
	} else if !matchesHashKeyPattern(in.NewStartingHashKey) {
		v = append(v, patternViolation("newStartingHashKey", in.NewStartingHashKey, hashKeyPattern))
	}
	s, err := k.streamFor(ctx, OpSplitShard, in.StreamName, in.StreamARN, v)
	if err != nil {
		return err
	}
	return s.reshard(func(now time.Time) error {
		if err := s.requireProvisionedLocked(OpSplitShard); err != nil {
			return err
		}
		parent, err := s.openShardLocked(in.ShardToSplit)
		if err != nil {
			return err
		}
		key, ok := parseDecimal128(in.NewStartingHashKey)
		r := parent.hashRange
		lowest, _ := r.StartingHashKey.AddOne()
		if !ok || !lowest.Less(key) || !key.Less(r.EndingHashKey) {
			return splitKeyOutOfRange(in.NewStartingHashKey, parent.id, s.name, s.k.cfg.accountID, r)
		}
		if err := s.k.reserveShards(1); err != nil {
			return err
		}
		s.splitLocked(parent, key, now)
		return nil
	})
}

// MergeShards closes two adjacent open shards and opens one child covering
// both ranges, with the next shard index.
func (k *Kinesis) MergeShards(ctx context.Context, in *MergeShardsInput) error {
	return callErr(k, ctx, OpMergeShards, in, k.opMergeShards)
}

// opMergeShards is MergeShards without the observation layer (faults, call log, hooks).
func (k *Kinesis) opMergeShards(ctx context.Context, in *MergeShardsInput) error {
	var v violations
	v.requireName("shardToMerge", in.ShardToMerge)
	v.requireName("adjacentShardToMerge", in.AdjacentShardToMerge)
	s, err := k.streamFor(ctx, OpMergeShards, in.StreamName, in.StreamARN, v)
	if err != nil {
		return err
	}
	return s.reshard(func(now time.Time) error {
		if err := s.requireProvisionedLocked(OpMergeShards); err != nil {
			return err
		}
		lower, err := s.openShardLocked(in.ShardToMerge)
		if err != nil {
			return err
		}
		upper, err := s.openShardLocked(in.AdjacentShardToMerge)
		if err != nil {
			return err
		}
		next, wrapped := lower.hashRange.EndingHashKey.AddOne()
		if wrapped || next != upper.hashRange.StartingHashKey {
			return notAdjacent(lower.id, upper.id, s.name, s.k.cfg.accountID)
		}
		s.mergeLocked(lower, upper, now)
		s.k.releaseShards(1)
		return nil
	})
}

// UpdateShardCount resizes the stream to TargetShardCount shards of equal
// range, as CreateStream would lay them out, within half to double the
// open shard count and at most ten times per rolling 24 hours. It reaches
// the target through splits and merges, so every new shard has at most two
// parents and readers can follow the lineage; the intermediate shards are
// closed at once and hold no records.
func (k *Kinesis) UpdateShardCount(ctx context.Context, in *UpdateShardCountInput) (*UpdateShardCountOutput, error) {
	return call(k, ctx, OpUpdateShardCount, in, k.opUpdateShardCount)
}

// opUpdateShardCount is UpdateShardCount without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateShardCount(ctx context.Context, in *UpdateShardCountInput) (*UpdateShardCountOutput, error) {
	var v violations
	if in.ScalingType == "" {
		v = append(v, nullViolation("scalingType"))
	} else if in.ScalingType != ScalingTypeUniformScaling {
		v = append(v, enumViolation("scalingType", string(in.ScalingType), "UNIFORM_SCALING"))
	}
	if in.TargetShardCount < 1 {
		v = append(v, minValueViolation("targetShardCount", in.TargetShardCount, 1))
	} else if in.TargetShardCount > MaxShardCount {
		v = append(v, maxValueViolation("targetShardCount", in.TargetShardCount, MaxShardCount))
	}
	s, err := k.streamFor(ctx, OpUpdateShardCount, in.StreamName, in.StreamARN, v)
	if err != nil {
		return nil, err
	}
	out := &UpdateShardCountOutput{StreamName: s.name, StreamARN: s.arn, TargetShardCount: in.TargetShardCount}
	err = s.reshard(func(now time.Time) error {
		if err := s.requireProvisionedLocked(OpUpdateShardCount); err != nil {
			return err
		}
		current := s.open.Len()
		out.CurrentShardCount = current
		target := in.TargetShardCount
		switch {
		case target > 2*current:
			return scaleBeyondDouble(target, current)
		case target < current-target: // below half, without overflowing 2*target
			return scaleBelowHalf(target, current)
		case target > maxShardsPerStreamScaling:
			return scaleBeyondMax(target)
		}
		s.scalings = recentSince(s.scalings, now.Add(-24*time.Hour))
		if len(s.scalings) >= maxScalingsPerDay {
			return tooManyScalings(s.name, s.k.cfg.accountID)
		}
		if target > current {
			if err := s.k.reserveShards(target - current); err != nil {
				return err
			}
		} else {
			s.k.releaseShards(current - target)
		}
		s.scalings = append(s.scalings, now)
		s.rescaleLocked(target, now)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// recentSince keeps the times not before cutoff.
func recentSince(times []time.Time, cutoff time.Time) []time.Time {
	kept := times[:0]
	for _, t := range times {
		if !t.Before(cutoff) {
			kept = append(kept, t)
		}
	}
	return kept
}

// reshard runs change with the stream locked exclusively, on an ACTIVE
// stream, and leaves the stream UPDATING for the configured delay when the
// change succeeds.
func (s *Stream) reshard(change func(now time.Time) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.k.cfg.clock.Now()
	if err := s.requireActiveLocked(now); err != nil {
		return err
	}
	if err := change(now); err != nil {
		return err
	}
	s.enterLocked(StreamStatusUpdating, now, s.k.cfg.delays.Updating)
	return nil
}

func (s *Stream) requireProvisionedLocked(op string) error {
	if s.mode == StreamModeOnDemand {
		return &ValidationException{Violations: []Violation{{
			Path: "streamModeDetails", Value: string(StreamModeOnDemand),
			Constraint: op + " is not supported for streams in ON_DEMAND capacity mode",
		}}}
	}
	return nil
}

// openShardLocked finds a shard that can be split or merged.
func (s *Stream) openShardLocked(id string) (*shard, error) {
	idx, ok := parseShardIndex(id)
	if !ok || idx >= len(s.shards) {
		return nil, shardNotFoundForReshard(id, s.name, s.k.cfg.accountID)
	}
	sh := s.shards[idx]
	if !sh.isOpen() {
		return nil, shardAlreadyClosed(sh.id, s.name, s.k.cfg.accountID)
	}
	return sh, nil
}

// closeLocked closes sh at now. Its EndingSequenceNumber carries the
// largest counter, so it is greater than every number the shard holds.
// Caller holds the stream's lock exclusively.
func (s *Stream) closeLocked(sh *shard, now time.Time) {
	s.open.Delete(openShard{start: sh.hashRange.StartingHashKey})
	sh.closedAt = now
	sh.endingSeq = sh.sequenceNumber(maxSeqCounter, uint64(now.Unix()))
}

func (s *Stream) splitLocked(parent *shard, key HashKey, now time.Time) (lower, upper *shard) {
	s.closeLocked(parent, now)
	end, _ := key.SubOne()
	lower = s.addShard(HashKeyRange{StartingHashKey: parent.hashRange.StartingHashKey, EndingHashKey: end}, now, parent.id, "")
	upper = s.addShard(HashKeyRange{StartingHashKey: key, EndingHashKey: parent.hashRange.EndingHashKey}, now, parent.id, "")
	return lower, upper
}

func (s *Stream) mergeLocked(lower, upper *shard, now time.Time) *shard {
	s.closeLocked(lower, now)
	s.closeLocked(upper, now)
	return s.addShard(HashKeyRange{StartingHashKey: lower.hashRange.StartingHashKey, EndingHashKey: upper.hashRange.EndingHashKey}, now, lower.id, upper.id)
}

// rescaleLocked makes the open shards the target layout: first every open
// shard is split at each target boundary inside it, then the pieces within
// each target range are merged left to right. A piece that already is a
// target range stays as it is. Caller holds the stream's lock exclusively.
func (s *Stream) rescaleLocked(target int, now time.Time) {
	layout := SplitHashKeySpace(target)
	var open []*shard
	s.open.Ascend(func(item openShard) bool {
		open = append(open, item.shard)
		return true
	})
	var pieces []*shard // each within one target range, in key order
	for _, sh := range open {
		for _, r := range layout[1:] {
			b := r.StartingHashKey
			if sh.hashRange.StartingHashKey.Less(b) && !sh.hashRange.EndingHashKey.Less(b) {
				var lower *shard
				lower, sh = s.splitLocked(sh, b, now)
				pieces = append(pieces, lower)
			}
		}
		pieces = append(pieces, sh)
	}
	i := 0
	for _, r := range layout {
		merged := pieces[i]
		for i++; i < len(pieces) && !r.EndingHashKey.Less(pieces[i].hashRange.StartingHashKey); i++ {
			merged = s.mergeLocked(merged, pieces[i], now)
		}
	}
}

// reserveShards takes n more open shards from the account's quota.
func (k *Kinesis) reserveShards(n int) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if n > k.cfg.shardLimit-k.openShards {
		return shardLimitExceeded(k.cfg.accountID, k.cfg.region, k.openShards, k.cfg.shardLimit, n)
	}
	k.openShards += n
	return nil
}

// releaseShards returns n open shards to the account's quota.
func (k *Kinesis) releaseShards(n int) {
	k.mu.Lock()
	k.openShards -= n
	k.mu.Unlock()
}
