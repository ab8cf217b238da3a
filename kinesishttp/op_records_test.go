package kinesishttp

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFastPathsMatchGenericCodecs: the hand-written PutRecords and
// GetRecords encoders answer exactly what the generic ones would.
func TestFastPathsMatchGenericCodecs(t *testing.T) {
	t.Parallel()
	for _, c := range []codec{jsonCodec{}, newCBORCodec()} {
		t.Run(c.contentType(), func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t, minikinesis.WithWriteThroughput(minikinesis.Throughput{RecordsPerSecond: 3}))
			in := putRecordsIn{StreamName: ptr("s"), Records: []putRecordsEntryIn{
				{PartitionKey: ptr("a\"b\\c\n"), Data: []byte("one"), ExplicitHashKey: ptr("0")},
				{PartitionKey: ptr("ключ"), Data: []byte{}, ExplicitHashKey: ptr("0")},
				{PartitionKey: ptr("k"), Data: []byte{0, 1, 2}, ExplicitHashKey: ptr("0")},
				{PartitionKey: ptr("k"), Data: []byte("throttled"), ExplicitHashKey: ptr("0")},
			}}
			body, err := c.encode(in)
			require.NoError(t, err)
			resp := post(t, h, c.contentType(), targetPrefix+minikinesis.OpPutRecords, body)
			require.Equal(t, http.StatusOK, resp.status, string(resp.body))
			var got putRecordsOut
			require.NoError(t, c.decode(resp.body, &got))
			assert.Equal(t, 1, got.FailedRecordCount)
			require.Len(t, got.Records, 4)
			assert.Equal(t, "ProvisionedThroughputExceededException", got.Records[3].ErrorCode)
			assert.Empty(t, got.Records[3].ShardId)

			it, err := h.k.GetShardIterator(context.Background(), &minikinesis.GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
			require.NoError(t, err)
			gbody, err := c.encode(getRecordsIn{ShardIterator: &it.ShardIterator})
			require.NoError(t, err)
			fast := post(t, h, c.contentType(), targetPrefix+minikinesis.OpGetRecords, gbody)
			require.Equal(t, http.StatusOK, fast.status, string(fast.body))
			var fastOut getRecordsOut
			require.NoError(t, c.decode(fast.body, &fastOut))
			require.Len(t, fastOut.Records, 3)
			assert.Equal(t, "a\"b\\c\n", fastOut.Records[0].PartitionKey)
			assert.Equal(t, "ключ", fastOut.Records[1].PartitionKey)
			assert.Equal(t, []byte{0, 1, 2}, fastOut.Records[2].Data)
			assert.Equal(t, got.Records[0].SequenceNumber, fastOut.Records[0].SequenceNumber)
			assert.Equal(t, wireEpoch.UnixMilli(), time.Time(fastOut.Records[0].ApproximateArrivalTimestamp).UnixMilli())

			// The generic encoder's bytes decode to the same value.
			model, err := h.k.GetRecords(context.Background(), &minikinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
			require.NoError(t, err)
			genericBytes, err := c.encode(getRecordsResponse(model))
			require.NoError(t, err)
			var genericOut getRecordsOut
			require.NoError(t, c.decode(genericBytes, &genericOut))
			genericOut.NextShardIterator, fastOut.NextShardIterator = nil, nil // fresh iterators differ
			assert.Equal(t, genericOut, fastOut)
		})
	}
}

// TestFastDecoderFallsBack: inputs the fast decoder does not take still get
// AWS's answers from the generic path.
func TestFastDecoderFallsBack(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	cases := map[string]string{
		"escaped key":  `{"StreamName":"s","Records":[{"PartitionKey":"a\u00e9","Data":"eA=="}]}`,
		"unknown key":  `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","Extra":1}]}`,
		"spaces":       ` { "StreamName" : "s" , "Records" : [ { "PartitionKey" : "a" , "Data" : "eA==" } ] } `,
		"null hashkey": `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":null}]}`,
	}
	for name, body := range cases {
		resp := postJSON(t, h, minikinesis.OpPutRecords, body)
		assert.Equal(t, http.StatusOK, resp.status, name+": "+string(resp.body))
		assert.Contains(t, string(resp.body), `"FailedRecordCount":0`, name)
	}
	resp := postJSON(t, h, minikinesis.OpPutRecords, `{"StreamName":"s","Records":[{"Data":"eA=="}]}`)
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.JSONEq(t, `{"__type":"ValidationException","message":"1 validation error detected: Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null"}`, string(resp.body))
	// A raw CR or LF is not JSON, though base64 would skip it: the fast
	// decoder must not take what the generic one refuses.
	for _, data := range []string{"eA\n==", "eA==\r\n", "eA\r\n\r\n=="} {
		resp = postJSON(t, h, minikinesis.OpPutRecords, `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"`+data+`"}]}`)
		assert.Equal(t, http.StatusBadRequest, resp.status, data)
		assert.JSONEq(t, `{"__type":"SerializationException"}`, string(resp.body), data)
	}
}
