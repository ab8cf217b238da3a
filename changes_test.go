package minikinesis

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// changeLog collects an account's changes, copying what records share
// with requests, as a journal would.
type changeLog struct {
	mu      sync.Mutex
	changes []Change
}

func (l *changeLog) observe(c Change) {
	c.Record.Data = slices.Clone(c.Record.Data)
	l.mu.Lock()
	l.changes = append(l.changes, c)
	l.mu.Unlock()
}

// replay applies the changes after the checkpoint st was exported at.
func (l *changeLog) replay(t *testing.T, st *State) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	from := slices.IndexFunc(l.changes, func(c Change) bool {
		return c.Kind == ChangeCheckpoint && c.Checkpoint == st.Checkpoint
	})
	require.GreaterOrEqual(t, from, 0, "the checkpoint is in the feed")
	for _, c := range l.changes[from+1:] {
		require.NoError(t, st.Apply(c), "applying a %v change of %s", c.Kind, c.Stream)
	}
}

// kinds lists the kinds of change seen, runs of one kind as one.
func (l *changeLog) kinds() []ChangeKind {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []ChangeKind
	for _, c := range l.changes {
		if len(out) == 0 || out[len(out)-1] != c.Kind {
			out = append(out, c.Kind)
		}
	}
	return out
}

func TestChangesReplayOntoAnExportRebuildTheState(t *testing.T) {
	t.Parallel()
	var log changeLog
	k, clock := newTestKinesis(t, WithChangeObserver(log.observe), WithStateDelays(StateDelays{ConsumerCreating: time.Minute}))
	start := k.ExportState()
	busyAccount(t, k, clock)

	log.replay(t, start)
	assert.Equal(t, stateJSON(t, k.ExportState()), stateJSON(t, start))
}

func TestChangesKeepRecordsAfterTheShardsTheyNeedUnderConcurrency(t *testing.T) {
	t.Parallel()
	var log changeLog
	k, _ := newTestKinesis(t, WithChangeObserver(log.observe), WithoutWriteThrottling())
	start := k.ExportState()
	ctx := context.Background()
	createStream(t, k, "s", 2)

	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 200 {
				entries := make([]PutRecordsRequestEntry, 10)
				for j := range entries {
					entries[j] = PutRecordsRequestEntry{PartitionKey: strconv.Itoa(w*1000 + i*10 + j), Data: []byte("d")}
				}
				_, err := k.PutRecords(ctx, &PutRecordsInput{StreamName: "s", Records: entries})
				assert.NoError(t, err)
			}
		})
	}
	wg.Go(func() {
		for i := range 6 {
			target := []int{4, 2, 3, 6, 3, 2}[i]
			_, err := k.UpdateShardCount(ctx, &UpdateShardCountInput{StreamName: "s", TargetShardCount: target, ScalingType: ScalingTypeUniformScaling})
			assert.NoError(t, err)
			mid := k.ExportState()
			assert.NotZero(t, mid.Checkpoint)
		}
	})
	wg.Wait()

	log.replay(t, start)
	assert.Equal(t, stateJSON(t, k.ExportState()), stateJSON(t, start))
}

func TestResetAndRestoreReportTheWholeAccount(t *testing.T) {
	t.Parallel()
	fixture, clock := newTestKinesis(t)
	busyAccount(t, fixture, clock)
	snap := fixture.Snapshot()

	var log changeLog
	k, _ := newTestKinesis(t, WithChangeObserver(log.observe), WithClock(clock))
	start := k.ExportState()
	createStream(t, k, "before", 1)
	k.Reset()
	k.Restore(snap)
	assert.Equal(t, []ChangeKind{ChangeCheckpoint, ChangeStream, ChangeReset, ChangeStream, ChangeRecord, ChangeStream, ChangeRecord, ChangeStream}, log.kinds())

	log.replay(t, start)
	assert.Equal(t, stateJSON(t, k.ExportState()), stateJSON(t, start))
}

func TestFailedOperationsReportNothing(t *testing.T) {
	t.Parallel()
	var log changeLog
	k, _ := newTestKinesis(t, WithChangeObserver(log.observe))
	ctx := context.Background()
	require.Error(t, k.CreateStream(ctx, &CreateStreamInput{StreamName: "bad name!", ShardCount: 1}))
	_, err := k.PutRecord(ctx, &PutRecordInput{StreamName: "missing", PartitionKey: "k"})
	require.Error(t, err)
	_, err = k.ListStreams(ctx, &ListStreamsInput{})
	require.NoError(t, err)
	assert.Empty(t, log.kinds())
}

func TestApplyRefusesChangesThatDoNotFit(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	rec := StoredRecord{Counter: 1, Arrival: testEpoch}
	for _, tt := range []struct {
		name   string
		change Change
		reason string
	}{
		{"unknown stream", Change{Kind: ChangeRecord, Stream: "other", Record: rec}, "a record for a stream the state does not hold"},
		{"unknown shard", Change{Kind: ChangeRecord, Stream: "s", Shard: 3, Record: rec}, "a record for a shard the stream does not have"},
		{"stream without state", Change{Kind: ChangeStream, Stream: "s"}, "a stream change without the stream's state"},
		{"unknown kind", Change{Kind: 99, Stream: "s"}, "unknown change kind ChangeKind(99)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := k.ExportState()
			var se *StateError
			require.ErrorAs(t, st.Apply(tt.change), &se)
			assert.Equal(t, tt.reason, se.Reason)
		})
	}
	st := k.ExportState()
	require.NoError(t, st.Apply(Change{Kind: ChangeRecord, Stream: "s", Record: rec}))
	var se *StateError
	require.ErrorAs(t, st.Apply(Change{Kind: ChangeRecord, Stream: "s", Record: rec}), &se)
	assert.Equal(t, StateError{Stream: "s", Shard: 0, Reason: "record counter 1 does not follow counter 1"}, *se)
}

func TestChangesStateNamesEveryOperationThatChangesTheAccount(t *testing.T) {
	t.Parallel()
	var changing []string
	for _, op := range Operations() {
		if ChangesState(op) {
			changing = append(changing, op)
		}
	}
	assert.Equal(t, []string{
		OpCreateStream, OpDeleteStream, OpSplitShard, OpMergeShards, OpUpdateShardCount, OpPutRecord, OpPutRecords,
		OpRegisterStreamConsumer, OpDeregisterStreamConsumer,
		OpIncreaseStreamRetentionPeriod, OpDecreaseStreamRetentionPeriod,
		OpUpdateStreamMode, OpUpdateMaxRecordSize, OpStartStreamEncryption, OpStopStreamEncryption,
		OpEnableEnhancedMonitoring, OpDisableEnhancedMonitoring, OpUpdateStreamWarmThroughput, OpUpdateStreamRecordDistributionStrategy,
		OpAddTagsToStream, OpRemoveTagsFromStream, OpTagResource, OpUntagResource,
		OpPutResourcePolicy, OpDeleteResourcePolicy, OpUpdateAccountSettings,
		OpCreateChannel, OpUpdateChannel, OpDeleteChannel,
	}, changing)
}

func TestTwoObserversBothSeeEveryChange(t *testing.T) {
	t.Parallel()
	var first, second changeLog
	k, _ := newTestKinesis(t, WithChangeObserver(first.observe), WithChangeObserver(nil), WithChangeObserver(second.observe))
	createStream(t, k, "s", 1)
	assert.Equal(t, []ChangeKind{ChangeStream}, first.kinds())
	assert.Equal(t, first.kinds(), second.kinds())
}
