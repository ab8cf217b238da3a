package minikinesis

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallLogAndHooks(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithWriteThroughput(Throughput{RecordsPerSecond: 2}))
	createStream(t, k, "s", 1)
	var hooked []string
	remove := k.OnCall(func(c Call) { hooked = append(hooked, c.Operation+"/"+c.ErrorCode) })
	clock.Advance(time.Second)
	_, err := k.PutRecords(t.Context(), &PutRecordsInput{StreamName: "s", Records: entries(3, "k", 1)})
	require.NoError(t, err)
	_, err = k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "missing"})
	require.Error(t, err)
	remove()
	_, err = k.ListStreams(t.Context(), nil)
	require.NoError(t, err)

	calls := k.Calls()
	require.Len(t, calls, 4)
	assert.Equal(t, "CreateStream", calls[0].Operation)
	put := calls[1]
	assert.Equal(t, "PutRecords", put.Operation)
	assert.Equal(t, "s", put.Stream)
	assert.Equal(t, 3, put.Records)
	assert.Equal(t, 1, put.FailedRecordCount)
	assert.Equal(t, testEpoch.Add(time.Second), put.Time)
	assert.Nil(t, put.Input, "payload-carrying inputs are summarised, not kept")
	assert.Equal(t, 6, put.Bytes, "data plus keys")
	assert.Equal(t, "PutRecords s: 3 records, 6 bytes, 1 failed -> OK", put.Summary())
	assert.Equal(t, "DescribeStream missing -> ResourceNotFoundException", calls[2].Summary())
	assert.IsType(t, &DescribeStreamInput{}, calls[2].Input)
	assert.Empty(t, put.ErrorCode)
	assert.Equal(t, "ResourceNotFoundException", calls[2].ErrorCode)
	assert.Equal(t, "missing", calls[2].Stream)
	assert.Equal(t, "ListStreams", calls[3].Operation)
	assert.Equal(t, []string{"PutRecords/", "DescribeStream/ResourceNotFoundException"}, hooked)

	k.ResetCalls()
	assert.Empty(t, k.Calls())
}

func TestCallLogIsBounded(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithCallLogSize(3))
	createStream(t, k, "s", 1)
	for i := 0; i < 5; i++ {
		require.NoError(t, summary("s")(k))
	}
	calls := k.Calls()
	require.Len(t, calls, 3)
	for _, c := range calls {
		assert.Equal(t, "DescribeStreamSummary", c.Operation)
	}
	off, _ := newTestKinesis(t, WithCallLogSize(0))
	createStream(t, off, "s", 1)
	assert.Empty(t, off.Calls())
}

func TestErrorsFromFaultsAreLogged(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	k.ResetCalls()
	k.AddFault(FaultRule{Operation: "DescribeStream", Err: errors.New("plain error")})
	require.Error(t, describe("s")(k))
	calls := k.Calls()
	require.Len(t, calls, 1)
	assert.Equal(t, "InternalFailure", calls[0].ErrorCode)
}

func TestCallLogBoundsWhatItKeeps(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	huge := strings.Repeat("x", 10<<20)
	manyTags := map[string]string{}
	for i := range 1000 {
		manyTags[huge[:200]+itoa(i)] = huge[:300]
	}
	ctx := t.Context()
	_, _ = k.GetRecords(ctx, &GetRecordsInput{ShardIterator: huge})
	_ = k.CreateStream(ctx, &CreateStreamInput{StreamName: huge, ShardCount: 1, Tags: manyTags})
	_, _ = k.PutRecord(ctx, &PutRecordInput{StreamName: "s", PartitionKey: huge, Data: []byte("x")})
	_, _ = k.DescribeStream(ctx, &DescribeStreamInput{StreamName: huge})
	_ = k.RemoveTagsFromStream(ctx, &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: slices.Repeat([]string{huge[:1000]}, 500)})

	calls := k.Calls()
	require.Len(t, calls, 6) // the stream "s" and the five hostile calls
	for _, c := range calls[1:] {
		kept := len(c.Stream) + len(c.PartitionKey)
		if c.Err != nil {
			kept += len(c.Err.Error())
		}
		kept += loggedStringBytes(c.Input)
		assert.LessOrEqual(t, kept, 8<<10, "%s keeps %d bytes", c.Operation, kept)
		assert.NotEmpty(t, c.ErrorCode, c.Operation)
	}
	var logged *LoggedError
	assert.ErrorAs(t, calls[1].Err, &logged, "a 10 MiB message is clipped")
	assert.Equal(t, "ValidationException", logged.ErrorCode())
	assert.Contains(t, calls[1].Input.(*GetRecordsInput).ShardIterator, "(10485760 bytes)", "a clipped string says how long it was")

	_, err := k.GetRecords(ctx, &GetRecordsInput{ShardIterator: "short"})
	require.Error(t, err)
	last := k.Calls()[len(k.Calls())-1]
	assert.Same(t, err, last.Err, "small errors are kept as they are")
	var ia *InvalidArgumentException
	assert.ErrorAs(t, last.Err, &ia, "and keep their type")
}

// loggedStringBytes adds up the strings a logged input holds.
func loggedStringBytes(in any) int {
	n := 0
	switch v := in.(type) {
	case *GetRecordsInput:
		n = len(v.ShardIterator) + len(v.StreamARN)
	case *CreateStreamInput:
		n = len(v.StreamName)
		for key, value := range v.Tags {
			n += len(key) + len(value)
		}
	case *DescribeStreamInput:
		n = len(v.StreamName) + len(v.StreamARN) + len(v.ExclusiveStartShardId)
	case *RemoveTagsFromStreamInput:
		n = len(v.StreamName) + len(v.StreamARN)
		for _, key := range v.TagKeys {
			n += len(key)
		}
	}
	return n
}

func TestCallCountsCountEveryCall(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithCallLogSize(3))
	createStream(t, k, "s", 1)
	for i := 0; i < 5; i++ {
		_, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("x")})
		require.NoError(t, err)
	}
	for i := 0; i < 2; i++ {
		_, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "missing"})
		require.Error(t, err)
	}
	_, err := k.ListStreams(t.Context(), nil)
	require.NoError(t, err)

	require.Len(t, k.Calls(), 3, "the log keeps the last 3")
	counts := k.CallCounts()
	assert.Equal(t, map[string]int{OpCreateStream: 1, OpPutRecord: 5, OpDescribeStream: 2, OpListStreams: 1}, counts.ByOperation)
	assert.Equal(t, map[string]map[string]int{"s": {OpCreateStream: 1, OpPutRecord: 5}, "missing": {OpDescribeStream: 2}}, counts.ByStream)
	assert.Equal(t, 5, counts.Count(OpPutRecord, "s"))
	assert.Equal(t, 5, counts.Count(OpPutRecord, ""))
	assert.Equal(t, 0, counts.Count(OpPutRecord, "missing"))
	assert.Equal(t, 1, counts.Count(OpListStreams, ""))
	assert.Zero(t, counts.Untracked)

	counts.ByOperation[OpPutRecord] = 99
	assert.Equal(t, 5, k.CallCounts().Count(OpPutRecord, ""), "a copy")

	k.ResetCalls()
	assert.Empty(t, k.CallCounts().ByOperation)
	assert.Empty(t, k.CallCounts().ByStream)
	require.NoError(t, summary("s")(k))
	assert.Equal(t, 1, k.CallCounts().Count(OpDescribeStreamSummary, "s"))
	k.Reset()
	assert.Empty(t, k.CallCounts().ByOperation, "Reset resets the counts with the log")
}

func TestCallCountsAgreeWithHooks(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithCallLogSize(1))
	createStream(t, k, "s", 2)
	var mu sync.Mutex
	hooked := map[string]int{}
	defer k.OnCall(func(c Call) { mu.Lock(); hooked[c.Operation]++; mu.Unlock() })()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				_, _ = k.PutRecord(context.Background(), &PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("x")})
				_, _ = k.ListShards(context.Background(), &ListShardsInput{StreamName: "s"})
			}
		}()
	}
	wg.Wait()
	counts := k.CallCounts()
	assert.Equal(t, 400, counts.Count(OpPutRecord, "s"))
	assert.Equal(t, 400, counts.Count(OpListShards, "s"))
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, hooked[OpPutRecord], counts.Count(OpPutRecord, ""))
	assert.Equal(t, hooked[OpListShards], counts.Count(OpListShards, ""))
}

func TestCallCountsAreBounded(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	for i := 0; i < MaxCountedStreams+5; i++ {
		_, _ = k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "s" + itoa(i)})
	}
	counts := k.CallCounts()
	assert.Len(t, counts.ByStream, MaxCountedStreams)
	assert.Equal(t, 5, counts.Untracked)
	assert.Equal(t, MaxCountedStreams+5, counts.Count(OpDescribeStreamSummary, ""))
	assert.Equal(t, 1, counts.Count(OpDescribeStreamSummary, "s0"), "names counted before the bound stay counted")
}

func TestCallCountsOffWithTheLog(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithCallLogSize(0))
	createStream(t, k, "s", 1)
	assert.Empty(t, k.CallCounts().ByOperation)
}
