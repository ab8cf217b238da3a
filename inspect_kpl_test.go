package minikinesis

import (
	"crypto/md5"
	"errors"
	"testing"

	"github.com/minikinesis/minikinesis/kpl"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const maxHashKeyDecimal = "340282366920938463463374607431768211455"

func TestReadAllUserRecords(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 2)
	put := func(data []byte, explicitHashKey string) PutRecordOutput {
		t.Helper()
		out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "outer", ExplicitHashKey: explicitHashKey, Data: data})
		require.NoError(t, err)
		return *out
	}
	plain := put([]byte("plain"), "0")
	agg, err := kpl.Aggregate([]kpl.Record{
		{PartitionKey: "a", ExplicitHashKey: "0", Data: []byte("a1")},
		{PartitionKey: "b", ExplicitHashKey: maxHashKeyDecimal, Data: []byte("b1")}, // shard 1's range
		{PartitionKey: "a", ExplicitHashKey: "0", Data: []byte("a2")},
	})
	require.NoError(t, err)
	aggregated := put(agg, "0")
	// One user record, written byte by byte: partition_key_table ["k"],
	// records [{partition_key_index 0, data "d"}].
	msg := []byte{0x0A, 0x01, 'k', 0x1A, 0x05, 0x08, 0x00, 0x1A, 0x01, 'd'}
	sum := md5.Sum(msg)
	handMade := put(append(append([]byte{0xF3, 0x89, 0x9A, 0xC2}, msg...), sum[:]...), maxHashKeyDecimal)

	got, err := s.ReadAllUserRecords(t.Context())
	require.NoError(t, err)
	require.Len(t, got, 5)
	type summary struct {
		Key, Data, Shard, EHK string
		Seq                   SequenceNumber
		Sub                   int64
		Aggregated, Outside   bool
	}
	var sums []summary
	for _, u := range got {
		sums = append(sums, summary{u.PartitionKey, string(u.Data), u.ShardId, u.ExplicitHashKey, u.SequenceNumber, u.SubSequenceNumber, u.Aggregated, u.OutsideShard})
		assert.False(t, u.ApproximateArrivalTimestamp.IsZero())
	}
	shard0, shard1 := "shardId-000000000000", "shardId-000000000001"
	assert.Equal(t, []summary{
		{"outer", "plain", shard0, "", plain.SequenceNumber, 0, false, false},
		{"a", "a1", shard0, "0", aggregated.SequenceNumber, 0, true, false},
		{"b", "b1", shard0, maxHashKeyDecimal, aggregated.SequenceNumber, 1, true, true},
		{"a", "a2", shard0, "0", aggregated.SequenceNumber, 2, true, false},
		{"k", "d", shard1, "", handMade.SequenceNumber, 0, true, false}, // MD5("k") starts with 0x8c: shard 1's half
	}, sums)

	plainOnly, err := s.ReadAll(t.Context())
	require.NoError(t, err)
	assert.Len(t, plainOnly, 3, "ReadAll leaves aggregates packed")
}

func TestReadAllUserRecordsRefusesMalformedAggregates(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	msg := []byte{0x0A, 0x01, 'k', 0x1A, 0x02, 0x08, 0x03} // index 3 of a table of 1, no data
	sum := md5.Sum(msg)
	out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: append(append([]byte{0xF3, 0x89, 0x9A, 0xC2}, msg...), sum[:]...)})
	require.NoError(t, err)
	_, err = s.ReadAllUserRecords(t.Context())
	var fe *kpl.FormatError
	require.True(t, errors.As(err, &fe), "%v", err)
	assert.Equal(t, "minikinesis: record "+out.SequenceNumber.String()+" of shardId-000000000000 in stream s: kpl: malformed aggregated record at byte 9: record without its required data", err.Error())

	k2, _ := newTestKinesis(t)
	s2 := createStream(t, k2, "s", 1)
	bad, err := kpl.Aggregate([]kpl.Record{{PartitionKey: "k", ExplicitHashKey: "not a number", Data: []byte("x")}})
	require.NoError(t, err)
	_, err = s2.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: bad})
	require.NoError(t, err)
	_, err = s2.ReadAllUserRecords(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `explicit hash key "not a number" is not a decimal integer between 0 and 2^128-1`)

	k3, _ := newTestKinesis(t)
	s3 := createStream(t, k3, "s", 1)
	big, err := kpl.Aggregate([]kpl.Record{{PartitionKey: "k", ExplicitHashKey: "340282366920938463463374607431768211456", Data: []byte("x")}})
	require.NoError(t, err)
	_, err = s3.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: big})
	require.NoError(t, err)
	_, err = s3.ReadAllUserRecords(t.Context())
	require.ErrorContains(t, err, `explicit hash key "340282366920938463463374607431768211456" is not`, "2^128 is out of range")
}
