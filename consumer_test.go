package minikinesis

import (
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func registerConsumer(t *testing.T, k *Kinesis, s *Stream, name string) Consumer {
	t.Helper()
	out, err := k.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: name})
	require.NoError(t, err)
	return out.Consumer
}

func TestConsumerLifecycle(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{ConsumerCreating: 5 * time.Second, ConsumerDeleting: 3 * time.Second}))
	s := createStream(t, k, "s", 1)
	c := registerConsumer(t, k, s, "app")
	assert.Equal(t, "arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/app:"+itoa(int(testEpoch.Unix())), c.ConsumerARN)
	assert.Equal(t, ConsumerStatusCreating, c.ConsumerStatus)
	assert.Equal(t, testEpoch, c.ConsumerCreationTimestamp)

	_, err := k.SubscribeToShard(t.Context(), &SubscribeToShardInput{ConsumerARN: c.ConsumerARN, ShardId: "0", StartingPosition: StartingPosition{Type: ShardIteratorTypeLatest}})
	requireAPIError[*ResourceInUseException](t, err)

	clock.Advance(5 * time.Second)
	d, err := k.DescribeStreamConsumer(t.Context(), &DescribeStreamConsumerInput{ConsumerARN: c.ConsumerARN})
	require.NoError(t, err)
	assert.Equal(t, ConsumerStatusActive, d.ConsumerDescription.ConsumerStatus)
	assert.Equal(t, s.ARN(), d.ConsumerDescription.StreamARN)
	byName, err := k.DescribeStreamConsumer(t.Context(), &DescribeStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	require.NoError(t, err)
	assert.Equal(t, d, byName)

	_, err = k.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	ri := requireAPIError[*ResourceInUseException](t, err)
	assert.Equal(t, "Consumer app under stream s already exists for account 000000000000.", ri.ErrorMessage())

	sum, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.StreamDescriptionSummary.ConsumerCount)

	require.NoError(t, k.DeregisterStreamConsumer(t.Context(), &DeregisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"}))
	d, err = k.DescribeStreamConsumer(t.Context(), &DescribeStreamConsumerInput{ConsumerARN: c.ConsumerARN})
	require.NoError(t, err)
	assert.Equal(t, ConsumerStatusDeleting, d.ConsumerDescription.ConsumerStatus)
	clock.Advance(3 * time.Second)
	_, err = k.DescribeStreamConsumer(t.Context(), &DescribeStreamConsumerInput{ConsumerARN: c.ConsumerARN})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Consumer app under stream s not found for account 000000000000.", nf.ErrorMessage())
}

func TestConsumerLimitsAndListing(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{ConsumerCreating: time.Second}))
	s := createStream(t, k, "s", 1)
	for i := 0; i < 5; i++ {
		registerConsumer(t, k, s, "c"+itoa(i/10)+itoa(i%10))
	}
	_, err := k.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "c05"})
	le := requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 already has 5 consumers in CREATING state.", le.ErrorMessage())
	for i := 5; i < 20; i++ {
		clock.Advance(time.Second)
		registerConsumer(t, k, s, "c"+itoa(i/10)+itoa(i%10))
	}
	clock.Advance(time.Second)
	_, err = k.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "c20"})
	le = requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 already has 20 registered consumers, the most it may have.", le.ErrorMessage())

	for _, page := range []int{1, 2, 100} {
		seen := map[string]int{}
		token := ""
		for {
			in := &ListStreamConsumersInput{StreamARN: s.ARN(), MaxResults: page, NextToken: token}
			out, err := k.ListStreamConsumers(t.Context(), in)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(out.Consumers), page)
			for _, c := range out.Consumers {
				seen[c.ConsumerName]++
				assert.Equal(t, ConsumerStatusActive, c.ConsumerStatus)
			}
			if out.NextToken == "" {
				break
			}
			token = out.NextToken
		}
		assert.Len(t, seen, 20, "page size %d", page)
		for name, n := range seen {
			assert.Equal(t, 1, n, "%s listed once with page size %d", name, page)
		}
	}

	err = k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s"})
	requireAPIError[*ResourceInUseException](t, err)
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s", EnforceConsumerDeletion: true}))
}

func subscribe(t *testing.T, k *Kinesis, arn, shard string, pos StartingPosition) *Subscription {
	t.Helper()
	sub, err := k.SubscribeToShard(t.Context(), &SubscribeToShardInput{ConsumerARN: arn, ShardId: shard, StartingPosition: pos})
	require.NoError(t, err)
	return sub
}

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

func TestReadAllGroupsByPartitionKeyInOrder(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 4)
	for batch := 0; batch < 20; batch++ {
		var in PutRecordsInput
		for i := 0; i < 500; i++ {
			n := batch*500 + i
			in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "user-" + itoa(n%37), Data: []byte(itoa(n))})
		}
		_, err := s.PutRecords(t.Context(), &in)
		require.NoError(t, err)
		if batch == 10 {
			_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 6, ScalingType: ScalingTypeUniformScaling})
			require.NoError(t, err)
		}
		clock.Advance(time.Second)
	}
	byKey, err := s.ReadAllByPartitionKey(t.Context())
	require.NoError(t, err)
	total := 0
	for key, recs := range byKey {
		prev := -1
		for _, r := range recs {
			n := atoiT(t, string(r.Data))
			assert.Greater(t, n, prev, "records of %s in the order written", key)
			prev = n
		}
		total += len(recs)
	}
	assert.Equal(t, 10000, total)
	assert.Len(t, byKey, 37)
}
