package minikinesistest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a Reporter that keeps what the checks report.
type recorder struct{ errors []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func checkedStream(t *testing.T) (*minikinesis.Kinesis, *minikinesis.Stream) {
	t.Helper()
	clock := minikinesis.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	k := minikinesis.New(minikinesis.WithClock(clock), minikinesis.WithWriteThroughput(minikinesis.Throughput{RecordsPerSecond: 3}))
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1}))
	s, err := k.Stream("s")
	require.NoError(t, err)
	for _, d := range []string{"1", "2", "3", "4"} {
		_, _ = s.PutRecord(context.Background(), &minikinesis.PutRecordInput{PartitionKey: "a", Data: []byte(d)})
	}
	return k, s
}

func TestChecksPass(t *testing.T) {
	t.Parallel()
	k, s := checkedStream(t)
	r := &recorder{}
	assert.True(t, CheckRecords(r, s, Rec{"a", []byte("3")}, Rec{"a", []byte("1")}, Rec{"a", []byte("2")}))
	assert.True(t, CheckKeyOrder(r, s, "a", []byte("1"), []byte("2"), []byte("3")))
	assert.True(t, CheckKeyOrder(r, s, "nobody"))
	assert.True(t, CheckWriteThrottled(r, s, "shardId-000000000000", 1))
	assert.True(t, CheckReadThrottled(r, s, "0", 0))
	assert.True(t, CheckCalls(r, k, "PutRecord", "s", 4))
	assert.True(t, CheckCalls(r, k, "PutRecord", "", 4))
	assert.Empty(t, r.errors)
}

func TestChecksReportFailures(t *testing.T) {
	t.Parallel()
	k, s := checkedStream(t)
	cases := []struct {
		name  string
		check func(Reporter) bool
		want  string
	}{
		{"records", func(r Reporter) bool { return CheckRecords(r, s, Rec{"a", []byte("1")}, Rec{"b", []byte("9")}) },
			"stream s holds 3 records, want 2\nmissing:    b=\"9\"\nunexpected: a=\"2\", a=\"3\""},
		{"order", func(r Reporter) bool { return CheckKeyOrder(r, s, "a", []byte("2"), []byte("1"), []byte("3")) },
			"partition key \"a\" in stream s:\n got  [\"1\" \"2\" \"3\"]\n want [\"2\" \"1\" \"3\"]"},
		{"throttled", func(r Reporter) bool { return CheckWriteThrottled(r, s, "0", 5) },
			"shardId-000000000000 of stream s: 1 write-throttled records, want 5"},
		{"missing shard", func(r Reporter) bool { return CheckReadThrottled(r, s, "7", 0) },
			"ResourceNotFoundException: Could not find shard shardId-000000000007 in stream s under account 000000000000."},
		{"calls", func(r Reporter) bool { return CheckCalls(r, k, "PutRecords", "s", 1) },
			"0 PutRecords calls to stream s in the call log, want 1"},
	}
	for _, tc := range cases {
		r := &recorder{}
		assert.False(t, tc.check(r), tc.name)
		require.Len(t, r.errors, 1, tc.name)
		assert.Equal(t, tc.want, r.errors[0], tc.name)
	}
}
