package kinesishttp_test

import (
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
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

// eventTimeout bounds the real time a test waits for a SubscribeToShard
// event; the server looks for new records every 20 ms.
const eventTimeout = 10 * time.Second

func consumerARN(stream, name string, registered time.Time) string {
	return streamARN(stream) + "/consumer/" + name + ":" + strconv.FormatInt(registered.Unix(), 10)
}

func register(t *testing.T, c *kinesis.Client, stream, name string) *types.Consumer {
	t.Helper()
	out, err := c.RegisterStreamConsumer(t.Context(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN(stream)), ConsumerName: aws.String(name)})
	require.NoError(t, err)
	require.NotNil(t, out.Consumer)
	return out.Consumer
}

// subscribe opens a SubscribeToShard event stream, closed when the test
// ends. Each stream gets a client of its own: a client's streams share one
// event stream decoder in aws-sdk-go-v2 (smithy-go v1.28.8), and two live
// streams on one client race on it (aws/smithy-go#714).
func subscribe(t *testing.T, srv *minikinesistest.Server, consumer string, shard int, pos *types.StartingPosition) *kinesis.SubscribeToShardEventStream {
	t.Helper()
	out, err := srv.NewClient().SubscribeToShard(t.Context(), &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String(shardID(shard)), StartingPosition: pos})
	require.NoError(t, err)
	es := out.GetStream()
	t.Cleanup(func() { es.Close() })
	return es
}

// nextEvent waits for the next event on the stream; ok is false when the
// stream has ended.
func nextEvent(t *testing.T, es *kinesis.SubscribeToShardEventStream) (ev types.SubscribeToShardEvent, ok bool) {
	t.Helper()
	select {
	case e, open := <-es.Events():
		if !open {
			return ev, false
		}
		member, isEvent := e.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		require.True(t, isEvent, "unexpected %T", e)
		return member.Value, true
	case <-time.After(eventTimeout):
		t.Fatalf("no SubscribeToShard event within %s", eventTimeout)
		return ev, false
	}
}

// collect gathers events until n records have arrived, skipping the empty
// events the server sends as heartbeats, and returns the records and the
// last event.
func collect(t *testing.T, es *kinesis.SubscribeToShardEventStream, n int) ([]types.Record, types.SubscribeToShardEvent) {
	t.Helper()
	var recs []types.Record
	var last types.SubscribeToShardEvent
	for len(recs) < n {
		ev, ok := nextEvent(t, es)
		require.True(t, ok, "the stream ended after %d of %d records: %v", len(recs), n, es.Err())
		recs = append(recs, ev.Records...)
		last = ev
	}
	require.Len(t, recs, n)
	return recs, last
}

// requireEnded waits for the stream to end, skipping any events still in
// flight, and returns the error it ended with.
func requireEnded(t *testing.T, es *kinesis.SubscribeToShardEventStream) error {
	t.Helper()
	for range 1000 {
		if _, ok := nextEvent(t, es); !ok {
			return es.Err()
		}
	}
	t.Fatal("the stream did not end")
	return nil
}

// protoRecorder remembers the HTTP version of the last response.
type protoRecorder struct {
	next  kinesis.HTTPClient
	major atomic.Int32
}

func (p *protoRecorder) Do(r *http.Request) (*http.Response, error) {
	resp, err := p.next.Do(r)
	if err == nil {
		p.major.Store(int32(resp.ProtoMajor))
	}
	return resp, err
}

func TestE2EStreamConsumers(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	registered := srv.Clock.Advance(1500 * time.Millisecond)
	arn := consumerARN("s", "app", registered)

	app := register(t, c, "s", "app")
	assert.Equal(t, "app", aws.ToString(app.ConsumerName))
	assert.Equal(t, arn, aws.ToString(app.ConsumerARN))
	assert.Equal(t, types.ConsumerStatusCreating, app.ConsumerStatus, "a consumer is CREATING when registered")
	assertTime(t, registered, app.ConsumerCreationTimestamp)

	for _, in := range []*kinesis.DescribeStreamConsumerInput{
		{ConsumerARN: aws.String(arn)},
		{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("app")},
	} {
		out, err := c.DescribeStreamConsumer(ctx, in)
		require.NoError(t, err)
		d := out.ConsumerDescription
		require.NotNil(t, d)
		assert.Equal(t, "app", aws.ToString(d.ConsumerName))
		assert.Equal(t, arn, aws.ToString(d.ConsumerARN))
		assert.Equal(t, types.ConsumerStatusActive, d.ConsumerStatus)
		assertTime(t, registered, d.ConsumerCreationTimestamp)
		assert.Equal(t, streamARN("s"), aws.ToString(d.StreamARN))
	}

	later := srv.Clock.Advance(2 * time.Second)
	register(t, c, "s", "c")
	register(t, c, "s", "b")
	list, err := c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	assert.Nil(t, list.NextToken)
	require.Len(t, list.Consumers, 3)
	for i, want := range []struct {
		name string
		at   time.Time
	}{{"app", registered}, {"b", later}, {"c", later}} {
		got := list.Consumers[i]
		assert.Equal(t, want.name, aws.ToString(got.ConsumerName))
		assert.Equal(t, consumerARN("s", want.name, want.at), aws.ToString(got.ConsumerARN))
		assert.Equal(t, types.ConsumerStatusActive, got.ConsumerStatus)
		assertTime(t, want.at, got.ConsumerCreationTimestamp)
	}
	assert.Equal(t, aws.Int32(3), summary(t, c, "s").ConsumerCount)

	page, err := c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s")), MaxResults: aws.Int32(2)})
	require.NoError(t, err)
	assert.Equal(t, list.Consumers[:2], page.Consumers)
	require.NotNil(t, page.NextToken)
	next, err := c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s")), NextToken: page.NextToken})
	require.NoError(t, err)
	assert.Equal(t, list.Consumers[2:], next.Consumers)
	assert.Nil(t, next.NextToken)
	var names []string
	p := kinesis.NewListStreamConsumersPaginator(c, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s")), MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		for _, cons := range page.Consumers {
			names = append(names, aws.ToString(cons.ConsumerName))
		}
	}
	assert.Equal(t, []string{"app", "b", "c"}, names)
	_, err = c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s")), StreamCreationTimestamp: aws.Time(epoch)})
	require.NoError(t, err)
	_, err = c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s")), StreamCreationTimestamp: aws.Time(epoch.Add(time.Second))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream s under account 000000000000 not found.")
	_, err = c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s")), MaxResults: aws.Int32(0)})
	requireValidation(t, err, "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")

	_, err = c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("app")})
	requireAWSError[*types.ResourceInUseException](t, err, "Consumer app under stream s already exists for account 000000000000.")
	_, err = c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN("nope")), ConsumerName: aws.String("app")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
	_, err = c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("bad name")})
	requireValidation(t, err, "1 validation error detected: Value 'bad name' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{})
	requireAWSError[*types.InvalidArgumentException](t, err, "Either ConsumerARN or both StreamARN and ConsumerName must be provided.")

	_, err = c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(arn)})
	require.NoError(t, err)
	_, err = c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("b")})
	require.NoError(t, err)
	_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arn)})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Consumer app under stream s not found for account 000000000000.")
	_, err = c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("b")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Consumer b under stream s not found for account 000000000000.")
	list, err = c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	require.Len(t, list.Consumers, 1)
	assert.Equal(t, "c", aws.ToString(list.Consumers[0].ConsumerName))

	// A new consumer of an old name is another consumer: the old ARN does
	// not name it.
	srv.Clock.Advance(time.Second)
	again := register(t, c, "s", "app")
	assert.NotEqual(t, arn, aws.ToString(again.ConsumerARN))
	_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arn)})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Consumer app under stream s not found for account 000000000000.")

	// A stream with consumers is deleted only with EnforceConsumerDeletion.
	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")})
	requireAWSError[*types.ResourceInUseException](t, err, "Stream s under account 000000000000 has registered consumers. Deregister them first, or delete the stream with EnforceConsumerDeletion.")
	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s"), EnforceConsumerDeletion: aws.Bool(true)})
	require.NoError(t, err)
	_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: again.ConsumerARN})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream s under account 000000000000 not found.")
}

func TestE2EConsumerLimitsAndDelays(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{
		ConsumerCreating: 5 * time.Second, ConsumerDeleting: 3 * time.Second})))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	status := func(name string) types.ConsumerStatus {
		t.Helper()
		out, err := c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String(name)})
		require.NoError(t, err)
		return out.ConsumerDescription.ConsumerStatus
	}

	for i := range 5 {
		register(t, c, "s", fmt.Sprintf("c%02d", i))
	}
	assert.Equal(t, types.ConsumerStatusCreating, status("c00"))
	_, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("c05")})
	requireAWSError[*types.LimitExceededException](t, err, "Stream s under account 000000000000 already has 5 consumers in CREATING state.")
	// A CREATING consumer cannot subscribe yet.
	_, err = c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumerARN("s", "c00", epoch)), ShardId: aws.String(shardID(0)),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	requireAWSError[*types.ResourceInUseException](t, err, "Consumer "+consumerARN("s", "c00", epoch)+" is not ACTIVE, instead in state CREATING.")

	srv.Clock.Advance(5 * time.Second)
	assert.Equal(t, types.ConsumerStatusActive, status("c00"))
	for i := 5; i < 20; i++ {
		if i%5 == 0 {
			srv.Clock.Advance(5 * time.Second)
		}
		register(t, c, "s", fmt.Sprintf("c%02d", i))
	}
	srv.Clock.Advance(5 * time.Second)
	_, err = c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("c20")})
	requireAWSError[*types.LimitExceededException](t, err, "Stream s under account 000000000000 already has 20 registered consumers, the most it may have.")

	_, err = c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("c00")})
	require.NoError(t, err)
	assert.Equal(t, types.ConsumerStatusDeleting, status("c00"))
	srv.Clock.Advance(3 * time.Second)
	_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("c00")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Consumer c00 under stream s not found for account 000000000000.")
	register(t, c, "s", "c20")
}

func TestE2ESubscribeToShard(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		opts  []minikinesistest.Option
		proto int32
	}{
		{"HTTP/1.1", nil, 1},
		{"HTTP/2 over TLS", []minikinesistest.Option{minikinesistest.WithHTTP2()}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &protoRecorder{}
			srv := newServer(t, append(tc.opts, minikinesistest.WithClientOptions(func(o *kinesis.Options) {
				rec.next = o.HTTPClient
				o.HTTPClient = rec
			}))...)
			c, ctx := srv.Client, t.Context()
			createStream(t, c, "s", 2)
			consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
			put := func(data string) *kinesis.PutRecordOutput {
				t.Helper()
				out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("pk-" + data), ExplicitHashKey: aws.String("0"), Data: []byte(data)})
				require.NoError(t, err)
				return out
			}
			var arrivals []time.Time
			var seqs []string
			for i := range 3 {
				arrivals = append(arrivals, srv.Clock.Advance(1250*time.Millisecond))
				seqs = append(seqs, aws.ToString(put(fmt.Sprint(i)).SequenceNumber))
			}

			es := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
			assert.Equal(t, tc.proto, rec.major.Load(), "the subscription's HTTP version")
			recs, last := collect(t, es, 3)
			for i, r := range recs {
				assert.Equal(t, fmt.Sprint(i), string(r.Data))
				assert.Equal(t, "pk-"+fmt.Sprint(i), aws.ToString(r.PartitionKey))
				assert.Equal(t, seqs[i], aws.ToString(r.SequenceNumber))
				assert.Equal(t, wantSeq(epoch, 0, uint64(i+1), arrivals[i]), aws.ToString(r.SequenceNumber))
				assertTime(t, arrivals[i], r.ApproximateArrivalTimestamp)
				assert.Empty(t, r.EncryptionType, "unencrypted records carry no EncryptionType")
			}
			assert.Equal(t, aws.Int64(0), last.MillisBehindLatest)
			require.NotNil(t, last.ContinuationSequenceNumber)
			assert.Equal(t, uint64(3), seqCounter(t, *last.ContinuationSequenceNumber), "continues after the last record delivered")
			assert.Empty(t, last.ChildShards)

			// Records written while subscribed arrive as they come.
			put("3")
			put("4")
			recs, last = collect(t, es, 2)
			assert.Equal(t, []string{"3", "4"}, dataOf(recs))
			assert.Equal(t, uint64(5), seqCounter(t, aws.ToString(last.ContinuationSequenceNumber)))
			continuation := last.ContinuationSequenceNumber
			require.NoError(t, es.Close())

			// The same consumer may subscribe to the same shard again after 5 s.
			_, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String(shardID(0)),
				StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
			requireAWSError[*types.ResourceInUseException](t, err, "Another active subscription exists for this consumer: "+consumer+", shard: shardId-000000000000.")
			// ... and another shard at once.
			other := subscribe(t, srv, consumer, 1, &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
			ev, ok := nextEvent(t, other)
			require.True(t, ok)
			assert.Empty(t, ev.Records)

			srv.Clock.Advance(5 * time.Second)
			put("5")
			es = subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: continuation})
			recs, _ = collect(t, es, 1)
			assert.Equal(t, []string{"5"}, dataOf(recs), "resuming after the continuation number misses nothing and repeats nothing")
		})
	}
}

func TestE2ESubscribeStartingPositions(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	var seqs []string
	var arrivals []time.Time
	for i := range 4 {
		arrivals = append(arrivals, srv.Clock.Advance(time.Second))
		out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte(fmt.Sprint(i))})
		require.NoError(t, err)
		seqs = append(seqs, aws.ToString(out.SequenceNumber))
	}
	// One consumer per position: a consumer subscribes to a shard once in 5 s.
	for i, tc := range []struct {
		pos  types.StartingPosition
		want []string
	}{
		{types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}, []string{"0", "1", "2", "3"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(seqs[1])}, []string{"1", "2", "3"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: aws.String(seqs[1])}, []string{"2", "3"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(arrivals[3])}, []string{"3"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeLatest}, nil},
	} {
		t.Run(string(tc.pos.Type), func(t *testing.T) {
			consumer := aws.ToString(register(t, c, "s", fmt.Sprintf("c%d", i)).ConsumerARN)
			pos := tc.pos
			es := subscribe(t, srv, consumer, 0, &pos)
			if tc.want == nil {
				ev, ok := nextEvent(t, es)
				require.True(t, ok)
				assert.Empty(t, ev.Records, "LATEST starts after the records already there")
				return
			}
			recs, _ := collect(t, es, len(tc.want))
			assert.Equal(t, tc.want, dataOf(recs))
		})
	}
}

func TestE2ESubscriptionEndsAtTheEndOfAClosedShard(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithHTTP2())
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("before")})
	require.NoError(t, err)

	es := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	recs, _ := collect(t, es, 1)
	assert.Equal(t, []string{"before"}, dataOf(recs))

	const mid = "170141183460469231731687303715884105728"
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String(mid)})
	require.NoError(t, err)
	var last types.SubscribeToShardEvent
	for {
		ev, ok := nextEvent(t, es)
		require.True(t, ok, "the stream ended before naming the child shards: %v", es.Err())
		if len(ev.ChildShards) > 0 {
			last = ev
			break
		}
		assert.Empty(t, ev.Records)
	}
	assert.Equal(t, []types.ChildShard{
		{ShardId: aws.String(shardID(1)), ParentShards: []string{shardID(0)}, HashKeyRange: hashRange("0", minus1(mid))},
		{ShardId: aws.String(shardID(2)), ParentShards: []string{shardID(0)}, HashKeyRange: hashRange(mid, maxHashKey)},
	}, last.ChildShards)
	assert.Nil(t, last.ContinuationSequenceNumber, "nothing to continue from at the end of a shard")
	require.NoError(t, requireEnded(t, es), "the subscription ends cleanly after the child shards")
}

func TestE2ESubscriptionLastsFiveMinutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Client
	createStream(t, c, "s", 1)
	consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
	es := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	_, ok := nextEvent(t, es)
	require.True(t, ok)

	srv.Clock.Advance(minikinesis.SubscriptionLifetime)
	require.NoError(t, requireEnded(t, es), "after five minutes the stream ends, without an error")
}

func TestE2ESubscriptionEndedByDeregistration(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithHTTP2())
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
	es := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	_, ok := nextEvent(t, es)
	require.True(t, ok)

	_, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(consumer)})
	require.NoError(t, err)
	err = requireEnded(t, es)
	nf, ok := errorsAs[*types.ResourceNotFoundException](err)
	require.True(t, ok, "want the SDK's ResourceNotFoundException from the event stream, got %T %v", err, err)
	assert.Equal(t, "Consumer app under stream s not found for account 000000000000.", nf.ErrorMessage())
}

func TestE2ESubscriptionReplacedByANewerOne(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Client
	createStream(t, c, "s", 1)
	consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
	old := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	_, ok := nextEvent(t, old)
	require.True(t, ok)

	srv.Clock.Advance(5 * time.Second)
	newer := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	err := requireEnded(t, old)
	inUse, ok := errorsAs[*types.ResourceInUseException](err)
	require.True(t, ok, "want the SDK's ResourceInUseException from the event stream, got %T %v", err, err)
	assert.Equal(t, "The subscription was replaced by a newer subscription of consumer "+consumer+" to shard shardId-000000000000.", inUse.ErrorMessage())
	_, ok = nextEvent(t, newer)
	assert.True(t, ok, "the newer subscription delivers")
}

func TestE2ESubscribeErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
	sub := func(consumer, shard string, pos types.StartingPosition) error {
		_, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String(shard), StartingPosition: &pos})
		return err
	}
	latest := types.StartingPosition{Type: types.ShardIteratorTypeLatest}

	requireAWSError[*types.ResourceNotFoundException](t, sub(consumerARN("s", "ghost", epoch), shardID(0), latest),
		"Consumer ghost under stream s not found for account 000000000000.")
	requireAWSError[*types.ResourceNotFoundException](t, sub(consumer, shardID(9), latest),
		"Could not find shard shardId-000000000009 in stream s under account 000000000000.")
	requireAWSError[*types.InvalidArgumentException](t, sub(consumer, shardID(0), types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber}),
		"Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.")
	requireAWSError[*types.InvalidArgumentException](t, sub(consumer, shardID(0), types.StartingPosition{Type: types.ShardIteratorTypeAtTimestamp}),
		"Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")
	requireAWSError[*types.InvalidArgumentException](t, sub("arn:aws:kinesis:us-east-1:000000000000:stream/s", shardID(0), latest),
		"ConsumerARN arn:aws:kinesis:us-east-1:000000000000:stream/s is not a valid consumer ARN.")
}
