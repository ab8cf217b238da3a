package minikinesis

import "strconv"

// The functions here word errors exactly as AWS does (see SPEC.md §3 and
// the AWS-recorded texts quoted by the tests), so every caller builds the
// same text for the same situation.
//
// Messages with no AWS source are ours, worded after AWS's nearest
// recorded text; each is marked "Ours" where it is built. The full list:
//   - here: tooManyStreamsCreating, scaleBeyondDouble, scaleBelowHalf,
//     scaleBeyondMax, tooManyScalings, nextTokenConflict,
//     streamNameARNMismatch, shardCountRequired;
//   - pagetoken.go: "Invalid NextToken." and ExpiredNextTokenException;
//   - op_records_validate.go: recordTooLarge when the key tips a record
//     over the limit (the buffer shown holds data and key);
//   - op_fanout.go: consumers in use, consumer exists, the 20-consumer and
//     5-CREATING limits, consumer not found, invalid consumer ARN, the
//     ConsumerARN-or-StreamARN-and-name rule;
//   - op_fanout_subscribe.go: consumer not ACTIVE, another subscription
//     within 5 s, a subscription replaced;
//   - op_settings.go: already in that mode, the on-demand stream quota, the
//     encryption types Start/StopStreamEncryption refuse;
//   - op_shards_list.go: ShardFilter without its ShardId or Timestamp;
//   - op_tags.go: an invalid resource ARN;
//   - inspect.go: Seed's arrival-time rules;
//   - the newer operations' texts, at the end of this file.

func streamNotFound(stream, account string) error {
	return &ResourceNotFoundException{Message: "Stream " + stream + " under account " + account + " not found."}
}

func streamAlreadyExists(stream, account string) error {
	return &ResourceInUseException{Message: "Stream " + stream + " under account " + account + " already exists."}
}

func emptyStreamIdentifier() error {
	return &InvalidArgumentException{Message: "Stream arn and stream name can't be empty at the same time"}
}

// Ours.
func streamNameARNMismatch(name, arn string) error {
	return &InvalidArgumentException{Message: "StreamARN " + arn + " does not match StreamName " + name + "."}
}

func explicitHashKeyRangeError(value string) error {
	return &InvalidArgumentException{Message: "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + value}
}

func invalidSequenceNumberForOrdering(value, stream, account string) error {
	return &InvalidArgumentException{Message: "ExclusiveMinimumSequenceNumber " + value + " used in PutRecord on stream " + stream + " under account " + account + " is invalid."}
}

func readThrottledMessage(shardID, stream, account string) string {
	return "Rate exceeded for Shard - " + account + "/" + stream + "/" + shardID
}

func writeThrottledMessage(shardID, stream, account string) string {
	return "Rate exceeded for shard " + shardID + " in stream " + stream + " under account " + account + "."
}

func requestTooLarge(limitBytes int) error {
	return &InvalidArgumentException{Message: "Records size exceeds " + strconv.Itoa(limitBytes/mebibyte) + " MB limit"}
}

func retentionTooShort(hours int) error {
	return &InvalidArgumentException{Message: "Minimum allowed retention period is " + strconv.Itoa(MinRetentionHours) + " hours. Requested retention period (" + strconv.Itoa(hours) + " hours) is too short."}
}

func retentionTooLong(hours int) error {
	return &InvalidArgumentException{Message: "Maximum allowed retention period is " + strconv.Itoa(MaxRetentionHours) + " hours. Requested retention period (" + strconv.Itoa(hours) + " hours) is too long."}
}

func retentionNotLonger(stream string, requested, current int) error {
	return &InvalidArgumentException{Message: "Requested retention period (" + strconv.Itoa(requested) + " hours) for stream " + stream + " can not be shorter than existing retention period (" + strconv.Itoa(current) + " hours). Use DecreaseRetentionPeriod API."}
}

func retentionNotShorter(stream string, requested, current int) error {
	return &InvalidArgumentException{Message: "Requested retention period (" + strconv.Itoa(requested) + " hours) for stream " + stream + " can not be longer than existing retention period (" + strconv.Itoa(current) + " hours). Use IncreaseRetentionPeriod API."}
}

func shardLimitExceeded(account, region string, current, limit, additional int) error {
	return &LimitExceededException{Message: "This request would exceed the shard limit for the account " + account + " in " + region +
		". Current shard count for the account: " + strconv.Itoa(current) + ". Limit: " + strconv.Itoa(limit) +
		". Number of additional shards that would have resulted from this request: " + strconv.Itoa(additional) +
		". Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."}
}

// shardNotFoundForRead is GetShardIterator's (and GetRecords') text for a
// shard that does not exist, as AWS words it today.
func shardNotFoundForRead(shardID, stream, account string) error {
	return &ResourceNotFoundException{Message: "Could not find shard " + shardID + " in stream " + stream + " under account " + account + "."}
}

func shardNotFound(shardID, stream, account string) error {
	return &ResourceNotFoundException{Message: "Shard " + shardID + " in stream " + stream + " under account " + account + " does not exist"}
}

func streamNotActive(stream, account string, status StreamStatus) error {
	return &ResourceInUseException{Message: "Stream " + stream + " under account " + account + " not ACTIVE, instead in state " + string(status)}
}

// Ours.
func shardCountRequired() error {
	return &InvalidArgumentException{Message: "ShardCount is required for a stream in PROVISIONED mode."}
}

// Ours.
func tooManyStreamsCreating(account string) error {
	return &LimitExceededException{Message: "Account " + account + " already has " + strconv.Itoa(maxStreamsCreating) + " streams in CREATING state; wait for one to become ACTIVE."}
}

func splitKeyOutOfRange(key, shardID, stream, account string, r HashKeyRange) error {
	return &InvalidArgumentException{Message: "NewStartingHashKey " + key + " used in SplitShard() on shard " + shardID + " in stream " + stream + " under account " + account +
		" is not both greater than one plus the shard's StartingHashKey " + r.StartingHashKey.String() + " and less than the shard's EndingHashKey " + r.EndingHashKey.String() + "."}
}

func shardNotFoundForReshard(shardID, stream, account string) error {
	if idx, ok := parseShardIndex(shardID); ok {
		shardID = FormatShardID(idx)
	}
	return &ResourceNotFoundException{Message: "Could not find shard " + shardID + " in stream " + stream + " under account " + account + "."}
}

func shardAlreadyClosed(shardID, stream, account string) error {
	return &InvalidArgumentException{Message: "Shard " + shardID + " in stream " + stream + " under account " + account + " has already been merged or split, and thus is not eligible for merging or splitting."}
}

func notAdjacent(a, b, stream, account string) error {
	return &InvalidArgumentException{Message: "Shards " + a + " and " + b + " in stream " + stream + " under account " + account + " are not an adjacent pair of shards eligible for merging"}
}

// Ours.
func scaleBeyondDouble(target, current int) error {
	return &LimitExceededException{Message: "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: " + strconv.Itoa(current) + " Target shard count: " + strconv.Itoa(target)}
}

// Ours.
func scaleBelowHalf(target, current int) error {
	return &LimitExceededException{Message: "UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: " + strconv.Itoa(current) + " Target shard count: " + strconv.Itoa(target)}
}

// Ours.
func scaleBeyondMax(target int) error {
	return &LimitExceededException{Message: "UpdateShardCount cannot scale up over " + strconv.Itoa(maxShardsPerStreamScaling) + " shards. Target shard count: " + strconv.Itoa(target)}
}

// Ours.
func tooManyScalings(stream, account string) error {
	return &LimitExceededException{Message: "Exceeded the maximum number of UpdateShardCount calls (" + strconv.Itoa(maxScalingsPerDay) + ") per rolling 24-hour period for stream " + stream + " under account " + account + "."}
}

// nextTokenConflict refuses a ListShards member the API reference says
// cannot go with NextToken. Ours: worded like AWS's recorded "NextToken and
// StreamName cannot be provided together."
func nextTokenConflict(member string) error {
	return &InvalidArgumentException{Message: "NextToken and " + member + " cannot be provided together."}
}

// Ours: the newer operations' texts (resource policies, account
// settings, warm throughput, record distribution, channels), worded after
// AWS's nearest recorded texts; the API reference gives none.

func invalidPolicy(reason string) error {
	return &InvalidArgumentException{Message: "Invalid resource policy: " + reason + "."}
}

func policySizeExceeded(size int) error {
	return &InvalidArgumentException{Message: "Resource policy of " + strconv.Itoa(size) + " bytes exceeds the maximum of " + strconv.Itoa(MaxResourcePolicyBytes) + " bytes."}
}

func noPolicyFound(arn string) error {
	return &ResourceNotFoundException{Message: "No resource policy found for resource " + arn + "."}
}

func consumerNotActive(consumer, stream, account string, status ConsumerStatus) error {
	return &ResourceInUseException{Message: "Consumer " + consumer + " under stream " + stream + " for account " + account + " not ACTIVE, instead in state " + string(status)}
}

func notOnDemand(op, stream, account string) error {
	return &InvalidArgumentException{Message: op + " is only supported for streams in ON_DEMAND mode. Stream " + stream + " under account " + account + " is in PROVISIONED mode."}
}

func commitmentRequired(stream, account string) error {
	return &InvalidArgumentException{Message: "Warm throughput for stream " + stream + " requires MinimumThroughputBillingCommitment to be enabled for account " + account + "."}
}

func warmThroughputTooHigh(requested int) error {
	return &LimitExceededException{Message: "Requested warm throughput of " + strconv.Itoa(requested) + " MiBps exceeds the maximum of " + strconv.Itoa(MaxWarmThroughputMiBps) + " MiBps for an on-demand stream."}
}

func channelNotFound(arn string) error {
	return &ResourceNotFoundException{Message: "Channel " + arn + " not found."}
}

func channelAlreadyExists(name, account string) error {
	return &ResourceInUseException{Message: "Channel " + name + " under account " + account + " already exists."}
}

func channelNotActive(name, account string, status ChannelStatus) error {
	return &ResourceInUseException{Message: "Channel " + name + " under account " + account + " not ACTIVE, instead in state " + string(status)}
}

func streamHasChannels(stream, account string, n int) error {
	return &ResourceInUseException{Message: "Stream " + stream + " under account " + account + " has " + strconv.Itoa(n) + " channel(s). Delete them first."}
}

func invalidChannel(reason string) error {
	return &InvalidArgumentException{Message: reason}
}
