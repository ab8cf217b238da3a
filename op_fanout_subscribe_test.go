package minikinesis

import (
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSubscribeToShardDeliversAndExpires(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	c := registerConsumer(t, k, s, "app")
	put := func(data string) SequenceNumber {
		out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte(data)})
		require.NoError(t, err)
		return out.SequenceNumber
	}
	first := put("a")
	sub := subscribe(t, k, c.ConsumerARN, "shardId-000000000000", StartingPosition{Type: ShardIteratorTypeTrimHorizon})
	assert.Equal(t, "shardId-000000000000", sub.ShardId())
	ev, err := sub.Next(t.Context())
	require.NoError(t, err)
	require.Len(t, ev.Records, 1)
	assert.Equal(t, first, ev.Records[0].SequenceNumber)
	assert.Empty(t, ev.ChildShards)
	ev, err = sub.Next(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ev.Records)
	put("b")
	clock.Advance(time.Second)
	ev, err = sub.Next(t.Context())
	require.NoError(t, err)
	require.Len(t, ev.Records, 1)
	assert.Equal(t, "b", string(ev.Records[0].Data))

	// The continuation resumes a new subscription after what was delivered.
	put("c")
	clock.Advance(5 * time.Second)
	resumed := subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: ShardIteratorTypeAfterSequenceNumber, SequenceNumber: ev.ContinuationSequenceNumber})
	ev, err = resumed.Next(t.Context())
	require.NoError(t, err)
	require.Len(t, ev.Records, 1)
	assert.Equal(t, "c", string(ev.Records[0].Data))
	// ... and the older subscription was replaced.
	_, err = sub.Next(t.Context())
	requireAPIError[*ResourceInUseException](t, err)

	clock.Advance(SubscriptionLifetime)
	_, err = resumed.Next(t.Context())
	assert.ErrorIs(t, err, io.EOF, "a subscription lasts five minutes")
}

func TestSubscribeTwiceWithinFiveSeconds(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 2)
	c := registerConsumer(t, k, s, "app")
	subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: ShardIteratorTypeLatest})
	_, err := k.SubscribeToShard(t.Context(), &SubscribeToShardInput{ConsumerARN: c.ConsumerARN, ShardId: "0", StartingPosition: StartingPosition{Type: ShardIteratorTypeLatest}})
	requireAPIError[*ResourceInUseException](t, err)
	subscribe(t, k, c.ConsumerARN, "1", StartingPosition{Type: ShardIteratorTypeLatest}) // another shard is fine
	clock.Advance(5 * time.Second)
	subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: ShardIteratorTypeLatest})
	_, err = k.SubscribeToShard(t.Context(), &SubscribeToShardInput{ConsumerARN: c.ConsumerARN, ShardId: "9", StartingPosition: StartingPosition{Type: ShardIteratorTypeLatest}})
	requireAPIError[*ResourceNotFoundException](t, err)
}

func TestSubscriptionEndsWithChildShards(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	c := registerConsumer(t, k, s, "app")
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("x")})
	require.NoError(t, err)
	sub := subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: ShardIteratorTypeTrimHorizon})
	require.NoError(t, k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "1000"}))
	ev, err := sub.Next(t.Context())
	require.NoError(t, err)
	assert.Len(t, ev.Records, 1)
	assert.Len(t, ev.ChildShards, 2)
	assert.Empty(t, ev.ContinuationSequenceNumber)
	_, err = sub.Next(t.Context())
	assert.ErrorIs(t, err, io.EOF)
}

func TestSubscriptionPacedAtTwoMiBPerSecond(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 1)
	c := registerConsumer(t, k, s, "app")
	for i := 0; i < 6; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: make([]byte, mebibyte-1)})
		require.NoError(t, err)
	}
	sub := subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: ShardIteratorTypeTrimHorizon})
	ev, err := sub.Next(t.Context())
	require.NoError(t, err)
	assert.Len(t, ev.Records, 6, "a full allowance delivers what is there")
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("more")})
	require.NoError(t, err)
	ev, err = sub.Next(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ev.Records, "4 MiB of debt to repay first")
	clock.Advance(2*time.Second + time.Millisecond)
	ev, err = sub.Next(t.Context())
	require.NoError(t, err)
	assert.Len(t, ev.Records, 1)
}

func TestContinuationResumesWithoutRedeliveryEitherWay(t *testing.T) {
	t.Parallel()
	for _, typ := range []ShardIteratorType{ShardIteratorTypeAtSequenceNumber, ShardIteratorTypeAfterSequenceNumber} {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			k, clock := newTestKinesis(t)
			s := createStream(t, k, "s", 1)
			c := registerConsumer(t, k, s, "app")
			var last SequenceNumber
			for _, d := range []string{"a", "b"} {
				out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte(d)})
				require.NoError(t, err)
				last = out.SequenceNumber
			}
			sub := subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: ShardIteratorTypeTrimHorizon})
			ev, err := sub.Next(t.Context())
			require.NoError(t, err)
			require.Len(t, ev.Records, 2)
			cont, ok := ParseSequenceNumber(ev.ContinuationSequenceNumber)
			require.True(t, ok)
			assert.Positive(t, cont.Compare(last), "the continuation is above the last record delivered")

			_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("c")})
			require.NoError(t, err)
			clock.Advance(5 * time.Second)
			resumed := subscribe(t, k, c.ConsumerARN, "0", StartingPosition{Type: typ, SequenceNumber: ev.ContinuationSequenceNumber})
			ev, err = resumed.Next(t.Context())
			require.NoError(t, err)
			require.Len(t, ev.Records, 1, "nothing delivered twice, nothing skipped")
			assert.Equal(t, "c", string(ev.Records[0].Data))
		})
	}
}

func TestSequenceNumberIteratorsOnExactRecords(t *testing.T) {
	t.Parallel()
	k, _, _, seqs := seeded(t)
	for _, c := range []struct {
		typ  ShardIteratorType
		seq  SequenceNumber
		want string
	}{
		{ShardIteratorTypeAtSequenceNumber, seqs[0], "abc"},
		{ShardIteratorTypeAfterSequenceNumber, seqs[0], "bc"},
		{ShardIteratorTypeAtSequenceNumber, seqs[2], "c"},
		{ShardIteratorTypeAfterSequenceNumber, seqs[2], ""},
	} {
		it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: c.typ, StartingSequenceNumber: c.seq.String()})
		require.NoError(t, err)
		got, _ := readData(t, k, it.ShardIterator)
		assert.Equal(t, c.want, got, "%s %s", c.typ, c.seq)
	}
}
