package console_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
)

type streamView struct {
	Stream minikinesis.StreamInfo
	Shards []struct {
		ShardId, ParentShardId, AdjacentParentShardId string
		StartingHashKey, EndingHashKey                string
		Start, End                                    float64
		EndingSequenceNumber                          string
		Open                                          bool
		Records, RecordsPerSecond, BytesPerSecond     int
		WriteThrottled, ReadThrottled, ReadCalls      int
	}
	Limits minikinesis.ShardLimits
}

func TestStreamsCreateListDescribeDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var created minikinesis.StreamInfo
	require.Equal(t, http.StatusCreated, f.do("POST", "streams", map[string]any{"StreamName": "orders", "ShardCount": 2, "Tags": map[string]string{"team": "pay"}}, &created))
	assert.Equal(t, "orders", created.Name)
	assert.Equal(t, minikinesis.StreamStatusActive, created.Status)
	assert.Equal(t, minikinesis.StreamModeProvisioned, created.Mode)
	assert.Equal(t, 2, created.OpenShards)
	assert.Equal(t, map[string]string{"team": "pay"}, created.Tags)

	var e apiErr
	require.Equal(t, http.StatusConflict, f.do("POST", "streams", map[string]any{"StreamName": "orders", "ShardCount": 1}, &e))
	assert.Equal(t, "ResourceInUseException", e.Type)
	require.Equal(t, http.StatusBadRequest, f.do("POST", "streams", map[string]any{"StreamName": "bad name!", "ShardCount": 1}, &e))
	assert.Equal(t, "ValidationException", e.Type, "the model's AWS errors come through")

	_, err := f.k.RegisterStreamConsumer(context.Background(), &minikinesis.RegisterStreamConsumerInput{StreamARN: created.ARN, ConsumerName: "app"})
	require.NoError(t, err)
	var list []minikinesis.StreamInfo
	require.Equal(t, http.StatusOK, f.do("GET", "streams", nil, &list))
	require.Len(t, list, 1)
	require.Len(t, list[0].Consumers, 1)
	assert.Equal(t, "app", list[0].Consumers[0].ConsumerName)
	assert.Equal(t, 24, list[0].RetentionHours)

	require.Equal(t, http.StatusConflict, f.do("DELETE", "streams/orders", nil, &e), "consumers block a plain delete")
	assert.Equal(t, "ResourceInUseException", e.Type)
	require.Equal(t, http.StatusNoContent, f.do("DELETE", "streams/orders?enforceConsumerDeletion=true", nil, nil))
	assert.Empty(t, f.k.StreamNames())
	require.Equal(t, http.StatusNotFound, f.do("GET", "streams/orders", nil, &e))
	assert.Equal(t, "ResourceNotFoundException", e.Type)
}

func TestStreamViewDrawsShardsAndTheirTraffic(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 2)
	for i := range 5 {
		f.put("orders", "k", strings.Repeat("x", 10+i))
	}
	err := f.k.SplitShard(context.Background(), &minikinesis.SplitShardInput{StreamName: "orders", ShardToSplit: "shardId-000000000001",
		NewStartingHashKey: "255211775190703847597530955573826158592"})
	require.NoError(t, err)

	var v streamView
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders", nil, &v))
	require.Len(t, v.Shards, 4)
	assert.Equal(t, 1000, v.Limits.Write.RecordsPerSecond)
	assert.True(t, v.Limits.WritesThrottled)
	byID := map[string]int{}
	for i, s := range v.Shards {
		byID[s.ShardId] = i
	}
	written := v.Shards[0]
	if written.Records == 0 {
		written = v.Shards[1]
	}
	assert.Equal(t, 5, written.Records)
	assert.Equal(t, 5, written.RecordsPerSecond)
	assert.Equal(t, 5*1+10+11+12+13+14, written.BytesPerSecond)
	assert.InDelta(t, 0.0, v.Shards[0].Start, 1e-9)
	assert.InDelta(t, 0.5, v.Shards[0].End, 1e-9)
	parent := v.Shards[1]
	assert.False(t, parent.Open)
	assert.NotEmpty(t, parent.EndingSequenceNumber)
	child := v.Shards[2]
	assert.True(t, child.Open)
	assert.Equal(t, "shardId-000000000001", child.ParentShardId)
	assert.InDelta(t, 0.5, child.Start, 1e-9)
	assert.InDelta(t, 0.75, child.End, 1e-9)

	f.clock.Advance(2 * time.Second)
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders", nil, &v))
	for _, s := range v.Shards {
		assert.Zero(t, s.RecordsPerSecond, "the last second saw no writes")
	}

	it, err := f.k.GetShardIterator(context.Background(), &minikinesis.GetShardIteratorInput{StreamName: "orders", ShardId: written.ShardId, ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	_, err = f.k.GetRecords(context.Background(), &minikinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders", nil, &v))
	assert.Equal(t, 1, v.Shards[byID[written.ShardId]].ReadCalls)
}
