package minikinesis

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const throttledMsg = "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000."

func TestPutRecordThrottledByRecordCount(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	for i := 0; i < 1000; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("x")})
		require.NoError(t, err, "record %d", i)
	}
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("x")})
	pt := requireAPIError[*ProvisionedThroughputExceededException](t, err)
	assert.Equal(t, throttledMsg, pt.ErrorMessage())

	clock.Advance(time.Second)
	for i := 0; i < 1000; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("x")})
		require.NoError(t, err, "record %d after refill", i)
	}
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("x")})
	requireAPIError[*ProvisionedThroughputExceededException](t, err)

	// Half a second refills half the bucket.
	clock.Advance(500 * time.Millisecond)
	out, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: entries(500, "p", 1)})
	require.NoError(t, err)
	assert.Zero(t, out.FailedRecordCount)
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("x")})
	requireAPIError[*ProvisionedThroughputExceededException](t, err)

	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	assert.Len(t, recs, 2500, "throttled records are not stored")
}

func TestPutRecordThrottledByBytes(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	// Four records of 256 KiB including the one-byte key fill the 1 MiB bucket.
	data := make([]byte, 256*1024-1)
	for i := 0; i < 4; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: data})
		require.NoError(t, err)
	}
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: nil})
	pt := requireAPIError[*ProvisionedThroughputExceededException](t, err)
	assert.Equal(t, throttledMsg, pt.ErrorMessage())

	clock.Advance(time.Second)
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: make([]byte, mebibyte-1)})
	require.NoError(t, err, "a full second refills the whole megabyte")
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p"})
	requireAPIError[*ProvisionedThroughputExceededException](t, err)
}

func TestPutRecordsPartialThrottlingInOrder(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 2)
	ranges := SplitHashKeySpace(2)
	first := ranges[0].StartingHashKey.String()
	second := ranges[1].StartingHashKey.String()

	// Use 997 of shard 0's 1,000 records for this second: 3 tokens remain.
	_, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: explicitEntries(497, first)})
	require.NoError(t, err)
	_, err = s.PutRecords(t.Context(), &PutRecordsInput{Records: explicitEntries(500, first)})
	require.NoError(t, err)

	// Interleave 6 entries for shard 0 with 4 for shard 1; shard 0 has 3 tokens.
	var in PutRecordsInput
	var wantFailed []bool
	for i := 0; i < 10; i++ {
		key, fails := second, false
		if i%5 != 1 && i%5 != 3 { // positions 0,2,4,5,7,9 go to shard 0
			key = first
		}
		in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "p", Data: []byte{byte(i)}, ExplicitHashKey: key})
		wantFailed = append(wantFailed, fails)
	}
	shard0Seen := 0
	for i, e := range in.Records {
		if e.ExplicitHashKey == first {
			shard0Seen++
			wantFailed[i] = shard0Seen > 3
		}
	}
	out, err := s.PutRecords(t.Context(), &in)
	require.NoError(t, err)
	require.Len(t, out.Records, 10)
	failed := 0
	for i, r := range out.Records {
		if wantFailed[i] {
			failed++
			assert.Equal(t, "ProvisionedThroughputExceededException", r.ErrorCode, "entry %d", i)
			assert.Equal(t, "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000.", r.ErrorMessage)
			assert.Empty(t, r.ShardId)
			assert.True(t, r.SequenceNumber.IsZero())
			continue
		}
		assert.Empty(t, r.ErrorCode, "entry %d", i)
		assert.NotEmpty(t, r.ShardId)
		assert.False(t, r.SequenceNumber.IsZero())
	}
	assert.Equal(t, 3, failed)
	assert.Equal(t, failed, out.FailedRecordCount)
	recs, err := s.ShardRecords("1")
	require.NoError(t, err)
	assert.Len(t, recs, 4, "the other shard's entries are all stored")
	recs, err = s.ShardRecords("0")
	require.NoError(t, err)
	assert.Len(t, recs, 1000)
	assert.Equal(t, []byte{0}, recs[997].Data)
	assert.Equal(t, []byte{2}, recs[998].Data)
	assert.Equal(t, []byte{4}, recs[999].Data)
}

func explicitEntries(n int, hashKey string) []PutRecordsRequestEntry {
	out := make([]PutRecordsRequestEntry, n)
	for i := range out {
		out[i] = PutRecordsRequestEntry{PartitionKey: "p", Data: []byte("x"), ExplicitHashKey: hashKey}
	}
	return out
}

func TestWriteThroughputOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		opt      Option
		accepted int
	}{
		{name: "off", opt: WithoutWriteThrottling(), accepted: 5000},
		{name: "default", opt: WithClock(nil), accepted: 1000},
		{name: "10 records per second", opt: WithWriteThroughput(Throughput{RecordsPerSecond: 10}), accepted: 10},
		{name: "2 MiB per second, no record cap", opt: WithWriteThroughput(Throughput{BytesPerSecond: 2 * mebibyte}), accepted: 2048},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t, tc.opt)
			s := createStream(t, k, "s", 1)
			accepted := 0
			for i := 0; i < 10; i++ {
				out, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: entries(500, "p", 1023)})
				require.NoError(t, err)
				accepted += 500 - out.FailedRecordCount
			}
			assert.Equal(t, tc.accepted, accepted)
		})
	}
}
