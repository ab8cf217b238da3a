package kinesishttp_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountsServer serves accounts made on first use, each on the same
// manual clock, with handler options opts.
func accountsServer(t *testing.T, opts ...kinesishttp.Option) (*httptest.Server, *kinesishttp.Accounts) {
	t.Helper()
	clock := minikinesis.NewManualClock(epoch)
	accounts := kinesishttp.NewAccounts(account, func(id string) (*minikinesis.Kinesis, error) {
		return minikinesis.New(minikinesis.WithAccountID(id), minikinesis.WithClock(clock)), nil
	})
	h := kinesishttp.NewHandler(accounts.Default(), append([]kinesishttp.Option{kinesishttp.WithAccounts(accounts.Resolve)}, opts...)...)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, accounts
}

// keyClient is an SDK client of srv signing with the access key id key.
func keyClient(srv *httptest.Server, key, secret string) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:           minikinesis.DefaultRegion,
		BaseEndpoint:     aws.String(srv.URL),
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, ""),
		HTTPClient:       srv.Client(),
		RetryMaxAttempts: 1,
	})
}

// TestAccountsByAccessKey: a 12-digit access key id is its own account,
// with its own streams and ARNs; any other key is the default account.
func TestAccountsByAccessKey(t *testing.T) {
	t.Parallel()
	srv, accounts := accountsServer(t)
	alice := keyClient(srv, "111111111111", "x")
	bob := keyClient(srv, "222222222222", "x")
	other := keyClient(srv, "AKIDEXAMPLE", "x")

	createStream(t, alice, "orders", 1)
	createStream(t, bob, "orders", 2)
	createStream(t, bob, "payments", 1)
	createStream(t, other, "default-only", 1)

	for _, c := range []struct {
		client  *kinesis.Client
		account string
		streams []string
	}{
		{alice, "111111111111", []string{"orders"}},
		{bob, "222222222222", []string{"orders", "payments"}},
		{other, account, []string{"default-only"}},
	} {
		out, err := c.client.ListStreams(t.Context(), &kinesis.ListStreamsInput{})
		require.NoError(t, err)
		assert.Equal(t, c.streams, out.StreamNames, "account %s sees only its own streams", c.account)
		s := summary(t, c.client, c.streams[0])
		assert.Equal(t, "arn:aws:kinesis:us-east-1:"+c.account+":stream/"+c.streams[0], aws.ToString(s.StreamARN))
	}
	assert.Equal(t, int32(1), aws.ToInt32(summary(t, alice, "orders").OpenShardCount))
	assert.Equal(t, int32(2), aws.ToInt32(summary(t, bob, "orders").OpenShardCount))

	_, err := alice.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("payments")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream payments under account 111111111111 not found.")
	_, err = alice.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{
		StreamARN: aws.String("arn:aws:kinesis:us-east-1:222222222222:stream/payments")})
	assert.Error(t, err, "another account's ARN names no stream of this one")

	assert.Equal(t, []string{account, "111111111111", "222222222222"}, accounts.IDs())
	k, ok := accounts.Lookup("222222222222")
	require.True(t, ok)
	assert.Equal(t, []string{"orders", "payments"}, k.StreamNames())
	_, ok = accounts.Lookup("333333333333")
	assert.False(t, ok, "Lookup makes no account")
	assert.Equal(t, account, accounts.Default().AccountID())
}

// TestAccountsIteratorsStayInTheirAccount: an iterator or a NextToken
// one account issued is refused by another, as AWS refuses a forged one.
func TestAccountsIteratorsStayInTheirAccount(t *testing.T) {
	t.Parallel()
	srv, _ := accountsServer(t, kinesishttp.WithAuthentication(kinesishttp.AuthRequired))
	alice := keyClient(srv, "111111111111", "x")
	bob := keyClient(srv, "222222222222", "x")
	for _, c := range []*kinesis.Client{alice, bob} {
		createStream(t, c, "s", 1)
		for _, name := range []string{"t1", "t2"} {
			createStream(t, c, name, 1)
		}
	}
	_, err := alice.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("a")})
	require.NoError(t, err)

	it := trimHorizon(t, alice, "s", 0)
	got, err := alice.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it})
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, dataOf(got.Records))

	_, err = bob.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it})
	requireAWSError[*types.InvalidArgumentException](t, err, "Invalid ShardIterator.")

	page, err := alice.ListStreams(t.Context(), &kinesis.ListStreamsInput{Limit: aws.Int32(1)})
	require.NoError(t, err)
	require.NotNil(t, page.NextToken)
	_, err = bob.ListStreams(t.Context(), &kinesis.ListStreamsInput{NextToken: page.NextToken})
	var invalid *types.InvalidArgumentException
	assert.True(t, errors.As(err, &invalid), "bob refuses alice's NextToken: %v", err)
}

// TestAccountsMadeOnce: concurrent first requests of one account make it
// once.
func TestAccountsMadeOnce(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	made := map[string]int{}
	accounts := kinesishttp.NewAccounts(account, func(id string) (*minikinesis.Kinesis, error) {
		mu.Lock()
		made[id]++
		mu.Unlock()
		return minikinesis.New(minikinesis.WithAccountID(id)), nil
	})
	var wg sync.WaitGroup
	got := make([]*minikinesis.Kinesis, 16)
	for i := range got {
		wg.Go(func() {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20260122/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00")
			k, err := accounts.Resolve(r)
			assert.NoError(t, err)
			got[i] = k
		})
	}
	wg.Wait()
	assert.Equal(t, map[string]int{"123456789012": 1}, made)
	for _, k := range got {
		assert.Same(t, got[0], k)
	}
}

// TestAccountsResolve: which account a request names.
func TestAccountsResolve(t *testing.T) {
	t.Parallel()
	accounts := kinesishttp.NewAccounts(account, func(id string) (*minikinesis.Kinesis, error) {
		return minikinesis.New(minikinesis.WithAccountID(id)), nil
	})
	for _, c := range []struct {
		name, header, query, want string
	}{
		{"12-digit key", "AWS4-HMAC-SHA256 Credential=999988887777/20260122/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00", "", "999988887777"},
		{"other key", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260122/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00", "", account},
		{"13 digits", "AWS4-HMAC-SHA256 Credential=9999888877776/20260122/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00", "", account},
		{"no credentials", "", "", account},
		{"presigned", "", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=444455556666%2F20260122%2Fus-east-1%2Fkinesis%2Faws4_request", "444455556666"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/?"+c.query, nil)
		if c.header != "" {
			r.Header.Set("Authorization", c.header)
		}
		k, err := accounts.Resolve(r)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, k.AccountID(), c.name)
	}
}

// TestAccountsErrors: an account that cannot be made, or is made with
// another id, is an error, and the request an InternalFailure.
func TestAccountsErrors(t *testing.T) {
	t.Parallel()
	accounts := kinesishttp.NewAccounts(account, func(id string) (*minikinesis.Kinesis, error) {
		switch id {
		case "111111111111":
			return nil, errors.New("disk full")
		case "222222222222":
			return minikinesis.New(), nil
		}
		return minikinesis.New(minikinesis.WithAccountID(id)), nil
	})
	_, err := accounts.Account("111111111111")
	assert.ErrorContains(t, err, "disk full")
	_, err = accounts.Account("222222222222")
	assert.ErrorContains(t, err, "another id")
	assert.Equal(t, []string(nil), nilIfEmpty(accounts.IDs()), "no account was kept")

	srv := httptest.NewServer(kinesishttp.NewHandler(accounts.Default(), kinesishttp.WithAccounts(accounts.Resolve)))
	t.Cleanup(srv.Close)
	_, err = keyClient(srv, "111111111111", "x").ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "InternalFailure", apiErr.ErrorCode())
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestAccountsSubscribeAndBatches: SubscribeToShard's event stream and
// PutRecords (hand-written codecs) are served by the signing account:
// alice's consumer delivers alice's records, and bob cannot subscribe
// with alice's consumer ARN.
func TestAccountsSubscribeAndBatches(t *testing.T) {
	t.Parallel()
	srv, _ := accountsServer(t)
	alice := keyClient(srv, "111111111111", "x")
	bob := keyClient(srv, "222222222222", "x")
	ctx := t.Context()
	for _, c := range []*kinesis.Client{alice, bob} {
		createStream(t, c, "s", 1)
	}
	put, err := alice.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: batch(3, "0")})
	require.NoError(t, err)
	assert.Equal(t, int32(0), aws.ToInt32(put.FailedRecordCount))
	got, err := bob.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: trimHorizon(t, bob, "s", 0)})
	require.NoError(t, err)
	assert.Empty(t, got.Records, "alice's batch went to alice's stream")

	aliceARN := "arn:aws:kinesis:us-east-1:111111111111:stream/s"
	reg, err := alice.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(aliceARN), ConsumerName: aws.String("app")})
	require.NoError(t, err)
	consumer := reg.Consumer.ConsumerARN
	assert.Contains(t, aws.ToString(consumer), ":111111111111:stream/s/consumer/app:")

	sub, err := alice.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: consumer, ShardId: aws.String(shardID(0)),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	require.NoError(t, err)
	es := sub.GetStream()
	t.Cleanup(func() { _ = es.Close() })
	var records []types.Record
	for len(records) < 3 {
		ev, ok := <-es.Events()
		require.True(t, ok, "the stream ended early: %v", es.Err())
		if e, isEvent := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent); isEvent {
			records = append(records, e.Value.Records...)
		}
	}
	assert.Equal(t, []string{"x", "x", "x"}, dataOf(records))

	_, err = bob.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: consumer, ShardId: aws.String(shardID(0)),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	var notFound *types.ResourceNotFoundException
	assert.True(t, errors.As(err, &notFound), "bob has no such consumer: %v", err)
}
