package kinesishttp

import (
	"bytes"
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScanner reads the JSON subset the fast path accepts.
type jsonScanner struct {
	b []byte
	i int
}

func (s *jsonScanner) skipSpace() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next consumes c (after white space) and reports whether it was there.
func (s *jsonScanner) next(c byte) bool {
	s.skipSpace()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// null consumes a null literal.
func (s *jsonScanner) null() bool {
	s.skipSpace()
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

// str reads a string without escapes or control characters and returns
// its raw bytes.
func (s *jsonScanner) str() ([]byte, bool) {
	v, ok := s.rawStr()
	if !ok {
		return nil, false
	}
	for _, c := range v {
		if c < 0x20 {
			return nil, false
		}
	}
	return v, true
}

// rawStr reads a string without escapes; control characters are left to
// the caller (the Data decoder, decodeData, refuses them).
func (s *jsonScanner) rawStr() ([]byte, bool) {
	if !s.next('"') {
		return nil, false
	}
	end := bytes.IndexByte(s.b[s.i:], '"')
	if end < 0 {
		return nil, false
	}
	v := s.b[s.i : s.i+end]
	if bytes.IndexByte(v, '\\') >= 0 {
		return nil, false
	}
	s.i += end + 1
	return v, true
}

// object walks the members of an object, calling member for each key; it
// stops and reports false as soon as member does.
func (s *jsonScanner) object(member func(key []byte) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	for {
		key, ok := s.str()
		if !ok || !s.next(':') || !member(key) {
			return false
		}
		if s.next('}') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		quoted, _ := json.Marshal(s) // replaces invalid bytes as encoding/json does
		return append(b, quoted...)
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// parseJSON parses a whole JSON body, or reports false: bad syntax, bytes
// that are not UTF-8, an escaped surrogate that is not half of a pair (so
// that no two distinct strings decode alike), or anything after the value.
func parseJSON(body []byte) (wireValue, bool) {
	if !utf8.Valid(body) {
		return wireValue{}, false
	}
	s := &jsonScanner{b: body}
	v, ok := s.value(0)
	s.skipSpace()
	return v, ok && s.i == len(s.b)
}

// value reads one JSON value.
func (s *jsonScanner) value(depth int) (wireValue, bool) {
	s.skipSpace()
	if s.i >= len(s.b) || depth > maxNesting {
		return wireValue{}, false
	}
	switch c := s.b[s.i]; {
	case c == '{':
		s.i++
		return s.members(depth)
	case c == '[':
		s.i++
		return s.elements(depth)
	case c == '"':
		text, ok := s.text()
		return wireValue{kind: wireString, text: text}, ok
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	}
	for _, lit := range [...]struct {
		word string
		v    wireValue
	}{{"null", wireValue{kind: wireNull}}, {"true", wireValue{kind: wireBool, num: 1}}, {"false", wireValue{kind: wireBool}}} {
		if len(s.b)-s.i >= len(lit.word) && string(s.b[s.i:s.i+len(lit.word)]) == lit.word {
			s.i += len(lit.word)
			return lit.v, true
		}
	}
	return wireValue{}, false
}

// members reads an object's members, after its '{'.
func (s *jsonScanner) members(depth int) (wireValue, bool) {
	v := wireValue{kind: wireMap}
	if s.next('}') {
		return v, true
	}
	for {
		s.skipSpace()
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return v, false
		}
		key, ok := s.text()
		if !ok || !s.next(':') {
			return v, false
		}
		val, ok := s.value(depth + 1)
		if !ok {
			return v, false
		}
		v.items = append(v.items, wireValue{kind: wireString, text: key}, val)
		if s.next('}') {
			return v, true
		}
		if !s.next(',') {
			return v, false
		}
	}
}

// elements reads an array's elements, after its '['.
func (s *jsonScanner) elements(depth int) (wireValue, bool) {
	v := wireValue{kind: wireArray}
	if s.next(']') {
		return v, true
	}
	for {
		val, ok := s.value(depth + 1)
		if !ok {
			return v, false
		}
		v.items = append(v.items, val)
		if s.next(']') {
			return v, true
		}
		if !s.next(',') {
			return v, false
		}
	}
}

// number reads a number as JSON spells it and keeps its literal.
func (s *jsonScanner) number() (wireValue, bool) {
	start := s.i
	digits := func() int {
		n := 0
		for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.b[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.b) && s.b[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return wireValue{}, false
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return wireValue{}, false
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return wireValue{}, false
		}
	}
	return wireValue{kind: wireNumber, text: s.b[start:s.i]}, true
}

// text reads a string at the opening quote and returns its contents with
// escapes decoded: the body's own bytes when it has none.
func (s *jsonScanner) text() ([]byte, bool) {
	s.i++ // the opening quote
	start := s.i
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\':
			return s.escapedText(append([]byte(nil), s.b[start:s.i]...))
		case c < 0x20:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// escapedText reads the rest of a string from its first escape, appending
// to out what the string says.
func (s *jsonScanner) escapedText(out []byte) ([]byte, bool) {
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return out, true
		case c < 0x20:
			return nil, false
		case c != '\\':
			out = append(out, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return nil, false
		}
		e := s.b[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := s.escapedRune()
			if !ok {
				return nil, false
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, false
		}
	}
	return nil, false
}

// escapedRune reads the code point of a \u escape, after its "\u": a high
// surrogate must be followed by an escaped low one, and a low one must not
// stand alone.
func (s *jsonScanner) escapedRune() (rune, bool) {
	r, ok := s.hex4()
	switch {
	case !ok:
		return 0, false
	case utf16.IsSurrogate(r) && r < 0xdc00:
		if len(s.b)-s.i < 2 || s.b[s.i] != '\\' || s.b[s.i+1] != 'u' {
			return 0, false
		}
		s.i += 2
		lo, ok := s.hex4()
		if !ok || lo < 0xdc00 || lo > 0xdfff {
			return 0, false
		}
		return utf16.DecodeRune(r, lo), true
	case utf16.IsSurrogate(r):
		return 0, false
	}
	return r, true
}

// hex4 reads four hexadecimal digits.
func (s *jsonScanner) hex4() (rune, bool) {
	if len(s.b)-s.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s.b[s.i : s.i+4] {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	s.i += 4
	return r, true
}
