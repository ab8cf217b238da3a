package kinesishttp_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAll reads a shard from TRIM_HORIZON through the SDK until it is
// caught up, returning the records' data as strings.
func readAll(t *testing.T, c *kinesis.Client, stream, shard string) []string {
	t.Helper()
	it, err := c.GetShardIterator(t.Context(), &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String(shard),
		ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	var data []string
	iter := it.ShardIterator
	for iter != nil {
		out, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: iter})
		require.NoError(t, err)
		for _, r := range out.Records {
			data = append(data, string(r.Data))
		}
		if len(out.Records) == 0 || aws.ToInt64(out.MillisBehindLatest) == 0 {
			break
		}
		iter = out.NextShardIterator
	}
	return data
}

func TestE2ERetentionPeriod(t *testing.T) {
	t.Parallel()
	srv := newServer(t, minikinesistest.WithModelOptions(minikinesis.WithoutReadThrottling()))
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)

	_, err := c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(48)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(48), summary(t, c, "s").RetentionPeriodHours)
	_, err = c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamARN: aws.String(streamARN("s")), RetentionPeriodHours: aws.Int32(25)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(25), summary(t, c, "s").RetentionPeriodHours)
	_, err = c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(25)})
	require.NoError(t, err, "increasing to the current period is allowed")
	_, err = c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(8760)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(8760), summary(t, c, "s").RetentionPeriodHours)
	_, err = c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(24)})
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(24), summary(t, c, "s").RetentionPeriodHours)

	// Records past the period are gone: TRIM_HORIZON starts at the oldest
	// record still kept.
	put := func(data string) {
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte(data)})
		require.NoError(t, err)
	}
	put("first")
	srv.Clock.Advance(23 * time.Hour)
	put("second")
	assert.Equal(t, []string{"first", "second"}, readAll(t, c, "s", shardID(0)))
	srv.Clock.Advance(time.Hour + time.Millisecond) // "first" is now past 24 h
	assert.Equal(t, []string{"second"}, readAll(t, c, "s", shardID(0)))

	// A longer period keeps what is still there for longer.
	_, err = c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(48)})
	require.NoError(t, err)
	srv.Clock.Advance(23 * time.Hour) // "second" is 24 h old
	assert.Equal(t, []string{"second"}, readAll(t, c, "s", shardID(0)))
	// Shortening it drops what the new period no longer covers.
	_, err = c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(24)})
	require.NoError(t, err)
	assert.Empty(t, readAll(t, c, "s", shardID(0)))

	// AT_TIMESTAMP before the horizon starts at the horizon too.
	put("third")
	it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shardID(0)),
		ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch)})
	require.NoError(t, err)
	recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.Len(t, recs.Records, 1)
	assert.Equal(t, "third", string(recs.Records[0].Data))
}
