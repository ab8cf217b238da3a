package kinesishttp_test

import (
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func shardIDs(shards []types.Shard) []string {
	ids := make([]string, len(shards))
	for i, s := range shards {
		ids[i] = aws.ToString(s.ShardId)
	}
	return ids
}

func shardIDRange(from, to int) []string {
	var ids []string
	for i := from; i <= to; i++ {
		ids = append(ids, shardID(i))
	}
	return ids
}

func listShards(t *testing.T, c *kinesis.Client, in *kinesis.ListShardsInput) *kinesis.ListShardsOutput {
	t.Helper()
	out, err := c.ListShards(t.Context(), in)
	require.NoError(t, err)
	return out
}

func filtered(t *testing.T, c *kinesis.Client, stream string, f *types.ShardFilter) []string {
	t.Helper()
	return shardIDs(listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String(stream), ShardFilter: f}).Shards)
}

func TestE2EListShardsPaging(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	created := srv.Clock.Advance(250 * time.Millisecond)
	createStream(t, c, "s", 3)
	want := []types.Shard{
		openShard(0, created, hashRange(threeShards[0][0], threeShards[0][1])),
		openShard(1, created, hashRange(threeShards[1][0], threeShards[1][1])),
		openShard(2, created, hashRange(threeShards[2][0], threeShards[2][1])),
	}

	all := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s")})
	assert.Equal(t, want, all.Shards)
	assert.Nil(t, all.NextToken)
	assert.Equal(t, want, listShards(t, c, &kinesis.ListShardsInput{StreamARN: aws.String(streamARN("s"))}).Shards)
	assert.Equal(t, want, listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), StreamCreationTimestamp: aws.Time(created)}).Shards)
	assert.Equal(t, want[1:], listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), ExclusiveStartShardId: aws.String(shardID(0))}).Shards)

	first := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(2)})
	assert.Equal(t, want[:2], first.Shards)
	require.NotNil(t, first.NextToken)
	second := listShards(t, c, &kinesis.ListShardsInput{NextToken: first.NextToken})
	assert.Equal(t, want[2:], second.Shards)
	assert.Nil(t, second.NextToken)

	// A page at a time: NextToken alone after the first page.
	var ids []string
	in := &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(1)}
	for range 10 {
		page := listShards(t, c, in)
		ids = append(ids, shardIDs(page.Shards)...)
		if page.NextToken == nil {
			break
		}
		in = &kinesis.ListShardsInput{NextToken: page.NextToken, MaxResults: aws.Int32(1)}
	}
	assert.Equal(t, shardIDRange(0, 2), ids)

	_, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), NextToken: first.NextToken})
	requireAWSError[*types.InvalidArgumentException](t, err, "NextToken and StreamName cannot be provided together.")
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{})
	requireAWSError[*types.InvalidArgumentException](t, err, "Either NextToken or StreamName should be provided.")
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(0)})
	requireValidation(t, err, "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), StreamCreationTimestamp: aws.Time(created.Add(time.Second))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream s under account 000000000000 not found.")
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("nope")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")

	srv.Clock.Advance(301 * time.Second)
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{NextToken: first.NextToken})
	requireAWSError[*types.ExpiredNextTokenException](t, err, "The NextToken has expired: it was issued 301000 ms ago, more than the allowed 300000 ms.")
}

func TestE2ESplitShard(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	splitAt := srv.Clock.Advance(time.Hour + 500*time.Millisecond)
	const key = "56713727820156410577229101238628035242" // the middle of shard 0

	_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String(key)})
	require.NoError(t, err)

	shards := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s")}).Shards
	require.Len(t, shards, 5)
	parent := openShard(0, epoch, hashRange(threeShards[0][0], threeShards[0][1]))
	parent.SequenceNumberRange.EndingSequenceNumber = aws.String(wantSeq(epoch, 0, 1<<63-1, splitAt))
	assert.Equal(t, parent, shards[0], "the parent stays listed, closed")
	assert.Equal(t, openShard(1, epoch, hashRange(threeShards[1][0], threeShards[1][1])), shards[1])
	assert.Equal(t, openShard(2, epoch, hashRange(threeShards[2][0], threeShards[2][1])), shards[2])
	lower := openShard(3, splitAt, hashRange("0", minus1(key)))
	lower.ParentShardId = aws.String(shardID(0))
	upper := openShard(4, splitAt, hashRange(key, threeShards[0][1]))
	upper.ParentShardId = aws.String(shardID(0))
	assert.Equal(t, lower, shards[3])
	assert.Equal(t, upper, shards[4])

	d, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, shards, d.StreamDescription.Shards)
	assert.Equal(t, types.StreamStatusActive, d.StreamDescription.StreamStatus)
	assert.Equal(t, aws.Int32(4), summary(t, c, "s").OpenShardCount)

	// Writes now route to the children.
	out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(minus1(key)), Data: []byte("x")})
	require.NoError(t, err)
	assert.Equal(t, shardID(3), aws.ToString(out.ShardId))
	out, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(key), Data: []byte("x")})
	require.NoError(t, err)
	assert.Equal(t, shardID(4), aws.ToString(out.ShardId))
	assert.Equal(t, wantSeq(splitAt, 4, 1, splitAt), aws.ToString(out.SequenceNumber))

	// The boundaries: NewStartingHashKey must be above start+1 and below end.
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(1)), NewStartingHashKey: aws.String(threeShards[1][1])})
	requireAWSError[*types.InvalidArgumentException](t, err, "NewStartingHashKey "+threeShards[1][1]+" used in SplitShard() on shard shardId-000000000001 in stream s under account 000000000000 is not both greater than one plus the shard's StartingHashKey "+threeShards[1][0]+" and less than the shard's EndingHashKey "+threeShards[1][1]+".")
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(3)), NewStartingHashKey: aws.String("1")})
	requireAWSError[*types.InvalidArgumentException](t, err, "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000003 in stream s under account 000000000000 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey "+minus1(key)+".")
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("3"), NewStartingHashKey: aws.String("2")})
	require.NoError(t, err, "start + 2 is the lowest key allowed; shard 3 may be named 3")
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
	requireAWSError[*types.InvalidArgumentException](t, err, "Shard shardId-000000000000 in stream s under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.")
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-99"), NewStartingHashKey: aws.String("1000")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Could not find shard shardId-000000000099 in stream s under account 000000000000.")
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(1)), NewStartingHashKey: aws.String("x1")})
	requireValidation(t, err, `1 validation error detected: Value 'x1' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`)
}

func TestE2EMergeShards(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	mergedAt := srv.Clock.Advance(90 * time.Second)

	_, err := c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(1)), AdjacentShardToMerge: aws.String(shardID(0))})
	requireAWSError[*types.InvalidArgumentException](t, err, "Shards shardId-000000000001 and shardId-000000000000 in stream s under account 000000000000 are not an adjacent pair of shards eligible for merging")
	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(2))})
	requireAWSError[*types.InvalidArgumentException](t, err, "Shards shardId-000000000000 and shardId-000000000002 in stream s under account 000000000000 are not an adjacent pair of shards eligible for merging")

	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamARN: aws.String(streamARN("s")), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(1))})
	require.NoError(t, err)
	shards := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s")}).Shards
	require.Len(t, shards, 4)
	for i := range 2 {
		closed := openShard(i, epoch, hashRange(threeShards[i][0], threeShards[i][1]))
		closed.SequenceNumberRange.EndingSequenceNumber = aws.String(wantSeq(epoch, i, 1<<63-1, mergedAt))
		assert.Equal(t, closed, shards[i])
	}
	child := openShard(3, mergedAt, hashRange(threeShards[0][0], threeShards[1][1]))
	child.ParentShardId = aws.String(shardID(0))
	child.AdjacentParentShardId = aws.String(shardID(1))
	assert.Equal(t, child, shards[3])
	assert.Equal(t, shardIDRange(2, 3), filtered(t, c, "s", &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}))

	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(1)), AdjacentShardToMerge: aws.String(shardID(2))})
	requireAWSError[*types.InvalidArgumentException](t, err, "Shard shardId-000000000001 in stream s under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.")
	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(3)), AdjacentShardToMerge: aws.String(shardID(5))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Could not find shard shardId-000000000005 in stream s under account 000000000000.")
	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("nope"), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(1))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
}

func TestE2EUpdateShardCount(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	update := func(target int32) (*kinesis.UpdateShardCountOutput, error) {
		srv.Clock.Advance(time.Minute)
		return c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(target), ScalingType: types.ScalingTypeUniformScaling})
	}
	openRanges := func() []*types.HashKeyRange {
		t.Helper()
		shards := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}}).Shards
		out := make([]*types.HashKeyRange, len(shards))
		for i, s := range shards {
			out[i] = s.HashKeyRange
		}
		slices.SortFunc(out, func(a, b *types.HashKeyRange) int { // by key, not by shard id
			x, _ := new(big.Int).SetString(aws.ToString(a.StartingHashKey), 10)
			y, _ := new(big.Int).SetString(aws.ToString(b.StartingHashKey), 10)
			return x.Cmp(y)
		})
		return out
	}

	out, err := update(6)
	require.NoError(t, err)
	assert.Equal(t, "s", aws.ToString(out.StreamName))
	assert.Equal(t, streamARN("s"), aws.ToString(out.StreamARN))
	assert.Equal(t, aws.Int32(3), out.CurrentShardCount)
	assert.Equal(t, aws.Int32(6), out.TargetShardCount)
	assert.Equal(t, evenRanges(6), openRanges(), "six shards of equal size")
	assert.Equal(t, aws.Int32(6), summary(t, c, "s").OpenShardCount)

	// Every closed shard names its parents; every open one descends from
	// the original three.
	all := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s")}).Shards
	known := map[string]bool{}
	for _, s := range all {
		if s.ParentShardId != nil {
			assert.True(t, known[*s.ParentShardId], "%s's parent %s is listed before it", *s.ShardId, *s.ParentShardId)
		}
		known[*s.ShardId] = true
	}

	_, err = update(13)
	requireAWSError[*types.LimitExceededException](t, err, "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 6 Target shard count: 13")
	_, err = update(2)
	requireAWSError[*types.LimitExceededException](t, err, "UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 6 Target shard count: 2")

	out, err = update(3)
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(6), out.CurrentShardCount)
	assert.Equal(t, evenRanges(3), openRanges())

	// Ten calls per rolling 24 hours (two so far).
	for i := range 8 {
		_, err := update(int32(3 + i%2))
		require.NoError(t, err, "call %d", i+3)
	}
	_, err = update(4)
	requireAWSError[*types.LimitExceededException](t, err, "Exceeded the maximum number of UpdateShardCount calls (10) per rolling 24-hour period for stream s under account 000000000000.")
	srv.Clock.Advance(24 * time.Hour)
	_, err = update(4)
	require.NoError(t, err)

	_, err = c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(4), ScalingType: "SIDEWAYS"})
	requireValidation(t, err, "1 validation error detected: Value 'SIDEWAYS' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]")
}

// ListShards' ShardFilter, on a stream that was split an hour after it was
// created.
func TestE2EListShardsFilters(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 3)
	splitAt := srv.Clock.Advance(time.Hour)
	_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
	require.NoError(t, err)
	srv.Clock.Advance(time.Minute)

	f := func(typ types.ShardFilterType) *types.ShardFilter { return &types.ShardFilter{Type: typ} }
	assert.Equal(t, shardIDRange(0, 4), filtered(t, c, "s", nil), "FROM_TRIM_HORIZON is the default")
	assert.Equal(t, shardIDRange(0, 4), filtered(t, c, "s", f(types.ShardFilterTypeFromTrimHorizon)))
	assert.Equal(t, shardIDRange(1, 4), filtered(t, c, "s", f(types.ShardFilterTypeAtLatest)))
	assert.Equal(t, shardIDRange(0, 2), filtered(t, c, "s", f(types.ShardFilterTypeAtTrimHorizon)), "the shards open at the trim horizon (before the stream existed: at its creation)")
	assert.Equal(t, shardIDRange(3, 4), filtered(t, c, "s", &types.ShardFilter{Type: types.ShardFilterTypeAfterShardId, ShardId: aws.String(shardID(2))}))
	assert.Equal(t, shardIDRange(0, 2), filtered(t, c, "s", &types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(30 * time.Minute))}))
	assert.Equal(t, shardIDRange(1, 4), filtered(t, c, "s", &types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(splitAt)}))
	assert.Equal(t, shardIDRange(0, 4), filtered(t, c, "s", &types.ShardFilter{Type: types.ShardFilterTypeFromTimestamp, Timestamp: aws.Time(epoch.Add(30 * time.Minute))}))
	assert.Equal(t, shardIDRange(1, 4), filtered(t, c, "s", &types.ShardFilter{Type: types.ShardFilterTypeFromTimestamp, Timestamp: aws.Time(splitAt.Add(time.Millisecond))}))

	// A filter carries over to the next page.
	page := listShards(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(2), ShardFilter: f(types.ShardFilterTypeAtLatest)})
	assert.Equal(t, shardIDRange(1, 2), shardIDs(page.Shards))
	assert.Equal(t, shardIDRange(3, 4), shardIDs(listShards(t, c, &kinesis.ListShardsInput{NextToken: page.NextToken}).Shards))

	// Once the parent closed longer ago than the retention period, it
	// drops out of FROM_TRIM_HORIZON.
	srv.Clock.Advance(24 * time.Hour)
	assert.Equal(t, shardIDRange(1, 4), filtered(t, c, "s", nil))
	assert.Equal(t, shardIDRange(1, 4), filtered(t, c, "s", f(types.ShardFilterTypeAtTrimHorizon)))

	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: f(types.ShardFilterTypeAfterShardId)})
	requireAWSError[*types.InvalidArgumentException](t, err, "ShardId must be specified in ShardFilter when Type is AFTER_SHARD_ID.")
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: f(types.ShardFilterTypeAtTimestamp)})
	requireAWSError[*types.InvalidArgumentException](t, err, "Timestamp must be specified in ShardFilter when Type is AT_TIMESTAMP.")
	_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: f("SOME")})
	requireValidation(t, err, "1 validation error detected: Value 'SOME' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]")
}

// readShardToEnd reads a closed shard from TRIM_HORIZON until GetRecords
// stops handing out iterators, checking the contract KCL relies on: while
// there is a NextShardIterator there are no ChildShards, and the end comes
// with ChildShards and no NextShardIterator.
func readShardToEnd(t *testing.T, c *kinesis.Client, stream string, shard int) ([]string, []types.ChildShard) {
	t.Helper()
	it := trimHorizon(t, c, stream, shard)
	var data []string
	for range 100 {
		out, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(1)})
		require.NoError(t, err)
		data = append(data, dataOf(out.Records)...)
		if out.NextShardIterator == nil {
			require.NotEmpty(t, out.ChildShards, "the end of a closed shard names its children")
			return data, out.ChildShards
		}
		require.Empty(t, out.ChildShards, "no ChildShards while a NextShardIterator is returned")
		it = out.NextShardIterator
	}
	t.Fatalf("shard %d never ended", shard)
	return nil, nil
}

func TestE2EReadingAcrossReshards(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutReadThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 2)
	put := func(hashKey, data string) {
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(hashKey), Data: []byte(data)})
		require.NoError(t, err)
	}
	put("0", "a1")
	put("0", "a2")
	put(maxHashKey, "b1")
	const mid = "170141183460469231731687303715884105728" // 2^127, shard 1's start

	_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
	require.NoError(t, err)
	put("0", "c1")

	data, children := readShardToEnd(t, c, "s", 0)
	assert.Equal(t, []string{"a1", "a2"}, data, "records written before the split stay in the parent")
	assert.Equal(t, []types.ChildShard{
		{ShardId: aws.String(shardID(2)), ParentShards: []string{shardID(0)}, HashKeyRange: hashRange("0", "999")},
		{ShardId: aws.String(shardID(3)), ParentShards: []string{shardID(0)}, HashKeyRange: hashRange("1000", minus1(mid))},
	}, children)

	_, err = c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String(shardID(3)), AdjacentShardToMerge: aws.String(shardID(1))})
	require.NoError(t, err)
	data, children = readShardToEnd(t, c, "s", 1)
	assert.Equal(t, []string{"b1"}, data)
	merged := []types.ChildShard{{ShardId: aws.String(shardID(4)), ParentShards: []string{shardID(3), shardID(1)}, HashKeyRange: hashRange("1000", maxHashKey)}}
	assert.Equal(t, merged, children)
	data, children = readShardToEnd(t, c, "s", 3)
	assert.Empty(t, data)
	assert.Equal(t, merged, children)

	// An empty closed shard answers the end at once.
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, c, "s", 3)})
	require.NoError(t, err)
	assert.Empty(t, out.Records)
	assert.Nil(t, out.NextShardIterator)
	assert.Equal(t, merged, out.ChildShards)
}
