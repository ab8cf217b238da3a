package minikinesistest_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The helpers accept what Go's testing package hands out.
var (
	_ minikinesistest.T = (*testing.T)(nil)
	_ minikinesistest.T = (*testing.B)(nil)
	_ minikinesistest.T = (*testing.F)(nil)
	_ minikinesistest.T = (*minikinesistest.Standalone)(nil)
)

// requireFatal runs f, which must call Fatalf on st, and returns the
// message it panicked with.
func requireFatal(t *testing.T, st *minikinesistest.Standalone, f func()) string {
	t.Helper()
	var msg string
	func() {
		defer func() {
			r := recover()
			require.NotNil(t, r, "Fatalf was not called")
			msg, _ = r.(string)
		}()
		f()
	}()
	assert.True(t, st.Failed())
	return msg
}

func TestNewServerDefaults(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t)

	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	require.NotNil(t, srv.Kinesis)
	require.NotNil(t, srv.Client)
	require.NotNil(t, srv.HTTPServer)
	assert.Nil(t, srv.Clock, "no manual clock unless asked")
	assert.IsType(t, minikinesis.WallClock{}, srv.Kinesis.Clock())

	opts := srv.Client.Options()
	assert.Equal(t, minikinesis.DefaultRegion, opts.Region)
	assert.Equal(t, srv.URL, aws.ToString(opts.BaseEndpoint))
	assert.Equal(t, minikinesistest.DefaultRetries+1, opts.RetryMaxAttempts, "the SDK's standard retries by default")
	assert.Equal(t, 3, opts.Retryer.MaxAttempts())
	creds, err := opts.Credentials.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, minikinesistest.AccessKeyID, creds.AccessKeyID)

	tr, ok := srv.HTTPClient.Transport.(*http.Transport)
	require.True(t, ok)
	assert.Equal(t, minikinesistest.MaxIdleConnsPerHost, tr.MaxIdleConnsPerHost)
	assert.Nil(t, tr.Proxy)

	srv.CreateStream("s", 1)
	out, err := srv.Client.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	assert.Equal(t, []string{"s"}, out.StreamNames)
}

func TestServerIsClosedWhenTheTestEnds(t *testing.T) {
	t.Parallel()
	var url string
	var client *http.Client
	t.Run("inner", func(t *testing.T) {
		srv := minikinesistest.NewServer(t)
		url, client = srv.URL, srv.HTTPClient
		srv.CreateStream("s", 1)

		// A subscription left open must not keep the server from closing.
		st := srv.Stream("s")
		reg, err := srv.Client.RegisterStreamConsumer(context.Background(), &kinesis.RegisterStreamConsumerInput{
			StreamARN: aws.String(st.ARN()), ConsumerName: aws.String("c")})
		require.NoError(t, err)
		sub, err := srv.Client.SubscribeToShard(context.Background(), &kinesis.SubscribeToShardInput{
			ConsumerARN: reg.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"),
			StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
		require.NoError(t, err)
		_ = sub // deliberately never closed
	})
	_, err := client.Post(url, "application/x-amz-json-1.1", strings.NewReader("{}"))
	require.Error(t, err, "the server still answers after its test ended")
}

func TestWithManualClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)
	srv := minikinesistest.NewServer(t, minikinesistest.WithManualClock(start))
	require.NotNil(t, srv.Clock)
	assert.Same(t, srv.Clock, srv.Kinesis.Clock())
	assert.Equal(t, start, srv.Clock.Now())

	srv.CreateStream("s", 1)
	srv.Clock.Advance(time.Hour)
	out, err := srv.Client.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.True(t, start.Equal(aws.ToTime(out.StreamDescriptionSummary.StreamCreationTimestamp)))
}

func TestTwoClocksIsAnError(t *testing.T) {
	t.Parallel()
	st := &minikinesistest.Standalone{Out: &bytes.Buffer{}}
	defer st.Close()
	msg := requireFatal(t, st, func() {
		minikinesistest.NewServer(st,
			minikinesistest.WithManualClock(time.Now()),
			minikinesistest.WithModelOptions(minikinesis.WithClock(minikinesis.NewManualClock(time.Now()))))
	})
	assert.Equal(t, "minikinesistest: WithManualClock and a clock from WithModelOptions both given; use one", msg)
}

func TestWithModelOptions(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t, minikinesistest.WithModelOptions(
		minikinesis.WithRegion("eu-west-1"), minikinesis.WithAccountID("123456789012")))
	assert.Equal(t, "eu-west-1", srv.Client.Options().Region, "the client's region is the model's")

	srv.CreateStream("s", 1)
	out, err := srv.Client.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:kinesis:eu-west-1:123456789012:stream/s", aws.ToString(out.StreamDescriptionSummary.StreamARN))
}

func TestWithHTTP2(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t, minikinesistest.WithHTTP2())
	assert.True(t, strings.HasPrefix(srv.URL, "https://127.0.0.1:"), srv.URL)

	req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader("{}"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.ListStreams")
	// A well-formed SigV4 header, as the server asks for one (it does not
	// verify the signature).
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x/20260122/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0")
	req.Header.Set("X-Amz-Date", "20260122T012202Z")
	resp, err := srv.HTTPClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 2, resp.ProtoMajor, "the client speaks HTTP/2 to the server")

	srv.CreateStream("s", 1)
	_, err = srv.Client.PutRecord(context.Background(), &kinesis.PutRecordInput{
		StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
	require.NoError(t, err)
}

// attemptCounter counts the HTTP requests a client sends.
type attemptCounter struct {
	next kinesis.HTTPClient
	n    atomic.Int32
}

func (c *attemptCounter) Do(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.Do(r)
}

func countAttempts(c *attemptCounter) func(*kinesis.Options) {
	return func(o *kinesis.Options) {
		c.next = o.HTTPClient
		o.HTTPClient = c
	}
}

// noBackoff keeps the SDK's standard retryer but retries at once.
func noBackoff(o *kinesis.Options) {
	o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
		so.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		so.RateLimiter = ratelimit.None
	})
}

func TestRetries(t *testing.T) {
	t.Parallel()
	throttled := func(t *testing.T, opts ...minikinesistest.Option) int32 {
		counter := &attemptCounter{}
		opts = append(opts,
			minikinesistest.WithManualClock(time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)),
			minikinesistest.WithModelOptions(minikinesis.WithWriteThroughput(minikinesis.Throughput{RecordsPerSecond: 1})),
			minikinesistest.WithClientOptions(noBackoff, countAttempts(counter)))
		srv := minikinesistest.NewServer(t, opts...)
		srv.CreateStream("s", 1)
		put := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")}
		_, err := srv.Client.PutRecord(context.Background(), put)
		require.NoError(t, err)
		counter.n.Store(0)
		_, err = srv.Client.PutRecord(context.Background(), put) // the clock stands still: throttled every time
		var pte *types.ProvisionedThroughputExceededException
		require.ErrorAs(t, err, &pte)
		return counter.n.Load()
	}
	t.Run("the SDK's standard by default", func(t *testing.T) {
		t.Parallel()
		assert.Equal(t, int32(3), throttled(t))
	})
	t.Run("WithRetries", func(t *testing.T) {
		t.Parallel()
		assert.Equal(t, int32(5), throttled(t, minikinesistest.WithRetries(4)))
	})
	t.Run("WithRetries(0) turns them off", func(t *testing.T) {
		t.Parallel()
		assert.Equal(t, int32(1), throttled(t, minikinesistest.WithRetries(0)))
	})
}

// closesFirst fails the first request as the SDK's closed-connection race
// does (aws/aws-sdk-go-v2#2737), after the server has answered it.
type closesFirst struct {
	next  kinesis.HTTPClient
	calls atomic.Int32
}

func (c *closesFirst) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(r)
	if c.calls.Add(1) > 1 || err != nil {
		return resp, err
	}
	resp.Body.Close()
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("use of closed network connection")}
}

func TestDefaultClientRetriesAClosedConnection(t *testing.T) {
	t.Parallel()
	flaky := &closesFirst{}
	srv := minikinesistest.NewServer(t, minikinesistest.WithClientOptions(func(o *kinesis.Options) {
		flaky.next = o.HTTPClient
		o.HTTPClient = flaky
	}))
	_, err := srv.Client.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	require.NoError(t, err, "the default client retries the closed connection")
	assert.Equal(t, int32(2), flaky.calls.Load())

	off := &closesFirst{}
	none := srv.NewClient(func(o *kinesis.Options) {
		o.RetryMaxAttempts = 1
		off.next = o.HTTPClient
		o.HTTPClient = off
	})
	_, err = none.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	require.ErrorContains(t, err, "use of closed network connection", "without retries the race fails the call")
}

func TestNewClient(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t, minikinesistest.WithRetries(4))
	other := srv.NewClient(func(o *kinesis.Options) { o.AppID = "other" })
	assert.Equal(t, "other", other.Options().AppID)
	assert.Equal(t, 5, other.Options().RetryMaxAttempts, "a new client starts from the server's settings")
	assert.Empty(t, srv.Client.Options().AppID, "the server's client is untouched")

	srv.CreateStream("s", 1)
	_, err := other.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	require.NoError(t, err)
}

func TestCreateStreamAndStream(t *testing.T) {
	t.Parallel()
	st := &minikinesistest.Standalone{Out: &bytes.Buffer{}}
	defer st.Close()
	srv := minikinesistest.NewServer(st)

	s := srv.CreateStream("orders", 3)
	require.NotNil(t, s)
	assert.Equal(t, "orders", s.Name())
	assert.Len(t, s.Shards(), 3)
	assert.Same(t, s, srv.Stream("orders"))
	assert.Same(t, s, srv.Stream(s.ARN()))
	assert.False(t, st.Failed())

	msg := requireFatal(t, st, func() { srv.CreateStream("orders", 1) })
	assert.Equal(t, `minikinesistest: create stream "orders" with 1 shards: ResourceInUseException: Stream orders under account 000000000000 already exists.`, msg)

	msg = requireFatal(t, st, func() { srv.Stream("missing") })
	assert.Equal(t, `minikinesistest: stream "missing": ResourceNotFoundException: Stream missing under account 000000000000 not found.`, msg)
}

func TestWithRequestLog(t *testing.T) {
	t.Parallel()
	var out syncBuffer
	st := &minikinesistest.Standalone{Out: &out}
	srv := minikinesistest.NewServer(st, minikinesistest.WithRequestLog())
	_, err := srv.Client.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	_, err = srv.Client.DescribeStream(context.Background(), &kinesis.DescribeStreamInput{StreamName: aws.String("missing")})
	require.Error(t, err)
	st.Close()

	log := out.String()
	assert.Contains(t, log, "operation=ListStreams status=200")
	assert.Contains(t, log, "operation=DescribeStream status=400")
	assert.False(t, st.Failed(), "a request log is not a failure")
}

func TestWithHandlerOptions(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t, minikinesistest.WithHandlerOptions(kinesishttp.WithMaxBodyBytes(1024)))
	srv.CreateStream("s", 1)
	_, err := srv.Client.PutRecord(context.Background(), &kinesis.PutRecordInput{
		StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, 2048)})
	var re *awshttp.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusRequestEntityTooLarge, re.HTTPStatusCode())
}

// panicHandler is a slog handler that panics, to make the Kinesis handler
// panic while it serves a request.
type panicHandler struct{ slog.Handler }

func (panicHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (panicHandler) Handle(context.Context, slog.Record) error { panic("boom") }

func TestHandlerPanicFailsTheTest(t *testing.T) {
	t.Parallel()
	var out syncBuffer
	st := &minikinesistest.Standalone{Out: &out}
	srv := minikinesistest.NewServer(st, minikinesistest.WithHandlerOptions(kinesishttp.WithLogger(slog.New(panicHandler{}))))
	_, err := srv.Client.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	require.Error(t, err, "the connection dies with the panicking handler")
	st.Close()
	assert.True(t, st.Failed(), "a panic in the server fails the test")
	assert.Contains(t, out.String(), "minikinesistest: the server panicked: http: panic serving")
	assert.Contains(t, out.String(), "boom")
}

func TestParallelProducers(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutWriteThrottling()))
	s := srv.CreateStream("s", 4)
	const producers, each = 32, 25
	var wg sync.WaitGroup
	errs := make(chan error, producers*each)
	for p := range producers {
		wg.Go(func() {
			for i := range each {
				_, err := srv.Client.PutRecord(context.Background(), &kinesis.PutRecordInput{
					StreamName: aws.String("s"), PartitionKey: aws.String(string(rune('a' + p))), Data: []byte{byte(i)}})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	byKey, err := s.ReadAllByPartitionKey(context.Background())
	require.NoError(t, err)
	require.Len(t, byKey, producers)
	for key, recs := range byKey {
		require.Len(t, recs, each, key)
		for i, r := range recs {
			assert.Equal(t, []byte{byte(i)}, r.Data, "key %s: per-key order", key)
		}
	}
}

func TestStandalone(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	st := &minikinesistest.Standalone{Out: &out}
	var order []int
	st.Cleanup(func() { order = append(order, 1) })
	st.Cleanup(func() { order = append(order, 2) })
	st.Helper()
	st.Logf("hello %d", 1)
	assert.False(t, st.Failed())
	st.Errorf("bad %s", "thing")
	assert.True(t, st.Failed())
	assert.Equal(t, "hello 1\nbad thing\n", out.String())

	st.Close()
	assert.Equal(t, []int{2, 1}, order, "cleanups run newest first")
	st.Close()
	assert.Equal(t, []int{2, 1}, order, "a second Close runs nothing")

	st2 := &minikinesistest.Standalone{Out: &bytes.Buffer{}}
	assert.Equal(t, "stop 7", requireFatal(t, st2, func() { st2.Fatalf("stop %d", 7) }))
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
