package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunServesTheSDKAndShutsDown(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "boot:2", "-region", "eu-west-1", "-account-id", "123456789012")
	assert.True(t, strings.HasPrefix(p.url, "http://127.0.0.1:"), p.url)
	ctx := t.Context()
	c := sdkClient(p.url, nil)

	shards, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("boot")})
	require.NoError(t, err)
	assert.Len(t, shards.Shards, 2)

	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("made"), ShardCount: aws.Int32(1)})
	require.NoError(t, err)
	put, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("made"), PartitionKey: aws.String("k"), Data: []byte("hello")})
	require.NoError(t, err)
	assert.Equal(t, "shardId-000000000000", aws.ToString(put.ShardId))

	list, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	assert.Equal(t, []string{"boot", "made"}, list.StreamNames)
	require.Len(t, list.StreamSummaries, 2)
	assert.Equal(t, "arn:aws:kinesis:eu-west-1:123456789012:stream/boot", aws.ToString(list.StreamSummaries[0].StreamARN),
		"-region and -account-id reach the ARNs")

	_, err = c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("nope")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Stream nope under account 123456789012 not found.", nf.ErrorMessage())

	require.NoError(t, p.stop(t))
	log := p.log.String()
	for _, want := range []string{
		`level=INFO msg="created stream" stream=boot shards=2 arn=arn:aws:kinesis:eu-west-1:123456789012:stream/boot`,
		"level=INFO msg=listening addr=127.0.0.1:",
		"level=INFO msg=request operation=ListShards status=200 duration=",
		"level=INFO msg=request operation=PutRecord status=200",
		"level=WARN msg=request operation=DescribeStream status=400",
		`level=INFO msg="shutting down" cause="context canceled" timeout=5s`,
		"level=INFO msg=stopped",
	} {
		assert.Contains(t, log, want)
	}
	assert.NotContains(t, log, "level=DEBUG")
	assert.Empty(t, p.stdout.String())
}

func TestRunStartupStreamsAreActiveWhateverTheDelaysAndRates(t *testing.T) {
	args := []string{"-addr", "127.0.0.1:0", "-create-delay", "1h", "-control-plane-limits"}
	var names []string
	for i := range 7 { // more than the 5 CreateStream calls a second and the 5 CREATING streams allowed
		name := fmt.Sprintf("s%d", i)
		names = append(names, name)
		args = append(args, "-stream", name+":1")
	}
	p := startRun(t, args...)
	ctx := t.Context()
	c := sdkClient(p.url, nil)

	list, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	assert.Equal(t, names, list.StreamNames)
	for _, s := range list.StreamSummaries {
		assert.Equal(t, types.StreamStatusActive, s.StreamStatus, aws.ToString(s.StreamName))
		assert.True(t, s.StreamCreationTimestamp.Before(time.Now()))
	}
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s6"), PartitionKey: aws.String("k"), Data: []byte("x")})
	require.NoError(t, err, "the last start-up stream takes writes at once")

	// A stream created over the API waits out -create-delay.
	_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("later"), ShardCount: aws.Int32(1)})
	require.NoError(t, err)
	sum, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("later")})
	require.NoError(t, err)
	assert.Equal(t, types.StreamStatusCreating, sum.StreamDescriptionSummary.StreamStatus)

	// And -control-plane-limits is on: DescribeLimits allows one call a second.
	_, err = c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	require.NoError(t, err)
	for range 5 {
		if _, err = c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{}); err != nil {
			break
		}
	}
	var limit *types.LimitExceededException
	require.ErrorAs(t, err, &limit)

	require.NoError(t, p.stop(t))
}

func TestRunThrottleFlag(t *testing.T) {
	for _, tt := range []struct {
		name      string
		args      []string
		throttled bool
	}{
		{"default", nil, true},
		{"off", []string{"-throttle=false"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := startRun(t, append([]string{"-addr", "127.0.0.1:0", "-stream", "s:1"}, tt.args...)...)
			ctx := t.Context()
			c := sdkClient(p.url, nil)

			// 2,000 records to one shard at once: over its 1,000 records a second.
			failed := int32(0)
			for range 4 {
				entries := make([]types.PutRecordsRequestEntry, 500)
				for i := range entries {
					entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("x")}
				}
				out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
				require.NoError(t, err)
				failed += aws.ToInt32(out.FailedRecordCount)
			}
			assert.Equal(t, tt.throttled, failed > 0, "failed records: %d", failed)

			// Twenty reads at once: over the shard's 5 calls a second.
			it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"),
				ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
			require.NoError(t, err)
			var readErr error
			for range 20 {
				if _, readErr = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator}); readErr != nil {
					break
				}
			}
			var pt *types.ProvisionedThroughputExceededException
			assert.Equal(t, tt.throttled, errors.As(readErr, &pt), "read error: %v", readErr)
			require.NoError(t, p.stop(t))
		})
	}
}

// TestRunAuthFlag: by default the server answers a request without
// credentials as AWS does; -auth off serves it. Signed requests are served
// either way.
func TestRunAuthFlag(t *testing.T) {
	for _, tt := range []struct {
		name     string
		args     []string
		unsigned int // the status of an unsigned request
	}{
		{"default", nil, http.StatusBadRequest},
		{"required", []string{"-auth", "required"}, http.StatusBadRequest},
		{"off", []string{"-auth", "off"}, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := startRun(t, append([]string{"-addr", "127.0.0.1:0", "-stream", "s:1"}, tt.args...)...)
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, p.url, strings.NewReader("{}"))
			require.NoError(t, err)
			req.Header.Set("X-Amz-Target", "Kinesis_20131202.ListStreams")
			req.Header.Set("Content-Type", "application/x-amz-json-1.1")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, tt.unsigned, resp.StatusCode, string(body))
			if tt.unsigned != http.StatusOK {
				assert.JSONEq(t, `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`, string(body))
			}
			signed, body2 := postTarget(t, http.DefaultClient, p.url, "ListStreams", "{}")
			assert.Equal(t, http.StatusOK, signed.StatusCode, body2)
			_, err = sdkClient(p.url, nil).ListStreams(t.Context(), &kinesis.ListStreamsInput{})
			require.NoError(t, err, "the SDK signs its requests")
			require.NoError(t, p.stop(t))
		})
	}
}

func TestRunStateDelayFlags(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "s:1", "-stream", "d:1", "-update-delay", "1h", "-delete-delay", "1h")
	ctx := t.Context()
	c := sdkClient(p.url, nil)
	_, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(2),
		ScalingType: types.ScalingTypeUniformScaling})
	require.NoError(t, err)
	sum, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Equal(t, types.StreamStatusUpdating, sum.StreamDescriptionSummary.StreamStatus)
	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("d")})
	require.NoError(t, err)
	sum, err = c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("d")})
	require.NoError(t, err)
	assert.Equal(t, types.StreamStatusDeleting, sum.StreamDescriptionSummary.StreamStatus)
	require.NoError(t, p.stop(t))
}

func TestRunLogLevels(t *testing.T) {
	for _, tt := range []struct {
		level        string
		debug, info  bool
		warnFailures bool
	}{
		{"debug", true, true, true},
		{"info", false, true, true},
		{"warn", false, false, true},
		{"error", false, false, false},
	} {
		t.Run(tt.level, func(t *testing.T) {
			addr := freeAddr(t)
			log := newLogSink()
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- run(ctx, []string{"-addr", addr, "-log-level", tt.level}, newLogSink(), log) }()
			t.Cleanup(func() { cancel() })
			url := "http://" + addr
			waitReady(t, http.DefaultClient, url)
			resp, _ := postTarget(t, http.DefaultClient, url, "DescribeStreamSummary", `{"StreamName":"nope"}`)
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
			cancel()
			select {
			case err := <-done:
				require.NoError(t, err)
			case <-time.After(stopTimeout):
				t.Fatal("run did not return")
			}
			out := log.String()
			assert.Equal(t, tt.debug, strings.Contains(out, "level=DEBUG msg=configuration addr="+addr), out)
			assert.Equal(t, tt.info, strings.Contains(out, "msg=listening"), out)
			assert.Equal(t, tt.info, strings.Contains(out, "level=INFO msg=request operation=ListStreams status=200"), out)
			assert.Equal(t, tt.info, strings.Contains(out, "msg=stopped"), out)
			assert.Equal(t, tt.warnFailures, strings.Contains(out, "level=WARN msg=request operation=DescribeStreamSummary status=400"), out)
			if tt.level == "error" {
				assert.Empty(t, out)
			}
		})
	}
}

func TestRunTLSWithCertificateFiles(t *testing.T) {
	cert, err := selfSignedCertificate([]string{"127.0.0.1"}, time.Now())
	require.NoError(t, err)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	keyDER, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600))

	p := startRun(t, "-addr", "127.0.0.1:0", "-tls", "-tls-cert", certFile, "-tls-key", keyFile, "-stream", "s:1")
	assert.True(t, strings.HasPrefix(p.url, "https://127.0.0.1:"), p.url)
	assert.NotContains(t, p.log.String(), "self-signed")

	roots := x509.NewCertPool()
	roots.AddCert(cert.Leaf)
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}, ForceAttemptHTTP2: true}}
	resp, body := postTarget(t, client, p.url, "ListStreams", "{}")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 2, resp.ProtoMajor)
	assert.Contains(t, body, `"StreamNames":["s"]`)
	require.NotNil(t, resp.TLS)
	assert.Equal(t, cert.Certificate[0], resp.TLS.PeerCertificates[0].Raw, "the server presents the -tls-cert certificate")

	http1 := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}}
	http1.Transport.(*http.Transport).TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	resp, _ = postTarget(t, http1, p.url, "ListStreams", "{}")
	assert.Equal(t, 1, resp.ProtoMajor, "HTTP/1.1 over TLS still served")

	c := sdkClient(p.url, client)
	_, err = c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
	require.NoError(t, err)
	client.CloseIdleConnections()
	require.NoError(t, p.stop(t))
}

func TestRunStartupFailures(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	missing := filepath.Join(t.TempDir(), "missing.pem")

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"address in use", []string{"-addr", busy.Addr().String()}, "address already in use"},
		{"unreadable certificate", []string{"-addr", "127.0.0.1:0", "-tls", "-tls-cert", missing, "-tls-key", missing}, "loading -tls-cert " + missing},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := run(t.Context(), tt.args, newLogSink(), newLogSink())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			var usage *usageError
			assert.False(t, errors.As(err, &usage), "a failure to start, not a usage error")
			assert.Equal(t, 1, exitCode(err, newLogSink()))
		})
	}
	t.Run("usage", func(t *testing.T) {
		err := run(t.Context(), []string{"-stream", "bad"}, newLogSink(), newLogSink())
		assert.Equal(t, 2, exitCode(err, newLogSink()))
	})
}

func TestShutdownEndsSubscriptions(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "s:1")
	ctx := t.Context()
	c := sdkClient(p.url, nil)
	reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN: aws.String("arn:aws:kinesis:us-east-1:000000000000:stream/s"), ConsumerName: aws.String("app")})
	require.NoError(t, err)
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("hi")})
	require.NoError(t, err)
	sub, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN,
		ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	require.NoError(t, err)
	stream := sub.GetStream()
	defer stream.Close()
	select {
	case ev := <-stream.Events():
		e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		require.True(t, ok, "%T %v", ev, stream.Err())
		require.Len(t, e.Value.Records, 1)
	case <-time.After(startupTimeout):
		t.Fatal("no event")
	}

	start := time.Now()
	require.NoError(t, p.stop(t))
	assert.Less(t, time.Since(start), shutdownTimeout/2, "the subscription ended at once instead of holding up the shutdown")
	assert.NotContains(t, p.log.String(), "still running")
	select {
	case _, open := <-stream.Events():
		for open {
			_, open = <-stream.Events()
		}
	case <-time.After(stopTimeout):
		t.Fatal("the subscription's event stream did not end")
	}
}

func TestCertificateHosts(t *testing.T) {
	for _, tt := range []struct {
		addr string
		want []string
	}{
		{"127.0.0.1:4567", []string{"127.0.0.1", "::1", "localhost"}},
		{"localhost:0", []string{"127.0.0.1", "::1", "localhost"}},
		{":4567", []string{"127.0.0.1", "::1", "localhost"}},
		{"0.0.0.0:4567", []string{"127.0.0.1", "::1", "localhost"}},
		{"[::]:4567", []string{"127.0.0.1", "::1", "localhost"}},
		{"192.0.2.7:4567", []string{"127.0.0.1", "::1", "localhost", "192.0.2.7"}},
		{"kinesis.test:4567", []string{"127.0.0.1", "::1", "localhost", "kinesis.test"}},
	} {
		assert.Equal(t, tt.want, certificateHosts(tt.addr), tt.addr)
	}
}

func TestSelfSignedCertificate(t *testing.T) {
	now := time.Now()
	cert, err := selfSignedCertificate(certificateHosts("127.0.0.1:4567"), now)
	require.NoError(t, err)
	leaf := cert.Leaf
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	for _, host := range []string{"127.0.0.1", "::1", "localhost"} {
		_, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: roots, CurrentTime: now})
		assert.NoError(t, err, host)
	}
	_, err = leaf.Verify(x509.VerifyOptions{DNSName: "example.com", Roots: roots, CurrentTime: now})
	assert.Error(t, err)
	assert.True(t, leaf.NotBefore.Before(now) && leaf.NotAfter.After(now.Add(300*24*time.Hour)))

	other, err := selfSignedCertificate([]string{"localhost"}, now)
	require.NoError(t, err)
	assert.NotEqual(t, leaf.SerialNumber, other.Leaf.SerialNumber)
	assert.NotEqual(t, cert.Certificate[0], other.Certificate[0], "a new key every time")
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// TestRunServesWithoutTheFastHTTP1Loop: -fast-http1=false leaves every
// request to net/http, which serves the SDK alike.
func TestRunServesWithoutTheFastHTTP1Loop(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "plain:1", "-fast-http1=false")
	c := sdkClient(p.url, nil)
	put, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("plain"), PartitionKey: aws.String("k"), Data: []byte("d")})
	require.NoError(t, err)
	assert.Equal(t, "shardId-000000000000", aws.ToString(put.ShardId))
	_, err = c.DescribeStream(t.Context(), &kinesis.DescribeStreamInput{StreamName: aws.String("nope")})
	var nf *types.ResourceNotFoundException
	assert.ErrorAs(t, err, &nf)
	require.NoError(t, p.stop(t))
}
