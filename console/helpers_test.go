package console_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/console"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

// start is the fake clock's first reading in these tests.
var start = time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)

// fixture is an account on a manual clock served with the console, as
// cmd/minikinesis and a Go test mount it.
type fixture struct {
	t     *testing.T
	k     *minikinesis.Kinesis
	clock *minikinesis.ManualClock
	url   string
}

func newFixture(t *testing.T, opts ...console.Option) *fixture {
	t.Helper()
	clock := minikinesis.NewManualClock(start)
	k := minikinesis.New(minikinesis.WithClock(clock))
	srv := httptest.NewServer(kinesishttp.NewHandler(k, kinesishttp.WithAdminHandler(console.New(console.SingleAccount(k), opts...))))
	t.Cleanup(srv.Close)
	return &fixture{t: t, k: k, clock: clock, url: srv.URL + console.DefaultPath + "api/"}
}

// do sends a request to the admin API and decodes the JSON answer into
// out (when not nil); it returns the status.
func (f *fixture) do(method, path string, body any, out any) int {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		buf, err := json.Marshal(b)
		require.NoError(f.t, err)
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, f.url+path, rd)
	require.NoError(f.t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(f.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(f.t, err)
	if out != nil {
		require.NoError(f.t, json.Unmarshal(raw, out), "body: %s", raw)
	}
	return resp.StatusCode
}

// apiErr is an admin API error answer.
type apiErr struct {
	Type    string `json:"__type"`
	Message string `json:"message"`
}

// stream adds an ACTIVE stream of n shards.
func (f *fixture) stream(name string, n int) *minikinesis.Stream {
	f.t.Helper()
	s, err := f.k.AddStream(&minikinesis.CreateStreamInput{StreamName: name, ShardCount: n})
	require.NoError(f.t, err)
	return s
}

// put writes one record through the model's PutRecord.
func (f *fixture) put(stream, key, data string) *minikinesis.PutRecordOutput {
	f.t.Helper()
	out, err := f.k.PutRecord(context.Background(), &minikinesis.PutRecordInput{StreamName: stream, PartitionKey: key, Data: []byte(data)})
	require.NoError(f.t, err)
	return out
}
