package kinesishttp

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewerOperationsOverJSONAndCBOR: the newer operations read members
// left out and sent empty as AWS reports them, and answer in both
// encodings with timestamps in each one's form.
func TestNewerOperationsOverJSONAndCBOR(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	cases := []struct{ op, body, want string }{
		{minikinesis.OpPutResourcePolicy, `{}`,
			"2 validation errors detected: Value null at 'policy' failed to satisfy constraint: Member must not be null; Value null at 'resourceARN' failed to satisfy constraint: Member must not be null"},
		{minikinesis.OpGetResourcePolicy, `{"ResourceARN":""}`,
			"2 validation errors detected: Value '' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+; Value '' at 'resourceARN' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{minikinesis.OpUpdateAccountSettings, `{"MinimumThroughputBillingCommitment":{"Status":""}}`,
			"1 validation error detected: Value '' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"},
		{minikinesis.OpUpdateStreamWarmThroughput, `{"StreamName":"s"}`,
			"1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy constraint: Member must not be null"},
		{minikinesis.OpUpdateStreamRecordDistributionStrategy, `{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","RecordDistributionStrategy":""}`,
			"1 validation error detected: Value '' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]"},
		{minikinesis.OpDescribeChannel, `{"ChannelARN":null}`,
			"1 validation error detected: Value null at 'channelARN' failed to satisfy constraint: Member must not be null"},
		{minikinesis.OpUpdateChannel, `{"ChannelARN":"arn:aws:kinesis:us-east-1:000000000000:channel/c","S3DestinationConfiguration":{}}`,
			"1 validation error detected: Value null at 's3DestinationConfiguration.dataFreshnessInSeconds' failed to satisfy constraint: Member must not be null"},
		{minikinesis.OpListChannels, `{"StreamFilter":[{"StreamARN":""}]}`,
			"2 validation errors detected: Value '' at 'streamFilter.1.member.streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+; Value '' at 'streamFilter.1.member.streamARN' failed to satisfy constraint: Member must have length greater than or equal to 1"},
	}
	for _, c := range cases {
		t.Run(c.op, func(t *testing.T) {
			t.Parallel()
			resp := postJSON(t, h, c.op, c.body)
			require.Equal(t, http.StatusBadRequest, resp.status, string(resp.body))
			var e struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			require.NoError(t, json.Unmarshal(resp.body, &e))
			assert.Equal(t, "ValidationException", e.Type)
			assert.Equal(t, c.want, e.Message)
		})
	}

	t.Run("CBOR", func(t *testing.T) {
		t.Parallel()
		resp := post(t, h, contentTypeCBOR, targetPrefix+minikinesis.OpUpdateAccountSettings,
			mustCBOR(t, map[string]any{"MinimumThroughputBillingCommitment": map[string]any{"Status": "ENABLED"}}))
		require.Equal(t, http.StatusOK, resp.status, string(resp.body))
		var out struct {
			MinimumThroughputBillingCommitment struct {
				Status    string
				StartedAt cbor.Tag
			}
		}
		require.NoError(t, cbor.Unmarshal(resp.body, &out))
		assert.Equal(t, "ENABLED", out.MinimumThroughputBillingCommitment.Status)
		assert.Equal(t, uint64(1), out.MinimumThroughputBillingCommitment.StartedAt.Number, "a timestamp is tag 1 around milliseconds")

		resp = post(t, h, contentTypeCBOR, targetPrefix+minikinesis.OpListChannels, mustCBOR(t, map[string]any{}))
		require.Equal(t, http.StatusOK, resp.status, string(resp.body))
		var list map[string]any
		require.NoError(t, cbor.Unmarshal(resp.body, &list))
		assert.Equal(t, map[string]any{"ChannelSummaries": []any{}}, list)
	})
}
