package kinesishttp

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/minikinesis/minikinesis"
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
	withCredentials(req)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rawResponse{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// testAuthorization is a well-formed Signature Version 4 Authorization
// header, which the handler's default AuthRequired asks for (it never
// verifies the signature).
const testAuthorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260304/us-east-1/kinesis/aws4_request, " +
	"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// withCredentials gives req the credentials of a signed request.
func withCredentials(req *http.Request) *http.Request {
	req.Header.Set("Authorization", testAuthorization)
	req.Header.Set("X-Amz-Date", "20260304T050607Z")
	return req
}

func postJSON(t *testing.T, h http.Handler, op, body string) rawResponse {
	t.Helper()
	return post(t, h, contentTypeJSON, targetPrefix+op, []byte(body))
}

func mustCBOR(t *testing.T, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	require.NoError(t, err)
	return b
}

func ptr[T any](v T) *T { return &v }
