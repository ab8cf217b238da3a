package minikinesis

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var injected = &LimitExceededException{Message: "injected"}

func TestFaultScopes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		rule  FaultRule
		calls []func(*Kinesis) error // each call's error tells whether it fired
		want  []bool
	}{
		{
			name: "by operation",
			rule: FaultRule{Operation: "DescribeStream", Err: injected},
			calls: []func(*Kinesis) error{
				describe("a"), summary("a"), describe("b"),
			},
			want: []bool{true, false, true},
		},
		{
			name: "by stream",
			rule: FaultRule{Stream: "b", Err: injected},
			calls: []func(*Kinesis) error{
				describe("a"), describe("b"), putTo("b", "k"), summary("a"),
			},
			want: []bool{false, true, true, false},
		},
		{
			name: "by stream through an ARN",
			rule: FaultRule{Stream: "b", Err: injected},
			calls: []func(*Kinesis) error{
				func(k *Kinesis) error {
					_, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamARN: k.StreamARN("b")})
					return err
				},
			},
			want: []bool{true},
		},
		{
			name: "by shard",
			rule: FaultRule{Operation: "GetShardIterator", Shard: "shardId-000000000001", Err: injected},
			calls: []func(*Kinesis) error{
				iterator("a", "0"), iterator("a", "1"), iterator("a", "shardId-1"),
			},
			want: []bool{false, true, true},
		},
		{
			name: "the next N calls",
			rule: FaultRule{Operation: "DescribeStream", Times: 2, Err: injected},
			calls: []func(*Kinesis) error{
				describe("a"), describe("a"), describe("a"), describe("a"),
			},
			want: []bool{true, true, false, false},
		},
		{
			name: "the Nth call",
			rule: FaultRule{Operation: "DescribeStream", Nth: 3, Err: injected},
			calls: []func(*Kinesis) error{
				describe("a"), describe("a"), describe("a"), describe("a"),
			},
			want: []bool{false, false, true, false},
		},
		{
			name: "after skipping",
			rule: FaultRule{Operation: "DescribeStream", Skip: 1, Times: 1, Err: injected},
			calls: []func(*Kinesis) error{
				describe("a"), describe("a"), describe("a"),
			},
			want: []bool{false, true, false},
		},
		{
			name: "by partition key",
			rule: FaultRule{Operation: "PutRecord", PartitionKey: func(k string) bool { return strings.HasPrefix(k, "vip-") }, EntryErrorCode: ErrorCodeInternalFailure},
			calls: []func(*Kinesis) error{
				putTo("a", "user-1"), putTo("a", "vip-1"), putTo("a", "user-2"),
			},
			want: []bool{false, true, false},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "a", 2)
			createStream(t, k, "b", 2)
			f := k.AddFault(tc.rule)
			fired := 0
			for i, call := range tc.calls {
				err := call(k)
				failed := err != nil
				assert.Equal(t, tc.want[i], failed, "call %d: %v", i, err)
				if failed {
					fired++
				}
			}
			assert.Equal(t, fired, f.Fired())
		})
	}
}

func describe(stream string) func(*Kinesis) error {
	return func(k *Kinesis) error {
		_, err := k.DescribeStream(context.Background(), &DescribeStreamInput{StreamName: stream})
		return err
	}
}

func summary(stream string) func(*Kinesis) error {
	return func(k *Kinesis) error {
		_, err := k.DescribeStreamSummary(context.Background(), &DescribeStreamSummaryInput{StreamName: stream})
		return err
	}
}

func putTo(stream, key string) func(*Kinesis) error {
	return func(k *Kinesis) error {
		_, err := k.PutRecord(context.Background(), &PutRecordInput{StreamName: stream, PartitionKey: key, Data: []byte("x")})
		return err
	}
}

func iterator(stream, shard string) func(*Kinesis) error {
	return func(k *Kinesis) error {
		_, err := k.GetShardIterator(context.Background(), &GetShardIteratorInput{StreamName: stream, ShardId: shard, ShardIteratorType: ShardIteratorTypeLatest})
		return err
	}
}

func TestFaultReturnsAnyAWSException(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	for _, e := range []APIError{
		&ProvisionedThroughputExceededException{Message: "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000."},
		&InternalFailureException{Message: "Internal Service Failure"},
		&ResourceNotFoundException{Message: "gone"},
		&ExpiredIteratorException{Message: "old"},
		&AccessDeniedException{Message: "no"},
	} {
		f := k.AddFault(FaultRule{Operation: "PutRecord", Times: 1, Err: e})
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("x")})
		var got APIError
		require.ErrorAs(t, err, &got)
		assert.Equal(t, e.ErrorCode(), got.ErrorCode())
		assert.Equal(t, e.ErrorMessage(), got.ErrorMessage())
		assert.Equal(t, 1, f.Fired())
		f.Remove()
	}
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	assert.Empty(t, recs, "a failed call stores nothing")
}

func TestEntryFaultsFailChosenPutRecordsEntries(t *testing.T) {
	t.Parallel()
	for _, code := range []string{ErrorCodeProvisionedThroughputExceeded, ErrorCodeInternalFailure} {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			s := createStream(t, k, "s", 2)
			f := k.AddFault(FaultRule{Operation: "PutRecords", Shard: "shardId-000000000001", Skip: 1, Times: 2, EntryErrorCode: code})
			ranges := SplitHashKeySpace(2)
			var in PutRecordsInput
			for i := 0; i < 6; i++ {
				in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "k" + itoa(i), Data: []byte{byte(i)}, ExplicitHashKey: ranges[i%2].StartingHashKey.String()})
			}
			out, err := s.PutRecords(t.Context(), &in)
			require.NoError(t, err)
			// Entries 1, 3, 5 go to shard 1: the first passes, the next two fail.
			wantFailed := map[int]bool{3: true, 5: true}
			for i, r := range out.Records {
				if wantFailed[i] {
					assert.Equal(t, code, r.ErrorCode, "entry %d", i)
					assert.NotEmpty(t, r.ErrorMessage)
				} else {
					assert.Empty(t, r.ErrorCode, "entry %d", i)
				}
			}
			assert.Equal(t, 2, out.FailedRecordCount)
			assert.Equal(t, 2, f.Fired())
			all, err := s.ReadAll(t.Context())
			require.NoError(t, err)
			assert.Len(t, all, 4, "the other entries are stored")
			m, err := s.ShardMetrics("1")
			require.NoError(t, err)
			if code == ErrorCodeProvisionedThroughputExceeded {
				assert.Equal(t, 2, m.WriteThrottled)
				assert.Equal(t, "Rate exceeded for shard shardId-000000000001 in stream s under account 000000000000.", out.Records[3].ErrorMessage)
			} else {
				assert.Zero(t, m.WriteThrottled)
				assert.Equal(t, "Internal Service Failure", out.Records[3].ErrorMessage)
			}
		})
	}
}

func TestProbabilisticFaultsAreDeterministicUnderASeed(t *testing.T) {
	t.Parallel()
	pattern := func(seed uint64) []bool {
		k, _ := newTestKinesis(t, WithFaultSeed(seed))
		createStream(t, k, "s", 1)
		k.AddFault(FaultRule{Operation: "DescribeStreamSummary", Probability: 0.3, Err: injected})
		out := make([]bool, 200)
		for i := range out {
			out[i] = summary("s")(k) != nil
		}
		return out
	}
	a, b, c := pattern(42), pattern(42), pattern(7)
	assert.Equal(t, a, b, "the same seed fires on the same calls")
	assert.NotEqual(t, a, c)
	fired := 0
	for _, f := range a {
		if f {
			fired++
		}
	}
	assert.InDelta(t, 60, fired, 25, "about 30%% of 200 calls")
}

func TestLatencyFaults(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	k.AddFault(FaultRule{Operation: "PutRecord", ClockLatency: 3 * time.Second})
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("x")})
	require.NoError(t, err)
	assert.Equal(t, testEpoch.Add(3*time.Second), clock.Now())
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	assert.Equal(t, testEpoch.Add(3*time.Second), recs[0].ApproximateArrivalTimestamp, "the model saw the call arrive late")

	k.ClearFaults()
	k.AddFault(FaultRule{Operation: "DescribeStream", Latency: time.Hour})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = k.DescribeStream(ctx, &DescribeStreamInput{StreamName: "s"})
	assert.ErrorIs(t, err, context.Canceled, "real-time latency honours the context")
}

func TestFaultsAddedAndRemovedWhileRunning(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	f := k.AddFault(FaultRule{Operation: "DescribeStream", Err: injected})
	assert.Error(t, describe("s")(k))
	f.Remove()
	assert.NoError(t, describe("s")(k))
	assert.Equal(t, 1, f.Fired())
	k.AddFault(FaultRule{Err: injected})
	assert.Error(t, summary("s")(k))
	k.ClearFaults()
	assert.NoError(t, summary("s")(k))
	assert.False(t, k.FaultsInstalled())
}

func TestWireFaultsAreNotCallFaults(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	f := k.AddFault(FaultRule{Operation: "DescribeStream", Stream: "s", HTTPStatus: 503, Times: 1})
	assert.NoError(t, describe("s")(k), "the Go API does not see wire faults")
	_, ok := k.MatchWireFault("DescribeStream", "other")
	assert.False(t, ok)
	wf, ok := k.MatchWireFault("DescribeStream", "s")
	require.True(t, ok)
	assert.Equal(t, WireFault{HTTPStatus: 503}, wf)
	_, ok = k.MatchWireFault("DescribeStream", "s")
	assert.False(t, ok, "Times: 1")
	assert.Equal(t, 1, f.Fired())
}
