package minikinesis

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func shardIDsOf(shards []Shard) []string {
	ids := make([]string, len(shards))
	for i, sh := range shards {
		ids[i] = sh.ShardId
	}
	return ids
}

func firstShardIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = FormatShardID(i)
	}
	return ids
}

// sevenStreams creates s0..s6, one second apart, and returns their names.
func sevenStreams(t *testing.T, k *Kinesis, clock *ManualClock) []string {
	t.Helper()
	names := make([]string, 7)
	// Created out of name order: listings sort by name, not by age.
	for _, i := range []int{3, 0, 6, 1, 5, 2, 4} {
		names[i] = "s" + itoa(i)
		createStream(t, k, names[i], 1)
		clock.Advance(time.Second)
	}
	return names
}

func TestDescribeStreamDescribesStreamAndShards(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 3)
	for _, in := range []*DescribeStreamInput{{StreamName: "s"}, {StreamARN: s.ARN()}, {StreamName: "s", StreamARN: s.ARN()}} {
		out, err := k.DescribeStream(t.Context(), in)
		require.NoError(t, err)
		d := out.StreamDescription
		assert.Equal(t, "s", d.StreamName)
		assert.Equal(t, "arn:aws:kinesis:us-east-1:000000000000:stream/s", d.StreamARN)
		assert.Equal(t, StreamStatusActive, d.StreamStatus)
		assert.Equal(t, StreamModeProvisioned, d.StreamModeDetails.StreamMode)
		assert.Equal(t, 24, d.RetentionPeriodHours)
		assert.Equal(t, testEpoch, d.StreamCreationTimestamp)
		assert.Equal(t, EncryptionTypeNone, d.EncryptionType)
		assert.Empty(t, d.KeyId)
		require.Len(t, d.EnhancedMonitoring, 1)
		assert.Empty(t, d.EnhancedMonitoring[0].ShardLevelMetrics)
		assert.False(t, d.HasMoreShards)
		require.Len(t, d.Shards, 3)
		ranges := SplitHashKeySpace(3)
		for i, sh := range d.Shards {
			assert.Equal(t, FormatShardID(i), sh.ShardId)
			assert.Equal(t, ranges[i], sh.HashKeyRange)
			assert.Empty(t, sh.ParentShardId)
			assert.Equal(t, i, sh.SequenceNumberRange.StartingSequenceNumber.ShardIndex())
			assert.True(t, sh.SequenceNumberRange.EndingSequenceNumber.IsZero(), "open")
		}
		assert.Equal(t, "113427455640312821154458202477256070485", d.Shards[1].HashKeyRange.StartingHashKey.String())
		assert.Equal(t, s.Shards(), d.Shards)
	}
}

func TestDescribeStreamLimitAndExclusiveStartShardId(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 7)
	cases := []struct {
		name     string
		limit    int
		start    string
		wantIDs  []string
		wantMore bool
	}{
		{name: "default limit lists all", wantIDs: firstShardIDs(7)},
		{name: "limit below count", limit: 3, wantIDs: firstShardIDs(3), wantMore: true},
		{name: "limit equal to count", limit: 7, wantIDs: firstShardIDs(7)},
		{name: "start mid-way", limit: 3, start: "shardId-000000000002", wantIDs: []string{FormatShardID(3), FormatShardID(4), FormatShardID(5)}, wantMore: true},
		{name: "start fills the rest exactly", limit: 2, start: "shardId-000000000004", wantIDs: []string{FormatShardID(5), FormatShardID(6)}},
		{name: "start in a short spelling", start: "5", wantIDs: []string{FormatShardID(6)}},
		{name: "start at the last shard", start: "shardId-000000000006", wantIDs: []string{}},
		{name: "start beyond every shard", start: "shardId-000000000100", wantIDs: []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s", Limit: tc.limit, ExclusiveStartShardId: tc.start})
			require.NoError(t, err)
			assert.Equal(t, tc.wantIDs, shardIDsOf(out.StreamDescription.Shards))
			assert.Equal(t, tc.wantMore, out.StreamDescription.HasMoreShards)
		})
	}
}

func TestDescribeStreamWalksShardsInPages(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 7)
	for _, limit := range []int{1, 2, 10000} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			t.Parallel()
			var ids []string
			start, pages := "", 0
			for {
				out, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s", Limit: limit, ExclusiveStartShardId: start})
				require.NoError(t, err)
				pages++
				require.LessOrEqual(t, pages, 7, "the walk must end")
				page := out.StreamDescription.Shards
				require.NotEmpty(t, page)
				assert.LessOrEqual(t, len(page), limit)
				ids = append(ids, shardIDsOf(page)...)
				if !out.StreamDescription.HasMoreShards {
					break
				}
				start = page[len(page)-1].ShardId
			}
			assert.Equal(t, firstShardIDs(7), ids, "every shard once, in order")
			assert.Equal(t, (7+limit-1)/limit, pages)
		})
	}
}

func TestDescribeStreamErrors(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 129)
	cases := []struct {
		name     string
		in       *DescribeStreamInput
		wantType string
		wantMsg  string
	}{
		{name: "nil input", in: nil, wantType: "InvalidArgumentException", wantMsg: "Stream arn and stream name can't be empty at the same time"},
		{name: "limit too high", in: &DescribeStreamInput{StreamName: "s", Limit: 10001}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{name: "negative limit", in: &DescribeStreamInput{StreamName: "s", Limit: -1}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{
			// As recorded against AWS in kinesalite's test/describeStream.js.
			name: "violations in AWS's order", in: &DescribeStreamInput{StreamName: long, Limit: 100000, ExclusiveStartShardId: long}, wantType: "ValidationException",
			wantMsg: "3 validation errors detected: " +
				"Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
				"Value '" + long + "' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal to 128; " +
				"Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128",
		},
		{name: "bad shard id characters", in: &DescribeStreamInput{StreamName: "s", ExclusiveStartShardId: "shard/0"}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 'shard/0' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{name: "missing stream", in: &DescribeStreamInput{StreamName: "nope"}, wantType: "ResourceNotFoundException",
			wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "missing stream by ARN", in: &DescribeStreamInput{StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/nope"}, wantType: "ResourceNotFoundException",
			wantMsg: "Stream nope under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			_, err := k.DescribeStream(t.Context(), tc.in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
		})
	}
}

func TestDescribeStreamSummaryFields(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 3)
	clock.Advance(time.Minute)
	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "od", StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}, MaxRecordSizeInKiB: 4096}))

	require.NoError(t, k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "1000"}))
	require.NoError(t, k.IncreaseStreamRetentionPeriod(t.Context(), &IncreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: 48}))

	out, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamARN: s.ARN()})
	require.NoError(t, err)
	sum := out.StreamDescriptionSummary
	assert.Equal(t, "s", sum.StreamName)
	assert.Equal(t, s.ARN(), sum.StreamARN)
	assert.Equal(t, StreamStatusActive, sum.StreamStatus)
	assert.Equal(t, StreamModeProvisioned, sum.StreamModeDetails.StreamMode)
	assert.Equal(t, 48, sum.RetentionPeriodHours)
	assert.Equal(t, testEpoch, sum.StreamCreationTimestamp)
	assert.Equal(t, 4, sum.OpenShardCount, "the split parent is closed: 3 - 1 + 2")
	assert.Equal(t, 0, sum.ConsumerCount)
	assert.Equal(t, 1024, sum.MaxRecordSizeInKiB)
	assert.Equal(t, EncryptionTypeNone, sum.EncryptionType)
	assert.Empty(t, sum.KeyId)
	require.Len(t, sum.EnhancedMonitoring, 1)
	assert.Empty(t, sum.EnhancedMonitoring[0].ShardLevelMetrics)
	d, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Len(t, d.StreamDescription.Shards, 5, "DescribeStream still lists the closed parent")

	od := summaryOf(t, k, "od")
	assert.Equal(t, "od", od.StreamName)
	assert.Equal(t, StreamModeOnDemand, od.StreamModeDetails.StreamMode)
	assert.Equal(t, OnDemandInitialShards, od.OpenShardCount)
	assert.Equal(t, 4096, od.MaxRecordSizeInKiB)
	assert.Equal(t, 24, od.RetentionPeriodHours)
	assert.Equal(t, testEpoch.Add(time.Minute), od.StreamCreationTimestamp)

	_, err = k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "nope"})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream nope under account 000000000000 not found.", nf.ErrorMessage())
	_, err = k.DescribeStreamSummary(t.Context(), nil)
	ia := requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Stream arn and stream name can't be empty at the same time", ia.ErrorMessage())
	_, err = k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "a b"})
	v := requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", v.ErrorMessage())
}

func TestListStreams(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	empty, err := k.ListStreams(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, empty.StreamNames)
	assert.Empty(t, empty.StreamSummaries)
	assert.False(t, empty.HasMoreStreams)
	assert.Empty(t, empty.NextToken)

	names := sevenStreams(t, k, clock)
	all, err := k.ListStreams(t.Context(), &ListStreamsInput{})
	require.NoError(t, err)
	assert.Equal(t, names, all.StreamNames)
	assert.False(t, all.HasMoreStreams)
	assert.Empty(t, all.NextToken)
	require.Len(t, all.StreamSummaries, 7)
	creationOrder := map[string]int{"s3": 0, "s0": 1, "s6": 2, "s1": 3, "s5": 4, "s2": 5, "s4": 6}
	for i, sum := range all.StreamSummaries {
		assert.Equal(t, names[i], sum.StreamName)
		assert.Equal(t, k.StreamARN(names[i]), sum.StreamARN)
		assert.Equal(t, StreamStatusActive, sum.StreamStatus)
		assert.Equal(t, StreamModeProvisioned, sum.StreamModeDetails.StreamMode)
		assert.Equal(t, testEpoch.Add(time.Duration(creationOrder[sum.StreamName])*time.Second), sum.StreamCreationTimestamp)
	}

	cases := []struct {
		name      string
		in        ListStreamsInput
		wantNames []string
		wantMore  bool
	}{
		{name: "limit below count", in: ListStreamsInput{Limit: 3}, wantNames: names[:3], wantMore: true},
		{name: "limit equal to count", in: ListStreamsInput{Limit: 7}, wantNames: names},
		{name: "exclusive start at an existing name", in: ListStreamsInput{ExclusiveStartStreamName: "s4"}, wantNames: names[5:]},
		{name: "exclusive start between names", in: ListStreamsInput{ExclusiveStartStreamName: "s35", Limit: 2}, wantNames: names[4:6], wantMore: true},
		{name: "exclusive start before every name", in: ListStreamsInput{ExclusiveStartStreamName: "a", Limit: 1}, wantNames: names[:1], wantMore: true},
		{name: "exclusive start at the last name", in: ListStreamsInput{ExclusiveStartStreamName: "s6"}, wantNames: []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := k.ListStreams(t.Context(), &tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.wantNames, out.StreamNames)
			assert.Equal(t, tc.wantMore, out.HasMoreStreams)
			assert.Equal(t, tc.wantMore, out.NextToken != "", "a NextToken exactly when more follow")
			require.Len(t, out.StreamSummaries, len(out.StreamNames))
			for i, sum := range out.StreamSummaries {
				assert.Equal(t, out.StreamNames[i], sum.StreamName)
			}
		})
	}
}

func TestListStreamsWalksInPages(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	names := sevenStreams(t, k, clock)
	for _, limit := range []int{1, 2, 10000} {
		for _, byToken := range []bool{true, false} {
			t.Run(fmt.Sprintf("limit %d by token %v", limit, byToken), func(t *testing.T) {
				t.Parallel()
				var got []string
				in, pages := &ListStreamsInput{Limit: limit}, 0
				for {
					out, err := k.ListStreams(t.Context(), in)
					require.NoError(t, err)
					pages++
					require.LessOrEqual(t, pages, 7, "the walk must end")
					require.NotEmpty(t, out.StreamNames)
					assert.LessOrEqual(t, len(out.StreamNames), limit)
					got = append(got, out.StreamNames...)
					if !out.HasMoreStreams {
						assert.Empty(t, out.NextToken)
						break
					}
					require.NotEmpty(t, out.NextToken)
					if byToken {
						in = &ListStreamsInput{Limit: limit, NextToken: out.NextToken}
					} else {
						in = &ListStreamsInput{Limit: limit, ExclusiveStartStreamName: out.StreamNames[len(out.StreamNames)-1]}
					}
				}
				assert.Equal(t, names, got, "every stream once, in name order")
				assert.Equal(t, (7+limit-1)/limit, pages)
			})
		}
	}
}

func TestListStreamsErrors(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 129)
	k, clock := newTestKinesis(t)
	createStream(t, k, "s", 3)
	createStream(t, k, "t", 1)

	cases := []struct {
		name     string
		in       *ListStreamsInput
		wantType string
		wantMsg  string
	}{
		{name: "limit too high", in: &ListStreamsInput{Limit: 10001}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{
			// As recorded against AWS in kinesalite's test/listStreams.js.
			name: "violations in AWS's order", in: &ListStreamsInput{ExclusiveStartStreamName: long, Limit: 1000000}, wantType: "ValidationException",
			wantMsg: "2 validation errors detected: " +
				"Value '1000000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
				"Value '" + long + "' at 'exclusiveStartStreamName' failed to satisfy constraint: Member must have length less than or equal to 128",
		},
		{name: "garbage token", in: &ListStreamsInput{NextToken: "garbage"}, wantType: "InvalidArgumentException", wantMsg: "Invalid NextToken."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.ListStreams(t.Context(), tc.in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
		})
	}

	// A ListShards token is not a ListStreams token.
	shards, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", MaxResults: 1})
	require.NoError(t, err)
	require.NotEmpty(t, shards.NextToken)
	_, err = k.ListStreams(t.Context(), &ListStreamsInput{NextToken: shards.NextToken})
	ia := requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Invalid NextToken.", ia.ErrorMessage())

	// Tokens live 300 s of clock time.
	first, err := k.ListStreams(t.Context(), &ListStreamsInput{Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, first.NextToken)
	clock.Advance(300 * time.Second)
	next, err := k.ListStreams(t.Context(), &ListStreamsInput{NextToken: first.NextToken})
	require.NoError(t, err, "still valid at exactly 300 s")
	assert.Equal(t, []string{"t"}, next.StreamNames)
	clock.Advance(time.Second)
	_, err = k.ListStreams(t.Context(), &ListStreamsInput{NextToken: first.NextToken})
	exp := requireAPIError[*ExpiredNextTokenException](t, err)
	assert.Equal(t, "The NextToken has expired: it was issued 301000 ms ago, more than the allowed 300000 ms.", exp.ErrorMessage())
}

func TestDescribeLimits(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithShardLimit(100))
	out, err := k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, DescribeLimitsOutput{ShardLimit: 100, OnDemandStreamCountLimit: 50, ChannelCountLimit: MaxChannelsPerAccount}, *out)

	createStream(t, k, "p", 3)
	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "od", StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
	out, err = k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, DescribeLimitsOutput{ShardLimit: 100, OpenShardCount: 7, OnDemandStreamCount: 1, OnDemandStreamCountLimit: 50, ChannelCountLimit: MaxChannelsPerAccount}, *out)

	require.NoError(t, k.SplitShard(t.Context(), &SplitShardInput{StreamName: "p", ShardToSplit: "0", NewStartingHashKey: "1000"}))
	out, err = k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 8, out.OpenShardCount, "a split closes one shard and opens two")

	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "od"}))
	out, err = k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, DescribeLimitsOutput{ShardLimit: 100, OpenShardCount: 4, OnDemandStreamCount: 0, OnDemandStreamCountLimit: 50, ChannelCountLimit: MaxChannelsPerAccount}, *out)

	def, _ := newTestKinesis(t)
	out, err = def.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, DefaultShardLimit, out.ShardLimit)

	ctx, cancel := contextWithCancel(t)
	cancel()
	_, err = k.DescribeLimits(ctx)
	assert.ErrorIs(t, err, ctx.Err())
}

// AWS documents page caps below the accepted maxima: DescribeStream and
// ListStreams take a Limit up to 10000 but return at most 100 items a call,
// ListShards takes MaxResults up to 10000 but returns at most 1000 (API
// Reference, "If you specify a value greater than 100, at most 100 results
// are returned"). A walk at the largest accepted size still sees every item
// once.
func TestLargestPageSizesAreCappedAsAWSDocuments(t *testing.T) {
	t.Parallel()
	t.Run("DescribeStream", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t)
		createStream(t, k, "s", 150)
		var ids []string
		start, pages := "", 0
		for {
			out, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s", Limit: 10000, ExclusiveStartShardId: start})
			require.NoError(t, err)
			pages++
			require.LessOrEqual(t, pages, 150)
			page := out.StreamDescription.Shards
			require.NotEmpty(t, page)
			assert.LessOrEqual(t, len(page), 100, "page %d", pages)
			ids = append(ids, shardIDsOf(page)...)
			if !out.StreamDescription.HasMoreShards {
				break
			}
			start = page[len(page)-1].ShardId
		}
		assert.Equal(t, firstShardIDs(150), ids)
		assert.Equal(t, 2, pages)
	})
	t.Run("ListStreams", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t)
		var names []string
		for i := 0; i < 150; i++ {
			names = append(names, fmt.Sprintf("s%03d", i))
			createStream(t, k, names[i], 1)
		}
		var got []string
		in, pages := &ListStreamsInput{Limit: 10000}, 0
		for {
			out, err := k.ListStreams(t.Context(), in)
			require.NoError(t, err)
			pages++
			require.LessOrEqual(t, pages, 150)
			require.NotEmpty(t, out.StreamNames)
			assert.LessOrEqual(t, len(out.StreamNames), 100, "page %d", pages)
			got = append(got, out.StreamNames...)
			if !out.HasMoreStreams {
				break
			}
			in = &ListStreamsInput{Limit: 10000, NextToken: out.NextToken}
		}
		assert.Equal(t, names, got)
		assert.Equal(t, 2, pages)
	})
	t.Run("ListShards", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t)
		createStream(t, k, "s", 1500)
		var ids []string
		in, pages := &ListShardsInput{StreamName: "s", MaxResults: 10000}, 0
		for {
			out, err := k.ListShards(t.Context(), in)
			require.NoError(t, err)
			pages++
			require.LessOrEqual(t, pages, 1500)
			require.NotEmpty(t, out.Shards)
			assert.LessOrEqual(t, len(out.Shards), 1000, "page %d", pages)
			ids = append(ids, shardIDsOf(out.Shards)...)
			if out.NextToken == "" {
				break
			}
			in = &ListShardsInput{NextToken: out.NextToken, MaxResults: 10000}
		}
		assert.Equal(t, firstShardIDs(1500), ids)
		assert.Equal(t, 2, pages)
	})
}

func TestDefaultPageSizes(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1001)
	d, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Len(t, d.StreamDescription.Shards, 100, "DescribeStream lists 100 by default")
	assert.True(t, d.StreamDescription.HasMoreShards)
	l, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Len(t, l.Shards, 1000, "ListShards lists 1000 by default")
	require.NotEmpty(t, l.NextToken)
	rest, err := k.ListShards(t.Context(), &ListShardsInput{NextToken: l.NextToken})
	require.NoError(t, err)
	assert.Equal(t, []string{FormatShardID(1000)}, shardIDsOf(rest.Shards))

	for i := 0; i < 100; i++ {
		createStream(t, k, fmt.Sprintf("t%03d", i), 1)
	}
	ls, err := k.ListStreams(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, ls.StreamNames, 100, "ListStreams lists 100 by default")
	assert.True(t, ls.HasMoreStreams)
	assert.Equal(t, "s", ls.StreamNames[0])
}
