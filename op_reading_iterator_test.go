package minikinesis

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seeded returns a 2-shard stream with three records on shard 0, written a
// second apart, and their sequence numbers.
func seeded(t *testing.T, opts ...Option) (*Kinesis, *ManualClock, *Stream, []SequenceNumber) {
	t.Helper()
	k, clock := newTestKinesis(t, opts...)
	s := createStream(t, k, "s", 2)
	var seqs []SequenceNumber
	for i := 0; i < 3; i++ {
		out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte{byte('a' + i)}, ExplicitHashKey: "0"})
		require.NoError(t, err)
		seqs = append(seqs, out.SequenceNumber)
		clock.Advance(time.Second)
	}
	return k, clock, s, seqs
}

func readData(t *testing.T, k *Kinesis, iterator string) (string, *GetRecordsOutput) {
	t.Helper()
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: iterator})
	require.NoError(t, err)
	data := ""
	for _, r := range out.Records {
		data += string(r.Data)
	}
	return data, out
}

func TestIteratorTypes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   func(seqs []SequenceNumber) GetShardIteratorInput
		want string
	}{
		{name: "trim horizon", in: func([]SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeTrimHorizon}
		}, want: "abc"},
		{name: "latest", in: func([]SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeLatest}
		}, want: ""},
		{name: "at sequence number", in: func(seqs []SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: seqs[1].String()}
		}, want: "bc"},
		{name: "after sequence number", in: func(seqs []SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: seqs[1].String()}
		}, want: "c"},
		{name: "at timestamp of second record", in: func([]SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: testEpoch.Add(time.Second)}
		}, want: "bc"},
		{name: "at timestamp between records", in: func([]SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: testEpoch.Add(1500 * time.Millisecond)}
		}, want: "c"},
		{name: "at timestamp before the stream", in: func([]SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: testEpoch.Add(-time.Hour)}
		}, want: "abc"},
		{name: "shard id spelled short", in: func([]SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon}
		}, want: "abc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _, s, seqs := seeded(t)
			in := tc.in(seqs)
			in.StreamName = "s"
			if in.ShardId == "" {
				in.ShardId = "shardId-000000000000"
			}
			it, err := k.GetShardIterator(t.Context(), &in)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(it.ShardIterator), 512)
			got, out := readData(t, k, it.ShardIterator)
			assert.Equal(t, tc.want, got)
			assert.NotEmpty(t, out.NextShardIterator)
			assert.Empty(t, out.ChildShards)
			// A record written now is read by the next iterator.
			_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("z"), ExplicitHashKey: "0"})
			require.NoError(t, err)
			next, _ := readData(t, k, out.NextShardIterator)
			assert.Equal(t, "z", next)
		})
	}
}

func TestGetShardIteratorErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		in       func(seqs []SequenceNumber, other SequenceNumber) GetShardIteratorInput
		wantType string
		wantMsg  string
	}{
		{name: "at sequence number without number", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtSequenceNumber}
		}, wantType: "InvalidArgumentException",
			wantMsg: "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber."},
		{name: "latest with number", in: func(seqs []SequenceNumber, _ SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeLatest, StartingSequenceNumber: seqs[0].String()}
		}, wantType: "InvalidArgumentException",
			wantMsg: "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified LATEST and also a StartingSequenceNumber."},
		{name: "number of another shard", in: func(seqs []SequenceNumber, _ SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "1", ShardIteratorType: ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: seqs[0].String()}
		}, wantType: "InvalidArgumentException",
			wantMsg: "Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000001"},
		{name: "number of another stream", in: func(_ []SequenceNumber, other SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: other.String()}
		}, wantType: "InvalidArgumentException",
			wantMsg: "StartingSequenceNumber %OTHER% used in GetShardIterator on shard shardId-000000000000 in stream s under account 000000000000 is invalid."},
		{name: "garbage number", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: "12345"}
		}, wantType: "InvalidArgumentException",
			wantMsg: "StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in stream s under account 000000000000 is invalid."},
		{name: "at timestamp without timestamp", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtTimestamp}
		}, wantType: "InvalidArgumentException",
			wantMsg: "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."},
		{name: "timestamp in the future", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: testEpoch.Add(time.Hour)}
		}, wantType: "InvalidArgumentException",
			wantMsg: "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: " +
				itoa(int(testEpoch.Add(time.Hour).UnixMilli())) + ", currentTimestampInMillis: " + itoa(int(testEpoch.Add(3*time.Second).UnixMilli()))},
		{name: "missing shard", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "shardId-7", ShardIteratorType: ShardIteratorTypeTrimHorizon}
		}, wantType: "ResourceNotFoundException", wantMsg: "Could not find shard shardId-000000000007 in stream s under account 000000000000."},
		{name: "missing stream", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "nope", ShardId: "shardId-000000000000", ShardIteratorType: ShardIteratorTypeTrimHorizon}
		}, wantType: "ResourceNotFoundException", wantMsg: "Could not find shard shardId-000000000000 in stream nope under account 000000000000."},
		{name: "bad type", in: func([]SequenceNumber, SequenceNumber) GetShardIteratorInput {
			return GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: "OLDEST"}
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _, _, seqs := seeded(t)
			// Same shard index, another shard creation time: another stream's.
			otherSeq := SequenceNumber{shardCreated: seqs[0].shardCreated + 7, shardIndex: 0, counter: 1, arrival: seqs[0].arrival}
			in := tc.in(seqs, otherSeq)
			_, err := k.GetShardIterator(t.Context(), &in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			want := replaceAll(tc.wantMsg, "%SEQ0%", seqs[0].String())
			want = replaceAll(want, "%OTHER%", otherSeq.String())
			assert.Equal(t, want, apiErr.ErrorMessage())
		})
	}
}

func TestIteratorExpiry(t *testing.T) {
	t.Parallel()
	k, clock, _, _ := seeded(t)
	created := clock.Now()
	it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	clock.Advance(299 * time.Second)
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err, "an iterator is valid at 299 s")
	assert.Len(t, out.Records, 3)

	clock.Advance(2 * time.Second) // 301 s
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it.ShardIterator})
	exp := requireAPIError[*ExpiredIteratorException](t, err)
	assert.Equal(t, "Iterator expired. The iterator was created at time "+javaDate(created)+" while right now it is "+javaDate(created.Add(301*time.Second))+
		" which is further in the future than the tolerated delay of 300000 milliseconds.", exp.ErrorMessage())
	// The iterator GetRecords handed out at 299 s is still fresh.
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: out.NextShardIterator})
	require.NoError(t, err)
}

func TestJavaDateMatchesAWSFormat(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Thu Jan 22 01:22:02 UTC 2015", javaDate(time.Date(2015, 1, 22, 1, 22, 2, 0, time.UTC)))
}

func TestIteratorsCannotBeForgedOrCrossAccounts(t *testing.T) {
	t.Parallel()
	k, _, _, _ := seeded(t)
	other, _, _, _ := seeded(t)
	it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	for name, iterator := range map[string]string{
		"garbage":        "not-an-iterator",
		"other account":  it.ShardIterator,
		"tampered":       it.ShardIterator[:len(it.ShardIterator)-2] + "AA",
		"truncated":      it.ShardIterator[:20],
		"empty-ish base": "AAAA",
	} {
		target := k
		if name == "other account" {
			target = other
		}
		_, err := target.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: iterator})
		ia := requireAPIError[*InvalidArgumentException](t, err)
		assert.Equal(t, "Invalid ShardIterator.", ia.ErrorMessage(), name)
	}
	// A stream deleted and re-created under the same name does not accept
	// the old stream's iterators.
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s"}))
	createStream(t, k, "s", 2)
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it.ShardIterator})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Could not find shard shardId-000000000000 in stream s under account 000000000000.", nf.ErrorMessage())
}
