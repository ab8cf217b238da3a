package minikinesis

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// busyAccount gives k a history touching every part of the state:
// records before and after a split and a merge, retention, mode, record
// size, encryption, monitoring, tags, consumers (one still CREATING), a
// stream deleted and one added ACTIVE.
func busyAccount(t *testing.T, k *Kinesis, clock *ManualClock) {
	t.Helper()
	ctx := context.Background()
	s := createStream(t, k, "orders", 2)
	put := func(n int, prefix string) {
		for i := range n {
			_, err := s.PutRecord(ctx, &PutRecordInput{PartitionKey: prefix + strconv.Itoa(i), Data: []byte(prefix + "-data-" + strconv.Itoa(i))})
			require.NoError(t, err)
			clock.Advance(time.Millisecond)
		}
	}
	put(20, "a")
	require.NoError(t, k.SplitShard(ctx, &SplitShardInput{StreamName: "orders", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "85070591730234615865843651857942052864"}))
	put(20, "b")
	require.NoError(t, k.MergeShards(ctx, &MergeShardsInput{StreamName: "orders", ShardToMerge: "shardId-000000000002", AdjacentShardToMerge: "shardId-000000000003"}))
	require.NoError(t, k.StartStreamEncryption(ctx, &StartStreamEncryptionInput{StreamName: "orders", EncryptionType: EncryptionTypeKMS, KeyId: "alias/aws/kinesis"}))
	put(10, "c")
	require.NoError(t, k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{StreamName: "orders", RetentionPeriodHours: 48}))
	_, err := k.EnableEnhancedMonitoring(ctx, &EnableEnhancedMonitoringInput{StreamName: "orders", ShardLevelMetrics: []string{"IncomingBytes"}})
	require.NoError(t, err)
	require.NoError(t, k.AddTagsToStream(ctx, &AddTagsToStreamInput{StreamName: "orders", Tags: map[string]string{"team": "shop", "env": "test"}}))
	require.NoError(t, k.RemoveTagsFromStream(ctx, &RemoveTagsFromStreamInput{StreamName: "orders", TagKeys: []string{"env"}}))
	_, err = k.RegisterStreamConsumer(ctx, &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	require.NoError(t, err)

	other := createStream(t, k, "events", 1)
	require.NoError(t, k.UpdateMaxRecordSize(ctx, &UpdateMaxRecordSizeInput{StreamARN: other.ARN(), MaxRecordSizeInKiB: 2048}))
	_, err = k.UpdateShardCount(ctx, &UpdateShardCountInput{StreamName: "events", TargetShardCount: 2, ScalingType: ScalingTypeUniformScaling})
	require.NoError(t, err)
	_, err = other.Seed([]SeedRecord{{PartitionKey: "old", Data: []byte("seeded"), ArrivalTime: clock.Now().Add(-time.Hour)}})
	require.NoError(t, err)
	require.NoError(t, k.UpdateStreamMode(ctx, &UpdateStreamModeInput{StreamARN: other.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))

	createStream(t, k, "doomed", 1)
	require.NoError(t, k.DeleteStream(ctx, &DeleteStreamInput{StreamName: "doomed"}))
	_, err = k.AddStream(&CreateStreamInput{StreamName: "ready", ShardCount: 1, Tags: map[string]string{"k": "v"}})
	require.NoError(t, err)
}

// stateJSON is a state as JSON without its checkpoint, for comparing.
func stateJSON(t *testing.T, st *State) string {
	t.Helper()
	c := *st
	c.Checkpoint = 0
	b, err := json.Marshal(&c)
	require.NoError(t, err)
	return string(b)
}

func TestNewFromStateContinuesExactly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{ConsumerCreating: time.Minute}))
	busyAccount(t, k, clock)
	s, err := k.Stream("orders")
	require.NoError(t, err)
	parentRecords, err := s.ShardRecords("shardId-000000000000")
	require.NoError(t, err)
	require.NotEmpty(t, parentRecords)
	it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "orders", ShardId: "shardId-000000000004",
		ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)

	k2, err := NewFromState(k.ExportState(), WithClock(clock), WithStateDelays(StateDelays{ConsumerCreating: time.Minute}))
	require.NoError(t, err)
	assert.Equal(t, stateJSON(t, k.ExportState()), stateJSON(t, k2.ExportState()))
	assert.Equal(t, []string{"events", "orders", "ready"}, k2.StreamNames())

	s2, err := k2.Stream("orders")
	require.NoError(t, err)
	assert.Equal(t, s.Shards(), s2.Shards(), "closed shards and lineage kept")
	got, err := s2.ShardRecords("shardId-000000000000")
	require.NoError(t, err)
	assert.Equal(t, parentRecords, got)

	// An iterator of the first account reads in the second: same key.
	read, err := k2.GetRecords(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.NotEmpty(t, read.Records)
	assert.Equal(t, EncryptionTypeKMS, read.Records[0].EncryptionType)

	// Positions by sequence number, and numbers go on increasing.
	at, err := k2.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "orders", ShardId: "shardId-000000000000",
		ShardIteratorType: ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: parentRecords[4].SequenceNumber.String()})
	require.NoError(t, err)
	after, err := k2.GetRecords(ctx, &GetRecordsInput{ShardIterator: at.ShardIterator})
	require.NoError(t, err)
	assert.Equal(t, parentRecords[5:], after.Records)
	last := read.Records[len(read.Records)-1].SequenceNumber
	put, err := k2.PutRecord(ctx, &PutRecordInput{StreamName: "orders", PartitionKey: "c0", ExplicitHashKey: "0", Data: []byte("new")})
	require.NoError(t, err)
	assert.Equal(t, "shardId-000000000004", put.ShardId)
	assert.Equal(t, last.Counter()+1, put.SequenceNumber.Counter())

	// The consumer is still CREATING until its delay ends; tags kept.
	cons, err := k2.ListStreamConsumers(ctx, &ListStreamConsumersInput{StreamARN: s2.ARN()})
	require.NoError(t, err)
	require.Len(t, cons.Consumers, 1)
	assert.Equal(t, ConsumerStatusCreating, cons.Consumers[0].ConsumerStatus)
	tags, err := k2.ListTagsForStream(ctx, &ListTagsForStreamInput{StreamName: "orders"})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{Key: "team", Value: "shop"}}, tags.Tags)

	// Retention runs from the original arrival times.
	clock.Set(parentRecords[0].ApproximateArrivalTimestamp.Add(48 * time.Hour))
	got, err = s2.ShardRecords("shardId-000000000000")
	require.NoError(t, err)
	assert.Equal(t, parentRecords, got, "48 h after the first arrival, all still kept")
	clock.Set(parentRecords[len(parentRecords)-1].ApproximateArrivalTimestamp.Add(48*time.Hour + time.Millisecond))
	got, err = s2.ShardRecords("shardId-000000000000")
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestStateEncodesAsJSON(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	busyAccount(t, k, clock)
	want := stateJSON(t, k.ExportState())

	var st State
	require.NoError(t, json.Unmarshal([]byte(want), &st))
	k2, err := NewFromState(&st, WithClock(clock))
	require.NoError(t, err)
	assert.JSONEq(t, want, stateJSON(t, k2.ExportState()))
}

func TestExportStateLeavesOutExpiredRecords(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	_, err := s.PutRecord(context.Background(), &PutRecordInput{PartitionKey: "k", Data: []byte("old")})
	require.NoError(t, err)
	st := k.ExportState()
	clock.Advance(25 * time.Hour)
	_, err = s.PutRecord(context.Background(), &PutRecordInput{PartitionKey: "k", Data: []byte("new")})
	require.NoError(t, err)

	assert.Equal(t, 0, st.Streams[0].Shards[0].Records.Len(), "the exported view drops what retention dropped since")
	now := k.ExportState().Streams[0].Shards[0]
	assert.Equal(t, 1, now.Records.Len())
	assert.Equal(t, uint64(2), now.LastCounter, "the counter outlives the expired record")
}

func TestImportStateReplacesTheAccount(t *testing.T) {
	t.Parallel()
	src, clock := newTestKinesis(t)
	busyAccount(t, src, clock)
	dst, _ := newTestKinesis(t, WithRegion("eu-west-1"))
	createStream(t, dst, "gone", 1)

	require.NoError(t, dst.ImportState(src.ExportState()))
	assert.Equal(t, []string{"events", "orders", "ready"}, dst.StreamNames())
	s, err := dst.Stream("orders")
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:kinesis:eu-west-1:000000000000:stream/orders", s.ARN())
	cons, err := dst.ListStreamConsumers(context.Background(), &ListStreamConsumersInput{StreamARN: s.ARN()})
	require.NoError(t, err)
	require.Len(t, cons.Consumers, 1)
	assert.Equal(t, s.ARN()+"/consumer/app:"+strconv.FormatInt(testEpoch.Unix(), 10), cons.Consumers[0].ConsumerARN)
}

func TestImportStateRejectsBadStates(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	busyAccount(t, k, clock)
	for _, tt := range []struct {
		name   string
		spoil  func(st *State)
		stream string
		reason string
	}{
		{"stream twice", func(st *State) { st.Streams = append(st.Streams, st.Streams[0]) }, "events", "given twice"},
		{"gap in the key space", func(st *State) { st.Streams[2].Shards[0].Closed = testEpoch }, "ready", "open shards end at 0"},
		{"parent after child", func(st *State) { st.Streams[1].Shards[1].ParentShardId = "shardId-000000000003" }, "orders", "parent shardId-000000000003 is not an earlier shard"},
		{"unknown status", func(st *State) { st.Streams[0].Status = "LOST" }, "events", "unknown status LOST"},
		{"short retention", func(st *State) { st.Streams[0].RetentionHours = 1 }, "events", "retention of 1 hours"},
		{"bad iterator key", func(st *State) { st.IteratorKey = []byte("short") }, "", "iterator key of 5 bytes, want 32"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := k.ExportState()
			tt.spoil(st)
			_, err := NewFromState(st)
			var se *StateError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.stream, se.Stream)
			assert.Contains(t, se.Reason, tt.reason)
			assert.Contains(t, err.Error(), tt.reason)
		})
	}
}

func TestRecordListAppendChecksOrder(t *testing.T) {
	t.Parallel()
	var l RecordList
	require.NoError(t, l.Append(StoredRecord{Counter: 2, Arrival: testEpoch, PartitionKey: "k", Data: []byte("x")}))
	var se *StateError
	require.ErrorAs(t, l.Append(StoredRecord{Counter: 2, Arrival: testEpoch}), &se)
	assert.Equal(t, "record counter 2 does not follow counter 2", se.Reason)
	require.ErrorAs(t, l.Append(StoredRecord{Counter: 3, Arrival: testEpoch.Add(-1)}), &se)
	assert.Equal(t, "record 3 arrives before the record it follows", se.Reason)
	assert.Equal(t, 1, l.Len())
	for r := range l.All() {
		assert.Equal(t, StoredRecord{Counter: 2, Arrival: testEpoch, PartitionKey: "k", Data: []byte("x")}, r)
	}
}
