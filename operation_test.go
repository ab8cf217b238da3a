package minikinesis

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeOperations reads the README's "Supported operations" table:
// family -> operations, in the README's order.
func readmeOperations(t *testing.T) []OperationFamily {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	text := string(raw)
	start := strings.Index(text, "| family | operations |")
	require.GreaterOrEqual(t, start, 0, "the README has the operations table")
	var families []OperationFamily
	row := regexp.MustCompile(`^\| ([a-z-]+) \| ([A-Za-z, ]+) \|`)
	for _, line := range strings.Split(text[start:], "\n")[2:] {
		m := row.FindStringSubmatch(line)
		if m == nil {
			break
		}
		families = append(families, OperationFamily{Name: m[1], Operations: strings.Split(m[2], ", ")})
	}
	return families
}

func TestREADMEListsEveryOperationByFamily(t *testing.T) {
	t.Parallel()
	assert.Equal(t, OperationFamilies(), readmeOperations(t))
	all := Operations()
	assert.Len(t, all, 45)
	assert.Len(t, slices.Compact(slices.Sorted(slices.Values(all))), len(all), "no operation listed twice")
}

// dataPlane are the operations whose quotas are per shard or per
// subscription (throttle.go, op_fanout_subscribe.go), not control-plane
// rates.
var dataPlane = []string{OpPutRecord, OpPutRecords, OpGetShardIterator, OpGetRecords, OpSubscribeToShard}

func TestControlPlaneRateTableCoversEveryControlPlaneOperation(t *testing.T) {
	t.Parallel()
	rates := DefaultControlPlaneRates()
	for _, op := range Operations() {
		_, listed := rates[op]
		assert.Equal(t, !slices.Contains(dataPlane, op), listed, "%s in the rate table", op)
	}
	for op := range rates {
		assert.Contains(t, Operations(), op, "the rate table names only operations")
	}
}

// callEvery calls each operation once with an empty input; most fail
// validation, which is all the tables below need.
func callEvery(ctx context.Context, k *Kinesis) map[string]error {
	errOf := func(_ any, err error) error { return err }
	return map[string]error{
		OpCreateStream:                  k.CreateStream(ctx, &CreateStreamInput{}),
		OpDeleteStream:                  k.DeleteStream(ctx, &DeleteStreamInput{}),
		OpDescribeStream:                errOf(k.DescribeStream(ctx, &DescribeStreamInput{})),
		OpDescribeStreamSummary:         errOf(k.DescribeStreamSummary(ctx, &DescribeStreamSummaryInput{})),
		OpListStreams:                   errOf(k.ListStreams(ctx, &ListStreamsInput{})),
		OpDescribeLimits:                errOf(k.DescribeLimits(ctx)),
		OpListShards:                    errOf(k.ListShards(ctx, &ListShardsInput{})),
		OpSplitShard:                    k.SplitShard(ctx, &SplitShardInput{}),
		OpMergeShards:                   k.MergeShards(ctx, &MergeShardsInput{}),
		OpUpdateShardCount:              errOf(k.UpdateShardCount(ctx, &UpdateShardCountInput{})),
		OpPutRecord:                     errOf(k.PutRecord(ctx, &PutRecordInput{})),
		OpPutRecords:                    errOf(k.PutRecords(ctx, &PutRecordsInput{})),
		OpGetShardIterator:              errOf(k.GetShardIterator(ctx, &GetShardIteratorInput{})),
		OpGetRecords:                    errOf(k.GetRecords(ctx, &GetRecordsInput{})),
		OpRegisterStreamConsumer:        errOf(k.RegisterStreamConsumer(ctx, &RegisterStreamConsumerInput{})),
		OpDescribeStreamConsumer:        errOf(k.DescribeStreamConsumer(ctx, &DescribeStreamConsumerInput{})),
		OpListStreamConsumers:           errOf(k.ListStreamConsumers(ctx, &ListStreamConsumersInput{})),
		OpDeregisterStreamConsumer:      k.DeregisterStreamConsumer(ctx, &DeregisterStreamConsumerInput{}),
		OpSubscribeToShard:              errOf(k.SubscribeToShard(ctx, &SubscribeToShardInput{})),
		OpIncreaseStreamRetentionPeriod: k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{}),
		OpDecreaseStreamRetentionPeriod: k.DecreaseStreamRetentionPeriod(ctx, &DecreaseStreamRetentionPeriodInput{}),
		OpUpdateStreamMode:              k.UpdateStreamMode(ctx, &UpdateStreamModeInput{}),
		OpUpdateMaxRecordSize:           k.UpdateMaxRecordSize(ctx, &UpdateMaxRecordSizeInput{}),
		OpStartStreamEncryption:         k.StartStreamEncryption(ctx, &StartStreamEncryptionInput{}),
		OpStopStreamEncryption:          k.StopStreamEncryption(ctx, &StopStreamEncryptionInput{}),
		OpEnableEnhancedMonitoring:      errOf(k.EnableEnhancedMonitoring(ctx, &EnableEnhancedMonitoringInput{})),
		OpDisableEnhancedMonitoring:     errOf(k.DisableEnhancedMonitoring(ctx, &DisableEnhancedMonitoringInput{})),
		OpAddTagsToStream:               k.AddTagsToStream(ctx, &AddTagsToStreamInput{}),
		OpRemoveTagsFromStream:          k.RemoveTagsFromStream(ctx, &RemoveTagsFromStreamInput{}),
		OpListTagsForStream:             errOf(k.ListTagsForStream(ctx, &ListTagsForStreamInput{})),
		OpTagResource:                   k.TagResource(ctx, &TagResourceInput{}),
		OpUntagResource:                 k.UntagResource(ctx, &UntagResourceInput{}),
		OpListTagsForResource:           errOf(k.ListTagsForResource(ctx, &ListTagsForResourceInput{})),

		OpUpdateStreamWarmThroughput:             errOf(k.UpdateStreamWarmThroughput(ctx, &UpdateStreamWarmThroughputInput{})),
		OpUpdateStreamRecordDistributionStrategy: k.UpdateStreamRecordDistributionStrategy(ctx, &UpdateStreamRecordDistributionStrategyInput{}),
		OpPutResourcePolicy:                      k.PutResourcePolicy(ctx, &PutResourcePolicyInput{}),
		OpGetResourcePolicy:                      errOf(k.GetResourcePolicy(ctx, &GetResourcePolicyInput{})),
		OpDeleteResourcePolicy:                   k.DeleteResourcePolicy(ctx, &DeleteResourcePolicyInput{}),
		OpDescribeAccountSettings:                errOf(k.DescribeAccountSettings(ctx, &DescribeAccountSettingsInput{})),
		OpUpdateAccountSettings:                  errOf(k.UpdateAccountSettings(ctx, &UpdateAccountSettingsInput{})),
		OpCreateChannel:                          errOf(k.CreateChannel(ctx, &CreateChannelInput{})),
		OpDescribeChannel:                        errOf(k.DescribeChannel(ctx, &DescribeChannelInput{})),
		OpListChannels:                           errOf(k.ListChannels(ctx, &ListChannelsInput{})),
		OpUpdateChannel:                          errOf(k.UpdateChannel(ctx, &UpdateChannelInput{})),
		OpDeleteChannel:                          k.DeleteChannel(ctx, &DeleteChannelInput{}),
	}
}

func TestCallLogNamesEveryOperation(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	errs := callEvery(t.Context(), k)
	require.ElementsMatch(t, Operations(), slices.Collect(mapKeys(errs)), "the test calls every operation")
	var logged []string
	for _, c := range k.Calls() {
		logged = append(logged, c.Operation)
	}
	assert.ElementsMatch(t, Operations(), logged, "each call is logged once, under its operation's name")
}

func TestFaultRulesMatchEveryOperationByName(t *testing.T) {
	t.Parallel()
	for _, op := range Operations() {
		k, _ := newTestKinesis(t)
		f := k.AddFault(FaultRule{Operation: op, Err: injected})
		errs := callEvery(t.Context(), k)
		assert.ErrorIs(t, errs[op], injected, "a rule for %s fires on it", op)
		assert.Equal(t, 1, f.Fired(), "and on nothing else (%s)", op)
	}
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
