package minikinesis

import (
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
