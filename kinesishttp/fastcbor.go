package kinesishttp

import (
	"encoding/binary"
	"time"
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

// CBOR major types the fast path reads and writes.
const (
	cborUint  = 0
	cborNeg   = 1
	cborBytes = 2
	cborText  = 3
	cborArray = 4
	cborMap   = 5
	cborTag   = 6
	cborNull  = 0xf6
	cborBreak = 0xff
	// cborIndefinite is the additional-information value of an
	// indefinite-length item, which the Java SDKs write for maps.
	cborIndefinite = 31
)

// cborScanner reads the CBOR subset the fast path accepts.
type cborScanner struct {
	b []byte
	i int
}

// head reads an item head: its major type and argument. indefinite is set
// for a (major 2..5) item of indefinite length.
func (s *cborScanner) head() (major byte, arg uint64, indefinite, ok bool) {
	if s.i >= len(s.b) {
		return 0, 0, false, false
	}
	c := s.b[s.i]
	s.i++
	major, info := c>>5, c&31
	switch {
	case info < 24:
		return major, uint64(info), false, true
	case info == cborIndefinite:
		return major, 0, true, major >= cborBytes && major <= cborMap
	case info > 27:
		return 0, 0, false, false
	}
	n := 1 << (info - 24)
	if len(s.b)-s.i < n {
		return 0, 0, false, false
	}
	switch n {
	case 1:
		arg = uint64(s.b[s.i])
	case 2:
		arg = uint64(binary.BigEndian.Uint16(s.b[s.i:]))
	case 4:
		arg = uint64(binary.BigEndian.Uint32(s.b[s.i:]))
	default:
		arg = binary.BigEndian.Uint64(s.b[s.i:])
	}
	s.i += n
	return major, arg, false, true
}

// str reads a definite-length string of the given major type.
func (s *cborScanner) str(want byte) ([]byte, bool) {
	major, n, indefinite, ok := s.head()
	if !ok || indefinite || major != want || n > uint64(len(s.b)-s.i) {
		return nil, false
	}
	v := s.b[s.i : s.i+int(n)]
	s.i += int(n)
	return v, true
}

// optText reads a text string, or null as empty.
func (s *cborScanner) optText() ([]byte, bool) {
	if s.i < len(s.b) && s.b[s.i] == cborNull {
		s.i++
		return nil, true
	}
	return s.str(cborText)
}

// container reads a map or array head and calls item for each entry (each
// key/value pair of a map) until it ends, definite or indefinite.
func (s *cborScanner) container(want byte, item func() bool) bool {
	major, n, indefinite, ok := s.head()
	if !ok || major != want {
		return false
	}
	for count := uint64(0); ; count++ {
		if indefinite {
			if s.i < len(s.b) && s.b[s.i] == cborBreak {
				s.i++
				return true
			}
		} else if count == n {
			return true
		}
		if !item() {
			return false
		}
	}
}

// cborWriter appends CBOR items.
type cborWriter []byte

func (w cborWriter) head(major byte, n uint64) cborWriter {
	m := major << 5
	switch {
	case n < 24:
		return append(w, m|byte(n))
	case n <= 0xff:
		return append(w, m|24, byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(w, m|25), uint16(n))
	case n <= 0xffffffff:
		return binary.BigEndian.AppendUint32(append(w, m|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(w, m|27), n)
}

func (w cborWriter) text(s string) cborWriter {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // CBOR text must be UTF-8: replace bad bytes
	}
	return append(w.head(cborText, uint64(len(s))), s...)
}

func (w cborWriter) int(n int64) cborWriter {
	if n < 0 {
		return w.head(cborNeg, uint64(-n-1))
	}
	return w.head(cborUint, uint64(n))
}

func (w cborWriter) seq(n minikinesis.SequenceNumber) cborWriter {
	var buf [64]byte
	digits, _ := n.AppendText(buf[:0])
	return append(w.head(cborText, uint64(len(digits))), digits...)
}

// timestamp writes tag 1 around integer milliseconds.
func (w cborWriter) timestamp(t time.Time) cborWriter {
	return w.head(cborTag, 1).int(t.UnixMilli())
}
