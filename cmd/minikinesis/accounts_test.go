package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis/kinesishttp"
)

// keyClient is an SDK client of the server at url signing with key and
// secret; it retries connection errors only (see sdkClient).
func keyClient(url, key, secret string) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 3
			o.Retryables = []retry.IsErrorRetryable{retry.RetryableConnectionError{}}
			o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		}),
	})
}

func TestCredentialsFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(file, []byte(`# keys for tests
[default]
aws_access_key_id = 111111111111
aws_secret_access_key = secret/one+

; a temporary key
[ci]
AWS_ACCESS_KEY_ID=ASIATEMP
aws_secret_access_key=secret-two
aws_session_token = token==
region = eu-west-1
`), 0o600))
	bad := filepath.Join(dir, "bad")
	require.NoError(t, os.WriteFile(bad, []byte("[p]\naws_access_key_id = only\n"), 0o600))
	noProfile := filepath.Join(dir, "no-profile")
	require.NoError(t, os.WriteFile(noProfile, []byte("aws_access_key_id = x\n"), 0o600))

	for _, tt := range []struct {
		name string
		args []string
		want []kinesishttp.Credential
		err  string
	}{
		{"flag", []string{"-auth", "verify", "-credentials", "AKID:SECRET,222222222222:s2:tok"}, []kinesishttp.Credential{
			{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, {AccessKeyID: "222222222222", SecretAccessKey: "s2", SessionToken: "tok"}}, ""},
		{"file and flag", []string{"-auth", "verify", "-credentials-file", file, "-credentials", "AKID:SECRET"}, []kinesishttp.Credential{
			{AccessKeyID: "AKID", SecretAccessKey: "SECRET"},
			{AccessKeyID: "111111111111", SecretAccessKey: "secret/one+"},
			{AccessKeyID: "ASIATEMP", SecretAccessKey: "secret-two", SessionToken: "token=="}}, ""},
		{"verify without keys", []string{"-auth", "verify"}, nil, "-auth verify needs the keys to accept: -credentials or -credentials-file"},
		{"keys without verify", []string{"-credentials", "AKID:SECRET"}, nil, "-credentials and -credentials-file are for -auth verify"},
		{"key without secret", []string{"-auth", "verify", "-credentials", "AKID"}, nil,
			`invalid value "AKID" for flag -credentials: want AKID:SECRET or AKID:SECRET:TOKEN, separated by commas`},
		{"empty secret", []string{"-auth", "verify", "-credentials", "AKID:"}, nil, "want AKID:SECRET or AKID:SECRET:TOKEN"},
		{"missing file", []string{"-auth", "verify", "-credentials-file", filepath.Join(dir, "none")}, nil, "-credentials-file: open "},
		{"profile without secret", []string{"-auth", "verify", "-credentials-file", bad}, nil,
			"-credentials-file: " + bad + ":1: profile [p] needs aws_access_key_id and aws_secret_access_key"},
		{"key outside a profile", []string{"-auth", "verify", "-credentials-file", noProfile}, nil,
			"-credentials-file: " + noProfile + ":1: want key = value inside a [profile]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := parseConfig(tt.args, &bytes.Buffer{})
			if tt.err != "" {
				var usage *usageError
				require.ErrorAs(t, err, &usage)
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, cfg.credentials)
		})
	}
}

// TestRunServesAccountsByAccessKey: each 12-digit key is an account of
// its own, the others the -account-id one, which the -stream streams go
// to; with -data-dir, a restart keeps every account.
func TestRunServesAccountsByAccessKey(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := t.Context()
	args := []string{"-addr", "127.0.0.1:0", "-data-dir", dir, "-fsync", "always", "-account-id", "123456789012", "-stream", "boot:1"}
	p := startRun(t, args...)
	alice := keyClient(p.url, "111111111111", "x")
	other := keyClient(p.url, "AKIDEXAMPLE", "x")
	_, err := alice.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(2)})
	require.NoError(t, err)
	put, err := alice.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("alice's")})
	require.NoError(t, err)

	streams := func(c *kinesis.Client) []string {
		t.Helper()
		out, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
		require.NoError(t, err)
		return out.StreamNames
	}
	assert.Equal(t, []string{"orders"}, streams(alice))
	assert.Equal(t, []string{"boot"}, streams(other), "-stream streams are the default account's")
	require.NoError(t, p.stop(t))
	assert.DirExists(t, filepath.Join(dir, "accounts", "111111111111"))

	p2 := startRun(t, args...)
	alice, other = keyClient(p2.url, "111111111111", "x"), keyClient(p2.url, "AKIDEXAMPLE", "x")
	assert.Equal(t, []string{"orders"}, streams(alice), "alice's account is recovered")
	assert.Equal(t, []string{"boot"}, streams(other))
	s, err := alice.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:kinesis:us-east-1:111111111111:stream/orders", aws.ToString(s.StreamDescriptionSummary.StreamARN))
	b, err := other.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("boot")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:kinesis:us-east-1:123456789012:stream/boot", aws.ToString(b.StreamDescriptionSummary.StreamARN))
	it, err := alice.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("orders"), ShardId: put.ShardId,
		ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: put.SequenceNumber})
	require.NoError(t, err)
	got, err := alice.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.Len(t, got.Records, 1)
	assert.Equal(t, "alice's", string(got.Records[0].Data))
	require.NoError(t, p2.stop(t))
	assert.Contains(t, p2.log.String(), `msg="data directory closed" account_id=111111111111`)
}

// TestRunVerifiesSignatures: with -auth verify, only the configured keys
// are served, each with its own secret.
func TestRunVerifiesSignatures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := startRun(t, "-addr", "127.0.0.1:0", "-auth", "verify", "-credentials", "AKIDEXAMPLE:right,111111111111:alices", "-data-dir", dir)
	ctx := t.Context()
	_, err := keyClient(p.url, "AKIDEXAMPLE", "right").ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	_, err = keyClient(p.url, "111111111111", "alices").CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a"), ShardCount: aws.Int32(1)})
	require.NoError(t, err)

	for _, c := range []struct{ key, secret, code string }{
		{"AKIDEXAMPLE", "wrong", "InvalidSignatureException"},
		{"111111111111", "right", "InvalidSignatureException"},
		{"222222222222", "x", "UnrecognizedClientException"},
	} {
		_, err := keyClient(p.url, c.key, c.secret).ListStreams(ctx, &kinesis.ListStreamsInput{})
		var apiErr smithy.APIError
		require.ErrorAs(t, err, &apiErr, c.key)
		assert.Equal(t, c.code, apiErr.ErrorCode(), c.key)
	}
	require.NoError(t, p.stop(t))
	assert.DirExists(t, filepath.Join(dir, "accounts", "111111111111"))
	assert.NoDirExists(t, filepath.Join(dir, "accounts", "222222222222"), "a refused key makes no account")
}
