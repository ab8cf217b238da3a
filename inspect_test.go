package minikinesis

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSeedPlacesRecordsAtChosenTimes(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	res, err := s.Seed([]SeedRecord{
		{PartitionKey: "a", Data: []byte("two hours ago"), ArrivalTime: testEpoch.Add(-2 * time.Hour)},
		{PartitionKey: "a", Data: []byte("an hour ago"), ArrivalTime: testEpoch.Add(-time.Hour)},
		{PartitionKey: "a", Data: []byte("now")},
	})
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.Equal(t, "shardId-000000000000", res[0].ShardId)
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, recs, 3)
	assert.Equal(t, testEpoch.Add(-2*time.Hour), recs[0].ApproximateArrivalTimestamp)
	assert.Equal(t, testEpoch, recs[2].ApproximateArrivalTimestamp)
	assert.Equal(t, res[1].SequenceNumber, recs[1].SequenceNumber)

	at, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: testEpoch.Add(-90 * time.Minute)})
	require.NoError(t, err)
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: at.ShardIterator})
	require.NoError(t, err)
	require.Len(t, out.Records, 2)
	assert.Equal(t, "an hour ago", string(out.Records[0].Data))

	_, err = s.Seed([]SeedRecord{{PartitionKey: "a", Data: []byte("x"), ArrivalTime: testEpoch.Add(-3 * time.Hour)}})
	requireAPIError[*InvalidArgumentException](t, err)
	_, err = s.Seed([]SeedRecord{{PartitionKey: "a", ArrivalTime: testEpoch.Add(time.Hour)}})
	requireAPIError[*InvalidArgumentException](t, err)
	_, err = s.Seed([]SeedRecord{{PartitionKey: ""}})
	requireAPIError[*ValidationException](t, err)
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

func TestAddStreamIsActiveAtOnce(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute}), WithControlPlaneRateLimits(), WithShardLimit(10))
	start := clock.Now()
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		s, err := k.AddStream(&CreateStreamInput{StreamName: name, ShardCount: 1})
		require.NoError(t, err, "more than five at once and faster than the CreateStream rate")
		assert.Equal(t, StreamStatusActive, s.Status(), "no CREATING delay")
		assert.Equal(t, start, s.CreationTime(), "created now, not in the past")
	}
	_, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "a", PartitionKey: "k", Data: []byte("x")})
	assert.NoError(t, err, "writable at once")
	assert.Empty(t, k.Calls()[:len(k.Calls())-1], "AddStream is not a logged call")

	_, err = k.AddStream(&CreateStreamInput{StreamName: "a", ShardCount: 1})
	requireAPIError[*ResourceInUseException](t, err)
	_, err = k.AddStream(&CreateStreamInput{StreamName: "bad name!", ShardCount: 1})
	requireAPIError[*ValidationException](t, err)
	_, err = k.AddStream(&CreateStreamInput{StreamName: "big", ShardCount: 4})
	requireAPIError[*LimitExceededException](t, err) // 7 + 4 > the 10-shard limit
	_, err = k.AddStream(nil)
	requireAPIError[*ValidationException](t, err)
}
