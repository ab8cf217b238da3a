package minikinesis

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkShardInvariants verifies what must hold after any reshard: open
// shards tile 0..2^128-1 with no gap or overlap; closed shards end after
// every record they hold; indexes are dense and never reused.
func checkShardInvariants(t *testing.T, s *Stream) []Shard {
	t.Helper()
	shards := s.Shards()
	var open []Shard
	for i, sh := range shards {
		require.Equal(t, FormatShardID(i), sh.ShardId, "indexes are dense and in order")
		if sh.SequenceNumberRange.EndingSequenceNumber.IsZero() {
			open = append(open, sh)
			continue
		}
		recs, err := s.ShardRecords(sh.ShardId)
		require.NoError(t, err)
		for _, r := range recs {
			assert.Equal(t, -1, r.SequenceNumber.Compare(sh.SequenceNumberRange.EndingSequenceNumber), "closed shard %s ends after its records", sh.ShardId)
		}
	}
	require.NotEmpty(t, open)
	// Open shards are listed by index, not key; order them by start.
	byStart := make(map[HashKey]Shard, len(open))
	for _, sh := range open {
		byStart[sh.HashKeyRange.StartingHashKey] = sh
	}
	require.Len(t, byStart, len(open), "two open shards start at the same key")
	next := HashKey{}
	for range open {
		sh, ok := byStart[next]
		require.True(t, ok, "gap or overlap: no open shard starts at %s", next)
		require.True(t, !sh.HashKeyRange.EndingHashKey.Less(sh.HashKeyRange.StartingHashKey))
		if sh.HashKeyRange.EndingHashKey == MaxHashKey() {
			next = MaxHashKey()
			break
		}
		next, _ = sh.HashKeyRange.EndingHashKey.AddOne()
	}
	assert.Equal(t, MaxHashKey(), next, "open shards reach 2^128-1")
	return shards
}

// openShardsOf returns the open shards in hash key order.
func openShardsOf(shards []Shard) []Shard {
	var open []Shard
	for _, sh := range shards {
		if sh.SequenceNumberRange.EndingSequenceNumber.IsZero() {
			open = append(open, sh)
		}
	}
	slices.SortFunc(open, func(a, b Shard) int { return a.HashKeyRange.StartingHashKey.Cmp(b.HashKeyRange.StartingHashKey) })
	return open
}

func TestSplitMergeAndRescaleKeepInvariants(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 2)
	ctx := t.Context()
	write := func(tag string) map[string]string {
		where := map[string]string{}
		for i := 0; i < 40; i++ {
			key := tag + "-" + itoa(i)
			out, err := s.PutRecord(ctx, &PutRecordInput{PartitionKey: key, Data: []byte(key)})
			require.NoError(t, err)
			where[key] = out.ShardId
		}
		return where
	}
	before := write("before")
	checkShardInvariants(t, s)

	clock.Advance(time.Minute)
	mid := SplitHashKeySpace(4)[1].StartingHashKey.String()
	require.NoError(t, k.SplitShard(ctx, &SplitShardInput{StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: mid}))
	shards := checkShardInvariants(t, s)
	require.Len(t, shards, 4)
	assert.Equal(t, "shardId-000000000000", shards[2].ParentShardId)
	assert.Equal(t, "shardId-000000000000", shards[3].ParentShardId)
	assert.Equal(t, mid, shards[3].HashKeyRange.StartingHashKey.String())
	assert.False(t, shards[0].SequenceNumberRange.EndingSequenceNumber.IsZero())

	afterSplit := write("split")
	for key, shardID := range afterSplit {
		assert.NotEqual(t, "shardId-000000000000", shardID, "%s must not land in the closed parent", key)
	}
	// Records written before stay readable in the parent.
	parentRecs, err := s.ShardRecords("shardId-000000000000")
	require.NoError(t, err)
	for _, r := range parentRecs {
		assert.Equal(t, "shardId-000000000000", before[r.PartitionKey])
	}

	clock.Advance(time.Minute)
	require.NoError(t, k.MergeShards(ctx, &MergeShardsInput{StreamName: "s", ShardToMerge: "shardId-000000000003", AdjacentShardToMerge: "shardId-000000000001"}))
	shards = checkShardInvariants(t, s)
	require.Len(t, shards, 5)
	assert.Equal(t, "shardId-000000000003", shards[4].ParentShardId)
	assert.Equal(t, "shardId-000000000001", shards[4].AdjacentParentShardId)
	afterMerge := write("merge")
	for _, shardID := range afterMerge {
		assert.Contains(t, []string{"shardId-000000000002", "shardId-000000000004"}, shardID)
	}

	clock.Advance(time.Minute)
	_, err = k.UpdateShardCount(ctx, &UpdateShardCountInput{StreamName: "s", TargetShardCount: 3, ScalingType: ScalingTypeUniformScaling})
	require.NoError(t, err)
	shards = checkShardInvariants(t, s)
	open := openShardsOf(shards)
	require.Len(t, open, 3)
	for i, r := range SplitHashKeySpace(3) {
		assert.Equal(t, r, open[i].HashKeyRange)
	}
	total := 0
	for _, sh := range shards {
		recs, err := s.ShardRecords(sh.ShardId)
		require.NoError(t, err)
		total += len(recs)
	}
	assert.Equal(t, 120, total, "no record lost across three reshards")
}

// TestUpdateShardCountSequence scales 1→2→4→3→7→10 and back down. AWS
// refuses more than doubling in one call, so 3→7 goes through 6.
func TestUpdateShardCountSequence(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	seen := map[string]bool{}
	for _, target := range []int{2, 4, 3, 6, 7, 10, 5, 3, 2, 1} {
		clock.Advance(3 * time.Hour) // stay within 10 scalings per 24 h
		out, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamARN: s.ARN(), TargetShardCount: target, ScalingType: ScalingTypeUniformScaling})
		require.NoError(t, err, "to %d", target)
		assert.Equal(t, target, out.TargetShardCount)
		if target == 6 {
			_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamARN: s.ARN(), TargetShardCount: 13, ScalingType: ScalingTypeUniformScaling})
			requireAPIError[*LimitExceededException](t, err)
		}
		assert.Equal(t, "s", out.StreamName)
		shards := checkShardInvariants(t, s)
		open := openShardsOf(shards)
		require.Len(t, open, target)
		layout := SplitHashKeySpace(target)
		byIndex := map[string]Shard{}
		for _, sh := range shards {
			byIndex[sh.ShardId] = sh
		}
		for i, sh := range open {
			assert.Equal(t, layout[i], sh.HashKeyRange, "%d shards: shard %d has the CreateStream range", target, i)
			seen[sh.ShardId] = true
			// Lineage: every non-initial shard's parents exist, are closed,
			// and together cover exactly the child's range.
			checkLineage(t, byIndex, sh)
		}
	}
	assert.NotEmpty(t, seen)
}

// checkLineage walks a shard's ancestry: parents exist and are closed, and
// a shard's parents cover exactly its range.
func checkLineage(t *testing.T, byID map[string]Shard, sh Shard) {
	t.Helper()
	if sh.ParentShardId == "" {
		require.Empty(t, sh.AdjacentParentShardId)
		return
	}
	parent, ok := byID[sh.ParentShardId]
	require.True(t, ok)
	require.False(t, parent.SequenceNumberRange.EndingSequenceNumber.IsZero(), "parent %s closed", parent.ShardId)
	if sh.AdjacentParentShardId == "" {
		assert.True(t, !sh.HashKeyRange.StartingHashKey.Less(parent.HashKeyRange.StartingHashKey) &&
			!parent.HashKeyRange.EndingHashKey.Less(sh.HashKeyRange.EndingHashKey), "split child %s within parent %s", sh.ShardId, parent.ShardId)
	} else {
		adj, ok := byID[sh.AdjacentParentShardId]
		require.True(t, ok)
		assert.Equal(t, sh.HashKeyRange.StartingHashKey, parent.HashKeyRange.StartingHashKey)
		assert.Equal(t, sh.HashKeyRange.EndingHashKey, adj.HashKeyRange.EndingHashKey)
		next, _ := parent.HashKeyRange.EndingHashKey.AddOne()
		assert.Equal(t, next, adj.HashKeyRange.StartingHashKey)
		checkLineage(t, byID, adj)
	}
	checkLineage(t, byID, parent)
}

func TestReshardErrors(t *testing.T) {
	t.Parallel()
	r := SplitHashKeySpace(3)
	cases := []struct {
		name     string
		run      func(*Kinesis) error
		wantType string
		wantMsg  string
	}{
		{name: "split key too low", run: func(k *Kinesis) error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "1"})
		}, wantType: "InvalidArgumentException",
			wantMsg: "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account 000000000000 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 113427455640312821154458202477256070484."},
		{name: "split key at end", run: func(k *Kinesis) error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: r[0].EndingHashKey.String()})
		}, wantType: "InvalidArgumentException",
			wantMsg: "NewStartingHashKey 113427455640312821154458202477256070484 used in SplitShard() on shard shardId-000000000000 in stream s under account 000000000000 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 113427455640312821154458202477256070484."},
		{name: "split unknown shard", run: func(k *Kinesis) error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "shardId-5", NewStartingHashKey: "100"})
		}, wantType: "ResourceNotFoundException", wantMsg: "Could not find shard shardId-000000000005 in stream s under account 000000000000."},
		{name: "split closed shard", run: func(k *Kinesis) error {
			if err := k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "1000"}); err != nil {
				return err
			}
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "2000"})
		}, wantType: "InvalidArgumentException",
			wantMsg: "Shard shardId-000000000000 in stream s under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting."},
		{name: "merge in wrong order", run: func(k *Kinesis) error {
			return k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "shardId-000000000001", AdjacentShardToMerge: "shardId-000000000000"})
		}, wantType: "InvalidArgumentException",
			wantMsg: "Shards shardId-000000000001 and shardId-000000000000 in stream s under account 000000000000 are not an adjacent pair of shards eligible for merging"},
		{name: "merge non-adjacent", run: func(k *Kinesis) error {
			return k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "shardId-000000000000", AdjacentShardToMerge: "shardId-000000000002"})
		}, wantType: "InvalidArgumentException",
			wantMsg: "Shards shardId-000000000000 and shardId-000000000002 in stream s under account 000000000000 are not an adjacent pair of shards eligible for merging"},
		{name: "split missing members", run: func(k *Kinesis) error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s"})
		}, wantType: "ValidationException",
			wantMsg: "2 validation errors detected: Value null at 'shardToSplit' failed to satisfy constraint: Member must not be null; Value null at 'newStartingHashKey' failed to satisfy constraint: Member must not be null"},
		{name: "scale over double", run: func(k *Kinesis) error {
			_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 7, ScalingType: ScalingTypeUniformScaling})
			return err
		}, wantType: "LimitExceededException",
			wantMsg: "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 3 Target shard count: 7"},
		{name: "scale below half", run: func(k *Kinesis) error {
			_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 1, ScalingType: ScalingTypeUniformScaling})
			return err
		}, wantType: "LimitExceededException",
			wantMsg: "UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 3 Target shard count: 1"},
		{name: "scale with bad type", run: func(k *Kinesis) error {
			_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 4, ScalingType: "FAST"})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 'FAST' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]"},
		{name: "split over shard limit", run: func(k *Kinesis) error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "1000"})
		}, wantType: "LimitExceededException",
			wantMsg: "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 3. Limit: 3. Number of additional shards that would have resulted from this request: 1. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := []Option{}
			if tc.name == "split over shard limit" {
				opts = append(opts, WithShardLimit(3))
			}
			k, _ := newTestKinesis(t, opts...)
			s := createStream(t, k, "s", 3)
			before := len(s.Shards())
			err := tc.run(k)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			if tc.name != "split closed shard" {
				assert.Len(t, s.Shards(), before, "a refused reshard changes nothing")
			}
			checkShardInvariants(t, s)
		})
	}
}

func TestReshardWhileUpdatingIsRefused(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Updating: 30 * time.Second}))
	s := createStream(t, k, "s", 2)
	require.NoError(t, k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "1000"}))
	assert.Equal(t, StreamStatusUpdating, s.Status())
	// Writes are accepted while UPDATING.
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("d")})
	require.NoError(t, err)
	err = k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "2", AdjacentShardToMerge: "3"})
	ri := requireAPIError[*ResourceInUseException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING", ri.ErrorMessage())
	clock.Advance(30 * time.Second)
	assert.Equal(t, StreamStatusActive, s.Status())
	require.NoError(t, k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "2", AdjacentShardToMerge: "3"}))
}

func TestUpdateShardCountTenPerDay(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	createStream(t, k, "s", 1)
	targets := []int{2, 1}
	for i := 0; i < 10; i++ {
		_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: targets[i%2], ScalingType: ScalingTypeUniformScaling})
		require.NoError(t, err, "scaling %d", i)
		clock.Advance(time.Hour)
	}
	_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 2, ScalingType: ScalingTypeUniformScaling})
	le := requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, "Exceeded the maximum number of UpdateShardCount calls (10) per rolling 24-hour period for stream s under account 000000000000.", le.ErrorMessage())
	clock.Advance(14*time.Hour + time.Second) // the first call is now older than 24 h
	_, err = k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 2, ScalingType: ScalingTypeUniformScaling})
	require.NoError(t, err)
}
