package kinesishttp_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The verifier is checked against aws-sdk-go-v2's own signer: requests
// it signs pass, and each change a signature must catch fails with AWS's
// answer.

const (
	sigKey    = "AKIDEXAMPLE"
	sigSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	tempKey   = "ASIATEMPORARY"
	tempToken = "session-token-of-the-temporary-key"
)

// signedAt is when the verifier's clock stands in these tests.
var signedAt = time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)

// verifyingServer serves with AuthVerify, the keys above, and a signature
// clock at signedAt.
func verifyingServer(t *testing.T) *httptest.Server {
	t.Helper()
	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(signedAt)))
	require.NoError(t, k.CreateStream(t.Context(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1}))
	h := kinesishttp.NewHandler(k, kinesishttp.WithAuthentication(kinesishttp.AuthVerify),
		kinesishttp.WithCredentials(
			kinesishttp.Credential{AccessKeyID: sigKey, SecretAccessKey: sigSecret},
			kinesishttp.Credential{AccessKeyID: tempKey, SecretAccessKey: sigSecret, SessionToken: tempToken}),
		kinesishttp.WithSignatureClock(minikinesis.NewManualClock(signedAt)))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// sigRequest is a request to sign with the SDK's signer and send.
type sigRequest struct {
	target, body, path string
	header             http.Header
	key, secret, token string
	region, service    string
	at                 time.Time
	// signedBody, when set, is the body the signature covers instead.
	signedBody string
	// after changes the request once it is signed.
	after func(*http.Request)
	// presign signs in the query string instead of the headers.
	presign bool
}

func (s sigRequest) send(t *testing.T, srv *httptest.Server) (int, string, string) {
	t.Helper()
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&s.target, "ListStreams")
	def(&s.body, "{}")
	def(&s.path, "/")
	def(&s.key, sigKey)
	def(&s.secret, sigSecret)
	def(&s.region, minikinesis.DefaultRegion)
	def(&s.service, "kinesis")
	def(&s.signedBody, s.body)
	if s.at.IsZero() {
		s.at = signedAt
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+s.path, strings.NewReader(s.body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Kinesis_20131202."+s.target)
	for name, values := range s.header {
		req.Header[name] = values
	}
	sum := sha256.Sum256([]byte(s.signedBody))
	creds := aws.Credentials{AccessKeyID: s.key, SecretAccessKey: s.secret, SessionToken: s.token}
	signer := v4.NewSigner()
	if s.presign {
		// X-Amz-Target stays a header: the handler reads it there.
		uri, headers, err := signer.PresignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), s.service, s.region, s.at,
			func(o *v4.SignerOptions) { o.DisableHeaderHoisting = true })
		require.NoError(t, err)
		presigned, err := http.NewRequestWithContext(t.Context(), http.MethodPost, uri, strings.NewReader(s.body))
		require.NoError(t, err)
		for name, values := range headers {
			if name != "Host" {
				presigned.Header[name] = values
			}
		}
		req = presigned
	} else {
		require.NoError(t, signer.SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), s.service, s.region, s.at))
	}
	if s.after != nil {
		s.after(req)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var answer struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if resp.StatusCode != http.StatusOK {
		require.NoError(t, json.Unmarshal(raw, &answer), string(raw))
	}
	return resp.StatusCode, answer.Type, answer.Message
}

const mismatch = "The request signature we calculated does not match the signature you provided. " +
	"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

// TestSignatureVerification: requests aws-sdk-go-v2's signer signs pass;
// each change the signature covers, and each credential AWS refuses,
// gets AWS's exception and text.
func TestSignatureVerification(t *testing.T) {
	t.Parallel()
	srv := verifyingServer(t)
	ok := ""
	for _, c := range []struct {
		name     string
		req      sigRequest
		wantType string
		wantMsg  string
	}{
		{name: "good", req: sigRequest{}},
		{name: "good, another operation and body", req: sigRequest{target: "DescribeStreamSummary", body: `{"StreamName":"s"}`}},
		{name: "good, temporary key with its token", req: sigRequest{key: tempKey, token: tempToken}},
		{name: "good, a path and a query", req: sigRequest{path: "/a%20b/c~d?x=1&b=%2F&b=a%20b&empty="}},
		{name: "good, a query sorted after encoding", req: sigRequest{path: "/?a1=2&a=1&a-b=3&a%2Fb=4&v=a-b&v=a%2Fb&sp=a+b"}},
		{name: "good, header values with runs of spaces and several values",
			req: sigRequest{header: http.Header{"X-Custom": {"  a   b  ", "c"}, "X-Amz-Meta-Z": {"z"}}}},
		{name: "good, 4 minutes behind", req: sigRequest{at: signedAt.Add(-4 * time.Minute)}},
		{name: "good, 4 minutes ahead", req: sigRequest{at: signedAt.Add(4 * time.Minute)}},
		{name: "good, presigned", req: sigRequest{presign: true}},

		{name: "wrong secret", req: sigRequest{secret: "not-the-secret"}, wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "unknown key", req: sigRequest{key: "AKIDUNKNOWN"}, wantType: "UnrecognizedClientException",
			wantMsg: "The security token included in the request is invalid."},
		{name: "temporary key without its token", req: sigRequest{key: tempKey}, wantType: "UnrecognizedClientException",
			wantMsg: "The security token included in the request is invalid."},
		{name: "temporary key with another token", req: sigRequest{key: tempKey, token: "forged"}, wantType: "UnrecognizedClientException",
			wantMsg: "The security token included in the request is invalid."},
		{name: "a token the key has none of", req: sigRequest{token: tempToken}, wantType: "UnrecognizedClientException",
			wantMsg: "The security token included in the request is invalid."},
		{name: "tampered body", req: sigRequest{body: `{"Limit":1}`, signedBody: `{"Limit":2}`}, wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "tampered header", req: sigRequest{after: func(r *http.Request) { r.Header.Set("X-Amz-Target", "Kinesis_20131202.DescribeLimits") }},
			wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "tampered query", req: sigRequest{path: "/?x=1", after: func(r *http.Request) { r.URL.RawQuery = "x=2" }},
			wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "tampered path", req: sigRequest{path: "/a", after: func(r *http.Request) { r.URL.Path = "/b" }},
			wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "missing signed header", req: sigRequest{header: http.Header{"X-Custom": {"v"}}, after: func(r *http.Request) { r.Header.Del("X-Custom") }},
			wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "tampered signature", req: sigRequest{after: func(r *http.Request) {
			auth := r.Header.Get("Authorization")
			r.Header.Set("Authorization", auth[:len(auth)-4]+"0000")
		}}, wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "signature not hex", req: sigRequest{after: func(r *http.Request) {
			auth := r.Header.Get("Authorization")
			r.Header.Set("Authorization", auth[:len(auth)-4]+"zzzz")
		}}, wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "another algorithm", req: sigRequest{after: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512", 1))
		}}, wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "presigned, tampered body", req: sigRequest{presign: true, body: `{"Limit":1}`, signedBody: `{"Limit":2}`},
			wantType: "InvalidSignatureException", wantMsg: mismatch},
		{name: "presigned, unknown key", req: sigRequest{presign: true, key: "AKIDUNKNOWN"}, wantType: "UnrecognizedClientException",
			wantMsg: "The security token included in the request is invalid."},
		{name: "host not signed", req: sigRequest{after: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "host;", "", 1))
		}}, wantType: "IncompleteSignatureException", wantMsg: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."},
		{name: "credential of 4 elements", req: sigRequest{after: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/aws4_request", "", 1))
		}}, wantType: "IncompleteSignatureException",
			wantMsg: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20260122/us-east-1/kinesis'"},
		{name: "scope date not the request's", req: sigRequest{after: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/20260122/", "/20260121/", 1))
		}}, wantType: "InvalidSignatureException",
			wantMsg: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260121' != '20260122', from '20260122T012202Z'."},
		{name: "scoped to another region", req: sigRequest{region: "eu-west-1"}, wantType: "InvalidSignatureException",
			wantMsg: "Credential should be scoped to a valid region, not 'eu-west-1'."},
		{name: "scoped to another service", req: sigRequest{service: "dynamodb"}, wantType: "InvalidSignatureException",
			wantMsg: "Credential should be scoped to correct service: 'kinesis'."},
		{name: "another terminator", req: sigRequest{after: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/aws4_request", "/aws5_request", 1))
		}}, wantType: "InvalidSignatureException", wantMsg: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'."},
		{name: "expired", req: sigRequest{at: signedAt.Add(-5*time.Minute - time.Second)}, wantType: "InvalidSignatureException",
			wantMsg: "Signature expired: 20260122T011701Z is now earlier than 20260122T011702Z (20260122T012202Z - 5 min.)"},
		{name: "not yet current", req: sigRequest{at: signedAt.Add(5*time.Minute + time.Second)}, wantType: "InvalidSignatureException",
			wantMsg: "Signature not yet current: 20260122T012703Z is still later than 20260122T012702Z (20260122T012202Z + 5 min.)"},
		{name: "presigned, expired", req: sigRequest{presign: true, at: signedAt.Add(-time.Hour)}, wantType: "InvalidSignatureException",
			wantMsg: "Signature expired: 20260122T002202Z is now earlier than 20260122T011702Z (20260122T012202Z - 5 min.)"},
	} {
		status, typ, msg := c.req.send(t, srv)
		if c.wantType == ok {
			assert.Equal(t, http.StatusOK, status, "%s: %s %s", c.name, typ, msg)
			continue
		}
		assert.Equal(t, http.StatusBadRequest, status, c.name)
		assert.Equal(t, c.wantType, typ, c.name)
		assert.Equal(t, c.wantMsg, msg, c.name)
	}
}

// TestSignatureVerificationSDK: the SDK's own clients, end to end: the
// right key is served (SubscribeToShard's event stream too), a wrong
// secret and an unknown key get the SDK's typed exceptions, and a clock
// an hour off expires every signature.
func TestSignatureVerificationSDK(t *testing.T) {
	t.Parallel()
	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(epoch)))
	clock := minikinesis.NewManualClock(time.Now())
	srv := httptest.NewServer(kinesishttp.NewHandler(k, kinesishttp.WithAuthentication(kinesishttp.AuthVerify),
		kinesishttp.WithCredentials(kinesishttp.Credential{AccessKeyID: sigKey, SecretAccessKey: sigSecret}),
		kinesishttp.WithSignatureClock(clock)))
	t.Cleanup(srv.Close)

	good := keyClient(srv, sigKey, sigSecret)
	createStream(t, good, "s", 1)
	_, err := good.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: bytes.Repeat([]byte("x"), 1000)})
	require.NoError(t, err)
	got, err := good.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, good, "s", 0)})
	require.NoError(t, err)
	assert.Len(t, got.Records, 1)
	consumer, err := good.RegisterStreamConsumer(t.Context(), &kinesis.RegisterStreamConsumerInput{
		StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("c")})
	require.NoError(t, err)
	sub, err := good.SubscribeToShard(t.Context(), &kinesis.SubscribeToShardInput{ConsumerARN: consumer.Consumer.ConsumerARN,
		ShardId: aws.String(shardID(0)), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	require.NoError(t, err, "a signed SubscribeToShard is verified like any request")
	require.NoError(t, sub.GetStream().Close())

	_, err = keyClient(srv, sigKey, "wrong").ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	assert.Equal(t, mismatch, requireAWSErrorCode(t, err, "InvalidSignatureException"))
	_, err = keyClient(srv, "AKIDUNKNOWN", sigSecret).ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	assert.Equal(t, "The security token included in the request is invalid.", requireAWSErrorCode(t, err, "UnrecognizedClientException"))

	clock.Advance(time.Hour)
	_, err = good.ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	e := requireAWSErrorCode(t, err, "InvalidSignatureException")
	assert.Regexp(t, regexp.MustCompile(`^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$`), e)
}

// TestSignatureVerificationOnlyWhenAsked: the default AuthRequired takes
// any well-formed signature, of any key.
func TestSignatureVerificationOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	k := minikinesis.New()
	srv := httptest.NewServer(kinesishttp.NewHandler(k,
		kinesishttp.WithCredentials(kinesishttp.Credential{AccessKeyID: sigKey, SecretAccessKey: sigSecret})))
	t.Cleanup(srv.Close)
	status, typ, msg := sigRequest{secret: "wrong", at: time.Now()}.send(t, srv)
	assert.Equal(t, http.StatusOK, status, "%s %s", typ, msg)
}

// requireAWSErrorCode asserts err is a service error of code answered
// with HTTP 400, and returns its message.
func requireAWSErrorCode(t *testing.T, err error, code string) string {
	t.Helper()
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, code, apiErr.ErrorCode())
	var re *awshttp.ResponseError
	if assert.ErrorAs(t, err, &re) {
		assert.Equal(t, http.StatusBadRequest, re.HTTPStatusCode())
	}
	return apiErr.ErrorMessage()
}

// TestSignatureVerificationHTTP2: over HTTP/2 (TLS), where Host and
// Content-Length come from pseudo-headers and frames, SDK-signed
// requests verify too, SubscribeToShard's included.
func TestSignatureVerificationHTTP2(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithHTTP2(), minikinesistest.WithHandlerOptions(
		kinesishttp.WithAuthentication(kinesishttp.AuthVerify),
		kinesishttp.WithCredentials(kinesishttp.Credential{AccessKeyID: minikinesistest.AccessKeyID, SecretAccessKey: minikinesistest.SecretAccessKey})))
	c := srv.Client
	createStream(t, c, "s", 1)
	_, err := c.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(10, "0")})
	require.NoError(t, err)
	consumer := aws.ToString(register(t, c, "s", "app").ConsumerARN)
	es := subscribe(t, srv, consumer, 0, &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	recs, _ := collect(t, es, 10)
	assert.Len(t, recs, 10)

	wrong := srv.NewClient(func(o *kinesis.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(minikinesistest.AccessKeyID, "wrong", "")
	})
	_, err = wrong.ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	assert.Equal(t, mismatch, requireAWSErrorCode(t, err, "InvalidSignatureException"))
}
