package kinesishttp_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// expect returns a check that err is the SDK's exception E with message.
func expect[E smithy.APIError](message string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		requireAWSError[E](t, err, message)
	}
}

// TestE2ESpecErrors walks SPEC §3: every error it lists, provoked through
// the SDK, checked as the SDK's typed exception with AWS's exact message.
// The stream is X with three shards unless a row says otherwise.
func TestE2ESpecErrors(t *testing.T) {
	t.Parallel()
	type call func(t *testing.T, srv *minikinesistest.Server, c *kinesis.Client) error
	put := func(in *kinesis.PutRecordInput) call {
		return func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
			if in.StreamName == nil {
				in.StreamName = aws.String("X")
			}
			if in.PartitionKey == nil {
				in.PartitionKey = aws.String("k")
			}
			if in.Data == nil {
				in.Data = []byte("x")
			}
			_, err := c.PutRecord(t.Context(), in)
			return err
		}
	}
	iter := func(in *kinesis.GetShardIteratorInput) call {
		return func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
			if in.StreamName == nil {
				in.StreamName = aws.String("X")
			}
			if in.ShardId == nil {
				in.ShardId = aws.String(shardID(0))
			}
			_, err := c.GetShardIterator(t.Context(), in)
			return err
		}
	}
	retention := func(increase bool, hours int32) call {
		return func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
			var err error
			if increase {
				_, err = c.IncreaseStreamRetentionPeriod(t.Context(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("X"), RetentionPeriodHours: aws.Int32(hours)})
			} else {
				_, err = c.DecreaseStreamRetentionPeriod(t.Context(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String("X"), RetentionPeriodHours: aws.Int32(hours)})
			}
			return err
		}
	}
	fill := func(t *testing.T, c *kinesis.Client) { // uses up shard 0's write allowance
		for range 2 {
			_, err := c.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("X"), Records: batch(500, "0")})
			require.NoError(t, err)
		}
	}
	trimHorizon0 := func(t *testing.T, c *kinesis.Client) *string { return trimHorizon(t, c, "X", 0) }

	for _, row := range []struct {
		name  string
		opts  []minikinesistest.Option
		setup func(t *testing.T, srv *minikinesistest.Server, c *kinesis.Client)
		call  call
		check func(*testing.T, error)
	}{
		// Validation, AWS's format.
		{name: "validation: data over 1 MiB",
			call:  put(&kinesis.PutRecordInput{Data: make([]byte, 1048577)}),
			check: expect[*types.ValidationException]("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")},
		{name: "validation: two violations, partitionKey then data",
			call:  put(&kinesis.PutRecordInput{PartitionKey: aws.String(""), Data: make([]byte, 1048577)}),
			check: expect[*types.ValidationException]("2 validation errors detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")},
		{name: "validation: GetRecords Limit 0",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: trimHorizon0(t, c), Limit: aws.Int32(0)})
				return err
			},
			check: expect[*types.ValidationException]("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")},
		{name: "validation: partitionKey null",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("X"), Data: []byte("x")})
				return err
			},
			check: expect[*types.ValidationException]("1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null")},
		{name: "neither stream name nor ARN",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Stream arn and stream name can't be empty at the same time")},

		// Semantic errors, in SPEC's order.
		{name: "stream missing",
			call:  put(&kinesis.PutRecordInput{StreamName: aws.String("Y")}),
			check: expect[*types.ResourceNotFoundException]("Stream Y under account 000000000000 not found.")},
		{name: "write while CREATING",
			opts:  []minikinesistest.Option{minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Creating: time.Second}))},
			call:  put(&kinesis.PutRecordInput{}),
			check: expect[*types.ResourceNotFoundException]("Stream X under account 000000000000 not found.")},
		{name: "write while DELETING",
			opts: []minikinesistest.Option{minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Deleting: time.Second}))},
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) {
				_, err := c.DeleteStream(t.Context(), &kinesis.DeleteStreamInput{StreamName: aws.String("X")})
				require.NoError(t, err)
			},
			call:  put(&kinesis.PutRecordInput{}),
			check: expect[*types.ResourceNotFoundException]("Stream X under account 000000000000 not found.")},
		{name: "ExplicitHashKey 2^128 in PutRecord",
			call:  put(&kinesis.PutRecordInput{ExplicitHashKey: aws.String(twoTo128)}),
			check: expect[*types.InvalidArgumentException]("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + twoTo128)},
		{name: "ExplicitHashKey 2^128 in one PutRecords entry fails the request",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("X"), Records: append(batch(3, "0"), batch(1, twoTo128)...)})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + twoTo128)},
		{name: "bad SequenceNumberForOrdering",
			call:  put(&kinesis.PutRecordInput{SequenceNumberForOrdering: aws.String("42")}),
			check: expect[*types.InvalidArgumentException]("ExclusiveMinimumSequenceNumber 42 used in PutRecord on stream X under account 000000000000 is invalid.")},
		{name: "write throttled: PutRecord",
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) { fill(t, c) },
			call:  put(&kinesis.PutRecordInput{ExplicitHashKey: aws.String("0")}),
			check: expect[*types.ProvisionedThroughputExceededException]("Rate exceeded for shard shardId-000000000000 in stream X under account 000000000000.")},
		{name: "write throttled: PutRecords entry",
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) { fill(t, c) },
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				out, err := c.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("X"), Records: batch(1, "0")})
				require.NoError(t, err)
				assert.Equal(t, aws.Int32(1), out.FailedRecordCount)
				assert.Equal(t, []types.PutRecordsResultEntry{{ErrorCode: aws.String("ProvisionedThroughputExceededException"),
					ErrorMessage: aws.String("Rate exceeded for shard shardId-000000000000 in stream X under account 000000000000.")}}, out.Records)
				return nil
			}},
		{name: "PutRecords entry internal failure",
			setup: func(t *testing.T, srv *minikinesistest.Server, _ *kinesis.Client) {
				srv.Kinesis.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpPutRecords, Nth: 2, EntryErrorCode: minikinesis.ErrorCodeInternalFailure})
			},
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				out, err := c.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("X"), Records: batch(3, "0")})
				require.NoError(t, err)
				assert.Equal(t, aws.Int32(1), out.FailedRecordCount)
				require.Len(t, out.Records, 3)
				assert.Equal(t, types.PutRecordsResultEntry{ErrorCode: aws.String("InternalFailure"), ErrorMessage: aws.String("Internal Service Failure")}, out.Records[1])
				assert.Equal(t, shardID(0), aws.ToString(out.Records[0].ShardId))
				assert.Equal(t, shardID(0), aws.ToString(out.Records[2].ShardId))
				return nil
			}},
		{name: "read throttled",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				it := trimHorizon0(t, c)
				for range 5 {
					_, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it})
					require.NoError(t, err)
				}
				_, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it})
				return err
			},
			check: expect[*types.ProvisionedThroughputExceededException]("Rate exceeded for Shard - 000000000000/X/shardId-000000000000")},
		{name: "control-plane rate",
			opts: []minikinesistest.Option{minikinesistest.WithModelOptions(minikinesis.WithControlPlaneRateLimits(
				map[string]minikinesis.ControlPlaneRate{minikinesis.OpDescribeStreamSummary: {PerSecond: 1}}))},
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				in := &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("X")}
				_, err := c.DescribeStreamSummary(t.Context(), in)
				require.NoError(t, err)
				_, err = c.DescribeStreamSummary(t.Context(), in)
				return err
			},
			check: expect[*types.LimitExceededException]("Rate exceeded for stream X under account 000000000000.")},
		{name: "create existing",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String("X"), ShardCount: aws.Int32(1)})
				return err
			},
			check: expect[*types.ResourceInUseException]("Stream X under account 000000000000 already exists.")},
		{name: "over the shard limit",
			opts: []minikinesistest.Option{minikinesistest.WithModelOptions(minikinesis.WithShardLimit(10))},
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String("Z"), ShardCount: aws.Int32(1000)})
				return err
			},
			check: expect[*types.LimitExceededException]("This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 3. Limit: 10. Number of additional shards that would have resulted from this request: 1000. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.")},
		{name: "reshard while not ACTIVE",
			opts: []minikinesistest.Option{minikinesistest.WithModelOptions(minikinesis.WithStateDelays(minikinesis.StateDelays{Updating: time.Second}))},
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) {
				_, err := c.SplitShard(t.Context(), &kinesis.SplitShardInput{StreamName: aws.String("X"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
				require.NoError(t, err)
			},
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.MergeShards(t.Context(), &kinesis.MergeShardsInput{StreamName: aws.String("X"), ShardToMerge: aws.String(shardID(1)), AdjacentShardToMerge: aws.String(shardID(2))})
				return err
			},
			check: expect[*types.ResourceInUseException]("Stream X under account 000000000000 not ACTIVE, instead in state UPDATING")},
		{name: "unknown shard in a reshard",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.SplitShard(t.Context(), &kinesis.SplitShardInput{StreamName: aws.String("X"), ShardToSplit: aws.String("shardId-000000000005"), NewStartingHashKey: aws.String("1000")})
				return err
			},
			check: expect[*types.ResourceNotFoundException]("Could not find shard shardId-000000000005 in stream X under account 000000000000.")},
		{name: "shard missing on GetShardIterator",
			call:  iter(&kinesis.GetShardIteratorInput{ShardId: aws.String("shardId-000000000003"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}),
			check: expect[*types.ResourceNotFoundException]("Could not find shard shardId-000000000003 in stream X under account 000000000000.")},
		{name: "stream missing on GetShardIterator",
			call:  iter(&kinesis.GetShardIteratorInput{StreamName: aws.String("Y"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}),
			check: expect[*types.ResourceNotFoundException]("Could not find shard shardId-000000000000 in stream Y under account 000000000000.")},
		{name: "shard missing on GetRecords (stream deleted)",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				it := trimHorizon0(t, c)
				_, err := c.DeleteStream(t.Context(), &kinesis.DeleteStreamInput{StreamName: aws.String("X")})
				require.NoError(t, err)
				_, err = c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it})
				return err
			},
			check: expect[*types.ResourceNotFoundException]("Could not find shard shardId-000000000000 in stream X under account 000000000000.")},
		{name: "iterator type without its sequence number",
			call:  iter(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber}),
			check: expect[*types.InvalidArgumentException]("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.")},
		{name: "iterator type with a sequence number it does not take",
			call:  iter(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeTrimHorizon, StartingSequenceNumber: aws.String("42")}),
			check: expect[*types.InvalidArgumentException]("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified TRIM_HORIZON and also a StartingSequenceNumber.")},
		{name: "sequence number of another shard",
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) { createStream(t, c, "six", 6) },
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				out, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("six"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(maxHashKey), Data: []byte("x")})
				require.NoError(t, err)
				require.Equal(t, "shardId-000000000005", aws.ToString(out.ShardId))
				_, err = c.GetShardIterator(t.Context(), &kinesis.GetShardIteratorInput{StreamName: aws.String("six"), ShardId: aws.String(shardID(0)),
					ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: out.SequenceNumber})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a shard with shardId-000000000000")},
		{name: "sequence number not valid for the shard",
			call:  iter(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: aws.String("42")}),
			check: expect[*types.InvalidArgumentException]("StartingSequenceNumber 42 used in GetShardIterator on shard shardId-000000000000 in stream X under account 000000000000 is invalid.")},
		{name: "AT_TIMESTAMP without a timestamp",
			call:  iter(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtTimestamp}),
			check: expect[*types.InvalidArgumentException]("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")},
		{name: "AT_TIMESTAMP in the future",
			call: iter(&kinesis.GetShardIteratorInput{ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(1500 * time.Millisecond))}),
			check: expect[*types.InvalidArgumentException]("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: " +
				strconv.FormatInt(epoch.Add(1500*time.Millisecond).UnixMilli(), 10) + ", currentTimestampInMillis: " + strconv.FormatInt(epoch.UnixMilli(), 10))},
		{name: "garbage iterator",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: aws.String("not-an-iterator")})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Invalid ShardIterator.")},
		{name: "iterator older than 300 s",
			call: func(t *testing.T, srv *minikinesistest.Server, c *kinesis.Client) error {
				it := trimHorizon0(t, c)
				srv.Clock.Advance(5*time.Minute + time.Second)
				_, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it})
				return err
			},
			check: expect[*types.ExpiredIteratorException]("Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2026 while right now it is Thu Jan 22 01:27:03 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.")},
		{name: "NextToken older than 300 s",
			call: func(t *testing.T, srv *minikinesistest.Server, c *kinesis.Client) error {
				page, err := c.ListShards(t.Context(), &kinesis.ListShardsInput{StreamName: aws.String("X"), MaxResults: aws.Int32(1)})
				require.NoError(t, err)
				srv.Clock.Advance(400 * time.Second)
				_, err = c.ListShards(t.Context(), &kinesis.ListShardsInput{NextToken: page.NextToken})
				return err
			},
			check: expect[*types.ExpiredNextTokenException]("The NextToken has expired: it was issued 400000 ms ago, more than the allowed 300000 ms.")},
		{name: "retention below 24 hours",
			call:  retention(true, 23),
			check: expect[*types.InvalidArgumentException]("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.")},
		{name: "retention above 8760 hours",
			call:  retention(true, 9999),
			check: expect[*types.InvalidArgumentException]("Maximum allowed retention period is 8760 hours. Requested retention period (9999 hours) is too long.")},
		{name: "increase below the current period",
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) {
				require.NoError(t, retention(true, 25)(t, nil, c))
			},
			call:  retention(true, 24),
			check: expect[*types.InvalidArgumentException]("Requested retention period (24 hours) for stream X can not be shorter than existing retention period (25 hours). Use DecreaseRetentionPeriod API.")},
		{name: "decrease above the current period",
			call:  retention(false, 25),
			check: expect[*types.InvalidArgumentException]("Requested retention period (25 hours) for stream X can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.")},
		{name: "split key out of range",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.SplitShard(t.Context(), &kinesis.SplitShardInput{StreamName: aws.String("X"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1")})
				return err
			},
			check: expect[*types.InvalidArgumentException]("NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream X under account 000000000000 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 113427455640312821154458202477256070484.")},
		{name: "split a closed shard",
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) {
				_, err := c.MergeShards(t.Context(), &kinesis.MergeShardsInput{StreamName: aws.String("X"), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(1))})
				require.NoError(t, err)
			},
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.SplitShard(t.Context(), &kinesis.SplitShardInput{StreamName: aws.String("X"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Shard shardId-000000000000 in stream X under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.")},
		{name: "merge a closed shard",
			setup: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) {
				_, err := c.SplitShard(t.Context(), &kinesis.SplitShardInput{StreamName: aws.String("X"), ShardToSplit: aws.String(shardID(0)), NewStartingHashKey: aws.String("1000")})
				require.NoError(t, err)
			},
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.MergeShards(t.Context(), &kinesis.MergeShardsInput{StreamName: aws.String("X"), ShardToMerge: aws.String(shardID(0)), AdjacentShardToMerge: aws.String(shardID(1))})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Shard shardId-000000000000 in stream X under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.")},
		{name: "merge non-adjacent (order matters)",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.MergeShards(t.Context(), &kinesis.MergeShardsInput{StreamName: aws.String("X"), ShardToMerge: aws.String(shardID(1)), AdjacentShardToMerge: aws.String(shardID(0))})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Shards shardId-000000000001 and shardId-000000000000 in stream X under account 000000000000 are not an adjacent pair of shards eligible for merging")},
		{name: "ListShards with neither StreamName nor NextToken",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				_, err := c.ListShards(t.Context(), &kinesis.ListShardsInput{})
				return err
			},
			check: expect[*types.InvalidArgumentException]("Either NextToken or StreamName should be provided.")},
		{name: "ListShards with both StreamName and NextToken",
			call: func(t *testing.T, _ *minikinesistest.Server, c *kinesis.Client) error {
				page, err := c.ListShards(t.Context(), &kinesis.ListShardsInput{StreamName: aws.String("X"), MaxResults: aws.Int32(1)})
				require.NoError(t, err)
				_, err = c.ListShards(t.Context(), &kinesis.ListShardsInput{StreamName: aws.String("X"), NextToken: page.NextToken})
				return err
			},
			check: expect[*types.InvalidArgumentException]("NextToken and StreamName cannot be provided together.")},
	} {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, row.opts...)
			createStream(t, srv.Client, "X", 3)
			if row.setup != nil {
				row.setup(t, srv, srv.Client)
			}
			err := row.call(t, srv, srv.Client)
			if row.check != nil {
				row.check(t, err)
			}
		})
	}
}

// An injected internal failure answers HTTP 500 with __type InternalFailure
// (SPEC §3), which the SDK reads as a generic API error of that code.
func TestE2EInternalFailure(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "X", 1)
	srv.Kinesis.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpDescribeStreamSummary, Times: 1, Err: &minikinesis.InternalFailureException{Message: "Internal Service Failure"}})

	_, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("X")})
	apiErr, ok := errorsAs[smithy.APIError](err)
	require.True(t, ok, "got %T %v", err, err)
	assert.Equal(t, "InternalFailure", apiErr.ErrorCode())
	assert.Equal(t, "Internal Service Failure", apiErr.ErrorMessage())
	re, ok := errorsAs[*awshttp.ResponseError](err)
	require.True(t, ok)
	assert.Equal(t, http.StatusInternalServerError, re.HTTPStatusCode())

	_, err = c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("X")})
	require.NoError(t, err, "the fault fired once")
}
