package minikinesis

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCounterStepDigitsIsTwoToThe80(t *testing.T) {
	t.Parallel()
	assert.Equal(t, new(big.Int).Lsh(big.NewInt(1), 80).String(), counterStepDigits)
}

// TestSequenceFormatterMatchesAppendText writes runs of numbers as the
// encoders meet them (several shards interleaved, counters mostly one
// apart, arrival seconds now and then moving on, shard indexes that share
// a slot) and checks every one against the full conversion.
func TestSequenceFormatterMatchesAppendText(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	type shardState struct{ seq SequenceNumber }
	shards := make([]shardState, 20)
	for i := range shards {
		shards[i].seq = SequenceNumber{
			shardCreated: 1_700_000_000 + uint64(i),
			shardIndex:   uint64(i * 3), // 0 and 24, 3 and 27, ...: slots shared
			counter:      rng.Uint64N(maxSeqCounter - 1_000_000),
			arrival:      1_700_000_100,
		}
	}
	shards[0].seq.counter = 0
	shards[1].seq.counter = maxSeqCounter - 100_000 // the counter's top values
	var f SequenceFormatter
	var got, want []byte
	for range 200_000 {
		sh := &shards[rng.IntN(len(shards))]
		switch rng.IntN(20) {
		case 0:
			sh.seq.arrival++
		case 1:
			sh.seq.counter += 2 + rng.Uint64N(5) // a gap: records of other streams or failed entries
		default:
			sh.seq.counter++
		}
		if rng.IntN(50) == 0 {
			got = f.AppendText(got[:0], SequenceNumber{}) // a failed entry between
			require.Empty(t, got)
		}
		got = f.AppendText(got[:0], sh.seq)
		want, _ = sh.seq.AppendText(want[:0])
		require.Equal(t, string(want), string(got), "%+v", sh.seq)
	}
}

// TestSequenceFormatterCarriesPastTheStep checks numbers whose digits
// end in nines, so that adding the step carries far up.
func TestSequenceFormatterCarriesPastTheStep(t *testing.T) {
	t.Parallel()
	step := new(big.Int).Lsh(big.NewInt(1), 80)
	for _, start := range []string{
		"5" + strings.Repeat("9", seqNumberWidth-1),
		"5" + strings.Repeat("0", 30) + strings.Repeat("9", 25),
		"5" + strings.Repeat("9", 30) + strings.Repeat("0", 25),
	} {
		var d [seqNumberWidth]byte
		copy(d[:], start)
		addCounterStep(&d)
		sum, ok := new(big.Int).SetString(start, 10)
		require.True(t, ok)
		assert.Equal(t, sum.Add(sum, step).String(), string(d[:]), start)
	}
}

// BenchmarkSequenceFormatter: a PutRecords response's numbers, 500 records
// over 4 shards.
func BenchmarkSequenceFormatter(b *testing.B) {
	seqs := make([]SequenceNumber, 500)
	for i := range seqs {
		seqs[i] = SequenceNumber{shardCreated: 1553568712, shardIndex: uint64(i % 4), counter: 195 + uint64(i/4), arrival: 1553568735}
	}
	buf := make([]byte, 0, seqNumberWidth)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		var f SequenceFormatter
		for _, s := range seqs {
			buf = f.AppendText(buf[:0], s)
		}
		n += len(seqs)
	}
	reportRecords(b, n)
}

// TestAddDigitWords checks the eight-digits-a-step addition against
// integer addition, carries in and out included.
func TestAddDigitWords(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	word := func(v uint64) (w uint64) { // v's eight low decimal digits, most significant byte first
		for i := range 8 {
			w |= (v % 10) << (8 * i)
			v /= 10
		}
		return w
	}
	for range 100_000 {
		a, b, carry := rng.Uint64N(100_000_000), rng.Uint64N(100_000_000), rng.Uint64N(2)
		if rng.IntN(4) == 0 {
			a = 99_999_999 - rng.Uint64N(3) // long carry chains
		}
		sum, carryOut := addDigitWords(word(a), word(b), carry)
		total := a + b + carry
		require.Equal(t, word(total%100_000_000), sum, "%d + %d + %d", a, b, carry)
		require.Equal(t, total/100_000_000, carryOut, "%d + %d + %d", a, b, carry)
	}
}
