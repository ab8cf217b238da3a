package minikinesis

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListShards(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 3)

	for _, in := range []*ListShardsInput{{StreamName: "s"}, {StreamARN: s.ARN()}, {StreamName: "s", StreamCreationTimestamp: testEpoch}} {
		out, err := k.ListShards(t.Context(), in)
		require.NoError(t, err)
		assert.Equal(t, s.Shards(), out.Shards)
		assert.Empty(t, out.NextToken)
	}
	out, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s"})
	require.NoError(t, err)
	require.Len(t, out.Shards, 3)
	assert.Equal(t, "0", out.Shards[0].HashKeyRange.StartingHashKey.String())
	assert.Equal(t, "340282366920938463463374607431768211455", out.Shards[2].HashKeyRange.EndingHashKey.String())

	page, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", MaxResults: 2})
	require.NoError(t, err)
	assert.Equal(t, firstShardIDs(2), shardIDsOf(page.Shards))
	require.NotEmpty(t, page.NextToken)
	rest, err := k.ListShards(t.Context(), &ListShardsInput{NextToken: page.NextToken})
	require.NoError(t, err)
	assert.Equal(t, []string{FormatShardID(2)}, shardIDsOf(rest.Shards))
	assert.Empty(t, rest.NextToken)

	exact, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", MaxResults: 3})
	require.NoError(t, err)
	assert.Len(t, exact.Shards, 3)
	assert.Empty(t, exact.NextToken, "no token when the page holds the rest exactly")

	after, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", ExclusiveStartShardId: "shardId-000000000000"})
	require.NoError(t, err)
	assert.Equal(t, []string{FormatShardID(1), FormatShardID(2)}, shardIDsOf(after.Shards))
	last, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", ExclusiveStartShardId: "shardId-000000000002"})
	require.NoError(t, err)
	assert.Empty(t, last.Shards)
	assert.Empty(t, last.NextToken)

	_, err = k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", StreamCreationTimestamp: testEpoch.Add(time.Second)})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not found.", nf.ErrorMessage())
}

func TestListShardsWalksInPages(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 7)
	for _, limit := range []int{1, 2, 10000} {
		t.Run(fmt.Sprintf("max results %d", limit), func(t *testing.T) {
			t.Parallel()
			var got []Shard
			in, pages := &ListShardsInput{StreamName: "s", MaxResults: limit}, 0
			for {
				out, err := k.ListShards(t.Context(), in)
				require.NoError(t, err)
				pages++
				require.LessOrEqual(t, pages, 7, "the walk must end")
				require.NotEmpty(t, out.Shards)
				assert.LessOrEqual(t, len(out.Shards), limit)
				got = append(got, out.Shards...)
				if out.NextToken == "" {
					break
				}
				in = &ListShardsInput{NextToken: out.NextToken, MaxResults: limit}
			}
			assert.Equal(t, s.Shards(), got, "every shard once, in order")
			assert.Equal(t, (7+limit-1)/limit, pages)
		})
	}
}

func TestListShardsNextTokenExpires(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	createStream(t, k, "s", 3)
	first, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", MaxResults: 1})
	require.NoError(t, err)
	require.NotEmpty(t, first.NextToken)

	clock.Advance(300 * time.Second)
	second, err := k.ListShards(t.Context(), &ListShardsInput{NextToken: first.NextToken, MaxResults: 1})
	require.NoError(t, err, "still valid at exactly 300 s")
	assert.Equal(t, []string{FormatShardID(1)}, shardIDsOf(second.Shards))
	require.NotEmpty(t, second.NextToken)

	clock.Advance(time.Second)
	_, err = k.ListShards(t.Context(), &ListShardsInput{NextToken: first.NextToken})
	exp := requireAPIError[*ExpiredNextTokenException](t, err)
	assert.Equal(t, "The NextToken has expired: it was issued 301000 ms ago, more than the allowed 300000 ms.", exp.ErrorMessage())
	assert.Equal(t, "ExpiredNextTokenException", exp.ErrorCode())

	// The token issued with the second page has its own 300 s.
	third, err := k.ListShards(t.Context(), &ListShardsInput{NextToken: second.NextToken})
	require.NoError(t, err)
	assert.Equal(t, []string{FormatShardID(2)}, shardIDsOf(third.Shards))
}

func TestListShardsErrors(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 129)
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 3)
	page, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", MaxResults: 1})
	require.NoError(t, err)
	token := page.NextToken
	require.NotEmpty(t, token)
	createStream(t, k, "t", 1)
	streamsPage, err := k.ListStreams(t.Context(), &ListStreamsInput{Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, streamsPage.NextToken)

	cases := []struct {
		name     string
		in       *ListShardsInput
		wantType string
		wantMsg  string
	}{
		{name: "nil input", in: nil, wantType: "InvalidArgumentException", wantMsg: "Either NextToken or StreamName should be provided."},
		{name: "neither stream nor token", in: &ListShardsInput{MaxResults: 5}, wantType: "InvalidArgumentException", wantMsg: "Either NextToken or StreamName should be provided."},
		{name: "stream name and token", in: &ListShardsInput{StreamName: "s", NextToken: token}, wantType: "InvalidArgumentException", wantMsg: "NextToken and StreamName cannot be provided together."},
		{name: "stream ARN and token", in: &ListShardsInput{StreamARN: s.ARN(), NextToken: token}, wantType: "InvalidArgumentException", wantMsg: "NextToken and StreamName cannot be provided together."},
		{name: "token and exclusive start", in: &ListShardsInput{NextToken: token, ExclusiveStartShardId: "shardId-000000000000"}, wantType: "InvalidArgumentException", wantMsg: "NextToken and ExclusiveStartShardId cannot be provided together."},
		{name: "token and creation time", in: &ListShardsInput{NextToken: token, StreamCreationTimestamp: testEpoch}, wantType: "InvalidArgumentException", wantMsg: "NextToken and StreamCreationTimestamp cannot be provided together."},
		{name: "garbage token", in: &ListShardsInput{NextToken: "garbage"}, wantType: "InvalidArgumentException", wantMsg: "Invalid NextToken."},
		{name: "ListStreams token", in: &ListShardsInput{NextToken: streamsPage.NextToken}, wantType: "InvalidArgumentException", wantMsg: "Invalid NextToken."},
		{name: "max results too high", in: &ListShardsInput{StreamName: "s", MaxResults: 10001}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{name: "negative max results", in: &ListShardsInput{StreamName: "s", MaxResults: -1}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "violations in AWS's order", in: &ListShardsInput{StreamName: long, MaxResults: 100000, ExclusiveStartShardId: long}, wantType: "ValidationException",
			wantMsg: "3 validation errors detected: " +
				"Value '100000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
				"Value '" + long + "' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal to 128; " +
				"Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{name: "missing stream", in: &ListShardsInput{StreamName: "nope"}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "creation timestamp of another stream", in: &ListShardsInput{StreamName: "s", StreamCreationTimestamp: testEpoch.Add(-time.Hour)},
			wantType: "ResourceNotFoundException", wantMsg: "Stream s under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.ListShards(t.Context(), tc.in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
		})
	}
}

func TestListShardsTokenDoesNotOutliveItsStream(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	createStream(t, k, "s", 3)
	page, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", MaxResults: 1})
	require.NoError(t, err)
	require.NotEmpty(t, page.NextToken)

	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s"}))
	_, err = k.ListShards(t.Context(), &ListShardsInput{NextToken: page.NextToken})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not found.", nf.ErrorMessage())

	// A new stream of the same name is another listing.
	clock.Advance(time.Second)
	createStream(t, k, "s", 3)
	_, err = k.ListShards(t.Context(), &ListShardsInput{NextToken: page.NextToken})
	nf = requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not found.", nf.ErrorMessage())
	_, err = k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", StreamCreationTimestamp: testEpoch})
	requireAPIError[*ResourceNotFoundException](t, err)
	fresh, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", StreamCreationTimestamp: testEpoch.Add(time.Second)})
	require.NoError(t, err)
	assert.Len(t, fresh.Shards, 3)
}

// Timestamps reach clients at millisecond precision (SPEC §2), so the
// StreamCreationTimestamp a client sends back is the stream's own, rounded
// to the millisecond; it must still name the stream.
func TestListShardsStreamCreationTimestampAtMillisecondPrecision(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	clock.Advance(123456789 * time.Nanosecond) // 123.456789 ms past the second
	createStream(t, k, "s", 2)
	created := summaryOf(t, k, "s").StreamCreationTimestamp
	asSent := time.UnixMilli(created.UnixMilli()).UTC()
	require.Equal(t, testEpoch.Add(123*time.Millisecond), asSent)

	out, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", StreamCreationTimestamp: asSent})
	require.NoError(t, err)
	assert.Len(t, out.Shards, 2)

	_, err = k.ListShards(t.Context(), &ListShardsInput{StreamName: "s", StreamCreationTimestamp: asSent.Add(time.Millisecond)})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not found.", nf.ErrorMessage())
}
