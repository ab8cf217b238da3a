package kinesishttp

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONTimestampsAndBlobs(t *testing.T) {
	t.Parallel()
	h, clock := wireServer(t)
	resp := postJSON(t, h, minikinesis.OpPutRecord, `{"StreamName":"s","PartitionKey":"p","Data":"aGVsbG8=","ExplicitHashKey":"0"}`)
	require.Equal(t, http.StatusOK, resp.status, string(resp.body))
	var put struct{ ShardId, SequenceNumber, EncryptionType string }
	require.NoError(t, json.Unmarshal(resp.body, &put))
	assert.Equal(t, "shardId-000000000000", put.ShardId)
	assert.Len(t, put.SequenceNumber, 56)
	assert.Equal(t, "NONE", put.EncryptionType)

	clock.Advance(time.Second)
	it := postJSON(t, h, minikinesis.OpGetShardIterator, `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":1772600767.89}`)
	require.Equal(t, http.StatusOK, it.status, string(it.body))
	var iter struct{ ShardIterator string }
	require.NoError(t, json.Unmarshal(it.body, &iter))
	recs := postJSON(t, h, minikinesis.OpGetRecords, `{"ShardIterator":"`+iter.ShardIterator+`"}`)
	require.Equal(t, http.StatusOK, recs.status)
	assert.Contains(t, string(recs.body), `"ApproximateArrivalTimestamp":1772600767.89,`, "epoch seconds with millis, no exponent")
	assert.Contains(t, string(recs.body), `"Data":"aGVsbG8="`)
	assert.Contains(t, string(recs.body), `"MillisBehindLatest":0`)

	desc := postJSON(t, h, minikinesis.OpDescribeStreamSummary, `{"StreamName":"s"}`)
	assert.Contains(t, string(desc.body), `"StreamCreationTimestamp":1772600767.89`)
}

func TestEpochFormatting(t *testing.T) {
	t.Parallel()
	cases := map[time.Time]string{
		time.Unix(1459799926, 480_000_000): "1459799926.48",
		time.Unix(1459799926, 0):           "1459799926",
		time.Unix(1459799926, 7_000_000):   "1459799926.007",
		time.Unix(1459799926, 999_999_999): "1459799926.999",
	}
	for tm, want := range cases {
		got, err := epochTime(tm).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
		var back epochTime
		require.NoError(t, back.UnmarshalJSON(got))
		assert.Equal(t, tm.UnixMilli(), time.Time(back).UnixMilli())
	}
}
