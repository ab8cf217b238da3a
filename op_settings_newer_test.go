package minikinesis

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func createOnDemand(t *testing.T, k *Kinesis, name string) *Stream {
	t.Helper()
	require.NoError(t, k.CreateStream(context.Background(), &CreateStreamInput{StreamName: name, StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
	s, err := k.Stream(name)
	require.NoError(t, err)
	return s
}

func TestWarmThroughputScalesThroughUpdating(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Updating: time.Minute}))
	ctx := t.Context()
	s := createOnDemand(t, k, "s")
	assert.Nil(t, summaryOf(t, k, "s").WarmThroughput, "not shown without the billing commitment")

	mibps := func(n int) *int { return &n }
	_, err := k.UpdateStreamWarmThroughput(ctx, &UpdateStreamWarmThroughputInput{StreamARN: s.ARN(), WarmThroughputMiBps: mibps(100)})
	assert.Equal(t, "Warm throughput for stream s requires MinimumThroughputBillingCommitment to be enabled for account 000000000000.",
		requireAPIError[*InvalidArgumentException](t, err).Message)

	setCommitment(t, k, CommitmentEnabled)
	assert.Equal(t, &WarmThroughputObject{}, summaryOf(t, k, "s").WarmThroughput)
	out, err := k.UpdateStreamWarmThroughput(ctx, &UpdateStreamWarmThroughputInput{StreamName: "s", WarmThroughputMiBps: mibps(100)})
	require.NoError(t, err)
	assert.Equal(t, &UpdateStreamWarmThroughputOutput{StreamName: "s", StreamARN: s.ARN(), WarmThroughput: WarmThroughputObject{CurrentMiBps: 0, TargetMiBps: 100}}, out)
	sum := summaryOf(t, k, "s")
	assert.Equal(t, StreamStatusUpdating, sum.StreamStatus)
	assert.Equal(t, &WarmThroughputObject{CurrentMiBps: 0, TargetMiBps: 100}, sum.WarmThroughput)
	_, err = k.PutRecord(ctx, &PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("d")})
	assert.NoError(t, err, "writes go on while UPDATING")
	_, err = k.UpdateStreamWarmThroughput(ctx, &UpdateStreamWarmThroughputInput{StreamName: "s", WarmThroughputMiBps: mibps(200)})
	assert.Equal(t, "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING", requireAPIError[*ResourceInUseException](t, err).Message)

	clock.Advance(time.Minute)
	sum = summaryOf(t, k, "s")
	assert.Equal(t, StreamStatusActive, sum.StreamStatus)
	assert.Equal(t, &WarmThroughputObject{CurrentMiBps: 100, TargetMiBps: 100}, sum.WarmThroughput)

	out, err = k.UpdateStreamWarmThroughput(ctx, &UpdateStreamWarmThroughputInput{StreamName: "s", WarmThroughputMiBps: mibps(40)})
	require.NoError(t, err)
	assert.Equal(t, WarmThroughputObject{CurrentMiBps: 100, TargetMiBps: 40}, out.WarmThroughput, "releasing capacity scales down")

	// A later UPDATING (a reshard, a retention change) does not bring the
	// previous value back.
	clock.Advance(time.Minute)
	require.NoError(t, k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: 48}))
	assert.Equal(t, &WarmThroughputObject{CurrentMiBps: 40, TargetMiBps: 40}, summaryOf(t, k, "s").WarmThroughput)
}

func TestUpdateStreamWarmThroughputRefusals(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "p", 1)
	createOnDemand(t, k, "od")
	setCommitment(t, k, CommitmentEnabled)
	n := func(v int) *int { return &v }
	tests := []struct {
		name string
		in   UpdateStreamWarmThroughputInput
		want error
		msg  string
	}{
		{"no throughput", UpdateStreamWarmThroughputInput{StreamName: "od"}, &ValidationException{},
			"1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy constraint: Member must not be null"},
		{"negative", UpdateStreamWarmThroughputInput{StreamName: "od", WarmThroughputMiBps: n(-1)}, &ValidationException{},
			"1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{"no stream", UpdateStreamWarmThroughputInput{WarmThroughputMiBps: n(1)}, &InvalidArgumentException{},
			"Stream arn and stream name can't be empty at the same time"},
		{"over 10 GiBps", UpdateStreamWarmThroughputInput{StreamName: "od", WarmThroughputMiBps: n(10241)}, &LimitExceededException{},
			"Requested warm throughput of 10241 MiBps exceeds the maximum of 10240 MiBps for an on-demand stream."},
		{"provisioned", UpdateStreamWarmThroughputInput{StreamName: "p", WarmThroughputMiBps: n(10)}, &InvalidArgumentException{},
			"UpdateStreamWarmThroughput is only supported for streams in ON_DEMAND mode. Stream p under account 000000000000 is in PROVISIONED mode."},
		{"missing", UpdateStreamWarmThroughputInput{StreamName: "nope", WarmThroughputMiBps: n(10)}, &ResourceNotFoundException{},
			"Stream nope under account 000000000000 not found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.UpdateStreamWarmThroughput(t.Context(), &tt.in)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.msg, err.(APIError).ErrorMessage())
		})
	}
	assert.Equal(t, &WarmThroughputObject{}, summaryOf(t, k, "od").WarmThroughput, "nothing refused was stored")
	assert.Nil(t, summaryOf(t, k, "p").WarmThroughput, "provisioned streams show none")
	assert.Equal(t, StreamStatusActive, summaryOf(t, k, "p").StreamStatus)
}

func TestRecordDistributionStrategy(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithStateDelays(StateDelays{Updating: time.Minute}))
	ctx := t.Context()
	od := createOnDemand(t, k, "od")
	p := createStream(t, k, "p", 1)
	assert.Equal(t, RecordDistributionUserPartitionKey, summaryOf(t, k, "od").RecordDistributionStrategy, "the default, on on-demand streams")
	assert.Empty(t, summaryOf(t, k, "p").RecordDistributionStrategy, "not present for provisioned streams")

	require.NoError(t, k.UpdateStreamRecordDistributionStrategy(ctx, &UpdateStreamRecordDistributionStrategyInput{StreamARN: od.ARN(), RecordDistributionStrategy: RecordDistributionAuto}))
	sum := summaryOf(t, k, "od")
	assert.Equal(t, RecordDistributionAuto, sum.RecordDistributionStrategy)
	assert.Equal(t, StreamStatusActive, sum.StreamStatus, "applied at once, without UPDATING")

	err := k.UpdateStreamRecordDistributionStrategy(ctx, &UpdateStreamRecordDistributionStrategyInput{StreamARN: p.ARN(), RecordDistributionStrategy: RecordDistributionAuto})
	assert.Equal(t, "UpdateStreamRecordDistributionStrategy is only supported for streams in ON_DEMAND mode. Stream p under account 000000000000 is in PROVISIONED mode.",
		requireAPIError[*InvalidArgumentException](t, err).Message)
	assert.NoError(t, k.UpdateStreamRecordDistributionStrategy(ctx, &UpdateStreamRecordDistributionStrategyInput{StreamARN: p.ARN(), RecordDistributionStrategy: RecordDistributionUserPartitionKey}))

	// While UPDATING for another change, the strategy still switches.
	require.NoError(t, k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{StreamName: "od", RetentionPeriodHours: 48}))
	require.NoError(t, k.UpdateStreamRecordDistributionStrategy(ctx, &UpdateStreamRecordDistributionStrategyInput{StreamARN: od.ARN(), RecordDistributionStrategy: RecordDistributionUserPartitionKey}))
	assert.Equal(t, RecordDistributionUserPartitionKey, summaryOf(t, k, "od").RecordDistributionStrategy)

	tests := []struct {
		name string
		in   UpdateStreamRecordDistributionStrategyInput
		want string
	}{
		{"nothing", UpdateStreamRecordDistributionStrategyInput{},
			"2 validation errors detected: Value null at 'recordDistributionStrategy' failed to satisfy constraint: Member must not be null; Value null at 'streamARN' failed to satisfy constraint: Member must not be null"},
		{"unknown strategy", UpdateStreamRecordDistributionStrategyInput{StreamARN: od.ARN(), RecordDistributionStrategy: "RANDOM"},
			"1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]"},
		{"bad ARN", UpdateStreamRecordDistributionStrategyInput{StreamARN: "od", RecordDistributionStrategy: RecordDistributionAuto},
			"1 validation error detected: Value 'od' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := k.UpdateStreamRecordDistributionStrategy(t.Context(), &tt.in)
			assert.Equal(t, tt.want, requireAPIError[*ValidationException](t, err).ErrorMessage())
		})
	}
}
