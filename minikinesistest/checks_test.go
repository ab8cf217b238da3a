package minikinesistest

import (
	"context"
	"crypto/md5"
	"fmt"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kpl"
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
			"stream s: 3 records, want 2\nmissing:    b=\"9\"\nunexpected: a=\"2\", a=\"3\""},
		{"order", func(r Reporter) bool { return CheckKeyOrder(r, s, "a", []byte("2"), []byte("1"), []byte("3")) },
			"partition key \"a\" in stream s:\n got  [\"1\" \"2\" \"3\"]\n want [\"2\" \"1\" \"3\"]"},
		{"throttled", func(r Reporter) bool { return CheckWriteThrottled(r, s, "0", 5) },
			"shardId-000000000000 of stream s: 1 write-throttled records, want 5"},
		{"missing shard", func(r Reporter) bool { return CheckReadThrottled(r, s, "7", 0) },
			"ResourceNotFoundException: Could not find shard shardId-000000000007 in stream s under account 000000000000."},
		{"calls", func(r Reporter) bool { return CheckCalls(r, k, "PutRecords", "s", 1) },
			"0 PutRecords calls to stream s, want 1"},
		{"all calls", func(r Reporter) bool { return CheckCalls(r, k, "PutRecord", "", 3) },
			"4 PutRecord calls, want 3"},
	}
	for _, tc := range cases {
		r := &recorder{}
		assert.False(t, tc.check(r), tc.name)
		require.Len(t, r.errors, 1, tc.name)
		assert.Equal(t, tc.want, r.errors[0], tc.name)
	}
}

func TestCheckCallsCountsPastTheLog(t *testing.T) {
	t.Parallel()
	k := minikinesis.New(minikinesis.WithoutWriteThrottling())
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1}))
	for i := 0; i < minikinesis.DefaultCallLogSize+500; i++ {
		_, err := k.PutRecord(context.Background(), &minikinesis.PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("x")})
		require.NoError(t, err)
	}
	require.Len(t, k.Calls(), minikinesis.DefaultCallLogSize)
	r := &recorder{}
	assert.True(t, CheckCalls(r, k, "PutRecord", "s", minikinesis.DefaultCallLogSize+500))
	assert.True(t, CheckCalls(r, k, "CreateStream", "", 1))
	assert.Empty(t, r.errors)
	k.ResetCalls()
	assert.True(t, CheckCalls(r, k, "PutRecord", "s", 0))
	assert.Empty(t, r.errors)
}

// aggregatedStream holds, in a two-shard stream, a plain record and one
// aggregate of three user records, one of which hashes to the other shard.
func aggregatedStream(t *testing.T) *minikinesis.Stream {
	t.Helper()
	k := minikinesis.New()
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 2}))
	s, err := k.Stream("s")
	require.NoError(t, err)
	data, err := kpl.Aggregate([]kpl.Record{
		{PartitionKey: "a", ExplicitHashKey: "0", Data: []byte("1")},
		{PartitionKey: "b", ExplicitHashKey: "340282366920938463463374607431768211455", Data: []byte("9")},
		{PartitionKey: "a", ExplicitHashKey: "0", Data: []byte("2")},
	})
	require.NoError(t, err)
	for _, d := range [][]byte{[]byte("plain"), data} {
		_, err := s.PutRecord(context.Background(), &minikinesis.PutRecordInput{PartitionKey: "a", ExplicitHashKey: "0", Data: d})
		require.NoError(t, err)
	}
	return s
}

func TestChecksOnUserRecords(t *testing.T) {
	t.Parallel()
	s := aggregatedStream(t)
	users := UserRecords(s)
	assert.Equal(t, "s", users.Name())
	r := &recorder{}
	assert.True(t, CheckRecords(r, users, Rec{"a", []byte("plain")}, Rec{"a", []byte("1")}, Rec{"b", []byte("9")}, Rec{"a", []byte("2")}))
	assert.True(t, CheckKeyOrder(r, users, "a", []byte("plain"), []byte("1"), []byte("2")))
	assert.True(t, CheckKeyOrder(r, users, "b", []byte("9")))
	assert.Empty(t, r.errors)

	// The same stream read as Kinesis records: two, the second packed.
	all, err := s.ReadAll(context.Background())
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.True(t, CheckKeyOrder(r, s, "a", []byte("plain"), all[1].Data))
	assert.Empty(t, r.errors)

	const note = "\nnote: 1 user records lie outside their shard's hash range; a KCL consumer drops the aggregates that hold them"
	assert.False(t, CheckRecords(r, users, Rec{"a", []byte("1")}))
	assert.False(t, CheckKeyOrder(r, users, "a", []byte("2"), []byte("1")))
	assert.Equal(t, []string{
		"user records of stream s: 4 records, want 1\nmissing:    \nunexpected: a=\"2\", a=\"plain\", b=\"9\"" + note,
		"partition key \"a\" in user records of stream s:\n got  [\"plain\" \"1\" \"2\"]\n want [\"2\" \"1\"]" + note,
	}, r.errors)
}

func TestUserRecordsReadAll(t *testing.T) {
	t.Parallel()
	s := aggregatedStream(t)
	got, err := UserRecords(s).ReadAll(context.Background())
	require.NoError(t, err)
	require.Len(t, got, 4)
	assert.Equal(t, "plain", string(got[0].Data))
	assert.Equal(t, got[1].SequenceNumber, got[3].SequenceNumber, "user records share their Kinesis record's sequence number")
	assert.Equal(t, []string{"a", "a", "b", "a"}, []string{got[0].PartitionKey, got[1].PartitionKey, got[2].PartitionKey, got[3].PartitionKey})
}

func TestChecksReportMalformedAggregates(t *testing.T) {
	t.Parallel()
	k := minikinesis.New()
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1}))
	s, err := k.Stream("s")
	require.NoError(t, err)
	msg := []byte{0x1A, 0x02, 0x08, 0x00} // a record without data
	sum := md5.Sum(msg)
	_, err = s.PutRecord(context.Background(), &minikinesis.PutRecordInput{PartitionKey: "k", Data: append(append([]byte{0xF3, 0x89, 0x9A, 0xC2}, msg...), sum[:]...)})
	require.NoError(t, err)
	r := &recorder{}
	assert.True(t, CheckRecords(r, s, Rec{"k", append(append([]byte{0xF3, 0x89, 0x9A, 0xC2}, msg...), sum[:]...)}), "as a Kinesis record it is just bytes")
	assert.False(t, CheckRecords(r, UserRecords(s)))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "reading stream s: minikinesis: record ")
	assert.Contains(t, r.errors[0], "kpl: malformed aggregated record at byte 6: record without its required data")
}
