package kinesishttp

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMembersSentEmptyOrLeftOut quotes AWS's answers (recorded by
// kinesalite's tests against the real service) to members sent empty, and
// checks that JSON null is a member left out, reported once.
func TestMembersSentEmptyOrLeftOut(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		op   string
		body string
		want string
	}{
		{"PutRecord with every member empty", minikinesis.OpPutRecord,
			`{"StreamName":"","PartitionKey":"","Data":"","ExplicitHashKey":"","SequenceNumberForOrdering":""}`,
			"5 validation errors detected: " +
				"Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); " +
				"Value '' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"PutRecord with null members", minikinesis.OpPutRecord,
			`{"StreamName":"s","PartitionKey":null,"Data":null}`,
			"2 validation errors detected: " +
				"Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'data' failed to satisfy constraint: Member must not be null"},
		{"GetShardIterator with every member empty", minikinesis.OpGetShardIterator,
			`{"StreamName":"","ShardIteratorType":"","ShardId":"","StartingSequenceNumber":""}`,
			"6 validation errors detected: " +
				"Value '' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]; " +
				"Value '' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"PutRecords with Records null: reported once", minikinesis.OpPutRecords,
			`{"StreamName":"s","Records":null}`,
			"1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null"},
		{"ListShards with an empty NextToken", minikinesis.OpListShards,
			`{"NextToken":""}`,
			"1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"GetRecords with Limit 0 and no iterator", minikinesis.OpGetRecords,
			`{"Limit":0}`,
			"2 validation errors detected: " +
				"Value null at 'shardIterator' failed to satisfy constraint: Member must not be null; " +
				"Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"retention hours null", minikinesis.OpIncreaseStreamRetentionPeriod,
			`{"StreamName":"s","RetentionPeriodHours":null}`,
			"1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t)
			res := postJSON(t, h, c.op, c.body)
			require.Equal(t, http.StatusBadRequest, res.status, string(res.body))
			var body struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			require.NoError(t, json.Unmarshal(res.body, &body))
			assert.Equal(t, "ValidationException", body.Type)
			assert.Equal(t, c.want, body.Message)
			recs, err := mustStream(t, h).ReadAll(t.Context())
			require.NoError(t, err)
			assert.Empty(t, recs, "a refused request stores nothing")
		})
	}
}

func mustStream(t *testing.T, h *Handler) *minikinesis.Stream {
	t.Helper()
	s, err := h.Kinesis().Stream("s")
	require.NoError(t, err)
	return s
}
