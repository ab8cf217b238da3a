package minikinesis

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// oneCharEdits lists every string that differs from s in exactly one
// character of the base64url alphabet.
func oneCharEdits(s string) []string {
	var out []string
	for i := range len(s) {
		for _, c := range base64URLAlphabet {
			if byte(c) != s[i] {
				out = append(out, s[:i]+string(c)+s[i+1:])
			}
		}
	}
	return out
}

func TestNoOneCharacterEditOfAnIteratorIsAccepted(t *testing.T) {
	t.Parallel()
	k, _, _, _ := seeded(t)
	it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	edits := oneCharEdits(it.ShardIterator)
	require.Greater(t, len(edits), 1000)
	accepted := 0
	for _, e := range edits {
		if k.openIterator(e).err == nil {
			accepted++
		}
	}
	assert.Zero(t, accepted, "of %d one-character edits", len(edits))
	assert.NoError(t, k.openIterator(it.ShardIterator).err, "the original opens")
}

func TestNextTokensAreSealed(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	for _, name := range []string{"a", "b", "c"} {
		createStream(t, k, name, 3)
	}
	_, err := k.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: k.StreamARN("a"), ConsumerName: "c1"})
	require.NoError(t, err)
	_, err = k.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: k.StreamARN("a"), ConsumerName: "c2"})
	require.NoError(t, err)
	shards, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "a", MaxResults: 1})
	require.NoError(t, err)
	streams, err := k.ListStreams(t.Context(), &ListStreamsInput{Limit: 1})
	require.NoError(t, err)
	consumers, err := k.ListStreamConsumers(t.Context(), &ListStreamConsumersInput{StreamARN: k.StreamARN("a"), MaxResults: 1})
	require.NoError(t, err)
	require.NotEmpty(t, shards.NextToken)
	require.NotEmpty(t, streams.NextToken)
	require.NotEmpty(t, consumers.NextToken)

	listShards := func(tok string) error {
		_, err := k.ListShards(t.Context(), &ListShardsInput{NextToken: tok})
		return err
	}
	listStreams := func(tok string) error {
		_, err := k.ListStreams(t.Context(), &ListStreamsInput{NextToken: tok})
		return err
	}
	listConsumers := func(tok string) error {
		_, err := k.ListStreamConsumers(t.Context(), &ListStreamConsumersInput{StreamARN: k.StreamARN("a"), NextToken: tok})
		return err
	}
	cases := []struct {
		name  string
		token string
		list  func(string) error
	}{
		{"shards", shards.NextToken, listShards},
		{"streams", streams.NextToken, listStreams},
		{"consumers", consumers.NextToken, listConsumers},
	}
	for _, c := range cases {
		require.NoError(t, c.list(c.token), "%s: the token as issued works", c.name)
		for _, e := range oneCharEdits(c.token) {
			err := c.list(e)
			var ia *InvalidArgumentException
			if !assert.ErrorAs(t, err, &ia, "%s: edit %q accepted", c.name, e) {
				break
			}
		}
		for _, other := range cases {
			if other.name != c.name {
				assert.Error(t, other.list(c.token), "a %s token is no %s token", c.name, other.name)
			}
		}
	}
	it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "a", ShardId: "0", ShardIteratorType: ShardIteratorTypeLatest})
	require.NoError(t, err)
	assert.Error(t, listShards(it.ShardIterator), "an iterator is no NextToken")
	assert.Error(t, listShards(strings.Repeat("A", 40)))

	clock.Advance(nextTokenLifetime + time.Millisecond)
	requireAPIError[*ExpiredNextTokenException](t, listShards(shards.NextToken))
}
