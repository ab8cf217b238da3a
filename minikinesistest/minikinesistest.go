// Package minikinesistest gives Go tests a Kinesis endpoint of their own: an
// in-process HTTP server speaking the Kinesis protocol (package kinesishttp)
// over a fresh *minikinesis.Kinesis, and an aws-sdk-go-v2 Kinesis client
// already pointed at it, and Check helpers that say what a stream holds.
//
//	func TestProducer(t *testing.T) {
//		t.Parallel()
//		srv := minikinesistest.NewServer(t)
//		s := srv.CreateStream("orders", 2)
//		runProducer(t.Context(), srv.Client) // the code under test, on the real SDK
//		minikinesistest.CheckRecords(t, s, minikinesistest.Rec{PartitionKey: "alice", Data: []byte("book")})
//		minikinesistest.CheckCalls(t, srv.Kinesis, "PutRecords", "orders", 1)
//	}
//
// UserRecords(s) makes the checks read the user records of KPL-aggregated
// records (package kpl), as the KCL hands them to a consumer. Every server
// is independent, so tests using it may run in parallel. The server is
// closed when the test ends. The helpers take a T, the few methods of
// *testing.T they use, so they also work with *testing.B, with *testing.F
// and, through Standalone, outside any test.
package minikinesistest

import (
	"bytes"
	"context"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

// T is what the helpers need of a test: *testing.T, *testing.B and
// *testing.F satisfy it, and so does *Standalone.
type T interface {
	// Helper marks the calling function as a helper, for line reporting.
	Helper()
	// Cleanup registers a function to run when the test ends.
	Cleanup(func())
	// Errorf reports a failure and lets the test continue. NewServer uses it
	// when the handler panics while serving a request.
	Errorf(format string, args ...any)
	// Fatalf reports a failure and stops the test.
	Fatalf(format string, args ...any)
	// Logf records a line in the test's log.
	Logf(format string, args ...any)
}

// Static credentials the server's client signs with. The handler accepts
// any signature; they exist because the SDK insists on signing.
const (
	AccessKeyID     = "AKIDMINIKINESIS"
	SecretAccessKey = "minikinesis-secret"
)

// MaxIdleConnsPerHost is how many idle connections the client keeps to the
// server, enough for many producers in parallel without redialling (Go's
// default is 2).
const MaxIdleConnsPerHost = 100

// Server is a running Kinesis endpoint for one test.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:port (https:// with
	// WithHTTP2). Give it to code under test as its endpoint.
	URL string
	// Kinesis is the model behind the server. Use it to seed streams and
	// records, to look at what was stored, and to reach its clock.
	Kinesis *minikinesis.Kinesis
	// Client is an aws-sdk-go-v2 Kinesis client for the server: its base
	// endpoint is URL, its region the model's, its credentials static, and
	// it retries as the SDK's standard retryer does unless WithRetries says
	// otherwise.
	Client *kinesis.Client
	// HTTPClient is the HTTP client under Client (which gives it a copy of
	// each request body; see NewClient). With WithHTTP2 it trusts the
	// server's test certificate and speaks HTTP/2. Use it for raw requests.
	HTTPClient *http.Client
	// Clock is the model's clock when WithManualClock chose one; nil
	// otherwise.
	Clock *minikinesis.ManualClock
	// HTTPServer is the underlying test server.
	HTTPServer *httptest.Server

	t          T
	clientOpts []func(*kinesis.Options)
}

// settings collects what the options ask for.
type settings struct {
	model      []minikinesis.Option
	clock      *minikinesis.ManualClock
	handler    []kinesishttp.Option
	retries    int
	http2      bool
	requestLog bool
	clientOpts []func(*kinesis.Options)
}

// Option configures NewServer.
type Option func(*settings)

// WithModelOptions passes options to minikinesis.New, in order: the
// account's region and id, limits, throttling, state delays, the clock.
func WithModelOptions(opts ...minikinesis.Option) Option {
	return func(s *settings) { s.model = append(s.model, opts...) }
}

// WithManualClock gives the model a minikinesis.ManualClock reading start,
// and exposes it as Server.Clock, so a test can move time for throttling,
// iterator expiry and retention. Giving the model another clock through
// WithModelOptions as well is an error.
func WithManualClock(start time.Time) Option {
	return func(s *settings) {
		s.clock = minikinesis.NewManualClock(start)
		s.model = append(s.model, minikinesis.WithClock(s.clock))
	}
}

// WithHandlerOptions passes options to kinesishttp.NewHandler, such as
// kinesishttp.WithMaxBodyBytes.
func WithHandlerOptions(opts ...kinesishttp.Option) Option {
	return func(s *settings) { s.handler = append(s.handler, opts...) }
}

// DefaultRetries is how many times the client retries a failed call unless
// WithRetries says otherwise: the SDK's standard retryer's (3 attempts).
const DefaultRetries = retry.DefaultMaxAttempts - 1

// WithRetries sets how many times the client retries a failed call, with
// the SDK's standard retryer: connection errors, 5xx answers, throttling
// (ProvisionedThroughputExceededException, LimitExceededException) and
// timeouts, after the SDK's backoff in real time, not on the model's clock.
// The default, DefaultRetries, is what code under test meets in
// production, and it survives the SDK's closed-connection race
// (aws/aws-sdk-go-v2#2737). WithRetries(0) turns retries off, so the test
// sees every throttle and error the server answers; do that when the model
// runs on a ManualClock, where a throttled call stays throttled until the
// test moves the clock.
func WithRetries(n int) Option {
	return func(s *settings) { s.retries = max(0, n) }
}

// WithHTTP2 serves over TLS with HTTP/2, as AWS does and as AWS clients
// expect for SubscribeToShard; the client trusts the server's test
// certificate. The default is plain HTTP/1.1.
func WithHTTP2() Option {
	return func(s *settings) { s.http2 = true }
}

// WithRequestLog logs one line per request (operation, status, duration)
// through the test's Logf.
func WithRequestLog() Option {
	return func(s *settings) { s.requestLog = true }
}

// WithClientOptions adjusts the client's options after NewServer has set
// them: an extra API middleware, a logger, a different retryer.
func WithClientOptions(fns ...func(*kinesis.Options)) Option {
	return func(s *settings) { s.clientOpts = append(s.clientOpts, fns...) }
}

// NewServer starts a Kinesis server over a fresh model configured by opts,
// with a client for it, and closes it when the test ends. It fails the test
// if the options contradict each other.
func NewServer(t T, opts ...Option) *Server {
	t.Helper()
	cfg := settings{retries: DefaultRetries}
	for _, opt := range opts {
		opt(&cfg)
	}
	k := minikinesis.New(cfg.model...)
	if cfg.clock != nil && k.Clock() != minikinesis.Clock(cfg.clock) {
		t.Fatalf("minikinesistest: WithManualClock and a clock from WithModelOptions both given; use one")
		return nil
	}

	errs := &serverLog{t: t}
	handlerOpts := cfg.handler
	if cfg.requestLog {
		handlerOpts = append(handlerOpts, kinesishttp.WithLogger(slog.New(slog.NewTextHandler(errs.requestWriter(), nil))))
	}
	hs := httptest.NewUnstartedServer(kinesishttp.NewHandler(k, handlerOpts...))
	hs.Config.ErrorLog = log.New(errs.errorWriter(), "", 0)
	var transport *http.Transport
	if cfg.http2 {
		hs.EnableHTTP2 = true
		hs.StartTLS()
		transport = hs.Client().Transport.(*http.Transport).Clone()
	} else {
		hs.Start()
		transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	transport.Proxy = nil // the server is local, whatever HTTP_PROXY says
	transport.MaxIdleConns = 0
	transport.MaxIdleConnsPerHost = MaxIdleConnsPerHost
	httpClient := &http.Client{Transport: transport}

	srv := &Server{
		URL:        hs.URL,
		Kinesis:    k,
		HTTPClient: httpClient,
		Clock:      cfg.clock,
		HTTPServer: hs,
		t:          t,
	}
	srv.clientOpts = append([]func(*kinesis.Options){func(o *kinesis.Options) {
		o.RetryMaxAttempts = cfg.retries + 1
	}}, cfg.clientOpts...)
	srv.Client = srv.NewClient()

	t.Cleanup(func() {
		transport.CloseIdleConnections()
		// Streams a test left open (SubscribeToShard) would hold Close
		// forever: cut every connection first.
		hs.CloseClientConnections()
		hs.Close()
		errs.stop()
	})
	return srv
}

// NewClient returns another client for the server, configured as Client is
// and then by fns; use it for a client with different retries or
// middleware than the rest of the test.
//
// Use one client per SubscribeToShard stream that is open at the same time
// as another: aws-sdk-go-v2's clients (smithy-go v1.28.8) share one event
// stream decoder among their streams, which the race detector reports
// (aws/smithy-go#714).
func (s *Server) NewClient(fns ...func(*kinesis.Options)) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       s.Kinesis.Region(),
		BaseEndpoint: aws.String(s.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKeyID, SecretAccessKey, ""),
		HTTPClient:   ownBodies{s.HTTPClient},
	}, append(append([]func(*kinesis.Options){}, s.clientOpts...), fns...)...)
}

// ownBodies is the HTTP client the SDK clients use: it gives the transport
// its own copy of each request body. smithy-go closes the body it handed to
// Do as soon as Do returns (transport/http/client.go), and under load that
// can catch the transport still finishing the request, which then drops
// the connection and the SDK fails reading a 200 answer with "use of
// closed network connection" (aws/aws-sdk-go-v2#1825, #2737). The SDK's
// own remedy is to retry, which the client does by default; this keeps a
// client without retries (WithRetries(0)) clear of the race as well.
// Streaming bodies (unknown length) are passed through.
type ownBodies struct{ c *http.Client }

func (o ownBodies) Do(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength < 0 {
		return o.c.Do(r)
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	r.ContentLength = int64(len(data))
	return o.c.Do(r)
}

// CreateStream creates a PROVISIONED stream with the given number of shards
// in the model, failing the test if it cannot, and returns it. Use the
// Client instead to exercise CreateStream itself.
func (s *Server) CreateStream(name string, shards int) *minikinesis.Stream {
	s.t.Helper()
	if err := s.Kinesis.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: name, ShardCount: shards}); err != nil {
		s.t.Fatalf("minikinesistest: create stream %q with %d shards: %v", name, shards, err)
		return nil
	}
	return s.Stream(name)
}

// Stream returns the model's stream of that name (or ARN), failing the
// test if there is none.
func (s *Server) Stream(nameOrARN string) *minikinesis.Stream {
	s.t.Helper()
	st, err := s.Kinesis.Stream(nameOrARN)
	if err != nil {
		s.t.Fatalf("minikinesistest: stream %q: %v", nameOrARN, err)
		return nil
	}
	return st
}

// serverLog routes the HTTP server's own log and the request log to the
// test: a handler panic fails it, anything else is logged. Lines arriving
// after the server is closed are dropped, as the test may be over.
type serverLog struct {
	t       T
	mu      sync.Mutex
	stopped bool
}

func (l *serverLog) stop() {
	l.mu.Lock()
	l.stopped = true
	l.mu.Unlock()
}

// logWriter hands each write, one log entry, to a function.
type logWriter func(entry string)

func (w logWriter) Write(p []byte) (int, error) {
	w(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// errorWriter receives the net/http server's error log.
func (l *serverLog) errorWriter() logWriter {
	return func(entry string) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.stopped {
			return
		}
		if strings.Contains(entry, "panic serving") {
			l.t.Errorf("minikinesistest: the server panicked: %s", entry)
			return
		}
		l.t.Logf("minikinesistest: server: %s", entry)
	}
}

// requestWriter receives the handler's request log.
func (l *serverLog) requestWriter() logWriter {
	return func(entry string) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if !l.stopped {
			l.t.Logf("minikinesistest: %s", entry)
		}
	}
}
