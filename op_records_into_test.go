package minikinesis

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPutRecordsIntoReusesAndOverwritesOut: the answer is PutRecords' own,
// written over whatever out held, in out's list when it has the room.
func TestPutRecordsIntoReusesAndOverwritesOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k, _ := newTestKinesis(t, WithoutWriteThrottling())
	createStream(t, k, "into", 4)
	twin, _ := newTestKinesis(t, WithoutWriteThrottling())
	createStream(t, twin, "into", 4)
	batch := func(n int) *PutRecordsInput {
		in := &PutRecordsInput{StreamName: "into"}
		for i := range n {
			in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "key-" + strconv.Itoa(i), Data: []byte("d")})
		}
		return in
	}

	out := &PutRecordsOutput{FailedRecordCount: 7, EncryptionType: EncryptionTypeKMS,
		Records: make([]PutRecordsResultEntry, 3, 10)}
	out.Records[0] = PutRecordsResultEntry{ErrorCode: "stale", ErrorMessage: "stale"}
	list := &out.Records[:1][0]
	for _, n := range []int{5, 2, 10} {
		require.NoError(t, k.PutRecordsInto(ctx, batch(n), out))
		want, err := twin.PutRecords(ctx, batch(n))
		require.NoError(t, err)
		assert.Equal(t, want, out, "%d records", n)
		assert.Same(t, list, &out.Records[0], "out's list had the room")
	}
	require.NoError(t, k.PutRecordsInto(ctx, batch(11), out))
	assert.Len(t, out.Records, 11, "a list too short is replaced")
}

func TestPutRecordsIntoFailsAsPutRecords(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "into", 1)
	out := &PutRecordsOutput{}
	err := k.PutRecordsInto(context.Background(), &PutRecordsInput{StreamName: "missing", Records: []PutRecordsRequestEntry{{PartitionKey: "k", Data: []byte("d")}}}, out)
	_, want := k.PutRecords(context.Background(), &PutRecordsInput{StreamName: "missing", Records: []PutRecordsRequestEntry{{PartitionKey: "k", Data: []byte("d")}}})
	requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, want, err)
	assert.Equal(t, 2, k.CallCounts().ByOperation[OpPutRecords], "both calls are counted alike")
}
