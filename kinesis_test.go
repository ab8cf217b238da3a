package minikinesis

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateStreamErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		in       *CreateStreamInput
		wantType string
		wantMsg  string
	}{
		{name: "nil input", in: nil, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null"},
		{name: "negative shard count", in: &CreateStreamInput{StreamName: "x", ShardCount: -1}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '-1' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "provisioned without shard count", in: &CreateStreamInput{StreamName: "x"}, wantType: "InvalidArgumentException",
			wantMsg: "ShardCount is required for a stream in PROVISIONED mode."},
		{name: "bad name", in: &CreateStreamInput{StreamName: "a/b", ShardCount: 1}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 'a/b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{name: "exists", in: &CreateStreamInput{StreamName: "taken", ShardCount: 1}, wantType: "ResourceInUseException",
			wantMsg: "Stream taken under account 000000000000 already exists."},
		{name: "over shard limit", in: &CreateStreamInput{StreamName: "big", ShardCount: 1000}, wantType: "LimitExceededException",
			wantMsg: "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 3. Limit: 10. Number of additional shards that would have resulted from this request: 1000. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t, WithShardLimit(10))
			createStream(t, k, "taken", 3)
			err := k.CreateStream(t.Context(), tc.in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, []string{"taken"}, k.StreamNames())
		})
	}
}

func TestShardLimitCountsOpenShardsAndIsReleasedOnDelete(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithShardLimit(4))
	createStream(t, k, "a", 4)
	err := k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "b", ShardCount: 1})
	requireAPIError[*LimitExceededException](t, err)
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamARN: k.StreamARN("a")}))
	createStream(t, k, "b", 4)
	assert.Equal(t, []string{"b"}, k.StreamNames())
}

func TestAccountOptionsShapeARNsAndMessages(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithRegion("eu-west-1"), WithAccountID("123456789012"))
	s := createStream(t, k, "s", 1)
	assert.Equal(t, "arn:aws:kinesis:eu-west-1:123456789012:stream/s", s.ARN())
	assert.Equal(t, "eu-west-1", k.Region())
	assert.Equal(t, "123456789012", k.AccountID())
	found, err := k.Stream(s.ARN())
	require.NoError(t, err)
	assert.Same(t, s, found)
	_, err = k.Stream("arn:aws:kinesis:us-east-1:123456789012:stream/s")
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 123456789012 not found.", nf.ErrorMessage())
	assert.Equal(t, testEpoch, s.CreationTime())
	assert.Equal(t, StreamStatusActive, s.Status())
	assert.Equal(t, "s", s.Name())
}

func TestShardIDNormalisation(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 6)
	for _, id := range []string{"shardId-000000000005", "shardId-5", "5", "a-000000000005", "000000000005"} {
		_, err := s.ShardRecords(id)
		assert.NoError(t, err, id)
	}
	for _, id := range []string{"shardId-000000000006", "shardId-x", "", "shardId-", "1234567890123"} {
		_, err := s.ShardRecords(id)
		requireAPIError[*ResourceNotFoundException](t, err)
	}
	shards := s.Shards()
	require.Len(t, shards, 6)
	for i, sh := range shards {
		assert.Equal(t, FormatShardID(i), sh.ShardId)
		assert.Empty(t, sh.ParentShardId)
		assert.True(t, sh.SequenceNumberRange.EndingSequenceNumber.IsZero())
		assert.Equal(t, uint64(0), sh.SequenceNumberRange.StartingSequenceNumber.Counter())
		assert.Equal(t, i, sh.SequenceNumberRange.StartingSequenceNumber.ShardIndex())
	}
}

func TestErrorsWorkWithErrorsAs(t *testing.T) {
	t.Parallel()
	all := []APIError{
		&ResourceNotFoundException{Message: "m"}, &ResourceInUseException{Message: "m"},
		&InvalidArgumentException{Message: "m"}, &LimitExceededException{Message: "m"},
		&ProvisionedThroughputExceededException{Message: "m"}, &ExpiredIteratorException{Message: "m"},
		&ExpiredNextTokenException{Message: "m"}, &AccessDeniedException{Message: "m"},
		&InternalFailureException{Message: "m"},
	}
	for _, e := range all {
		assert.Equal(t, "m", e.ErrorMessage())
		assert.Equal(t, e.ErrorCode()+": m", e.Error())
	}
	assert.Equal(t, "InternalFailure", (&InternalFailureException{}).ErrorCode())

	k, _ := newTestKinesis(t)
	_, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "missing", PartitionKey: "k"})
	wrapped := fmt.Errorf("producer: %w", err)
	assert.ErrorIs(t, wrapped, &ResourceNotFoundException{})
	assert.ErrorIs(t, wrapped, &ResourceNotFoundException{Message: "Stream missing under account 000000000000 not found."})
	assert.NotErrorIs(t, wrapped, &ResourceNotFoundException{Message: "other"})
	assert.NotErrorIs(t, wrapped, &InvalidArgumentException{})
	_, err = k.PutRecord(t.Context(), &PutRecordInput{StreamName: "missing"})
	assert.ErrorIs(t, err, &ValidationException{})
}
