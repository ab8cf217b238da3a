package minikinesis

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newerDelays leave every kind of pending transition in newerAccount.
var newerDelays = StateDelays{Creating: time.Minute, Updating: time.Minute, Deleting: time.Minute}

// newerAccount gives k the state of the newer operations: a commitment
// due to end, policies on a stream and a consumer, warm throughput being
// scaled, a record distribution strategy, and channels CREATING, ACTIVE,
// UPDATING, DELETING and FAILED.
func newerAccount(t *testing.T, k *Kinesis, clock *ManualClock) {
	t.Helper()
	ctx := context.Background()
	setCommitment(t, k, CommitmentEnabled)
	od := createOnDemand(t, k, "od")
	clock.Advance(time.Minute)
	reg, err := k.RegisterStreamConsumer(ctx, &RegisterStreamConsumerInput{StreamARN: od.ARN(), ConsumerName: "app"})
	require.NoError(t, err)
	require.NoError(t, k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: od.ARN(), Policy: testPolicy}))
	require.NoError(t, k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: reg.Consumer.ConsumerARN, Policy: testPolicy}))
	require.NoError(t, k.UpdateStreamRecordDistributionStrategy(ctx, &UpdateStreamRecordDistributionStrategyInput{StreamARN: od.ARN(), RecordDistributionStrategy: RecordDistributionAuto}))

	for _, name := range []string{"active", "updating", "deleting", "failed"} {
		in := s3ChannelInput(k, name, "od")
		if name == "updating" {
			in = tablesChannelInput(k, name, "od")
			in.Tags = map[string]string{"team": "lake"}
		}
		_, err := k.CreateChannel(ctx, in)
		require.NoError(t, err)
	}
	clock.Advance(time.Minute)
	_, err = k.CreateChannel(ctx, s3ChannelInput(k, "creating", "od"))
	require.NoError(t, err)
	enabled := true
	_, err = k.UpdateChannel(ctx, &UpdateChannelInput{ChannelARN: k.ChannelARN("updating"), S3TablesDestinationConfiguration: &S3DestinationUpdateInput{DataFreshnessInSeconds: ptrTo(450)},
		LoggingConfiguration: &ChannelLoggingConfiguration{CloudWatchLogs: &CloudWatchLogs{Enabled: &enabled, LogGroupName: "g"}}})
	require.NoError(t, err)
	require.NoError(t, k.DeleteChannel(ctx, &DeleteChannelInput{ChannelARN: k.ChannelARN("deleting")}))
	require.NoError(t, k.FailChannel(k.ChannelARN("failed"), "Bucket landing is gone."))

	_, err = k.UpdateStreamWarmThroughput(ctx, &UpdateStreamWarmThroughputInput{StreamARN: od.ARN(), WarmThroughputMiBps: ptrTo(256)})
	require.NoError(t, err)
	setCommitment(t, k, CommitmentDisabled)
}

// newerView is what the newer operations report of an account.
func newerView(t *testing.T, k *Kinesis) map[string]any {
	t.Helper()
	ctx := context.Background()
	view := map[string]any{}
	sum, err := k.DescribeStreamSummary(ctx, &DescribeStreamSummaryInput{StreamName: "od"})
	require.NoError(t, err)
	view["summary"] = sum
	settings, err := k.DescribeAccountSettings(ctx, &DescribeAccountSettingsInput{})
	require.NoError(t, err)
	view["settings"] = settings
	list, err := k.ListChannels(ctx, &ListChannelsInput{})
	require.NoError(t, err)
	view["channels"] = list
	for _, c := range list.ChannelSummaries {
		d, err := k.DescribeChannel(ctx, &DescribeChannelInput{ChannelARN: c.ChannelARN})
		require.NoError(t, err)
		view[c.ChannelName] = d
	}
	cons, err := k.ListStreamConsumers(ctx, &ListStreamConsumersInput{StreamARN: k.StreamARN("od")})
	require.NoError(t, err)
	for _, c := range append([]Consumer{{ConsumerARN: k.StreamARN("od")}}, cons.Consumers...) {
		p, err := k.GetResourcePolicy(ctx, &GetResourcePolicyInput{ResourceARN: c.ConsumerARN})
		require.NoError(t, err)
		view["policy "+c.ConsumerARN] = p.Policy
	}
	return view
}

func TestNewerStateSurvivesExportAndImport(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(newerDelays))
	newerAccount(t, k, clock)
	before := newerView(t, k)
	require.Len(t, before["channels"].(*ListChannelsOutput).ChannelSummaries, 5)
	assert.Equal(t, CommitmentEnabledUntilEarliestAllowedEnd, before["settings"].(*DescribeAccountSettingsOutput).MinimumThroughputBillingCommitment.Status)

	// Through JSON, as persistence stores it.
	raw, err := json.Marshal(k.ExportState())
	require.NoError(t, err)
	var st State
	require.NoError(t, json.Unmarshal(raw, &st))
	k2, err := NewFromState(&st, WithClock(clock), WithStateDelays(newerDelays))
	require.NoError(t, err)
	assert.Equal(t, stateJSON(t, k.ExportState()), stateJSON(t, k2.ExportState()))
	assert.Equal(t, before, newerView(t, k2))

	// Pending transitions finish in the copy as in the original.
	clock.Advance(time.Minute)
	assert.Equal(t, newerView(t, k), newerView(t, k2))
	sum := newerView(t, k2)["summary"].(*DescribeStreamSummaryOutput).StreamDescriptionSummary
	assert.Equal(t, &WarmThroughputObject{CurrentMiBps: 256, TargetMiBps: 256}, sum.WarmThroughput)
	assert.Equal(t, 4, sum.ChannelCount, "the deleted channel is gone")
	clock.Advance(24 * time.Hour)
	assert.Equal(t, CommitmentDisabled, newerView(t, k2)["settings"].(*DescribeAccountSettingsOutput).MinimumThroughputBillingCommitment.Status)
}

func TestNewerChangesReplayOntoAnExportRebuildTheState(t *testing.T) {
	t.Parallel()
	var log changeLog
	k, clock := newTestKinesis(t, WithChangeObserver(log.observe), WithStateDelays(newerDelays))
	start := k.ExportState()
	newerAccount(t, k, clock)
	assert.Contains(t, log.kinds(), ChangeAccount)

	log.replay(t, start)
	assert.Equal(t, stateJSON(t, k.ExportState()), stateJSON(t, start))
	k2, err := NewFromState(start, WithClock(clock), WithStateDelays(newerDelays))
	require.NoError(t, err)
	assert.Equal(t, newerView(t, k), newerView(t, k2))
}

func TestSnapshotRestoreAndResetCarryTheAccountState(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(newerDelays))
	newerAccount(t, k, clock)
	before := newerView(t, k)
	snap := k.Snapshot()

	var log changeLog
	other, _ := newTestKinesis(t, WithClock(clock), WithStateDelays(newerDelays), WithChangeObserver(log.observe))
	start := other.ExportState()
	other.Restore(snap)
	assert.Equal(t, before, newerView(t, other))
	log.replay(t, start)
	assert.Equal(t, stateJSON(t, other.ExportState()), stateJSON(t, start), "Restore reports the account state too")

	k.Reset()
	settings, err := k.DescribeAccountSettings(t.Context(), &DescribeAccountSettingsInput{})
	require.NoError(t, err)
	assert.Equal(t, CommitmentDisabled, settings.MinimumThroughputBillingCommitment.Status)
	list, err := k.ListChannels(t.Context(), &ListChannelsInput{})
	require.NoError(t, err)
	assert.Empty(t, list.ChannelSummaries)
	assert.Nil(t, k.ExportState().Account)
}

func TestImportStateRejectsBadAccountStates(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(newerDelays))
	newerAccount(t, k, clock)
	tests := []struct {
		name   string
		break_ func(*AccountState)
		reason string
	}{
		{"commitment status", func(a *AccountState) { a.Commitment.Status = "MAYBE" }, "unknown commitment status MAYBE"},
		{"nameless channel", func(a *AccountState) { a.Channels[0].Name = "" }, "a channel has no name"},
		{"channel twice", func(a *AccountState) { a.Channels[1].Name = a.Channels[0].Name }, "channel active given twice"},
		{"channel status", func(a *AccountState) { a.Channels[0].Status = "LOST" }, "channel active has unknown status LOST"},
		{"two destinations", func(a *AccountState) { a.Channels[0].S3Tables = &S3TablesDestinationDescription{} }, "channel active needs exactly one destination"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := k.ExportState()
			tt.break_(st.Account)
			var se *StateError
			require.ErrorAs(t, k.ImportState(st), &se)
			assert.Equal(t, tt.reason, se.Reason)
		})
	}
	assert.Len(t, k.ExportState().Account.Channels, 5, "a refused import changes nothing")
}
