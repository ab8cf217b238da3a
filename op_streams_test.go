package minikinesis

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func statusOf(t *testing.T, k *Kinesis, name string) StreamStatus {
	t.Helper()
	return summaryOf(t, k, name).StreamStatus
}

func TestStreamIsCreatingUntilTheDelayPasses(t *testing.T) {
	t.Parallel()
	const notFound = "Stream s under account 000000000000 not found."
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Creating: 30 * time.Second}))
	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "s", ShardCount: 2}))
	s, err := k.Stream("s")
	require.NoError(t, err)

	assertCreating := func() {
		t.Helper()
		assert.Equal(t, StreamStatusCreating, s.Status())
		assert.Equal(t, StreamStatusCreating, statusOf(t, k, "s"))
		d, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
		require.NoError(t, err)
		assert.Equal(t, StreamStatusCreating, d.StreamDescription.StreamStatus)
		ls, err := k.ListStreams(t.Context(), nil)
		require.NoError(t, err)
		assert.Equal(t, []string{"s"}, ls.StreamNames, "a CREATING stream is listed")
		require.Len(t, ls.StreamSummaries, 1)
		assert.Equal(t, StreamStatusCreating, ls.StreamSummaries[0].StreamStatus)

		_, err = k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("d")})
		nf := requireAPIError[*ResourceNotFoundException](t, err)
		assert.Equal(t, notFound, nf.ErrorMessage())
		_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("d")})
		nf = requireAPIError[*ResourceNotFoundException](t, err)
		assert.Equal(t, notFound, nf.ErrorMessage())
		_, err = k.PutRecords(t.Context(), &PutRecordsInput{StreamName: "s", Records: []PutRecordsRequestEntry{{PartitionKey: "p", Data: []byte("d")}}})
		nf = requireAPIError[*ResourceNotFoundException](t, err)
		assert.Equal(t, notFound, nf.ErrorMessage())
	}
	assertCreating()
	clock.Advance(30*time.Second - time.Nanosecond)
	assertCreating()

	clock.Advance(time.Nanosecond)
	assert.Equal(t, StreamStatusActive, s.Status())
	assert.Equal(t, StreamStatusActive, statusOf(t, k, "s"))
	out, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("d")})
	require.NoError(t, err)
	recs, err := s.ShardRecords(out.ShardId)
	require.NoError(t, err)
	require.Len(t, recs, 1, "only the write after the delay is stored")
	assert.Equal(t, testEpoch, s.CreationTime(), "the creation time is when CreateStream ran")
}

func TestCreatingStreamRefusesChanges(t *testing.T) {
	t.Parallel()
	const notActive = "Stream s under account 000000000000 not ACTIVE, instead in state CREATING"
	k, _ := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute}))
	s := createStream(t, k, "s", 2)
	calls := map[string]func() error{
		"UpdateStreamMode": func() error {
			return k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}})
		},
		"StartStreamEncryption": func() error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS, KeyId: "alias/k"})
		},
		"SplitShard": func() error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "1000"})
		},
		"MergeShards": func() error {
			return k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "0", AdjacentShardToMerge: "1"})
		},
	}
	for name, call := range calls {
		riu := requireAPIError[*ResourceInUseException](t, call())
		assert.Equal(t, notActive, riu.ErrorMessage(), name)
	}
	assert.Len(t, s.Shards(), 2)
	assert.Equal(t, StreamStatusCreating, s.Status())
}

func TestTooManyStreamsCreating(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute}))
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		createStream(t, k, name, 1)
	}
	err := k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "f", ShardCount: 1})
	le := requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, "Account 000000000000 already has 5 streams in CREATING state; wait for one to become ACTIVE.", le.ErrorMessage())
	assert.Len(t, k.StreamNames(), 5)
	clock.Advance(time.Minute)
	createStream(t, k, "f", 1)
	assert.Equal(t, StreamStatusCreating, statusOf(t, k, "f"))
	assert.Equal(t, StreamStatusActive, statusOf(t, k, "a"))
}

func TestDeleteStreamWithDelay(t *testing.T) {
	t.Parallel()
	const notFound = "Stream s under account 000000000000 not found."
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Deleting: 10 * time.Second}))
	s := createStream(t, k, "s", 2)
	createStream(t, k, "other", 1)
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("before")})
	require.NoError(t, err)

	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s"}))
	assert.Equal(t, StreamStatusDeleting, s.Status())
	assert.Equal(t, StreamStatusDeleting, statusOf(t, k, "s"))
	ls, err := k.ListStreams(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"other", "s"}, ls.StreamNames, "a DELETING stream is still listed")
	assert.Equal(t, StreamStatusDeleting, ls.StreamSummaries[1].StreamStatus)

	_, err = k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("d")})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, notFound, nf.ErrorMessage())
	_, err = s.PutRecords(t.Context(), &PutRecordsInput{Records: []PutRecordsRequestEntry{{PartitionKey: "p", Data: []byte("d")}}})
	nf = requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, notFound, nf.ErrorMessage())

	err = k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "s", ShardCount: 1})
	riu := requireAPIError[*ResourceInUseException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 already exists.", riu.ErrorMessage())
	limits, err := k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, limits.OpenShardCount, "a deleting stream's shards no longer count")

	clock.Advance(10*time.Second - time.Nanosecond)
	assert.Equal(t, StreamStatusDeleting, s.Status())
	clock.Advance(time.Nanosecond)
	assert.Equal(t, StreamStatus(""), s.Status())
	_, err = k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
	nf = requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, notFound, nf.ErrorMessage())
	_, err = k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamARN: s.ARN()})
	requireAPIError[*ResourceNotFoundException](t, err)
	_, err = k.ListShards(t.Context(), &ListShardsInput{StreamName: "s"})
	requireAPIError[*ResourceNotFoundException](t, err)
	_, err = k.Stream("s")
	requireAPIError[*ResourceNotFoundException](t, err)
	err = k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s"})
	nf = requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, notFound, nf.ErrorMessage())
	ls, err = k.ListStreams(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"other"}, ls.StreamNames)
	assert.Equal(t, []string{"other"}, k.StreamNames())

	// The name is free again; the new stream is a new stream.
	again := createStream(t, k, "s", 1)
	assert.NotSame(t, s, again)
	assert.Equal(t, testEpoch.Add(10*time.Second), again.CreationTime())
	recs, err := again.ShardRecords("0")
	require.NoError(t, err)
	assert.Empty(t, recs)
}

func TestDeleteStreamWithoutDelayIsImmediate(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamARN: s.ARN()}))
	assert.Equal(t, StreamStatus(""), s.Status())
	_, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not found.", nf.ErrorMessage())
	ls, err := k.ListStreams(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, ls.StreamNames)
	err = k.DeleteStream(t.Context(), nil)
	ia := requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Stream arn and stream name can't be empty at the same time", ia.ErrorMessage())
}

func TestCreateStreamModes(t *testing.T) {
	t.Parallel()
	onDemand := &StreamModeDetails{StreamMode: StreamModeOnDemand}
	cases := []struct {
		name       string
		in         CreateStreamInput
		wantShards int
		wantMode   StreamMode
		wantType   string
		wantMsg    string
	}{
		{name: "on-demand without shard count", in: CreateStreamInput{StreamName: "s", StreamModeDetails: onDemand}, wantShards: 4, wantMode: StreamModeOnDemand},
		{name: "on-demand with shard count", in: CreateStreamInput{StreamName: "s", ShardCount: 2, StreamModeDetails: onDemand}, wantShards: 2, wantMode: StreamModeOnDemand},
		{name: "provisioned explicitly", in: CreateStreamInput{StreamName: "s", ShardCount: 3, StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeProvisioned}}, wantShards: 3, wantMode: StreamModeProvisioned},
		{name: "provisioned by default", in: CreateStreamInput{StreamName: "s", ShardCount: 1}, wantShards: 1, wantMode: StreamModeProvisioned},
		{name: "neither shard count nor mode: on-demand, as AWS does", in: CreateStreamInput{StreamName: "s"}, wantShards: 4, wantMode: StreamModeOnDemand},
		{name: "provisioned without shard count", in: CreateStreamInput{StreamName: "s", StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeProvisioned}},
			wantType: "InvalidArgumentException", wantMsg: "ShardCount is required for a stream in PROVISIONED mode."},
		{name: "unknown mode", in: CreateStreamInput{StreamName: "s", StreamModeDetails: &StreamModeDetails{StreamMode: "SERVERLESS"}},
			wantType: "ValidationException", wantMsg: "1 validation error detected: Value 'SERVERLESS' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			err := k.CreateStream(t.Context(), &tc.in)
			if tc.wantType != "" {
				var apiErr APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.wantType, apiErr.ErrorCode())
				assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
				assert.Empty(t, k.StreamNames())
				return
			}
			require.NoError(t, err)
			s, err := k.Stream("s")
			require.NoError(t, err)
			shards := s.Shards()
			require.Len(t, shards, tc.wantShards)
			ranges := SplitHashKeySpace(tc.wantShards)
			for i, sh := range shards {
				assert.Equal(t, ranges[i], sh.HashKeyRange)
			}
			sum := summaryOf(t, k, "s")
			assert.Equal(t, tc.wantMode, sum.StreamModeDetails.StreamMode)
			assert.Equal(t, tc.wantShards, sum.OpenShardCount)
			limits, err := k.DescribeLimits(t.Context())
			require.NoError(t, err)
			assert.Equal(t, tc.wantShards, limits.OpenShardCount)
		})
	}
}

func TestCreateStreamMaxRecordSizeInKiB(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		kib     int
		wantKiB int
		wantMsg string
	}{
		{name: "not given keeps 1 MiB", kib: 0, wantKiB: 1024},
		{name: "lowest", kib: 1024, wantKiB: 1024},
		{name: "mid", kib: 5000, wantKiB: 5000},
		{name: "highest", kib: 10240, wantKiB: 10240},
		{name: "one below", kib: 1023, wantMsg: "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
		{name: "one above", kib: 10241, wantMsg: "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
		{name: "negative", kib: -1, wantMsg: "1 validation error detected: Value '-1' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t, WithoutWriteThrottling())
			err := k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "s", ShardCount: 1, MaxRecordSizeInKiB: tc.kib})
			if tc.wantMsg != "" {
				v := requireAPIError[*ValidationException](t, err)
				assert.Equal(t, tc.wantMsg, v.ErrorMessage())
				assert.Empty(t, k.StreamNames())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantKiB, summaryOf(t, k, "s").MaxRecordSizeInKiB)
			limit := tc.wantKiB * 1024
			_, err = k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "k", Data: make([]byte, limit-1)})
			require.NoError(t, err, "a record of exactly the limit")
			_, err = k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "k", Data: make([]byte, limit)})
			v := requireAPIError[*ValidationException](t, err)
			assert.Equal(t, "1 validation error detected: Value '"+blobValue(limit+1)+"' at 'data' failed to satisfy constraint: Member must have length less than or equal to "+itoa(limit), v.ErrorMessage())
		})
	}
	t.Run("all violations together", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t)
		err := k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "a b", ShardCount: -1, MaxRecordSizeInKiB: 1, StreamModeDetails: &StreamModeDetails{StreamMode: "x"}})
		v := requireAPIError[*ValidationException](t, err)
		assert.Equal(t, "4 validation errors detected: "+
			"Value '-1' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "+
			"Value 'x' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]; "+
			"Value '1' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024; "+
			"Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", v.ErrorMessage())
	})
}

func TestOnDemandStreamsRefuseResharding(t *testing.T) {
	t.Parallel()
	reshards := []struct {
		op   string
		call func(k *Kinesis) error
	}{
		{"SplitShard", func(k *Kinesis) error {
			return k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "1000"})
		}},
		{"MergeShards", func(k *Kinesis) error {
			return k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "shardId-000000000000", AdjacentShardToMerge: "shardId-000000000001"})
		}},
		{"UpdateShardCount", func(k *Kinesis) error {
			_, err := k.UpdateShardCount(t.Context(), &UpdateShardCountInput{StreamName: "s", TargetShardCount: 8, ScalingType: ScalingTypeUniformScaling})
			return err
		}},
	}
	for _, viaUpdate := range []bool{false, true} {
		for _, r := range reshards {
			name := r.op + " created on-demand"
			if viaUpdate {
				name = r.op + " switched to on-demand"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				k, _ := newTestKinesis(t)
				var s *Stream
				if viaUpdate {
					s = createStream(t, k, "s", 4)
					require.NoError(t, k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
				} else {
					require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "s", StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
					var err error
					s, err = k.Stream("s")
					require.NoError(t, err)
				}
				before := s.Shards()
				require.Len(t, before, 4)

				v := requireAPIError[*ValidationException](t, r.call(k))
				assert.Equal(t, "1 validation error detected: Value 'ON_DEMAND' at 'streamModeDetails' failed to satisfy constraint: "+r.op+" is not supported for streams in ON_DEMAND capacity mode", v.ErrorMessage())
				assert.Equal(t, before, s.Shards(), "nothing resharded")
				assert.Equal(t, StreamStatusActive, s.Status(), "a refused reshard does not make the stream UPDATING")

				// Back in PROVISIONED mode the same call is allowed.
				require.NoError(t, k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeProvisioned}}))
				require.NoError(t, r.call(k))
				assert.Greater(t, len(s.Shards()), 4)
			})
		}
	}
}

// DescribeLimits reports OnDemandStreamCountLimit (50); both ways of getting
// an on-demand stream respect it.
func TestOnDemandStreamQuota(t *testing.T) {
	t.Parallel()
	const full = "Account 000000000000 already has 50 streams in ON_DEMAND mode, the most it may have."
	onDemand := &StreamModeDetails{StreamMode: StreamModeOnDemand}
	k, _ := newTestKinesis(t)
	for i := 0; i < OnDemandStreamCountLimit; i++ {
		require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "od" + itoa(i), StreamModeDetails: onDemand}))
	}
	limits, err := k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 50, limits.OnDemandStreamCount)
	assert.Equal(t, 50, limits.OnDemandStreamCountLimit)

	p := createStream(t, k, "p", 1)
	err = k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: p.ARN(), StreamModeDetails: onDemand})
	le := requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, full, le.ErrorMessage())
	assert.Equal(t, StreamModeProvisioned, summaryOf(t, k, "p").StreamModeDetails.StreamMode)

	err = k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "one-more", StreamModeDetails: onDemand})
	le = requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, full, le.ErrorMessage())
	limits, err = k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.LessOrEqual(t, limits.OnDemandStreamCount, limits.OnDemandStreamCountLimit)

	// Deleting one makes room again.
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "od0"}))
	require.NoError(t, k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: p.ARN(), StreamModeDetails: onDemand}))
}

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
		{name: "shard count near 2^63", in: &CreateStreamInput{StreamName: "x", ShardCount: math.MaxInt64 - 1}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '9223372036854775806' at 'shardCount' failed to satisfy constraint: Member must have value less than or equal to 100000"},
		{name: "shard count over AWS's maximum", in: &CreateStreamInput{StreamName: "x", ShardCount: 100001}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '100001' at 'shardCount' failed to satisfy constraint: Member must have value less than or equal to 100000"},
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
