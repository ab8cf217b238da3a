package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

// operations is the dispatch table: every operation the handler serves,
// keyed by its X-Amz-Target name, in the README's families and order. Each
// row names the request translation (op_<family>.go), the model's method
// and the response translation; PutRecord, PutRecords and GetRecords add
// their hand-written codecs, and SubscribeToShard answers with an event
// stream.
// A fresh table per call: a Handler keeps its own, so nothing is shared
// between handlers.
func operations() map[string]operation {
	type model = minikinesis.Kinesis
	return map[string]operation{
		// streams
		minikinesis.OpCreateStream:          command(createStreamRequest, (*model).CreateStream),
		minikinesis.OpDeleteStream:          command(deleteStreamRequest, (*model).DeleteStream),
		minikinesis.OpDescribeStream:        unary(describeStreamRequest, (*model).DescribeStream, describeStreamResponse),
		minikinesis.OpDescribeStreamSummary: unary(describeStreamSummaryRequest, (*model).DescribeStreamSummary, describeStreamSummaryResponse),
		minikinesis.OpListStreams:           unary(listStreamsRequest, (*model).ListStreams, listStreamsResponse),
		minikinesis.OpDescribeLimits:        unary(describeLimitsRequest, describeLimits, describeLimitsResponse),
		// shards
		minikinesis.OpListShards:       unary(listShardsRequest, (*model).ListShards, listShardsResponse),
		minikinesis.OpSplitShard:       command(splitShardRequest, (*model).SplitShard),
		minikinesis.OpMergeShards:      command(mergeShardsRequest, (*model).MergeShards),
		minikinesis.OpUpdateShardCount: unary(updateShardCountRequest, (*model).UpdateShardCount, updateShardCountResponse),
		// records
		minikinesis.OpPutRecord:  unary(putRecordRequest, (*model).PutRecord, putRecordResponse).withFast(putRecordFast()),
		minikinesis.OpPutRecords: unary(putRecordsRequest, (*model).PutRecords, putRecordsResponse).withFast(putRecordsFast()),
		// reading
		minikinesis.OpGetShardIterator: unary(getShardIteratorRequest, (*model).GetShardIterator, getShardIteratorResponse),
		minikinesis.OpGetRecords:       unary(getRecordsRequest, (*model).GetRecords, getRecordsResponse).withFast(getRecordsFast()),
		// fan-out
		minikinesis.OpRegisterStreamConsumer:   unary(registerStreamConsumerRequest, (*model).RegisterStreamConsumer, registerStreamConsumerResponse),
		minikinesis.OpDescribeStreamConsumer:   unary(describeStreamConsumerRequest, (*model).DescribeStreamConsumer, describeStreamConsumerResponse),
		minikinesis.OpListStreamConsumers:      unary(listStreamConsumersRequest, (*model).ListStreamConsumers, listStreamConsumersResponse),
		minikinesis.OpDeregisterStreamConsumer: command(deregisterStreamConsumerRequest, (*model).DeregisterStreamConsumer),
		minikinesis.OpSubscribeToShard:         eventStream(subscribeToShardRequest, (*model).SubscribeToShard),
		// retention
		minikinesis.OpIncreaseStreamRetentionPeriod: command(increaseRetentionRequest, (*model).IncreaseStreamRetentionPeriod),
		minikinesis.OpDecreaseStreamRetentionPeriod: command(decreaseRetentionRequest, (*model).DecreaseStreamRetentionPeriod),
		// settings
		minikinesis.OpUpdateStreamMode:                       command(updateStreamModeRequest, (*model).UpdateStreamMode),
		minikinesis.OpUpdateMaxRecordSize:                    command(updateMaxRecordSizeRequest, (*model).UpdateMaxRecordSize),
		minikinesis.OpStartStreamEncryption:                  command(startStreamEncryptionRequest, (*model).StartStreamEncryption),
		minikinesis.OpStopStreamEncryption:                   command(stopStreamEncryptionRequest, (*model).StopStreamEncryption),
		minikinesis.OpEnableEnhancedMonitoring:               unary(enableEnhancedMonitoringRequest, (*model).EnableEnhancedMonitoring, enhancedMonitoringResponse),
		minikinesis.OpDisableEnhancedMonitoring:              unary(disableEnhancedMonitoringRequest, (*model).DisableEnhancedMonitoring, enhancedMonitoringResponse),
		minikinesis.OpUpdateStreamWarmThroughput:             unary(updateStreamWarmThroughputRequest, (*model).UpdateStreamWarmThroughput, updateStreamWarmThroughputResponse),
		minikinesis.OpUpdateStreamRecordDistributionStrategy: command(updateStreamRecordDistributionStrategyRequest, (*model).UpdateStreamRecordDistributionStrategy),
		// tags
		minikinesis.OpAddTagsToStream:      command(addTagsToStreamRequest, (*model).AddTagsToStream),
		minikinesis.OpRemoveTagsFromStream: command(removeTagsFromStreamRequest, (*model).RemoveTagsFromStream),
		minikinesis.OpListTagsForStream:    unary(listTagsForStreamRequest, (*model).ListTagsForStream, listTagsForStreamResponse),
		minikinesis.OpTagResource:          command(tagResourceRequest, (*model).TagResource),
		minikinesis.OpUntagResource:        command(untagResourceRequest, (*model).UntagResource),
		minikinesis.OpListTagsForResource:  unary(listTagsForResourceRequest, (*model).ListTagsForResource, listTagsForResourceResponse),
		// policies
		minikinesis.OpPutResourcePolicy:    command(putResourcePolicyRequest, (*model).PutResourcePolicy),
		minikinesis.OpGetResourcePolicy:    unary(getResourcePolicyRequest, (*model).GetResourcePolicy, getResourcePolicyResponse),
		minikinesis.OpDeleteResourcePolicy: command(deleteResourcePolicyRequest, (*model).DeleteResourcePolicy),
		// account settings
		minikinesis.OpDescribeAccountSettings: unary(describeAccountSettingsRequest, (*model).DescribeAccountSettings, describeAccountSettingsResponse),
		minikinesis.OpUpdateAccountSettings:   unary(updateAccountSettingsRequest, (*model).UpdateAccountSettings, updateAccountSettingsResponse),
		// channels
		minikinesis.OpCreateChannel:   unary(createChannelRequest, (*model).CreateChannel, createChannelResponse),
		minikinesis.OpDescribeChannel: unary(describeChannelRequest, (*model).DescribeChannel, describeChannelResponse),
		minikinesis.OpListChannels:    unary(listChannelsRequest, (*model).ListChannels, listChannelsResponse),
		minikinesis.OpUpdateChannel:   unary(updateChannelRequest, (*model).UpdateChannel, updateChannelResponse),
		minikinesis.OpDeleteChannel:   command(deleteChannelRequest, (*model).DeleteChannel),
	}
}
