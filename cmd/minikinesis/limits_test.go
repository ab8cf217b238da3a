package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// liveHeap is the heap the garbage collector found live, after a full
// collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// dialServer opens a TCP connection to the server at rawURL.
func dialServer(t *testing.T, rawURL string) net.Conn {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// requestHead is the start of a signed Kinesis request over HTTP/1.1 whose
// body announces length bytes.
func requestHead(op string, length int) string {
	return "POST / HTTP/1.1\r\nHost: kinesis\r\nX-Amz-Target: Kinesis_20131202." + op + "\r\n" +
		"Content-Type: application/x-amz-json-1.1\r\nX-Amz-Date: 20260304T050607Z\r\n" +
		"Authorization: AWS4-HMAC-SHA256 Credential=x/20260304/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0\r\n" +
		"Content-Length: " + fmt.Sprint(length) + "\r\n\r\n"
}

// waitClosed waits, at most within, for the server to close conn without
// answering, and returns how long that took.
func waitClosed(t *testing.T, conn net.Conn, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(start.Add(within)))
	n, err := io.Copy(io.Discard, conn)
	var netErr net.Error
	require.False(t, errors.As(err, &netErr) && netErr.Timeout(), "the server still holds the connection after %v", within)
	assert.Zero(t, n, "no answer, the connection closed")
	return time.Since(start)
}

// TestStalledBodyIsDropped: a client that announces 16 MiB and sends one
// byte loses its connection (HTTP/1.1) or its stream (HTTP/2) once
// -body-timeout has passed, and what the server held for it is freed.
func TestStalledBodyIsDropped(t *testing.T) {
	const bodyTimeout = 300 * time.Millisecond
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "s:1", "-body-timeout", bodyTimeout.String())
	before := liveHeap()

	const clients = 6
	conns := make([]net.Conn, clients)
	for i := range conns {
		conns[i] = dialServer(t, p.url)
		_, err := io.WriteString(conns[i], requestHead("PutRecords", 16<<20)+"{")
		require.NoError(t, err)
	}
	for _, conn := range conns {
		took := waitClosed(t, conn, 10*bodyTimeout)
		assert.Less(t, took, 10*bodyTimeout)
	}

	// Over HTTP/2 the stream is reset; the connection serves on.
	client := h2cClient()
	defer client.CloseIdleConnections()
	body, feed := io.Pipe()
	defer feed.Close()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, p.url, body)
	require.NoError(t, err)
	req.ContentLength = 16 << 20
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.PutRecords")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	go func() { _, _ = feed.Write([]byte("{")) }()
	start := time.Now()
	resp, err := client.Do(withCredentials(req))
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	require.Error(t, err, "the stalled stream is reset")
	assert.Less(t, time.Since(start), 10*bodyTimeout)
	ok, _ := postTarget(t, client, p.url, "ListStreams", "{}")
	assert.Equal(t, 2, ok.ProtoMajor)
	assert.Equal(t, http.StatusOK, ok.StatusCode, "the HTTP/2 connection still serves")

	grown := int64(liveHeap()) - int64(before)
	t.Logf("live heap after %d stalled bodies of 16 MiB were dropped: %+d bytes", clients+1, grown)
	assert.Less(t, grown, int64(8<<20), "the memory held for the stalled bodies is freed")
	assert.Equal(t, clients+1, strings.Count(p.log.String(), `msg="dropped a request whose body did not arrive in time" operation=PutRecords`), p.log.String())
	require.NoError(t, p.stop(t))
}

// TestSlowButSteadyBodyIsServed: a body that keeps arriving, at 64 KiB a
// quarter second, is read to its end though it takes several times
// -body-timeout.
func TestSlowButSteadyBodyIsServed(t *testing.T) {
	const bodyTimeout = 300 * time.Millisecond
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "s:1", "-body-timeout", bodyTimeout.String())
	data := base64.StdEncoding.EncodeToString(make([]byte, 60<<10))
	var records []string
	for range 5 {
		records = append(records, `{"PartitionKey":"k","Data":"`+data+`"}`)
	}
	body := `{"StreamName":"s","Records":[` + strings.Join(records, ",") + `]}`
	conn := dialServer(t, p.url)
	_, err := io.WriteString(conn, requestHead("PutRecords", len(body)))
	require.NoError(t, err)
	start := time.Now()
	for rest := body; rest != ""; {
		n := min(len(rest), 64<<10)
		_, err := io.WriteString(conn, rest[:n])
		require.NoError(t, err)
		rest = rest[n:]
		if rest != "" {
			time.Sleep(bodyTimeout * 3 / 4)
		}
	}
	require.Greater(t, time.Since(start), 2*bodyTimeout, "the body took longer than -body-timeout")
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(stopTimeout)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	answer, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(answer))
	assert.Contains(t, string(answer), `"FailedRecordCount":0`)
	require.NoError(t, p.stop(t))
}

// TestTooLargeBodyIsRefusedUnread: a body announced over -max-body-bytes
// is answered 413 at once, without waiting for it, and the connection
// closes within -body-timeout even if the client sends no more.
func TestTooLargeBodyIsRefusedUnread(t *testing.T) {
	const bodyTimeout = 300 * time.Millisecond
	p := startRun(t, "-addr", "127.0.0.1:0", "-max-body-bytes", "1024", "-body-timeout", bodyTimeout.String())
	conn := dialServer(t, p.url)
	_, err := io.WriteString(conn, requestHead("PutRecords", 2048)+"{")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(bodyTimeout/2)))
	reader := bufio.NewReader(conn)
	resp, err := http.ReadResponse(reader, nil)
	require.NoError(t, err, "answered before the deadline")
	resp.Body.Close()
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	assert.True(t, resp.Close, "and the connection closes")
	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(start.Add(10*bodyTimeout)))
	_, err = reader.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "closed, not held")
	assert.Less(t, time.Since(start), 10*bodyTimeout)

	// A chunked body, of no announced length, that passes the limit and
	// stalls: 413 once the limit is passed, and closed within the deadline.
	conn = dialServer(t, p.url)
	head := strings.Replace(requestHead("PutRecords", 0), "Content-Length: 0", "Transfer-Encoding: chunked", 1)
	_, err = io.WriteString(conn, head+"800\r\n"+strings.Repeat("x", 0x800)+"\r\n")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(bodyTimeout/2)))
	reader = bufio.NewReader(conn)
	resp, err = http.ReadResponse(reader, nil)
	require.NoError(t, err, "answered before the deadline")
	resp.Body.Close()
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	start = time.Now()
	require.NoError(t, conn.SetReadDeadline(start.Add(10*bodyTimeout)))
	_, err = reader.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "closed, not held")
	assert.Less(t, time.Since(start), 10*bodyTimeout)

	start = time.Now()
	require.NoError(t, p.stop(t))
	assert.Less(t, time.Since(start), shutdownTimeout/2, "no request is left running")
}

// TestRejectedRequestsDoNotGrowTheHeap: thousands of requests the server
// refuses — too large, not JSON, an unknown operation, no credentials —
// leave the live heap as it was.
func TestRejectedRequestsDoNotGrowTheHeap(t *testing.T) {
	// The server logs nowhere: a test's log sink keeps every line.
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", addr, "-stream", "s:1", "-max-body-bytes", "4096", "-log-level", "error"}, io.Discard, io.Discard)
	}()
	p := struct{ url string }{"http://" + addr}
	waitReady(t, http.DefaultClient, p.url)
	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	big := `{"StreamName":"s","Data":"` + strings.Repeat("A", 8192) + `"}`
	send := func(op, body string, signed bool, want int) {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, p.url, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("X-Amz-Target", "Kinesis_20131202."+op)
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		if signed {
			req = withCredentials(req)
		}
		resp, err := client.Do(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.Equal(t, want, resp.StatusCode, op)
	}
	round := func() {
		send("PutRecord", big, true, http.StatusRequestEntityTooLarge)
		send("PutRecord", `{"StreamName":`, true, http.StatusBadRequest)
		send("NoSuchOperation", `{}`, true, http.StatusBadRequest)
		send("ListStreams", `{}`, false, http.StatusBadRequest)
		send("DescribeStream", `{"StreamName":"missing"}`, true, http.StatusBadRequest)
	}
	// Warm up: connections and pools, and the model's log of recent calls
	// (DescribeStream reaches the model, which keeps the last 1,000).
	for range minikinesis.DefaultCallLogSize {
		send("DescribeStream", `{"StreamName":"missing"}`, true, http.StatusBadRequest)
	}
	for range 100 {
		round()
	}
	before := liveHeap()
	for range 1000 {
		round()
	}
	grown := int64(liveHeap()) - int64(before)
	t.Logf("live heap after 5,000 rejected requests: %+d bytes", grown)
	assert.Less(t, grown, int64(256<<10), "rejected requests leave nothing behind")
	cancel()
	require.NoError(t, <-done)
}

// TestMaxConnsRefusesConnectionsBeyondIt: with -max-conns 2, a third
// connection is closed unanswered while two are open, and served once one
// of them has closed.
func TestMaxConnsRefusesConnectionsBeyondIt(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-max-conns", "2")
	held := make([]net.Conn, 2)
	for i := range held {
		held[i] = dialServer(t, p.url)
		_, err := io.WriteString(held[i], requestHead("ListStreams", 2)+"{}")
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(held[i]), nil)
		require.NoError(t, err, "the first two connections are served")
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	}
	third := dialServer(t, p.url)
	_, _ = io.WriteString(third, requestHead("ListStreams", 2)+"{}")
	waitClosed(t, third, stopTimeout)
	assert.Contains(t, p.log.String(), `msg="refused a connection: -max-conns are open" max_conns=2 refused=1`)

	require.NoError(t, held[0].Close())
	served := false
	for attempt := 0; attempt < 50 && !served; attempt++ {
		conn := dialServer(t, p.url)
		_, _ = io.WriteString(conn, requestHead("ListStreams", 2)+"{}")
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(stopTimeout)))
		if resp, err := http.ReadResponse(bufio.NewReader(conn), nil); err == nil {
			resp.Body.Close()
			served = resp.StatusCode == http.StatusOK
		} else {
			time.Sleep(20 * time.Millisecond) // the server has yet to see the closed connection
		}
		_ = conn.Close()
	}
	assert.True(t, served, "a slot freed by a closed connection is taken again")
	require.NoError(t, p.stop(t))
}

func TestNonLoopbackAddressWarns(t *testing.T) {
	for _, tt := range []struct {
		addr string
		warn bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"0.0.0.0:0", true},
		{":0", true},
	} {
		t.Run(tt.addr, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			log := newLogSink()
			done := make(chan error, 1)
			go func() { done <- run(ctx, []string{"-addr", tt.addr}, newLogSink(), log) }()
			log.waitURL(t, nil)
			cancel()
			require.NoError(t, <-done)
			assert.Equal(t, tt.warn, strings.Contains(log.String(), `level=WARN msg="listening on a non-loopback address:`), log.String())
		})
	}
}
