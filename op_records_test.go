package minikinesis

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const account = DefaultAccountID

func TestPutRecordErrors(t *testing.T) {
	t.Parallel()
	tooBig := make([]byte, mebibyte+1)
	cases := []struct {
		name     string
		in       PutRecordInput
		wantType string
		wantMsg  string
	}{
		{
			name:     "no stream identifier",
			in:       PutRecordInput{PartitionKey: "p", Data: []byte("d")},
			wantType: "InvalidArgumentException",
			wantMsg:  "Stream arn and stream name can't be empty at the same time",
		},
		{
			name:     "missing stream",
			in:       PutRecordInput{StreamName: "nope", PartitionKey: "p", Data: []byte("d")},
			wantType: "ResourceNotFoundException",
			wantMsg:  "Stream nope under account 000000000000 not found.",
		},
		{
			name:     "missing stream by ARN",
			in:       PutRecordInput{StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/nope", PartitionKey: "p", Data: []byte("d")},
			wantType: "ResourceNotFoundException",
			wantMsg:  "Stream nope under account 000000000000 not found.",
		},
		{
			name:     "ARN of another account",
			in:       PutRecordInput{StreamARN: "arn:aws:kinesis:us-east-1:111111111111:stream/s", PartitionKey: "p", Data: []byte("d")},
			wantType: "ResourceNotFoundException",
			wantMsg:  "Stream s under account 000000000000 not found.",
		},
		{
			name:     "data one byte over 1 MiB",
			in:       PutRecordInput{StreamName: "s", PartitionKey: "p", Data: tooBig},
			wantType: "ValidationException",
			wantMsg:  "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
		},
		{
			name:     "empty partition key",
			in:       PutRecordInput{StreamName: "s", Data: []byte("d")},
			wantType: "ValidationException",
			wantMsg:  "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
		},
		{
			name:     "bad stream name and empty key",
			in:       PutRecordInput{StreamName: "bad name!", Data: []byte("d")},
			wantType: "ValidationException",
			wantMsg:  "2 validation errors detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
		},
		{
			name:     "stream name too long",
			in:       PutRecordInput{StreamName: strings.Repeat("a", 129), PartitionKey: "p"},
			wantType: "ValidationException",
			wantMsg:  "1 validation error detected: Value '" + strings.Repeat("a", 129) + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128",
		},
		{
			name:     "malformed ARN",
			in:       PutRecordInput{StreamARN: "arn:aws:sqs:us-east-1:000000000000:queue", PartitionKey: "p"},
			wantType: "ValidationException",
			wantMsg:  "1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:queue' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+",
		},
		{
			name:     "sequence number for ordering not a number",
			in:       PutRecordInput{StreamName: "s", PartitionKey: "p", SequenceNumberForOrdering: "12a"},
			wantType: "ValidationException",
			wantMsg:  "1 validation error detected: Value '12a' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
		},
		{
			name:     "sequence number for ordering that does not decode",
			in:       PutRecordInput{StreamName: "s", PartitionKey: "p", SequenceNumberForOrdering: "12345"},
			wantType: "InvalidArgumentException",
			wantMsg:  "ExclusiveMinimumSequenceNumber 12345 used in PutRecord on stream s under account 000000000000 is invalid.",
		},
		{
			name:     "sequence number for ordering from the future",
			in:       PutRecordInput{StreamName: "s", PartitionKey: "p", SequenceNumberForOrdering: SequenceNumber{shardCreated: 1, arrival: uint64(testEpoch.Unix()) + 10, counter: 1}.String()},
			wantType: "InvalidArgumentException",
			wantMsg:  "ExclusiveMinimumSequenceNumber " + SequenceNumber{shardCreated: 1, arrival: uint64(testEpoch.Unix()) + 10, counter: 1}.String() + " used in PutRecord on stream s under account 000000000000 is invalid.",
		},
		{
			name:     "name and ARN disagree",
			in:       PutRecordInput{StreamName: "s", StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/t", PartitionKey: "p"},
			wantType: "InvalidArgumentException",
			wantMsg:  "StreamARN arn:aws:kinesis:us-east-1:000000000000:stream/t does not match StreamName s.",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			s := createStream(t, k, "s", 1)
			_, err := k.PutRecord(t.Context(), &tc.in)
			require.Error(t, err)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, tc.wantType+": "+tc.wantMsg, err.Error())
			recs, err := s.ShardRecords("shardId-000000000000")
			require.NoError(t, err)
			assert.Empty(t, recs, "nothing may be stored by a failed request")
		})
	}
}

func TestPutRecordHappyPathByNameAndARN(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "orders", 2)
	buf := []byte("first")
	out, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "orders", PartitionKey: "a", Data: buf})
	require.NoError(t, err)
	copy(buf, "XXXXX") // the caller reuses its buffer
	out2, err := k.PutRecord(t.Context(), &PutRecordInput{StreamARN: s.ARN(), PartitionKey: "a", Data: []byte("second")})
	require.NoError(t, err)
	assert.Equal(t, out.ShardId, out2.ShardId)
	assert.Equal(t, EncryptionTypeNone, out.EncryptionType)
	assert.Equal(t, "arn:aws:kinesis:us-east-1:000000000000:stream/orders", s.ARN())

	recs, err := s.ShardRecords(out.ShardId)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, "first", string(recs[0].Data))
	assert.Equal(t, "second", string(recs[1].Data))
	assert.Equal(t, "a", recs[0].PartitionKey)
	assert.Equal(t, out.SequenceNumber, recs[0].SequenceNumber)
	assert.Equal(t, testEpoch, recs[0].ApproximateArrivalTimestamp)
	recs[0].Data[0] = 'Z' // a snapshot is a copy
	again, err := s.ShardRecords(out.ShardId)
	require.NoError(t, err)
	assert.Equal(t, "first", string(again[0].Data))
}

func TestPartitionKeyLengthCountsCharacters(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	key256 := strings.Repeat("ключ", 64) // 256 runes, 512 bytes
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: key256, Data: []byte("d")})
	require.NoError(t, err)
	key257 := key256 + "й"
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: key257, Data: []byte("d")})
	v := requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value '"+key257+"' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256", v.ErrorMessage())
	emoji256 := strings.Repeat("🦀", 256) // four bytes each
	_, err = s.PutRecords(t.Context(), &PutRecordsInput{Records: []PutRecordsRequestEntry{{PartitionKey: emoji256, Data: []byte("d")}}})
	require.NoError(t, err)
}

func TestRecordSizeLimitIncludesPartitionKey(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		dataLen int
		key     string
		wantErr bool
	}{
		{name: "data+key exactly 1 MiB", dataLen: mebibyte - 3, key: "key"},
		{name: "data+key one byte over", dataLen: mebibyte - 2, key: "key", wantErr: true},
		{name: "data alone exactly 1 MiB with key over", dataLen: mebibyte, key: "k", wantErr: true},
		{name: "empty data", dataLen: 0, key: "k"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			s := createStream(t, k, "s", 1)
			data := bytes.Repeat([]byte{'x'}, tc.dataLen)
			_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: tc.key, Data: data})
			_, errBatch := s.PutRecords(t.Context(), &PutRecordsInput{Records: []PutRecordsRequestEntry{{PartitionKey: tc.key, Data: data}}})
			if !tc.wantErr {
				assert.NoError(t, err)
				assert.NoError(t, errBatch)
				return
			}
			// The message shows data and key together: it must never name a
			// length within the limit it says was broken (issue 10, item 18).
			size := tc.dataLen + len(tc.key)
			v := requireAPIError[*ValidationException](t, err)
			assert.Equal(t, "1 validation error detected: Value '"+blobValue(size)+"' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576", v.ErrorMessage())
			v = requireAPIError[*ValidationException](t, errBatch)
			assert.Equal(t, "1 validation error detected: Value '"+blobValue(size)+"' at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576", v.ErrorMessage())
		})
	}
}

func entries(n int, key string, size int) []PutRecordsRequestEntry {
	out := make([]PutRecordsRequestEntry, n)
	for i := range out {
		out[i] = PutRecordsRequestEntry{PartitionKey: key, Data: make([]byte, size)}
	}
	return out
}

func TestPutRecordsRequestLimits(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		records  []PutRecordsRequestEntry
		wantType string
		wantMsg  string
	}{
		{name: "500 entries", records: entries(500, "k", 1)},
		{name: "501 entries", records: entries(501, "k", 1), wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '" + entriesValue(entries(501, "k", 1)) + "' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500"},
		{name: "no entries", records: nil, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "exactly 5 MiB", records: entries(5, "key", mebibyte-3)},
		{name: "one byte over 5 MiB", records: append(entries(5, "key", mebibyte-3), PutRecordsRequestEntry{PartitionKey: "k"}),
			wantType: "InvalidArgumentException", wantMsg: "Records size exceeds 5 MB limit"},
		{name: "many bad entries list at most ten", records: entries(12, "", 1), wantType: "ValidationException",
			wantMsg: tenEmptyKeyViolations()},
		{name: "explicit hash key 2^128 fails the whole request",
			records:  []PutRecordsRequestEntry{{PartitionKey: "a", Data: []byte("ok")}, {PartitionKey: "b", ExplicitHashKey: "340282366920938463463374607431768211456"}},
			wantType: "InvalidArgumentException", wantMsg: "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456"},
		{name: "entry errors then stream name", records: []PutRecordsRequestEntry{{PartitionKey: "", Data: make([]byte, mebibyte+1), ExplicitHashKey: "01"}},
			wantType: "ValidationException",
			wantMsg: "3 validation errors detected: Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576; " +
				"Value '01' at 'records.1.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t, WithoutWriteThrottling())
			s := createStream(t, k, "s", 1)
			out, err := k.PutRecords(t.Context(), &PutRecordsInput{StreamName: "s", Records: tc.records})
			recs, rerr := s.ShardRecords("0")
			require.NoError(t, rerr)
			if tc.wantType == "" {
				require.NoError(t, err)
				assert.Zero(t, out.FailedRecordCount)
				assert.Len(t, recs, len(tc.records))
				return
			}
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Empty(t, recs, "a refused request stores nothing")
		})
	}
}

func tenEmptyKeyViolations() string {
	parts := make([]string, 10)
	for i := range parts {
		parts[i] = "Value '' at 'records." + itoa(i+1) + ".member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1"
	}
	return "10 validation errors detected: " + strings.Join(parts, "; ")
}

func TestPutRecordsAnswersInRequestOrder(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 4)
	ranges := SplitHashKeySpace(4)
	// Entries alternate between shards 3, 0, 2, 1 by explicit hash key.
	order := []int{3, 0, 2, 1, 3, 0, 2, 1}
	in := &PutRecordsInput{}
	for i, sh := range order {
		in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "p", Data: []byte{byte(i)}, ExplicitHashKey: ranges[sh].StartingHashKey.String()})
	}
	out, err := s.PutRecords(t.Context(), in)
	require.NoError(t, err)
	require.Len(t, out.Records, len(order))
	assert.Equal(t, EncryptionTypeNone, out.EncryptionType)
	for i, sh := range order {
		assert.Equal(t, FormatShardID(sh), out.Records[i].ShardId)
		assert.False(t, out.Records[i].Failed())
		assert.Equal(t, sh, out.Records[i].SequenceNumber.ShardIndex())
	}
	for sh := 0; sh < 4; sh++ {
		recs, err := s.ShardRecords(FormatShardID(sh))
		require.NoError(t, err)
		require.Len(t, recs, 2)
		assert.Equal(t, -1, recs[0].SequenceNumber.Compare(recs[1].SequenceNumber))
		assert.Less(t, recs[0].Data[0], recs[1].Data[0], "request order kept within the shard")
	}
}

func TestPutRecordsManyShardsGrouping(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 100)
	in := &PutRecordsInput{}
	for i := 0; i < 500; i++ {
		in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "key-" + itoa(i), Data: []byte(itoa(i))})
	}
	out, err := s.PutRecords(t.Context(), in)
	require.NoError(t, err)
	total := 0
	for sh := 0; sh < 100; sh++ {
		recs, err := s.ShardRecords(FormatShardID(sh))
		require.NoError(t, err)
		total += len(recs)
		for _, r := range recs {
			i := atoiT(t, string(r.Data))
			assert.Equal(t, FormatShardID(sh), out.Records[i].ShardId)
			assert.Equal(t, out.Records[i].SequenceNumber, r.SequenceNumber)
			assert.Equal(t, "key-"+itoa(i), r.PartitionKey)
		}
	}
	assert.Equal(t, 500, total)
}

func atoiT(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9')
		n = n*10 + int(c-'0')
	}
	return n
}

func TestSequenceNumberForOrderingIsHonoured(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	first, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("1")})
	require.NoError(t, err)
	second, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("2"), SequenceNumberForOrdering: first.SequenceNumber.String()})
	require.NoError(t, err)
	assert.Equal(t, 1, second.SequenceNumber.Compare(first.SequenceNumber))

	// A number far ahead on the same shard lifts the counter past it.
	clock.Advance(2_000_000_000)
	ahead := SequenceNumber{shardCreated: first.SequenceNumber.shardCreated, shardIndex: 0, counter: 1_000_000, arrival: first.SequenceNumber.arrival}
	third, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("3"), SequenceNumberForOrdering: ahead.String()})
	require.NoError(t, err)
	assert.Equal(t, 1, third.SequenceNumber.Compare(ahead))
	fourth, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("4")})
	require.NoError(t, err)
	assert.Equal(t, 1, fourth.SequenceNumber.Compare(third.SequenceNumber))
}

func TestWritesToDeletedStreamFail(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "gone", 1)
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "gone"}))
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("d")})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream gone under account 000000000000 not found.", nf.ErrorMessage())
	_, err = s.PutRecords(t.Context(), &PutRecordsInput{Records: entries(1, "p", 1)})
	requireAPIError[*ResourceNotFoundException](t, err)
	_, err = k.Stream("gone")
	requireAPIError[*ResourceNotFoundException](t, err)
	err = k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "gone"})
	requireAPIError[*ResourceNotFoundException](t, err)
}

func TestCancelledContext(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	ctx, cancel := contextWithCancel(t)
	cancel()
	_, err := s.PutRecord(ctx, &PutRecordInput{PartitionKey: "p"})
	assert.ErrorIs(t, err, ctx.Err())
	_, err = k.PutRecords(ctx, &PutRecordsInput{StreamName: "s", Records: entries(1, "p", 1)})
	assert.ErrorIs(t, err, ctx.Err())
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	assert.Empty(t, recs)
}
