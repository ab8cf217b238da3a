package kinesishttp

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awsRequest is a raw request for the tables of AWS's request checks.
type awsRequest struct {
	method      string // default POST
	path        string // default "/"
	contentType string
	target      string
	body        string
	// auth is the Authorization header; "" sends a well-formed one (with
	// X-Amz-Date), noAuth none at all.
	auth string
	date string // a Date header
}

const noAuth = "-"

func (q awsRequest) send(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	t.Helper()
	method, path := q.method, q.path
	if method == "" {
		method = http.MethodPost
	}
	if path == "" {
		path = "/"
	}
	req := httptest.NewRequest(method, path, strings.NewReader(q.body))
	for name, value := range map[string]string{"Content-Type": q.contentType, "X-Amz-Target": q.target, "Date": q.date} {
		if value != "" {
			req.Header.Set(name, value)
		}
	}
	switch q.auth {
	case "":
		withCredentials(req)
	case noAuth:
	default:
		req.Header.Set("Authorization", q.auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const (
	listStreams = targetPrefix + minikinesis.OpListStreams
	// AWS's texts for credentials that are missing or not well formed,
	// as kinesalite's test/connection.js records them.
	missingToken    = "Missing Authentication Token"
	incompleteAuthX = "Authorization header requires 'Credential' parameter. " +
		"Authorization header requires 'Signature' parameter. " +
		"Authorization header requires 'SignedHeaders' parameter. " +
		"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
		"Authorization=X"
	incompleteQuery = "AWS query-string parameters must include 'X-Amz-Algorithm'. " +
		"AWS query-string parameters must include 'X-Amz-Credential'. " +
		"AWS query-string parameters must include 'X-Amz-Signature'. " +
		"AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
		"AWS query-string parameters must include 'X-Amz-Date'. " +
		"Re-examine the query-string parameters."
	bothSigned = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."
)

// TestServiceRequestChecksInAWSOrder: a POST in JSON 1.1, CBOR 1.1 or
// application/json, or a POST without a body, is checked in AWS's order
// (kinesalite's test/connection.js, recorded against AWS): a body that is
// not an object, application/json, the X-Amz-Target, an empty body, then
// the credentials; each answer has AWS's status, Content-Type and body.
func TestServiceRequestChecksInAWSOrder(t *testing.T) {
	t.Parallel()
	incompleteSignedHeaders := func(auth string) string {
		return "Authorization header requires 'SignedHeaders' parameter. Authorization=" + auth
	}
	cases := []struct {
		name        string
		req         awsRequest
		status      int
		contentType string
		body        string // exact, for JSON answers
		cbor        map[string]any
	}{
		// A body that is not a JSON object comes first of all.
		{name: "non-JSON body", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "hello", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		{name: "true", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "true"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		{name: "null", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "null"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		{name: "a list", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "[]"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException","Message":"Start of list found where not expected"}`},
		{name: "non-JSON body before the target", req: awsRequest{contentType: contentTypeJSON, target: "Kinesis_20131202.Whatever", body: "hello", auth: "X"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		{name: "two values", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}{}"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		// application/json, the legacy protocol, goes no further.
		{name: "application/json non-JSON", req: awsRequest{contentType: "application/json", target: listStreams, body: "hello", auth: noAuth},
			status: 400, contentType: "application/json", body: `{"Output":{"__type":"com.amazon.coral.service#SerializationException"},"Version":"1.0"}`},
		{name: "application/json with spaces", req: awsRequest{contentType: "     application/json     ;", target: listStreams, body: "hello", auth: noAuth},
			status: 400, contentType: "application/json", body: `{"Output":{"__type":"com.amazon.coral.service#SerializationException"},"Version":"1.0"}`},
		{name: "application/json a list", req: awsRequest{contentType: "application/json", target: listStreams, body: "[]"},
			status: 400, contentType: "application/json", body: `{"Output":{"__type":"com.amazon.coral.service#SerializationException"},"Version":"1.0"}`},
		{name: "application/json object", req: awsRequest{contentType: "application/json", target: listStreams, body: "{}", auth: noAuth},
			status: 404, contentType: "application/json", body: `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}`},
		// Then the X-Amz-Target.
		{name: "unknown operation", req: awsRequest{contentType: contentTypeJSON, target: "Kinesis_20131202.Fly", body: "{}", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"UnknownOperationException"}`},
		{name: "wrong service", req: awsRequest{contentType: contentTypeJSON, target: "DynamoDB_20120810.ListTables", body: "{}"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"UnknownOperationException"}`},
		{name: "no target", req: awsRequest{contentType: contentTypeJSON, body: "{}", auth: "X"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"UnknownOperationException"}`},
		{name: "no target, no body, no auth", req: awsRequest{contentType: contentTypeJSON, auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"UnknownOperationException"}`},
		// Then an empty body.
		{name: "no body", req: awsRequest{contentType: contentTypeJSON, target: listStreams},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		{name: "no body and no auth", req: awsRequest{contentType: contentTypeJSON, target: listStreams, auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"SerializationException"}`},
		// Then the credentials.
		{name: "no auth", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`},
		{name: "no auth, content type with spaces", req: awsRequest{contentType: "   application/x-amz-json-1.1   ;whatever", target: listStreams, body: "{}", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`},
		{name: "no auth, members of the wrong type", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: `{"Limit":"5"}`, auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`},
		{name: "invalid auth", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "X"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"` + incompleteAuthX + `"}`},
		{name: "incomplete auth header and query", req: awsRequest{path: "/?X-Amz-Algorith", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "X"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"` + incompleteAuthX + `"}`},
		{name: "all query params but X-Amz-Algorithm", req: awsRequest{path: "/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`},
		{name: "auth header and query", req: awsRequest{path: "/?X-Amz-Algorithm", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "X"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"InvalidSignatureException","message":"` + bothSigned + `"}`},
		{name: "Signature=b Credential=a", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "AWS4- Signature=b Credential=a", date: "a"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"` + incompleteSignedHeaders("AWS4- Signature=b Credential=a") + `"}`},
		{name: "Signature=b,Credential=a", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "AWS4- Signature=b,Credential=a", date: "a"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"` + incompleteSignedHeaders("AWS4- Signature=b,Credential=a") + `"}`},
		{name: "Signature=b, Credential=a", req: awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "AWS4- Signature=b, Credential=a", date: "a"},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"` + incompleteSignedHeaders("AWS4- Signature=b, Credential=a") + `"}`},
		{name: "empty X-Amz-Algorithm query", req: awsRequest{path: "/?X-Amz-Algorithm", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"` + incompleteQuery + `"}`},
		{name: "missing X-Amz-SignedHeaders query", req: awsRequest{path: "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
			status: 400, contentType: contentTypeJSON, body: `{"__type":"IncompleteSignatureException","message":"AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters."}`},
		// Then the operation runs.
		{name: "presigned query", req: awsRequest{path: "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-SignedHeaders=d&X-Amz-Date=e", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
			status: 200, contentType: contentTypeJSON, body: `{"HasMoreStreams":false,"StreamNames":["s"],"StreamSummaries":[{"StreamName":"s","StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","StreamStatus":"ACTIVE","StreamModeDetails":{"StreamMode":"PROVISIONED"},"StreamCreationTimestamp":1772600767.89}]}`},
		// A POST without a body is answered in CBOR, unless in JSON 1.1.
		{name: "POST with no body", req: awsRequest{}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "POST with no body, no auth", req: awsRequest{auth: noAuth}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "x-amz-json-1.0", req: awsRequest{contentType: "application/x-amz-json-1.0"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "random content type", req: awsRequest{contentType: "application/x-amz-json-1.1asdf"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "random target", req: awsRequest{target: "Whatever"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "empty action", req: awsRequest{target: "Kinesis_20131202."}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "random action", req: awsRequest{target: "Kinesis_20131202.Whatever"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "random service and action", req: awsRequest{target: "Whatever.Whatever"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "incomplete action", req: awsRequest{target: "Kinesis_20131202.ListStream"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "no Content-Type", req: awsRequest{target: listStreams}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "SerializationException"}},
		{name: "application/json, no target, no body", req: awsRequest{contentType: "application/json"}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "application/json, no body", req: awsRequest{contentType: "application/json", target: listStreams}, status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "SerializationException"}},
		// CBOR bodies are checked alike.
		{name: "CBOR not a map", req: awsRequest{contentType: contentTypeCBOR, target: listStreams, body: "\x01", auth: noAuth},
			status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "SerializationException"}},
		{name: "CBOR a list", req: awsRequest{contentType: contentTypeCBOR, target: listStreams, body: "\x80"},
			status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "SerializationException", "Message": "Start of list found where not expected"}},
		{name: "CBOR unknown operation", req: awsRequest{contentType: contentTypeCBOR, target: "Kinesis_20131202.Fly", body: "\xa0", auth: noAuth},
			status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "UnknownOperationException"}},
		{name: "CBOR no auth", req: awsRequest{contentType: contentTypeCBOR, target: listStreams, body: "\xa0", auth: noAuth},
			status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "MissingAuthenticationTokenException", "message": missingToken}},
		{name: "CBOR invalid auth", req: awsRequest{contentType: contentTypeCBOR, target: listStreams, body: "\xa0", auth: "X"},
			status: 400, contentType: contentTypeCBOR, cbor: map[string]any{"__type": "IncompleteSignatureException", "message": incompleteAuthX}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t)
			rec := tc.req.send(t, h)
			assert.Equal(t, tc.status, rec.Code)
			assert.Equal(t, tc.contentType, rec.Header().Get("Content-Type"))
			assert.NotEmpty(t, rec.Header().Get("x-amzn-RequestId"))
			if tc.cbor != nil {
				var got map[string]any
				require.NoError(t, cbor.Unmarshal(rec.Body.Bytes(), &got))
				assert.Equal(t, tc.cbor, got)
				assert.Equal(t, tc.cbor["__type"], rec.Header().Get("x-amzn-ErrorType"))
				return
			}
			if tc.status == http.StatusOK {
				assert.JSONEq(t, tc.body, rec.Body.String())
				return
			}
			assert.Equal(t, tc.body, rec.Body.String())
			var body errorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Contains(t, rec.Body.String(), rec.Header().Get("x-amzn-ErrorType"), "the error type header names the error")
			assert.NotEmpty(t, rec.Header().Get("x-amzn-ErrorType"))
		})
	}
}

// TestOtherRequestsAnswerXML: a request that is not for the service
// (another method than POST, or a body in another Content-Type) gets AWS's
// XML answers, byte for byte as kinesalite's test/connection.js records
// them, with no Content-Type: credentials first, then the X-Amz-Target.
func TestOtherRequestsAnswerXML(t *testing.T) {
	t.Parallel()
	xml := func(code, msg string) string {
		return "<" + code + ">\n  <Message>" + msg + "</Message>\n</" + code + ">\n"
	}
	accessDenied := xml("AccessDeniedException", "Unable to determine service/operation name to be authorized")
	cases := []struct {
		name   string
		req    awsRequest
		status int
		body   string
	}{
		{"GET", awsRequest{method: http.MethodGet}, 403, accessDenied},
		{"PUT", awsRequest{method: http.MethodPut}, 403, accessDenied},
		{"DELETE", awsRequest{method: http.MethodDelete}, 403, accessDenied},
		{"OPTIONS", awsRequest{method: http.MethodOptions, target: listStreams, contentType: contentTypeJSON}, 404, "<UnknownOperationException/>\n"},
		{"body and no Content-Type", awsRequest{body: "{}"}, 403, accessDenied},
		{"body in x-amz-json-1.0", awsRequest{contentType: "application/x-amz-json-1.0", target: listStreams, body: "{}"}, 404, "<UnknownOperationException/>\n"},
		{"GET in JSON 1.1", awsRequest{method: http.MethodGet, contentType: contentTypeJSON, target: listStreams}, 404, "<UnknownOperationException/>\n"},
		{"no auth", awsRequest{method: http.MethodGet, target: listStreams, auth: noAuth}, 403,
			"<MissingAuthenticationTokenException>\n  <Message>Missing Authentication Token</Message>\n</MissingAuthenticationTokenException>\n"},
		{"incomplete auth", awsRequest{method: http.MethodGet, target: listStreams, auth: "a"}, 403,
			xml("IncompleteSignatureException", "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "+
				"Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=a")},
		{"incomplete query", awsRequest{method: http.MethodGet, path: "/?X-Amz-Algorithm", auth: noAuth}, 403, xml("IncompleteSignatureException", incompleteQuery)},
		{"query and auth", awsRequest{method: http.MethodPut, path: "/?X-Amz-Algorithm", auth: "a", body: "hello"}, 403,
			"<InvalidSignatureException>\n  <Message>Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.</Message>\n</InvalidSignatureException>\n"},
		{"auth before target", awsRequest{method: http.MethodGet, target: "whatever.ListStreams", auth: noAuth}, 403,
			xml("MissingAuthenticationTokenException", missingToken)},
		{"another service's operation", awsRequest{method: http.MethodGet, target: "whatever.ListStreams"}, 403,
			"<UnrecognizedClientException>\n  <Message>No authorization strategy was found for service: whatever, operation: ListStreams</Message>\n</UnrecognizedClientException>\n"},
		{"an operation Kinesis lacks", awsRequest{method: http.MethodGet, target: "Kinesis_20131202.whatever"}, 500, "<InternalFailure/>\n"},
		{"an operation Kinesis has", awsRequest{method: http.MethodDelete, target: listStreams}, 404, "<UnknownOperationException/>\n"},
		{"empty action", awsRequest{method: http.MethodGet, target: "Kinesis_20131202."}, 403, accessDenied},
		{"no action", awsRequest{method: http.MethodGet, target: "whatever"}, 403, accessDenied},
		{"another service's unknown operation", awsRequest{method: http.MethodGet, target: "whatever.whatever"}, 403, accessDenied},
		{"XML escaped", awsRequest{method: http.MethodGet, auth: "<&>"}, 403, xml("IncompleteSignatureException", "Authorization header requires 'Credential' parameter. "+
			"Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "+
			"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=&lt;&amp;&gt;")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t)
			rec := tc.req.send(t, h)
			assert.Equal(t, tc.status, rec.Code)
			assert.Equal(t, tc.body, rec.Body.String())
			assert.Empty(t, rec.Header().Get("Content-Type"), "AWS sends its XML without a Content-Type")
			assert.NotEmpty(t, rec.Header().Get("x-amzn-RequestId"))
		})
	}

	// Over a real connection: no Content-Type header at all.
	h, _ := wireServer(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	resp, err := srv.Client().Do(withCredentials(req))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Equal(t, accessDenied, string(body))
	_, hasContentType := resp.Header["Content-Type"]
	assert.False(t, hasContentType, "headers %v", resp.Header)
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
	withCredentials(req)
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
