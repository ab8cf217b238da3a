package minikinesis

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFastForwardMovesEverythingAtOnce(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute}))
	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "s", ShardCount: 1}))
	s, err := k.Stream("s")
	require.NoError(t, err)
	assert.Equal(t, StreamStatusCreating, s.Status())
	now, err := k.FastForward(time.Minute)
	require.NoError(t, err)
	assert.Equal(t, testEpoch.Add(time.Minute), now)
	assert.Equal(t, StreamStatusActive, s.Status())
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("x")})
	require.NoError(t, err)
	it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	_, err = k.FastForward(25 * time.Hour)
	require.NoError(t, err)
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it.ShardIterator})
	requireAPIError[*ExpiredIteratorException](t, err)
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	assert.Empty(t, recs, "retention followed the same jump")

	wall := New()
	_, err = wall.FastForward(time.Second)
	assert.Error(t, err, "the wall clock cannot be moved")
}

func TestResetEmptiesTheAccount(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithShardLimit(4))
	s := createStream(t, k, "s", 4)
	k.AddFault(FaultRule{Operation: "ListStreams", Err: injected})
	k.Reset()
	assert.Empty(t, k.StreamNames())
	assert.Empty(t, k.Calls())
	assert.False(t, k.FaultsInstalled())
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("x")})
	requireAPIError[*ResourceNotFoundException](t, err)
	createStream(t, k, "s", 4) // the shard quota was released
}

func TestSnapshotAndRestore(t *testing.T) {
	t.Parallel()
	fixture, _ := newTestKinesis(t)
	s := createStream(t, fixture, "orders", 2)
	require.NoError(t, fixture.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "orders", Tags: map[string]string{"team": "a"}}))
	_, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: entries(10, "k", 4)})
	require.NoError(t, err)
	require.NoError(t, fixture.SplitShard(t.Context(), &SplitShardInput{StreamName: "orders", ShardToSplit: "0", NewStartingHashKey: "1000"}))
	_, err = fixture.RegisterStreamConsumer(t.Context(), &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	require.NoError(t, err)
	snap := fixture.Snapshot()
	assert.Equal(t, []string{"orders"}, snap.StreamNames())
	assert.Equal(t, testEpoch, snap.Taken())

	// Two tests restore the same fixture and diverge independently.
	for i := 0; i < 2; i++ {
		k, _ := newTestKinesis(t, WithAccountID("12345678901"+itoa(i)))
		k.Restore(snap)
		r, err := k.Stream("orders")
		require.NoError(t, err)
		assert.Equal(t, "arn:aws:kinesis:us-east-1:12345678901"+itoa(i)+":stream/orders", r.ARN())
		all, err := r.ReadAll(t.Context())
		require.NoError(t, err)
		assert.Len(t, all, 10)
		assert.Len(t, r.Shards(), 4)
		tags, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "orders"})
		require.NoError(t, err)
		assert.Equal(t, []Tag{{Key: "team", Value: "a"}}, tags.Tags)
		consumers, err := k.ListStreamConsumers(t.Context(), &ListStreamConsumersInput{StreamARN: r.ARN()})
		require.NoError(t, err)
		require.Len(t, consumers.Consumers, 1)
		assert.Contains(t, consumers.Consumers[0].ConsumerARN, r.ARN()+"/consumer/app:")

		_, err = r.PutRecords(t.Context(), &PutRecordsInput{Records: entries(5, "k", 4)})
		require.NoError(t, err)
		all, err = r.ReadAll(t.Context())
		require.NoError(t, err)
		assert.Len(t, all, 15)
		// Sequence numbers continue where the fixture stopped.
		for j := 1; j < len(all); j++ {
			if all[j].SequenceNumber.ShardIndex() == all[j-1].SequenceNumber.ShardIndex() {
				assert.Equal(t, -1, all[j-1].SequenceNumber.Compare(all[j].SequenceNumber))
			}
		}
	}
	all, err := s.ReadAll(t.Context())
	require.NoError(t, err)
	assert.Len(t, all, 10, "the fixture never sees the tests' writes")
}

// TestParallelAccountsShareNothing runs many tests at once, each with its
// own account and clock; under -race this also shows there is no shared
// mutable state between Kinesis values.
func TestParallelAccountsShareNothing(t *testing.T) {
	t.Parallel()
	for i := 0; i < 16; i++ {
		t.Run("account-"+itoa(i), func(t *testing.T) {
			t.Parallel()
			k, clock := newTestKinesis(t, WithFaultSeed(uint64(i)))
			s := createStream(t, k, "shared-name", 2)
			k.AddFault(FaultRule{Operation: "PutRecord", Nth: 2, EntryErrorCode: ErrorCodeInternalFailure})
			for j := 0; j < 50+i; j++ {
				_, _ = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: itoa(j), Data: []byte(itoa(i))})
				clock.Advance(time.Millisecond * time.Duration(i+1))
			}
			all, err := s.ReadAll(t.Context())
			require.NoError(t, err)
			assert.Len(t, all, 50+i-1, "exactly one injected failure, in this account only")
			for _, r := range all {
				assert.Equal(t, itoa(i), string(r.Data))
			}
			assert.Equal(t, testEpoch.Add(time.Millisecond*time.Duration((i+1)*(50+i))), clock.Now())
		})
	}
}

// TestTenMinutesPastTheWriteLimit pushes a 4-shard stream past its write
// limit for ten minutes of clock time and checks the accepted and throttled
// counts against the token-bucket arithmetic.
func TestTenMinutesPastTheWriteLimit(t *testing.T) {
	t.Parallel()
	const (
		tick        = 100 * time.Millisecond
		ticks       = 6000 // ten minutes
		perShard    = 125  // records per shard per tick: 1,250/s against 1,000/s
		shardCount  = 4
		refillPerTk = 100 // 1,000 records/s × 100 ms
		bucket      = 1000
	)
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", shardCount)
	ranges := SplitHashKeySpace(shardCount)
	batch := make([]PutRecordsRequestEntry, 0, perShard*shardCount)
	for i := 0; i < perShard; i++ {
		for sh := 0; sh < shardCount; sh++ {
			batch = append(batch, PutRecordsRequestEntry{PartitionKey: "k", Data: make([]byte, 10), ExplicitHashKey: ranges[sh].StartingHashKey.String()})
		}
	}
	accepted := 0
	for i := 0; i < ticks; i++ {
		out, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: batch})
		require.NoError(t, err)
		accepted += len(batch) - out.FailedRecordCount
		clock.Advance(tick)
	}

	// The same arithmetic, independently: a bucket of 1,000 starts full,
	// refills 100 per tick, and each tick takes up to 125.
	tokens, wantPerShard := bucket, 0
	for i := 0; i < ticks; i++ {
		if i > 0 {
			tokens = min(bucket, tokens+refillPerTk)
		}
		take := min(tokens, perShard)
		wantPerShard += take
		tokens -= take
	}
	assert.Equal(t, wantPerShard*shardCount, accepted)
	assert.Equal(t, bucket+(ticks-1)*refillPerTk, wantPerShard, "steady state: the full first bucket plus the refill")
	for sh := 0; sh < shardCount; sh++ {
		m, err := s.ShardMetrics(FormatShardID(sh))
		require.NoError(t, err)
		assert.Equal(t, wantPerShard, m.Records)
		assert.Equal(t, ticks*perShard-wantPerShard, m.WriteThrottled)
	}
}

func TestRestoreKeepsRecordAgesOnAnotherClock(t *testing.T) {
	t.Parallel()
	fixture, fixtureClock := newTestKinesis(t)
	s := createStream(t, fixture, "orders", 1)
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("old")})
	require.NoError(t, err)
	fixtureClock.Advance(20 * time.Hour)
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("new")})
	require.NoError(t, err)
	snap := fixture.Snapshot()

	for _, offset := range []time.Duration{30 * 24 * time.Hour, -365 * 24 * time.Hour, 0} {
		t.Run(offset.String(), func(t *testing.T) {
			t.Parallel()
			clock := NewManualClock(snap.Taken().Add(offset))
			k := New(WithClock(clock))
			k.Restore(snap)
			r, err := k.Stream("orders")
			require.NoError(t, err)
			recs, err := r.ReadAll(t.Context())
			require.NoError(t, err)
			require.Len(t, recs, 2, "nothing expired by the move")
			now := clock.Now()
			assert.Equal(t, 20*time.Hour, now.Sub(recs[0].ApproximateArrivalTimestamp), "the old record is 20 h old, as it was")
			assert.Equal(t, time.Duration(0), now.Sub(recs[1].ApproximateArrivalTimestamp))
			assert.Equal(t, now.Add(-20*time.Hour), r.CreationTime())
			assert.Equal(t, -1, recs[0].SequenceNumber.Compare(recs[1].SequenceNumber), "order kept")

			it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "orders", ShardId: "0",
				ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: now.Add(-time.Hour)})
			require.NoError(t, err, "AT_TIMESTAMP on the restored account's clock")
			out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it.ShardIterator})
			require.NoError(t, err)
			require.Len(t, out.Records, 1)
			assert.Equal(t, "new", string(out.Records[0].Data))

			clock.Advance(4*time.Hour + time.Second) // the old record turns 24 h old
			recs, err = r.ReadAll(t.Context())
			require.NoError(t, err)
			require.Len(t, recs, 1, "and it expires when it would have")
			assert.Equal(t, "new", string(recs[0].Data))
		})
	}
}
