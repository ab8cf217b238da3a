package minikinesis

import "strconv"

func itoa(n int) string { return strconv.Itoa(n) }

func appendUint(dst []byte, v uint64) []byte { return strconv.AppendUint(dst, v, 10) }

// appendPadded appends v in decimal, left-padded with zeros to width digits.
func appendPadded(dst []byte, v uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v > 0 || i > len(buf)-width {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, buf[i:]...)
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
