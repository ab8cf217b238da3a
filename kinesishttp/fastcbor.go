package kinesishttp

import (
	"encoding/binary"
	"math"
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

// null consumes a null.
func (s *cborScanner) null() bool {
	if s.i < len(s.b) && s.b[s.i] == cborNull {
		s.i++
		return true
	}
	return false
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

// seq writes a sequence number as text, through f.
func (w cborWriter) seq(f *minikinesis.SequenceFormatter, n minikinesis.SequenceNumber) cborWriter {
	var buf [64]byte
	digits := f.AppendText(buf[:0], n)
	return append(w.head(cborText, uint64(len(digits))), digits...)
}

// timestamp writes tag 1 around integer milliseconds.
func (w cborWriter) timestamp(t time.Time) cborWriter {
	return w.head(cborTag, 1).int(t.UnixMilli())
}

// parseCBOR parses a whole CBOR body, or reports false: a malformed item,
// text that is not UTF-8, or anything after the first item.
func parseCBOR(body []byte) (wireValue, bool) {
	s := &cborScanner{b: body}
	v, ok := s.value(0)
	return v, ok && s.i == len(s.b)
}

// value reads one CBOR item.
func (s *cborScanner) value(depth int) (wireValue, bool) {
	if s.i >= len(s.b) || depth > maxNesting {
		return wireValue{}, false
	}
	if s.b[s.i]>>5 == 7 {
		return s.simple()
	}
	major, n, indefinite, ok := s.head()
	if !ok {
		return wireValue{}, false
	}
	switch major {
	case cborUint:
		return wireValue{kind: wireUint, num: n}, true
	case cborNeg:
		return wireValue{kind: wireNegInt, num: n}, true
	case cborBytes, cborText:
		return s.stringItem(major, n, indefinite)
	case cborArray:
		return s.items(wireValue{kind: wireArray}, n, indefinite, 1, depth)
	case cborMap:
		return s.items(wireValue{kind: wireMap}, n, indefinite, 2, depth)
	}
	content, ok := s.value(depth + 1) // a tag
	return wireValue{kind: wireTag, num: n, items: []wireValue{content}}, ok
}

// simple reads an item of major type 7: false, true, null, undefined, a
// float, or another simple value.
func (s *cborScanner) simple() (wireValue, bool) {
	c := s.b[s.i]
	s.i++
	size := 0
	if c >= 0xf8 && c <= 0xfb {
		size = 1 << (c - 0xf8)
	}
	if len(s.b)-s.i < size {
		return wireValue{}, false
	}
	arg := s.b[s.i : s.i+size]
	s.i += size
	switch c {
	case 0xf4:
		return wireValue{kind: wireBool}, true
	case 0xf5:
		return wireValue{kind: wireBool, num: 1}, true
	case cborNull, 0xf7:
		return wireValue{kind: wireNull}, true
	case 0xf8:
		return wireValue{kind: wireSimple}, arg[0] >= 32
	case 0xf9:
		return wireValue{kind: wireFloat, num: math.Float64bits(halfFloat(binary.BigEndian.Uint16(arg)))}, true
	case 0xfa:
		return wireValue{kind: wireFloat, num: math.Float64bits(float64(math.Float32frombits(binary.BigEndian.Uint32(arg))))}, true
	case 0xfb:
		return wireValue{kind: wireFloat, num: binary.BigEndian.Uint64(arg)}, true
	}
	return wireValue{kind: wireSimple}, c < 0xf8 // 0xfc..0xfe are reserved, 0xff is a break
}

// halfFloat converts an IEEE 754 half-precision float.
func halfFloat(h uint16) float64 {
	sign, exp, frac := h>>15, int(h>>10)&0x1f, float64(h&0x3ff)
	var f float64
	switch exp {
	case 0:
		f = math.Ldexp(frac, -24)
	case 0x1f:
		f = math.Inf(1)
		if frac != 0 {
			f = math.NaN()
		}
	default:
		f = math.Ldexp(1024+frac, exp-25)
	}
	if sign == 1 {
		f = -f
	}
	return f
}

// stringItem reads a byte or text string's contents, after its head; an
// indefinite-length one is joined from its chunks.
func (s *cborScanner) stringItem(major byte, n uint64, indefinite bool) (wireValue, bool) {
	kind := wireBytes
	if major == cborText {
		kind = wireString
	}
	var text []byte
	if !indefinite {
		if n > uint64(len(s.b)-s.i) {
			return wireValue{}, false
		}
		text = s.b[s.i : s.i+int(n)]
		s.i += int(n)
	} else {
		for {
			if s.i < len(s.b) && s.b[s.i] == cborBreak {
				s.i++
				break
			}
			chunk, ok := s.str(major)
			if !ok {
				return wireValue{}, false
			}
			text = append(text, chunk...)
		}
	}
	return wireValue{kind: kind, text: text}, kind != wireString || utf8.Valid(text)
}

// items reads an array's elements or a map's keys and values (per = 2),
// after its head.
func (s *cborScanner) items(v wireValue, n uint64, indefinite bool, per uint64, depth int) (wireValue, bool) {
	if !indefinite {
		// Every item takes a byte at least: a count the body cannot hold
		// is refused before anything is allocated for it.
		if n > uint64(len(s.b)-s.i)/per {
			return v, false
		}
		v.items = make([]wireValue, 0, n*per)
	}
	for count := uint64(0); ; count++ {
		if indefinite {
			if s.i < len(s.b) && s.b[s.i] == cborBreak {
				s.i++
				return v, len(v.items)%int(per) == 0
			}
		} else if count == n*per {
			return v, true
		}
		item, ok := s.value(depth + 1)
		if !ok {
			return v, false
		}
		v.items = append(v.items, item)
	}
}
