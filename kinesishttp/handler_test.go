package kinesishttp

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
		{name: "empty body", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpListStreams,
			wantStatus: 400, wantBody: `{"__type":"SerializationException"}`},
		{name: "malformed JSON", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpListStreams, body: "{",
			wantStatus: 400, wantBody: `{"__type":"SerializationException"}`},
		{name: "JSON array", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpListStreams, body: "[]",
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Start of list found where not expected"}`},
		{name: "string for integer", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpListStreams, body: `{"Limit":"5"}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class java.lang.String can not be converted to an Integer"}`},
		{name: "number for string", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpDescribeStream, body: `{"StreamName":5}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}`},
		{name: "bool for string", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpDescribeStream, body: `{"StreamName":true}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class java.lang.Boolean can not be converted to an String"}`},
		{name: "object for string", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpDescribeStream, body: `{"StreamName":{}}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Start of structure or map found where not expected."}`},
		{name: "string for list", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpPutRecords, body: `{"StreamName":"s","Records":"x"}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"Expected list or null"}`},
		{name: "number for blob", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpPutRecord, body: `{"StreamName":"s","PartitionKey":"p","Data":5}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob"}`},
		{name: "bad base64", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpPutRecord, body: `{"StreamName":"s","PartitionKey":"p","Data":"!!!!"}`,
			wantStatus: 400, wantBody: `{"__type":"SerializationException","Message":"'!!!!' can not be converted to a Blob: Invalid Base64 character: '!'"}`},
		{name: "missing members", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpPutRecord, body: `{}`,
			wantStatus: 400, wantBody: `{"__type":"ValidationException","message":"2 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; Value null at 'data' failed to satisfy constraint: Member must not be null"}`},
		{name: "missing stream", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpDescribeStream, body: `{"StreamName":"nope"}`,
			wantStatus: 400, wantBody: `{"__type":"ResourceNotFoundException","message":"Stream nope under account 000000000000 not found."}`},
		{name: "GetRecords Limit 0", contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpGetRecords, body: `{"ShardIterator":"x","Limit":0}`,
			wantStatus: 400, wantBody: `{"__type":"ValidationException","message":"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{name: "GET method", method: http.MethodGet, contentType: contentTypeJSON, target: targetPrefix + minikinesis.OpListStreams,
			wantStatus: 403, wantBody: `{"__type":"AccessDeniedException","message":"Unable to determine service/operation name to be authorized"}`},
		{name: "unsupported content type", contentType: "text/plain", target: targetPrefix + minikinesis.OpListStreams, body: "{}",
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
	resp := postJSON(t, h, minikinesis.OpPutRecords, body)
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.status)
	// The same through a chunked body of unknown length.
	req := httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", contentTypeJSON)
	req.Header.Set("X-Amz-Target", targetPrefix+minikinesis.OpPutRecords)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
}

func TestEmptyResponsesAndRequestIDs(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	a := postJSON(t, h, minikinesis.OpCreateStream, `{"StreamName":"t","ShardCount":1}`)
	assert.Equal(t, http.StatusOK, a.status)
	assert.Empty(t, a.body, "operations without output answer an empty body")
	b := postJSON(t, h, minikinesis.OpDeleteStream, `{"StreamName":"t"}`)
	assert.Equal(t, http.StatusOK, b.status)
	assert.NotEqual(t, a.header.Get("x-amzn-RequestId"), b.header.Get("x-amzn-RequestId"))
	assert.Len(t, a.header.Get("x-amzn-RequestId"), 36)
}
