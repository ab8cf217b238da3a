package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// h2cClient speaks only HTTP/2 with prior knowledge in the clear, as the
// JavaScript SDK v3 does.
func h2cClient() *http.Client {
	protocols := new(http.Protocols)
	protocols.SetUnencryptedHTTP2(true)
	return &http.Client{Transport: &http.Transport{Protocols: protocols}, Timeout: 10 * time.Second}
}

// protoRecorder is a transport that notes the HTTP major version of every
// response.
type protoRecorder struct {
	next   http.RoundTripper
	mu     sync.Mutex
	majors map[int]int
}

// RoundTrip hands the transport its own copy of the body, as
// minikinesistest's client does: smithy-go closes the body it gave the
// transport as soon as the answer's head arrives, and a transport still
// finishing the request then closes the connection, which for an event
// stream is the subscription itself (aws/aws-sdk-go-v2#2737).
func (p *protoRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody && req.ContentLength >= 0 {
		data, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(data))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	}
	resp, err := p.next.RoundTrip(req)
	if err == nil {
		p.mu.Lock()
		if p.majors == nil {
			p.majors = map[int]int{}
		}
		p.majors[resp.ProtoMajor]++
		p.mu.Unlock()
	}
	return resp, err
}

func (p *protoRecorder) seen() map[int]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[int]int{}
	for k, v := range p.majors {
		out[k] = v
	}
	return out
}

func TestRunServesHTTP2InTheClearByDefault(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "s:1")
	client := h2cClient()
	resp, body := postTarget(t, client, p.url, "ListStreams", "{}")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 2, resp.ProtoMajor, "prior-knowledge HTTP/2 in the clear")
	assert.Contains(t, body, `"StreamNames":["s"]`)
	resp, _ = postTarget(t, http.DefaultClient, p.url, "ListStreams", "{}")
	assert.Equal(t, 1, resp.ProtoMajor, "HTTP/1.1 on the same port")
	client.CloseIdleConnections() // or the shutdown waits a second for the HTTP/2 client to go
	require.NoError(t, p.stop(t))

	plain := startRun(t, "-addr", "127.0.0.1:0", "-h2c=false")
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, plain.url, strings.NewReader("{}"))
	require.NoError(t, err)
	_, err = h2cClient().Do(req)
	assert.Error(t, err, "no HTTP/2 in the clear with -h2c=false")
	resp, _ = postTarget(t, http.DefaultClient, plain.url, "ListStreams", "{}")
	assert.Equal(t, http.StatusOK, resp.StatusCode, "HTTP/1.1 still served")
	require.NoError(t, plain.stop(t))
}

// TestSubscribeToShardOverEachProtocol: the SDK's event stream, a response
// that lasts while records come, works over HTTP/1.1 and over h2c against
// the default server, and records put after it started reach it, however
// long after the request's body deadline.
func TestSubscribeToShardOverEachProtocol(t *testing.T) {
	const bodyTimeout = 200 * time.Millisecond
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "s:1", "-body-timeout", bodyTimeout.String())
	for _, tt := range []struct {
		name      string
		transport http.RoundTripper
		major     int
	}{
		{"HTTP/1.1", &http.Transport{}, 1},
		{"h2c", h2cClient().Transport, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := &protoRecorder{next: tt.transport}
			httpClient := &http.Client{Transport: rec}
			defer httpClient.CloseIdleConnections()
			ctx := t.Context()
			c := sdkClient(p.url, httpClient)
			reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
				StreamARN: aws.String("arn:aws:kinesis:us-east-1:000000000000:stream/s"), ConsumerName: aws.String("app-" + tt.name[:3])})
			require.NoError(t, err)
			sub, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN,
				ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
			require.NoError(t, err)
			stream := sub.GetStream()
			defer stream.Close()
			want := "after-" + tt.name
			time.Sleep(2 * bodyTimeout) // the subscription outlives the deadline its request body had
			// Another client writes: over HTTP/1.1, aws-sdk-go-v2 now and
			// then closes a subscription's connection itself ("use of closed
			// network connection") when the same client sends another
			// request meanwhile, whatever the server flags (see sdkClient).
			_, err = sdkClient(p.url, nil).PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte(want)})
			require.NoError(t, err)
			deadline := time.After(startupTimeout)
			for got := false; !got; {
				select {
				case ev, open := <-stream.Events():
					require.True(t, open, "the stream ended: %v", stream.Err())
					e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
					require.True(t, ok, "%T", ev)
					for _, r := range e.Value.Records {
						got = got || string(r.Data) == want
					}
				case <-deadline:
					t.Fatal("the record put did not arrive on the subscription")
				}
			}
			seen := rec.seen()
			assert.Equal(t, map[int]int{tt.major: seen[tt.major]}, seen, "every call over %s", tt.name)
			assert.GreaterOrEqual(t, seen[tt.major], 2)
		})
	}
	require.NoError(t, p.stop(t))
}
