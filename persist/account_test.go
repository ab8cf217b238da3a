package persist

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
)

// newerHistory gives the account the state of the newer operations: a
// billing commitment, a resource policy, warm throughput, a record
// distribution strategy and a channel.
func newerHistory(t *testing.T, k *minikinesis.Kinesis) {
	t.Helper()
	ctx := context.Background()
	_, err := k.UpdateAccountSettings(ctx, &minikinesis.UpdateAccountSettingsInput{
		MinimumThroughputBillingCommitment: &minikinesis.MinimumThroughputBillingCommitmentInput{Status: minikinesis.CommitmentEnabled}})
	require.NoError(t, err)
	require.NoError(t, k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "od", StreamModeDetails: &minikinesis.StreamModeDetails{StreamMode: minikinesis.StreamModeOnDemand}}))
	arn := k.StreamARN("od")
	require.NoError(t, k.PutResourcePolicy(ctx, &minikinesis.PutResourcePolicyInput{ResourceARN: arn,
		Policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kinesis:GetRecords"}]}`}))
	warm := 64
	_, err = k.UpdateStreamWarmThroughput(ctx, &minikinesis.UpdateStreamWarmThroughputInput{StreamARN: arn, WarmThroughputMiBps: &warm})
	require.NoError(t, err)
	require.NoError(t, k.UpdateStreamRecordDistributionStrategy(ctx, &minikinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: arn,
		RecordDistributionStrategy: minikinesis.RecordDistributionAuto}))
	_, err = k.CreateChannel(ctx, &minikinesis.CreateChannelInput{ChannelName: "to-s3", ServiceExecutionRoleARN: "arn:aws:iam::000000000000:role/w",
		StreamConfigurationList: []minikinesis.ChannelStreamConfiguration{{StreamARN: arn, RecordConfiguration: &minikinesis.RecordConfiguration{RecordFormatType: "JSON"}}},
		S3DestinationConfiguration: &minikinesis.S3DestinationConfiguration{StorageConfiguration: &minikinesis.S3StorageConfiguration{
			BucketARN: "arn:aws:s3:::b", CompressionType: "NONE", ExpectedBucketOwner: "000000000000"}}})
	require.NoError(t, err)
}

func TestNewerStateSurvivesReopen(t *testing.T) {
	t.Parallel()
	for _, snapshot := range []bool{false, true} {
		t.Run(map[bool]string{false: "journal", true: "snapshot"}[snapshot], func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			clock := minikinesis.NewManualClock(epoch)
			s := testStore(t, dir, clock, Options{})
			newerHistory(t, s.Kinesis())
			if snapshot {
				require.NoError(t, s.Snapshot())
			}
			want := stateOf(t, s.Kinesis())
			require.NotNil(t, s.Kinesis().ExportState().Account)
			require.NoError(t, s.Close())

			s2 := testStore(t, dir, clock, Options{})
			assert.Equal(t, want, stateOf(t, s2.Kinesis()))
			list, err := s2.Kinesis().ListChannels(context.Background(), &minikinesis.ListChannelsInput{})
			require.NoError(t, err)
			require.Len(t, list.ChannelSummaries, 1)
			assert.Equal(t, "to-s3", list.ChannelSummaries[0].ChannelName)
			settings, err := s2.Kinesis().DescribeAccountSettings(context.Background(), &minikinesis.DescribeAccountSettingsInput{})
			require.NoError(t, err)
			assert.Equal(t, minikinesis.CommitmentEnabled, settings.MinimumThroughputBillingCommitment.Status)
		})
	}
}

func TestAccountEntriesAreAccountedAsReplaced(t *testing.T) {
	t.Parallel()
	d := newDiskUse()
	d.add(minikinesis.Change{Kind: minikinesis.ChangeAccount, Account: &minikinesis.AccountState{}}, 100)
	assert.Zero(t, d.reclaimable(epoch), "the newest account entry is live")
	d.add(minikinesis.Change{Kind: minikinesis.ChangeAccount, Account: &minikinesis.AccountState{}}, 120)
	assert.Equal(t, int64(100), d.reclaimable(epoch), "the one it replaced is garbage")
	d.add(minikinesis.Change{Kind: minikinesis.ChangeReset}, 5)
	assert.Equal(t, int64(225), d.reclaimable(epoch), "a reset drops it")
}
