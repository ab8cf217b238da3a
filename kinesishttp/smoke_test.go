package kinesishttp

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSDKSmoke(t *testing.T) {
	k := minikinesis.New()
	srv := httptest.NewServer(NewHandler(k))
	defer srv.Close()
	c := kinesis.New(kinesis.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials:      credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		RetryMaxAttempts: 1,
	})
	ctx := context.Background()
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(2)})
	require.NoError(t, err)
	out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{{Data: []byte("hi"), PartitionKey: aws.String("k")}}})
	require.NoError(t, err)
	assert.Equal(t, int32(0), *out.FailedRecordCount)
	it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: out.Records[0].ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.Len(t, recs.Records, 1)
	assert.Equal(t, "hi", string(recs.Records[0].Data))
	_, err = c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("nope")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Stream nope under account 000000000000 not found.", nf.ErrorMessage())

	s, _ := k.Stream("s")
	reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(s.ARN()), ConsumerName: aws.String("app")})
	require.NoError(t, err)
	sub, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN, ShardId: out.Records[0].ShardId,
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	require.NoError(t, err)
	stream := sub.GetStream()
	defer stream.Close()
	ev := <-stream.Events()
	e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
	require.True(t, ok, "%T %v", ev, stream.Err())
	require.Len(t, e.Value.Records, 1)
	assert.Equal(t, "hi", string(e.Value.Records[0].Data))
}
