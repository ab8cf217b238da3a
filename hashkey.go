package minikinesis

import (
	"crypto/md5"
	"encoding/binary"
	"math/bits"
)

// HashKey is an unsigned 128-bit position in a stream's key space, held in two
// words so routing never touches math/big. Hi holds the upper 64 bits.
type HashKey struct {
	Hi, Lo uint64
}

// MaxHashKey is 2^128-1, the last position of every stream's key space.
func MaxHashKey() HashKey { return HashKey{Hi: ^uint64(0), Lo: ^uint64(0)} }

// HashKeyRange is an inclusive range of hash keys, as a shard owns one.
type HashKeyRange struct {
	StartingHashKey HashKey
	EndingHashKey   HashKey
}

// Contains reports whether h lies within the range, ends included.
func (r HashKeyRange) Contains(h HashKey) bool {
	return r.StartingHashKey.Cmp(h) <= 0 && h.Cmp(r.EndingHashKey) <= 0
}

// PartitionKeyHash is the hash key Kinesis derives from a partition key: the
// MD5 digest of its UTF-8 bytes, read as a big-endian 128-bit integer.
func PartitionKeyHash(partitionKey string) HashKey {
	sum := md5.Sum([]byte(partitionKey))
	return HashKey{
		Hi: binary.BigEndian.Uint64(sum[:8]),
		Lo: binary.BigEndian.Uint64(sum[8:]),
	}
}

// Cmp returns -1, 0 or +1 as h is less than, equal to or greater than o.
func (h HashKey) Cmp(o HashKey) int {
	switch {
	case h.Hi < o.Hi:
		return -1
	case h.Hi > o.Hi:
		return 1
	case h.Lo < o.Lo:
		return -1
	case h.Lo > o.Lo:
		return 1
	}
	return 0
}

// Less reports whether h sorts before o.
func (h HashKey) Less(o HashKey) bool {
	return h.Hi < o.Hi || (h.Hi == o.Hi && h.Lo < o.Lo)
}

// AddOne returns h+1 and whether it wrapped past 2^128-1.
func (h HashKey) AddOne() (HashKey, bool) {
	lo, carry := bits.Add64(h.Lo, 1, 0)
	hi, overflow := bits.Add64(h.Hi, 0, carry)
	return HashKey{Hi: hi, Lo: lo}, overflow != 0
}

// SubOne returns h-1 and whether it wrapped below zero.
func (h HashKey) SubOne() (HashKey, bool) {
	lo, borrow := bits.Sub64(h.Lo, 1, 0)
	hi, underflow := bits.Sub64(h.Hi, 0, borrow)
	return HashKey{Hi: hi, Lo: lo}, underflow != 0
}

// mul64 returns h*m and whether the product overflowed 128 bits.
func (h HashKey) mul64(m uint64) (HashKey, bool) {
	hiOfLo, lo := bits.Mul64(h.Lo, m)
	carryHi, hi := bits.Mul64(h.Hi, m)
	hi, carry := bits.Add64(hi, hiOfLo, 0)
	return HashKey{Hi: hi, Lo: lo}, carryHi != 0 || carry != 0
}

// divmod64 returns h/d and h%d.
func (h HashKey) divmod64(d uint64) (HashKey, uint64) {
	qHi, r := bits.Div64(0, h.Hi, d)
	qLo, r := bits.Div64(r, h.Lo, d)
	return HashKey{Hi: qHi, Lo: qLo}, r
}

// String formats h as the decimal string Kinesis uses on the wire.
func (h HashKey) String() string {
	var buf [39]byte
	return string(h.appendDecimal(buf[:0]))
}

// AppendText appends the decimal form to b.
func (h HashKey) AppendText(b []byte) ([]byte, error) { return h.appendDecimal(b), nil }

// MarshalText makes a HashKey encode as its decimal string.
func (h HashKey) MarshalText() ([]byte, error) {
	return h.appendDecimal(nil), nil
}

// UnmarshalText parses a decimal hash key; see ParseHashKey.
func (h *HashKey) UnmarshalText(text []byte) error {
	v, err := ParseHashKey(string(text))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

const tenPow19 = 10_000_000_000_000_000_000

func (h HashKey) appendDecimal(dst []byte) []byte {
	if h.Hi == 0 {
		return appendUint(dst, h.Lo)
	}
	// Split into base-10^19 chunks: at most three for 128 bits.
	var chunks [3]uint64
	n := 0
	for h.Hi != 0 || h.Lo != 0 {
		var r uint64
		h, r = h.divmod64(tenPow19)
		chunks[n] = r
		n++
	}
	return appendChunks(dst, chunks[:n])
}

// ParseHashKey parses a decimal hash key. Forms outside AWS's pattern
// `0|([1-9]\d{0,38})` (leading zeros, signs, spaces, exponents, empty) fail
// with a *ValidationException at "explicitHashKey"; values of 2^128 or more
// fail with AWS's *InvalidArgumentException.
func ParseHashKey(s string) (HashKey, error) {
	if !matchesHashKeyPattern(s) {
		return HashKey{}, &ValidationException{Violations: []Violation{
			patternViolation("explicitHashKey", s, hashKeyPattern),
		}}
	}
	h, ok := parseDecimal128(s)
	if !ok {
		return HashKey{}, explicitHashKeyRangeError(s)
	}
	return h, nil
}

const hashKeyPattern = `0|([1-9]\d{0,38})`

// matchesHashKeyPattern checks `0|([1-9]\d{0,38})` without a regexp.
func matchesHashKeyPattern(s string) bool { return matchesDecimal(s, 39) }

// matchesDecimal checks AWS's decimal patterns `0|([1-9]\d{0,N-1})`: a
// number of at most maxDigits digits without leading zeros.
func matchesDecimal(s string, maxDigits int) bool {
	if s == "0" {
		return true
	}
	if len(s) == 0 || len(s) > maxDigits || s[0] < '1' || s[0] > '9' {
		return false
	}
	return allDigits(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDecimal128 parses a string of digits; ok is false if it exceeds
// 2^128-1. It works in chunks of up to 19 digits, which fit a uint64, so a
// 39-digit key costs three multiplications rather than 39.
func parseDecimal128(s string) (HashKey, bool) {
	var h HashKey
	for len(s) > 0 {
		n := min(len(s), 19)
		var chunk uint64
		for i := 0; i < n; i++ {
			chunk = chunk*10 + uint64(s[i]-'0')
		}
		s = s[n:]
		var over bool
		h, over = h.mul64(pow10[n])
		if over {
			return HashKey{}, false
		}
		lo, carry := bits.Add64(h.Lo, chunk, 0)
		hi, overflow := bits.Add64(h.Hi, 0, carry)
		if overflow != 0 {
			return HashKey{}, false
		}
		h = HashKey{Hi: hi, Lo: lo}
	}
	return h, true
}

// pow10[n] is 10^n for n up to 19.
var pow10 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// SplitHashKeySpace divides 0..2^128-1 into n ranges the way CreateStream and
// UpdateShardCount do: each of size floor(2^128/n), the last one ending at
// 2^128-1. It panics if n < 1.
func SplitHashKeySpace(n int) []HashKeyRange {
	if n < 1 {
		panic("minikinesis: SplitHashKeySpace needs n >= 1")
	}
	ranges := make([]HashKeyRange, n)
	if n == 1 {
		ranges[0] = HashKeyRange{EndingHashKey: MaxHashKey()}
		return ranges
	}
	// floor(2^128/n) == floor((2^128-1)/n), plus one when n divides 2^128.
	size, rem := MaxHashKey().divmod64(uint64(n))
	if rem == uint64(n)-1 {
		size, _ = size.AddOne()
	}
	for i := 0; i < n; i++ {
		start, _ := size.mul64(uint64(i))
		ranges[i].StartingHashKey = start
		if i == n-1 {
			ranges[i].EndingHashKey = MaxHashKey()
		} else {
			next, _ := size.mul64(uint64(i + 1))
			ranges[i].EndingHashKey, _ = next.SubOne()
		}
	}
	return ranges
}
