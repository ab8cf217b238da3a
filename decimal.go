package minikinesis

import "strconv"

func itoa(n int) string { return strconv.Itoa(n) }

func appendUint(dst []byte, v uint64) []byte { return strconv.AppendUint(dst, v, 10) }

// appendPadded appends v in decimal, left-padded with zeros to width
// digits (at most 20).
func appendPadded(dst []byte, v uint64, width int) []byte {
	var buf [20]byte
	i := putDigits(&buf, v)
	for i > len(buf)-width {
		i--
		buf[i] = '0'
	}
	return append(dst, buf[i:]...)
}

// digitPairs holds "00" to "99", so numbers are written two digits a step.
const digitPairs = "0001020304050607080910111213141516171819" +
	"2021222324252627282930313233343536373839" +
	"4041424344454647484950515253545556575859" +
	"6061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// putDigits writes v in decimal at the end of buf and returns where the
// digits start.
func putDigits(buf *[20]byte, v uint64) int {
	i := len(buf)
	for v >= 100 {
		q := v / 100
		r := (v - q*100) * 2
		i -= 2
		buf[i], buf[i+1] = digitPairs[r], digitPairs[r+1]
		v = q
	}
	if v >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[v*2], digitPairs[v*2+1]
	} else {
		i--
		buf[i] = byte('0' + v)
	}
	return i
}

// appendChunks appends a number given as base-10^19 digits, least
// significant first.
func appendChunks(dst []byte, chunks []uint64) []byte {
	n := len(chunks)
	dst = appendUint(dst, chunks[n-1])
	for i := n - 2; i >= 0; i-- {
		dst = appendPadded(dst, chunks[i], 19)
	}
	return dst
}
