package minikinesis

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
