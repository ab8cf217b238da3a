package minikinesis

import "context"

// The exported operations below are the observation layer: each runs the
// installed faults, then the operation, then records the call in the log
// and tells the hooks. The operations themselves are the op* methods.

// RegisterStreamConsumer registers an enhanced fan-out consumer. It is
// CREATING for the configured delay (default none), then ACTIVE; a stream
// has at most 20 consumers and at most 5 CREATING at once.
func (k *Kinesis) RegisterStreamConsumer(ctx context.Context, in *RegisterStreamConsumerInput) (*RegisterStreamConsumerOutput, error) {
	return observe(k, ctx, OpRegisterStreamConsumer, in, "", func(ctx context.Context) (*RegisterStreamConsumerOutput, error) {
		return k.opRegisterStreamConsumer(ctx, in)
	})
}

// DescribeStreamConsumer describes a registered consumer.
func (k *Kinesis) DescribeStreamConsumer(ctx context.Context, in *DescribeStreamConsumerInput) (*DescribeStreamConsumerOutput, error) {
	return observe(k, ctx, OpDescribeStreamConsumer, in, "", func(ctx context.Context) (*DescribeStreamConsumerOutput, error) {
		return k.opDescribeStreamConsumer(ctx, in)
	})
}

// DeregisterStreamConsumer removes a consumer: it is DELETING for the
// configured delay (default none), then gone; its subscriptions end.
func (k *Kinesis) DeregisterStreamConsumer(ctx context.Context, in *DeregisterStreamConsumerInput) error {
	_, err := observe(k, ctx, OpDeregisterStreamConsumer, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opDeregisterStreamConsumer(ctx, in)
	})
	return err
}

// ListStreamConsumers lists a stream's consumers by name, a page at a time.
func (k *Kinesis) ListStreamConsumers(ctx context.Context, in *ListStreamConsumersInput) (*ListStreamConsumersOutput, error) {
	return observe(k, ctx, OpListStreamConsumers, in, "", func(ctx context.Context) (*ListStreamConsumersOutput, error) {
		return k.opListStreamConsumers(ctx, in)
	})
}

// DescribeStream describes a stream and a page of its shards (open and
// closed, by index).
func (k *Kinesis) DescribeStream(ctx context.Context, in *DescribeStreamInput) (*DescribeStreamOutput, error) {
	return observe(k, ctx, OpDescribeStream, in, "", func(ctx context.Context) (*DescribeStreamOutput, error) {
		return k.opDescribeStream(ctx, in)
	})
}

// DescribeStreamSummary describes a stream without listing its shards.
func (k *Kinesis) DescribeStreamSummary(ctx context.Context, in *DescribeStreamSummaryInput) (*DescribeStreamSummaryOutput, error) {
	return observe(k, ctx, OpDescribeStreamSummary, in, "", func(ctx context.Context) (*DescribeStreamSummaryOutput, error) {
		return k.opDescribeStreamSummary(ctx, in)
	})
}

// DescribeLimits reports the account's shard quota and usage.
func (k *Kinesis) DescribeLimits(ctx context.Context) (*DescribeLimitsOutput, error) {
	return observe(k, ctx, OpDescribeLimits, nil, "", func(ctx context.Context) (*DescribeLimitsOutput, error) {
		return k.opDescribeLimits(ctx)
	})
}

// GetRecords reads the next records from where an iterator stands, in
// sequence order, up to Limit records and 10 MiB, and returns a fresh
// iterator for the next call. Records past retention are skipped. It fails
// with *ExpiredIteratorException for iterators older than 300 seconds,
// *InvalidArgumentException for iterators this account did not issue, and
// *ProvisionedThroughputExceededException when the shard's read allowance
// (5 calls/s, 2 MiB/s) is used up.
func (k *Kinesis) GetRecords(ctx context.Context, in *GetRecordsInput) (*GetRecordsOutput, error) {
	return observe(k, ctx, OpGetRecords, in, "", func(ctx context.Context) (*GetRecordsOutput, error) {
		return k.opGetRecords(ctx, in)
	})
}

// GetShardIterator returns an iterator that starts reading a shard at the
// position the type and its parameters name. Iterators are opaque, valid
// for IteratorLifetime of clock time, and only usable with this account.
func (k *Kinesis) GetShardIterator(ctx context.Context, in *GetShardIteratorInput) (*GetShardIteratorOutput, error) {
	return observe(k, ctx, OpGetShardIterator, in, "", func(ctx context.Context) (*GetShardIteratorOutput, error) {
		return k.opGetShardIterator(ctx, in)
	})
}

// CreateStream creates a stream whose shards divide the hash key space
// equally (see SplitHashKeySpace). It is CREATING for the configured delay
// (default none), then ACTIVE.
func (k *Kinesis) CreateStream(ctx context.Context, in *CreateStreamInput) error {
	_, err := observe(k, ctx, OpCreateStream, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opCreateStream(ctx, in)
	})
	return err
}

// DeleteStream deletes a stream and all its records. The stream is DELETING
// for the configured delay (default none), refusing writes, then gone.
func (k *Kinesis) DeleteStream(ctx context.Context, in *DeleteStreamInput) error {
	_, err := observe(k, ctx, OpDeleteStream, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opDeleteStream(ctx, in)
	})
	return err
}

// ListStreams lists the account's streams in name order, a page at a time.
func (k *Kinesis) ListStreams(ctx context.Context, in *ListStreamsInput) (*ListStreamsOutput, error) {
	return observe(k, ctx, OpListStreams, in, "", func(ctx context.Context) (*ListStreamsOutput, error) {
		return k.opListStreams(ctx, in)
	})
}

// ListShards lists a stream's shards by index, filtered, a page at a time.
// NextTokens expire after 300 seconds of clock time.
func (k *Kinesis) ListShards(ctx context.Context, in *ListShardsInput) (*ListShardsOutput, error) {
	return observe(k, ctx, OpListShards, in, "", func(ctx context.Context) (*ListShardsOutput, error) {
		return k.opListShards(ctx, in)
	})
}

// PutRecord writes one record to the stream named by in.StreamName or
// in.StreamARN. See Stream.PutRecord.
func (k *Kinesis) PutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	return observe(k, ctx, OpPutRecord, in, "", func(ctx context.Context) (*PutRecordOutput, error) {
		return k.opPutRecord(ctx, in)
	})
}

// PutRecords writes a batch of records to the stream named by in.StreamName
// or in.StreamARN. See Stream.PutRecords.
func (k *Kinesis) PutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	return observe(k, ctx, OpPutRecords, in, "", func(ctx context.Context) (*PutRecordsOutput, error) {
		return k.opPutRecords(ctx, in)
	})
}

// PutRecord writes one record and answers with its shard and sequence
// number. It fails with *ValidationException for malformed members,
// *InvalidArgumentException for an ExplicitHashKey beyond 2^128-1 or an
// unusable SequenceNumberForOrdering, *ResourceNotFoundException while the
// stream is being created or deleted, and
// *ProvisionedThroughputExceededException when the shard's write allowance
// is used up. The StreamName and StreamARN members are ignored.
func (s *Stream) PutRecord(ctx context.Context, in *PutRecordInput) (*PutRecordOutput, error) {
	return observe(s.k, ctx, OpPutRecord, in, s.name, func(ctx context.Context) (*PutRecordOutput, error) {
		return s.opPutRecord(ctx, in)
	})
}

// PutRecords writes a batch of records and answers every entry in request
// order: stored entries carry ShardId and SequenceNumber, refused ones
// ErrorCode and ErrorMessage, and a refused entry never stops the others.
// Within a shard, entries are admitted in request order while its write
// allowance lasts; the rest of that shard's entries are throttled. The
// whole request fails, storing nothing, on a *ValidationException (count,
// sizes, key lengths, patterns), an *InvalidArgumentException (request over
// the size limit, ExplicitHashKey beyond 2^128-1) or a
// *ResourceNotFoundException. The StreamName and StreamARN members are
// ignored.
func (s *Stream) PutRecords(ctx context.Context, in *PutRecordsInput) (*PutRecordsOutput, error) {
	return observe(s.k, ctx, OpPutRecords, in, s.name, func(ctx context.Context) (*PutRecordsOutput, error) {
		return s.opPutRecords(ctx, in)
	})
}

// SplitShard closes an open shard and opens two children covering
// [start, NewStartingHashKey-1] and [NewStartingHashKey, end], with the next
// two shard indexes. Records already in the parent stay readable there.
func (k *Kinesis) SplitShard(ctx context.Context, in *SplitShardInput) error {
	_, err := observe(k, ctx, OpSplitShard, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opSplitShard(ctx, in)
	})
	return err
}

// MergeShards closes two adjacent open shards and opens one child covering
// both ranges, with the next shard index.
func (k *Kinesis) MergeShards(ctx context.Context, in *MergeShardsInput) error {
	_, err := observe(k, ctx, OpMergeShards, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opMergeShards(ctx, in)
	})
	return err
}

// UpdateShardCount resizes the stream to TargetShardCount shards of equal
// range, as CreateStream would lay them out, within half to double the
// open shard count and at most ten times per rolling 24 hours. It reaches
// the target through splits and merges, so every new shard has at most two
// parents and readers can follow the lineage; the intermediate shards are
// closed at once and hold no records.
func (k *Kinesis) UpdateShardCount(ctx context.Context, in *UpdateShardCountInput) (*UpdateShardCountOutput, error) {
	return observe(k, ctx, OpUpdateShardCount, in, "", func(ctx context.Context) (*UpdateShardCountOutput, error) {
		return k.opUpdateShardCount(ctx, in)
	})
}

// IncreaseStreamRetentionPeriod lengthens how long the stream keeps records,
// within 24..8760 hours. Records already past the old period stay gone.
func (k *Kinesis) IncreaseStreamRetentionPeriod(ctx context.Context, in *IncreaseStreamRetentionPeriodInput) error {
	_, err := observe(k, ctx, OpIncreaseStreamRetentionPeriod, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opIncreaseStreamRetentionPeriod(ctx, in)
	})
	return err
}

// DecreaseStreamRetentionPeriod shortens how long the stream keeps records,
// within 24..8760 hours. Records older than the new period are no longer
// returned from then on.
func (k *Kinesis) DecreaseStreamRetentionPeriod(ctx context.Context, in *DecreaseStreamRetentionPeriodInput) error {
	_, err := observe(k, ctx, OpDecreaseStreamRetentionPeriod, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opDecreaseStreamRetentionPeriod(ctx, in)
	})
	return err
}

// UpdateStreamMode switches a stream between PROVISIONED and ON_DEMAND. Its
// shards stay as they are; the stream is UPDATING for the configured delay.
func (k *Kinesis) UpdateStreamMode(ctx context.Context, in *UpdateStreamModeInput) error {
	_, err := observe(k, ctx, OpUpdateStreamMode, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opUpdateStreamMode(ctx, in)
	})
	return err
}

// UpdateMaxRecordSize sets the largest record (data plus partition key) the
// stream accepts, 1024..10240 KiB.
func (k *Kinesis) UpdateMaxRecordSize(ctx context.Context, in *UpdateMaxRecordSizeInput) error {
	_, err := observe(k, ctx, OpUpdateMaxRecordSize, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opUpdateMaxRecordSize(ctx, in)
	})
	return err
}

// StartStreamEncryption records server-side encryption with a KMS key:
// records written from now on report EncryptionType KMS. No cryptography
// is done; the model only keeps and reports the settings.
func (k *Kinesis) StartStreamEncryption(ctx context.Context, in *StartStreamEncryptionInput) error {
	_, err := observe(k, ctx, OpStartStreamEncryption, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opStartStreamEncryption(ctx, in)
	})
	return err
}

// StopStreamEncryption turns server-side encryption off: records written
// from now on report EncryptionType NONE.
func (k *Kinesis) StopStreamEncryption(ctx context.Context, in *StopStreamEncryptionInput) error {
	_, err := observe(k, ctx, OpStopStreamEncryption, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opStopStreamEncryption(ctx, in)
	})
	return err
}

// EnableEnhancedMonitoring turns on shard-level metrics. The model records
// and reports them; it publishes nothing.
func (k *Kinesis) EnableEnhancedMonitoring(ctx context.Context, in *EnableEnhancedMonitoringInput) (*EnhancedMonitoringOutput, error) {
	return observe(k, ctx, OpEnableEnhancedMonitoring, in, "", func(ctx context.Context) (*EnhancedMonitoringOutput, error) {
		return k.opEnableEnhancedMonitoring(ctx, in)
	})
}

// DisableEnhancedMonitoring turns shard-level metrics off.
func (k *Kinesis) DisableEnhancedMonitoring(ctx context.Context, in *DisableEnhancedMonitoringInput) (*EnhancedMonitoringOutput, error) {
	return observe(k, ctx, OpDisableEnhancedMonitoring, in, "", func(ctx context.Context) (*EnhancedMonitoringOutput, error) {
		return k.opDisableEnhancedMonitoring(ctx, in)
	})
}

// SubscribeToShard starts an enhanced fan-out subscription of an ACTIVE
// consumer to a shard, from the starting position. Subscribing the same
// consumer to the same shard again within 5 seconds fails with
// ResourceInUseException; later, the new subscription replaces the old.
func (k *Kinesis) SubscribeToShard(ctx context.Context, in *SubscribeToShardInput) (*Subscription, error) {
	return observe(k, ctx, OpSubscribeToShard, in, "", func(ctx context.Context) (*Subscription, error) {
		return k.opSubscribeToShard(ctx, in)
	})
}

// AddTagsToStream adds or overwrites tags; a stream holds at most 50.
func (k *Kinesis) AddTagsToStream(ctx context.Context, in *AddTagsToStreamInput) error {
	_, err := observe(k, ctx, OpAddTagsToStream, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opAddTagsToStream(ctx, in)
	})
	return err
}

// RemoveTagsFromStream removes the tags with the given keys; absent keys are
// ignored.
func (k *Kinesis) RemoveTagsFromStream(ctx context.Context, in *RemoveTagsFromStreamInput) error {
	_, err := observe(k, ctx, OpRemoveTagsFromStream, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opRemoveTagsFromStream(ctx, in)
	})
	return err
}

// ListTagsForStream lists a stream's tags in key order, a page at a time.
func (k *Kinesis) ListTagsForStream(ctx context.Context, in *ListTagsForStreamInput) (*ListTagsForStreamOutput, error) {
	return observe(k, ctx, OpListTagsForStream, in, "", func(ctx context.Context) (*ListTagsForStreamOutput, error) {
		return k.opListTagsForStream(ctx, in)
	})
}

// TagResource adds tags to the stream an ARN names.
func (k *Kinesis) TagResource(ctx context.Context, in *TagResourceInput) error {
	_, err := observe(k, ctx, OpTagResource, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opTagResource(ctx, in)
	})
	return err
}

// UntagResource removes tags from the stream an ARN names.
func (k *Kinesis) UntagResource(ctx context.Context, in *UntagResourceInput) error {
	_, err := observe(k, ctx, OpUntagResource, in, "", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, k.opUntagResource(ctx, in)
	})
	return err
}

// ListTagsForResource lists every tag of the stream an ARN names.
func (k *Kinesis) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return observe(k, ctx, OpListTagsForResource, in, "", func(ctx context.Context) (*ListTagsForResourceOutput, error) {
		return k.opListTagsForResource(ctx, in)
	})
}
