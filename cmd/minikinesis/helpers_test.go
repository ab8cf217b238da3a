package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/stretchr/testify/require"
)

// startupTimeout bounds, in real time, how long a test waits for a server
// to say it is listening; stopTimeout how long for it to stop.
const (
	startupTimeout = 10 * time.Second
	stopTimeout    = 8 * time.Second
)

// logSink collects a server's standard error, safe for concurrent writes,
// and announces the URL of its "listening" line.
type logSink struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	scanned int
	url     chan string
	found   bool
}

func newLogSink() *logSink { return &logSink{url: make(chan string, 1)} }

var listeningURL = regexp.MustCompile(`msg=listening .*url=(\S+)`)

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	for !s.found {
		rest := s.buf.Bytes()[s.scanned:]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		line := rest[:i]
		s.scanned += i + 1
		if m := listeningURL.FindSubmatch(line); m != nil {
			s.found = true
			s.url <- string(m[1])
		}
	}
	return len(p), nil
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitURL returns the URL the server logged it listens on, failing the test
// if it does not within startupTimeout or exits first.
func (s *logSink) waitURL(t testing.TB, exited <-chan struct{}) string {
	t.Helper()
	select {
	case u := <-s.url:
		return u
	case <-exited:
		t.Fatalf("server exited before listening; its log:\n%s", s)
	case <-time.After(startupTimeout):
		t.Fatalf("server did not log its address within %v; its log:\n%s", startupTimeout, s)
	}
	return ""
}

// inProcess is a run call in a goroutine.
type inProcess struct {
	url    string
	log    *logSink
	stdout *logSink
	cancel context.CancelFunc
	done   chan struct{}
	err    error
}

// startRun runs the command in-process with args and waits until it
// listens. The test's cleanup stops it if the test has not.
func startRun(t *testing.T, args ...string) *inProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &inProcess{log: newLogSink(), stdout: newLogSink(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.err = run(ctx, args, p.stdout, p.log)
	}()
	t.Cleanup(func() {
		cancel()
		<-p.done
	})
	p.url = p.log.waitURL(t, p.done)
	return p
}

// stop cancels the run's context, as a signal does, and returns run's
// result, failing the test if it takes longer than stopTimeout.
func (p *inProcess) stop(t *testing.T) error {
	t.Helper()
	p.cancel()
	select {
	case <-p.done:
		return p.err
	case <-time.After(stopTimeout):
		t.Fatalf("run did not return within %v of cancellation; its log:\n%s", stopTimeout, p.log)
	}
	return nil
}

// sdkClient is an aws-sdk-go-v2 Kinesis client for the server at url, with
// dummy credentials. httpClient may be nil.
//
// It retries connection errors only, after a few milliseconds: a
// throttled call fails, as the tests expect. Connection errors must be
// retried because of a race in the SDK's HTTP client that a server this
// fast exposes: it may close its connection while reading a good response
// ("use of closed network connection", aws/aws-sdk-go-v2#2737), which the
// SDK's default retryer retries since aws/aws-sdk-go-v2#2949. A retry at
// once can meet the same race again; the pause lets the client's own
// goroutines finish first, as the default retryer's backoff does.
func sdkClient(url string, httpClient *http.Client) *kinesis.Client {
	opts := kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("x", "x", ""),
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 5
			o.Retryables = []retry.IsErrorRetryable{retry.RetryableConnectionError{}}
			o.Backoff = retry.BackoffDelayerFunc(func(attempt int, _ error) (time.Duration, error) {
				return time.Duration(attempt) * 5 * time.Millisecond, nil
			})
		}),
	}
	if httpClient != nil {
		opts.HTTPClient = httpClient
	}
	return kinesis.New(opts)
}

// withCredentials gives req the credentials of a signed request: a
// well-formed Signature Version 4 Authorization header, which the server
// asks for by default (-auth required) and never verifies.
func withCredentials(req *http.Request) *http.Request {
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260304/us-east-1/kinesis/aws4_request, "+
		"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef")
	req.Header.Set("X-Amz-Date", "20260304T050607Z")
	return req
}

// postTarget sends one raw Kinesis JSON request and returns the response
// with its body read.
func postTarget(t *testing.T, client *http.Client, url, op, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("X-Amz-Target", "Kinesis_20131202."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := client.Do(withCredentials(req))
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

// waitReady polls ListStreams until the server answers 200, a bounded
// number of times over real time.
func waitReady(t *testing.T, client *http.Client, url string) {
	t.Helper()
	const attempts, pause = 50, 100 * time.Millisecond
	var lastErr error
	for range attempts {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader("{}"))
		require.NoError(t, err)
		req.Header.Set("X-Amz-Target", "Kinesis_20131202.ListStreams")
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		resp, err := client.Do(withCredentials(req))
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			err = fmt.Errorf("status %s", resp.Status)
		}
		lastErr = err
		time.Sleep(pause)
	}
	t.Fatalf("server at %s not ready after %d attempts: %v", url, attempts, lastErr)
}
