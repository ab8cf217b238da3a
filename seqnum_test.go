package minikinesis

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSequenceNumberOfRealAWSValue(t *testing.T) {
	t.Parallel()
	const real = "49594189147623985939251953501666965394405037144469929986"
	seq, ok := ParseSequenceNumber(real)
	require.True(t, ok)
	assert.Equal(t, 0, seq.ShardIndex())
	assert.Equal(t, uint64(195), seq.Counter())
	assert.Equal(t, uint64(1553568712), seq.shardCreated)
	assert.Equal(t, uint64(1553568735), seq.arrival)
	assert.Equal(t, real, seq.String())
}

func TestSequenceNumberLayoutMatchesHexSpec(t *testing.T) {
	t.Parallel()
	seq := SequenceNumber{shardCreated: 0x5c9993c8, shardIndex: 0x1234abcd, counter: 0x7fff_0000_1111_2222, arrival: 0x5c9993df}
	n, ok := new(big.Int).SetString(seq.String(), 10)
	require.True(t, ok)
	assert.Equal(t, "205c9993c8d7fff000011112222"+"00"+"05c9993df"+"1234abcd"+"2", n.Text(16))
	assert.Len(t, seq.String(), 56)
	back, ok := ParseSequenceNumber(seq.String())
	require.True(t, ok)
	assert.Equal(t, seq, back)
}

func TestParseSequenceNumberRejects(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "0", "1", "abc",
		"49594189147623985939251953501666965394405037144469929987",  // trailing digit not 2
		"4959418914762398593925195350166696539440503714446992998",   // 55 digits
		"495941891476239859392519535016669653944050371444699299860", // 57 digits
		"99999999999999999999999999999999999999999999999999999999",  // beyond the layout
	} {
		_, ok := ParseSequenceNumber(s)
		assert.False(t, ok, s)
	}
}

func TestSequenceNumberZeroAndCompare(t *testing.T) {
	t.Parallel()
	var zero SequenceNumber
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.String())
	text, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)
	a := SequenceNumber{shardIndex: 1, counter: 5}
	b := SequenceNumber{shardIndex: 1, counter: 6}
	c := SequenceNumber{shardIndex: 2, counter: 1}
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, 1, b.Compare(a))
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, -1, b.Compare(c))
	assert.Equal(t, 1, c.Compare(b))
}

func TestSequenceNumbersIncreaseNumericallyWithinShard(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "seq", 1)
	var prev *big.Int
	for i := 0; i < 50; i++ {
		out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte{byte(i)}})
		require.NoError(t, err)
		n, ok := new(big.Int).SetString(out.SequenceNumber.String(), 10)
		require.True(t, ok)
		if prev != nil {
			assert.Equal(t, 1, n.Cmp(prev), "sequence numbers must strictly increase")
		}
		prev = n
		clock.Advance(700_000_000) // 0.7 s: arrival seconds change too
	}
}

// BenchmarkSequenceNumberString: formatting a sequence number, which the
// write path defers until someone asks.
func BenchmarkSequenceNumberString(b *testing.B) {
	seq := SequenceNumber{shardCreated: 1553568712, shardIndex: 3, counter: 195, arrival: 1553568735}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		_ = seq.String()
		n++
	}
	reportRecords(b, n)
}
