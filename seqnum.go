package minikinesis

import (
	"math/bits"
)

// SequenceNumber identifies a record within its stream. It is kept as its
// parts and formatted only when asked for, because the 56-digit decimal form
// AWS uses costs more to produce than the rest of a write.
//
// The layout follows AWS's: in hex (47 digits) it reads
// 2 | shard creation, epoch s (9) | last hex digit of the shard index (1) |
// counter (16) | 00 | record arrival, epoch s (9) | shard index (8) | 2.
// The counter orders records within a shard; the shard index and creation
// time tie the number to one shard of one stream.
type SequenceNumber struct {
	shardCreated uint64 // epoch seconds, 36 bits
	shardIndex   uint64 // 32 bits
	counter      uint64 // below 2^63
	arrival      uint64 // epoch seconds, 36 bits
}

const (
	seqVersion     = 2
	maxSeqCounter  = 1<<63 - 1
	maxSeqSeconds  = 1<<36 - 1
	maxShardIndex  = 1<<32 - 1
	seqNumberWidth = 56
)

// IsZero reports whether s is the zero value (no sequence number), as a
// failed PutRecords entry carries.
func (s SequenceNumber) IsZero() bool { return s == SequenceNumber{} }

// ShardIndex is the index of the shard the number belongs to
// (5 for shardId-000000000005).
func (s SequenceNumber) ShardIndex() int { return int(s.shardIndex) }

// Counter is the number's position within its shard: larger is later.
func (s SequenceNumber) Counter() uint64 { return s.counter }

// Compare orders two numbers of the same shard as their decimal values
// order them: by counter, then by arrival; numbers of different shards are
// ordered by shard index first.
func (s SequenceNumber) Compare(o SequenceNumber) int {
	switch {
	case s.shardIndex != o.shardIndex:
		if s.shardIndex < o.shardIndex {
			return -1
		}
		return 1
	case s.counter < o.counter:
		return -1
	case s.counter > o.counter:
		return 1
	case s.arrival < o.arrival:
		return -1
	case s.arrival > o.arrival:
		return 1
	}
	return 0
}

// uint192 is a 192-bit unsigned integer, w[0] the most significant word.
type uint192 [3]uint64

// shiftIn appends the n low bits of v below the current value. Go defines
// shifts by 64 as yielding zero, so n may be 64.
func (u *uint192) shiftIn(n uint, v uint64) {
	u[0] = u[0]<<n | u[1]>>(64-n)
	u[1] = u[1]<<n | u[2]>>(64-n)
	u[2] = u[2]<<n | v&(1<<n-1)
}

// shiftOut removes and returns the n low bits.
func (u *uint192) shiftOut(n uint) uint64 {
	v := u[2] & (1<<n - 1)
	u[2] = u[2]>>n | u[1]<<(64-n)
	u[1] = u[1]>>n | u[0]<<(64-n)
	u[0] >>= n
	return v
}

func (s SequenceNumber) pack() uint192 {
	var u uint192
	u.shiftIn(4, seqVersion)
	u.shiftIn(36, s.shardCreated)
	u.shiftIn(4, s.shardIndex&0xf)
	u.shiftIn(64, s.counter)
	u.shiftIn(8, 0)
	u.shiftIn(36, s.arrival)
	u.shiftIn(32, s.shardIndex)
	u.shiftIn(4, seqVersion)
	return u
}

// String formats the number as AWS does: 56 decimal digits. The zero value
// formats as "".
func (s SequenceNumber) String() string {
	if s.IsZero() {
		return ""
	}
	var buf [seqNumberWidth + 4]byte
	return string(s.appendDecimal(buf[:0]))
}

// AppendText appends the decimal form to b (nothing for the zero value),
// so encoders can write sequence numbers without allocating.
func (s SequenceNumber) AppendText(b []byte) ([]byte, error) {
	if s.IsZero() {
		return b, nil
	}
	return s.appendDecimal(b), nil
}

// MarshalText makes a SequenceNumber encode as its decimal string.
func (s SequenceNumber) MarshalText() ([]byte, error) {
	if s.IsZero() {
		return []byte{}, nil
	}
	return s.appendDecimal(make([]byte, 0, seqNumberWidth)), nil
}

func (s SequenceNumber) appendDecimal(dst []byte) []byte {
	u := s.pack()
	var chunks [4]uint64
	n := 0
	for u != (uint192{}) {
		var r uint64
		u[0], r = bits.Div64(0, u[0], tenPow19)
		u[1], r = bits.Div64(r, u[1], tenPow19)
		u[2], r = bits.Div64(r, u[2], tenPow19)
		chunks[n] = r
		n++
	}
	return appendChunks(dst, chunks[:n])
}

// ParseSequenceNumber decodes the decimal form. ok is false when s is not a
// sequence number this model could have issued: wrong digits, wrong length,
// or a layout that does not decode.
func ParseSequenceNumber(s string) (seq SequenceNumber, ok bool) {
	if len(s) != seqNumberWidth || !allDigits(s) {
		return SequenceNumber{}, false
	}
	var u uint192
	for i := 0; i < len(s); i++ {
		// u = u*10 + digit, watching the top word for overflow.
		var carry uint64
		for w := 2; w >= 0; w-- {
			hi, lo := bits.Mul64(u[w], 10)
			var c uint64
			lo, c = bits.Add64(lo, carry, 0)
			u[w] = lo
			carry = hi + c
		}
		if carry != 0 {
			return SequenceNumber{}, false
		}
		var c uint64
		u[2], c = bits.Add64(u[2], uint64(s[i]-'0'), 0)
		u[1], c = bits.Add64(u[1], 0, c)
		u[0], _ = bits.Add64(u[0], 0, c)
	}
	if u.shiftOut(4) != seqVersion {
		return SequenceNumber{}, false
	}
	seq.shardIndex = u.shiftOut(32)
	seq.arrival = u.shiftOut(36)
	if u.shiftOut(8) != 0 {
		return SequenceNumber{}, false
	}
	seq.counter = u.shiftOut(64)
	lowNibble := u.shiftOut(4)
	seq.shardCreated = u.shiftOut(36)
	version := u.shiftOut(4)
	if version != seqVersion || u != (uint192{}) ||
		lowNibble != seq.shardIndex&0xf || seq.counter > maxSeqCounter {
		return SequenceNumber{}, false
	}
	return seq, true
}

// sequencePattern is AWS's pattern for sequence numbers given as input.
const sequencePattern = `0|([1-9]\d{0,128})`

func matchesSequencePattern(s string) bool { return matchesDecimal(s, 129) }
