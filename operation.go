package minikinesis

// Operation names as AWS spells them: in X-Amz-Target, in the call log
// (Call.Operation), in fault rules (FaultRule.Operation) and in the
// control-plane rate table. Every table in the model and the wire layer is
// keyed by these constants, so a name exists once.
const (
	// streams
	OpCreateStream          = "CreateStream"
	OpDeleteStream          = "DeleteStream"
	OpDescribeStream        = "DescribeStream"
	OpDescribeStreamSummary = "DescribeStreamSummary"
	OpListStreams           = "ListStreams"
	OpDescribeLimits        = "DescribeLimits"
	// shards
	OpListShards       = "ListShards"
	OpSplitShard       = "SplitShard"
	OpMergeShards      = "MergeShards"
	OpUpdateShardCount = "UpdateShardCount"
	// records
	OpPutRecord  = "PutRecord"
	OpPutRecords = "PutRecords"
	// reading
	OpGetShardIterator = "GetShardIterator"
	OpGetRecords       = "GetRecords"
	// enhanced fan-out
	OpRegisterStreamConsumer   = "RegisterStreamConsumer"
	OpDescribeStreamConsumer   = "DescribeStreamConsumer"
	OpListStreamConsumers      = "ListStreamConsumers"
	OpDeregisterStreamConsumer = "DeregisterStreamConsumer"
	OpSubscribeToShard         = "SubscribeToShard"
	// retention
	OpIncreaseStreamRetentionPeriod = "IncreaseStreamRetentionPeriod"
	OpDecreaseStreamRetentionPeriod = "DecreaseStreamRetentionPeriod"
	// settings
	OpUpdateStreamMode                       = "UpdateStreamMode"
	OpUpdateMaxRecordSize                    = "UpdateMaxRecordSize"
	OpStartStreamEncryption                  = "StartStreamEncryption"
	OpStopStreamEncryption                   = "StopStreamEncryption"
	OpEnableEnhancedMonitoring               = "EnableEnhancedMonitoring"
	OpDisableEnhancedMonitoring              = "DisableEnhancedMonitoring"
	OpUpdateStreamWarmThroughput             = "UpdateStreamWarmThroughput"
	OpUpdateStreamRecordDistributionStrategy = "UpdateStreamRecordDistributionStrategy"
	// tags
	OpAddTagsToStream      = "AddTagsToStream"
	OpRemoveTagsFromStream = "RemoveTagsFromStream"
	OpListTagsForStream    = "ListTagsForStream"
	OpTagResource          = "TagResource"
	OpUntagResource        = "UntagResource"
	OpListTagsForResource  = "ListTagsForResource"
	// resource policies
	OpPutResourcePolicy    = "PutResourcePolicy"
	OpGetResourcePolicy    = "GetResourcePolicy"
	OpDeleteResourcePolicy = "DeleteResourcePolicy"
	// account settings
	OpDescribeAccountSettings = "DescribeAccountSettings"
	OpUpdateAccountSettings   = "UpdateAccountSettings"
	// channels
	OpCreateChannel   = "CreateChannel"
	OpDescribeChannel = "DescribeChannel"
	OpListChannels    = "ListChannels"
	OpUpdateChannel   = "UpdateChannel"
	OpDeleteChannel   = "DeleteChannel"
)

// OperationFamily is one of the README's groups of operations; the model's
// and the wire layer's files are named after them (op_<family>.go).
type OperationFamily struct {
	// Name is the family's name: "streams", "shards", "records", "reading",
	// "fan-out", "retention", "settings", "tags", "policies",
	// "account-settings" or "channels".
	Name string
	// Operations are the family's operation names.
	Operations []string
}

// OperationFamilies lists every operation the model serves, grouped by
// family in the README's order. The result is a fresh copy.
func OperationFamilies() []OperationFamily {
	return []OperationFamily{
		{"streams", []string{OpCreateStream, OpDeleteStream, OpDescribeStream, OpDescribeStreamSummary, OpListStreams, OpDescribeLimits}},
		{"shards", []string{OpListShards, OpSplitShard, OpMergeShards, OpUpdateShardCount}},
		{"records", []string{OpPutRecord, OpPutRecords}},
		{"reading", []string{OpGetShardIterator, OpGetRecords}},
		{"fan-out", []string{OpRegisterStreamConsumer, OpDescribeStreamConsumer, OpListStreamConsumers, OpDeregisterStreamConsumer, OpSubscribeToShard}},
		{"retention", []string{OpIncreaseStreamRetentionPeriod, OpDecreaseStreamRetentionPeriod}},
		{"settings", []string{OpUpdateStreamMode, OpUpdateMaxRecordSize, OpStartStreamEncryption, OpStopStreamEncryption, OpEnableEnhancedMonitoring, OpDisableEnhancedMonitoring, OpUpdateStreamWarmThroughput, OpUpdateStreamRecordDistributionStrategy}},
		{"tags", []string{OpAddTagsToStream, OpRemoveTagsFromStream, OpListTagsForStream, OpTagResource, OpUntagResource, OpListTagsForResource}},
		{"policies", []string{OpPutResourcePolicy, OpGetResourcePolicy, OpDeleteResourcePolicy}},
		{"account-settings", []string{OpDescribeAccountSettings, OpUpdateAccountSettings}},
		{"channels", []string{OpCreateChannel, OpDescribeChannel, OpListChannels, OpUpdateChannel, OpDeleteChannel}},
	}
}

// Operations lists every operation name the model serves, in the README's
// order. The result is a fresh copy.
func Operations() []string {
	var ops []string
	for _, f := range OperationFamilies() {
		ops = append(ops, f.Operations...)
	}
	return ops
}
