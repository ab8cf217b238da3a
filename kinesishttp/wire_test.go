package kinesishttp

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var wireEpoch = time.Date(2026, 3, 4, 5, 6, 7, 890_000_000, time.UTC)

// wireServer is a handler over a model with a manual clock and a stream
// "s" of two shards.
func wireServer(t *testing.T, opts ...minikinesis.Option) (*Handler, *minikinesis.ManualClock) {
	t.Helper()
	clock := minikinesis.NewManualClock(wireEpoch)
	k := minikinesis.New(append([]minikinesis.Option{minikinesis.WithClock(clock)}, opts...)...)
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 2}))
	return NewHandler(k), clock
}

type rawResponse struct {
	status int
	header http.Header
	body   []byte
}

func post(t *testing.T, h http.Handler, contentType, target string, body []byte) rawResponse {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rawResponse{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

func postJSON(t *testing.T, h http.Handler, op, body string) rawResponse {
	t.Helper()
	return post(t, h, contentTypeJSON, targetPrefix+op, []byte(body))
}

func TestRequestLevelErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		method      string
		contentType string
		target      string
		body        string
		wantStatus  int
		wantBody    string
	}{
		{name: "unknown operation", contentType: contentTypeJSON, target: "Kinesis_20131202.Fly", body: "{}",
			wantStatus: 400, wantBody: `{"__type":"UnknownOperationException"}`},
		{name: "wrong service", contentType: contentTypeJSON, target: "DynamoDB_20120810.ListTables", body: "{}",
			wantStatus: 400, wantBody: `{"__type":"UnknownOperationException"}`},
		{name: "no target", contentType: contentTypeJSON, body: "{}",
			wantStatus: 400, wantBody: `{"__type":"UnknownOperationException"}`},
		{name: "empty body", contentType: contentTypeJSON, target: "Kinesis_20131202.ListStreams",
			wantStatus: 400, wantBody: `{"__type":"SerializationException"}`},
		{name: "malformed JSON", contentType: contentTypeJSON, target: "Kinesis_20131202.ListStreams", body: "{",
			wantStatus: 400, wantBody: `{"__type":"SerializationException"}`},
		{name: "JSON array", contentType: contentTypeJSON, target: "Kinesis_20131202.ListStreams", body: "[]",
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Start of list found where not expected"}`},
		{name: "string for integer", contentType: contentTypeJSON, target: "Kinesis_20131202.ListStreams", body: `{"Limit":"5"}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class java.lang.String can not be converted to an Integer"}`},
		{name: "number for string", contentType: contentTypeJSON, target: "Kinesis_20131202.DescribeStream", body: `{"StreamName":5}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class java.math.BigDecimal can not be converted to an String"}`},
		{name: "bool for string", contentType: contentTypeJSON, target: "Kinesis_20131202.DescribeStream", body: `{"StreamName":true}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class java.lang.Boolean can not be converted to an String"}`},
		{name: "object for string", contentType: contentTypeJSON, target: "Kinesis_20131202.DescribeStream", body: `{"StreamName":{}}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Start of structure or map found where not expected."}`},
		{name: "string for list", contentType: contentTypeJSON, target: "Kinesis_20131202.PutRecords", body: `{"StreamName":"s","Records":"x"}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Expected list or null"}`},
		{name: "number for blob", contentType: contentTypeJSON, target: "Kinesis_20131202.PutRecord", body: `{"StreamName":"s","PartitionKey":"p","Data":5}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class java.math.BigDecimal can not be converted to a Blob"}`},
		{name: "bad base64", contentType: contentTypeJSON, target: "Kinesis_20131202.PutRecord", body: `{"StreamName":"s","PartitionKey":"p","Data":"!!!!"}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Invalid Base64 character at input byte 0: can not be converted to a Blob"}`},
		{name: "missing members", contentType: contentTypeJSON, target: "Kinesis_20131202.PutRecord", body: `{}`,
			wantStatus: 400, wantBody: `{"__type":"ValidationException","message":"2 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; Value null at 'data' failed to satisfy constraint: Member must not be null"}`},
		{name: "missing stream", contentType: contentTypeJSON, target: "Kinesis_20131202.DescribeStream", body: `{"StreamName":"nope"}`,
			wantStatus: 400, wantBody: `{"__type":"ResourceNotFoundException","message":"Stream nope under account 000000000000 not found."}`},
		{name: "GetRecords Limit 0", contentType: contentTypeJSON, target: "Kinesis_20131202.GetRecords", body: `{"ShardIterator":"x","Limit":0}`,
			wantStatus: 400, wantBody: `{"__type":"ValidationException","message":"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{name: "GET method", method: http.MethodGet, contentType: contentTypeJSON, target: "Kinesis_20131202.ListStreams",
			wantStatus: 403, wantBody: `{"__type":"AccessDeniedException","message":"Unable to determine service/operation name to be authorized"}`},
		{name: "unsupported content type", contentType: "text/plain", target: "Kinesis_20131202.ListStreams", body: "{}",
			wantStatus: 404, wantBody: `{"__type":"UnknownOperationException"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t)
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			req := httptest.NewRequest(method, "/", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			if tc.target != "" {
				req.Header.Set("X-Amz-Target", tc.target)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tc.wantStatus, rec.Code)
			assert.JSONEq(t, tc.wantBody, rec.Body.String())
			assert.NotEmpty(t, rec.Header().Get("x-amzn-RequestId"))
			var body errorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Equal(t, body.Type, rec.Header().Get("x-amzn-ErrorType"))
		})
	}
}

func TestOversizedBody(t *testing.T) {
	t.Parallel()
	k := minikinesis.New()
	h := NewHandler(k, WithMaxBodyBytes(1024))
	body := `{"StreamName":"s","Records":[{"PartitionKey":"p","Data":"` + strings.Repeat("QUFB", 400) + `"}]}`
	resp := postJSON(t, h, "PutRecords", body)
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.status)
	// The same through a chunked body of unknown length.
	req := httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", contentTypeJSON)
	req.Header.Set("X-Amz-Target", targetPrefix+"PutRecords")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
}

func TestEmptyResponsesAndRequestIDs(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	a := postJSON(t, h, "CreateStream", `{"StreamName":"t","ShardCount":1}`)
	assert.Equal(t, http.StatusOK, a.status)
	assert.Empty(t, a.body, "operations without output answer an empty body")
	b := postJSON(t, h, "DeleteStream", `{"StreamName":"t"}`)
	assert.Equal(t, http.StatusOK, b.status)
	assert.NotEqual(t, a.header.Get("x-amzn-RequestId"), b.header.Get("x-amzn-RequestId"))
	assert.Len(t, a.header.Get("x-amzn-RequestId"), 36)
}

func TestInternalFailureIs500(t *testing.T) {
	t.Parallel()
	status, body := errorResponse(&minikinesis.InternalFailureException{Message: "Internal Service Failure"})
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, "InternalFailure", body.Type)
	status, body = errorResponse(io.ErrUnexpectedEOF)
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, "InternalFailure", body.Type)
}

func TestJSONTimestampsAndBlobs(t *testing.T) {
	t.Parallel()
	h, clock := wireServer(t)
	resp := postJSON(t, h, "PutRecord", `{"StreamName":"s","PartitionKey":"p","Data":"aGVsbG8=","ExplicitHashKey":"0"}`)
	require.Equal(t, http.StatusOK, resp.status, string(resp.body))
	var put struct{ ShardId, SequenceNumber, EncryptionType string }
	require.NoError(t, json.Unmarshal(resp.body, &put))
	assert.Equal(t, "shardId-000000000000", put.ShardId)
	assert.Len(t, put.SequenceNumber, 56)
	assert.Equal(t, "NONE", put.EncryptionType)

	clock.Advance(time.Second)
	it := postJSON(t, h, "GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":1772600767.89}`)
	require.Equal(t, http.StatusOK, it.status, string(it.body))
	var iter struct{ ShardIterator string }
	require.NoError(t, json.Unmarshal(it.body, &iter))
	recs := postJSON(t, h, "GetRecords", `{"ShardIterator":"`+iter.ShardIterator+`"}`)
	require.Equal(t, http.StatusOK, recs.status)
	assert.Contains(t, string(recs.body), `"ApproximateArrivalTimestamp":1772600767.89,`, "epoch seconds with millis, no exponent")
	assert.Contains(t, string(recs.body), `"Data":"aGVsbG8="`)
	assert.Contains(t, string(recs.body), `"MillisBehindLatest":0`)

	desc := postJSON(t, h, "DescribeStreamSummary", `{"StreamName":"s"}`)
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
			resp := post(t, h, c.contentType(), targetPrefix+"PutRecords", body)
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
			fast := post(t, h, c.contentType(), targetPrefix+"GetRecords", gbody)
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
			genericBytes, err := c.encode(getRecordsWire(model))
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
		resp := postJSON(t, h, "PutRecords", body)
		assert.Equal(t, http.StatusOK, resp.status, name+": "+string(resp.body))
		assert.Contains(t, string(resp.body), `"FailedRecordCount":0`, name)
	}
	resp := postJSON(t, h, "PutRecords", `{"StreamName":"s","Records":[{"Data":"eA=="}]}`)
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.JSONEq(t, `{"__type":"ValidationException","message":"1 validation error detected: Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null"}`, string(resp.body))
}

func TestCBORRequestsAndErrors(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	c := newCBORCodec()
	// An indefinite-length map, as the Java SDKs write.
	var buf bytes.Buffer
	enc := cbor.NewEncoder(&buf)
	require.NoError(t, enc.StartIndefiniteMap())
	require.NoError(t, enc.Encode("StreamName"))
	require.NoError(t, enc.Encode("s"))
	require.NoError(t, enc.Encode("Records"))
	require.NoError(t, enc.Encode([]map[string]any{{"PartitionKey": "p", "Data": []byte("cbor!")}}))
	require.NoError(t, enc.EndIndefinite())
	resp := post(t, h, contentTypeCBOR, targetPrefix+"PutRecords", buf.Bytes())
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, contentTypeCBOR, resp.header.Get("Content-Type"))
	var out putRecordsOut
	require.NoError(t, c.decode(resp.body, &out))
	assert.Zero(t, out.FailedRecordCount)
	require.Len(t, out.Records, 1)

	bad := post(t, h, contentTypeCBOR, targetPrefix+"DescribeStream", []byte{0xa1, 0x6a, 'S', 't', 'r', 'e', 'a', 'm', 'N', 'a', 'm', 'e', 0x05})
	assert.Equal(t, http.StatusBadRequest, bad.status)
	var eb map[string]any
	require.NoError(t, cbor.Unmarshal(bad.body, &eb))
	assert.Equal(t, "SerializationException", eb["__type"])

	nf := post(t, h, contentTypeCBOR, targetPrefix+"DescribeStream", mustCBOR(t, map[string]any{"StreamName": "nope"}))
	require.NoError(t, cbor.Unmarshal(nf.body, &eb))
	assert.Equal(t, "ResourceNotFoundException", eb["__type"])
	assert.Equal(t, "Stream nope under account 000000000000 not found.", eb["message"])
}

func mustCBOR(t *testing.T, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	require.NoError(t, err)
	return b
}
