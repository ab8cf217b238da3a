package kinesishttp

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

// The two data-plane calls that carry records, PutRecords and GetRecords,
// are encoded and decoded by hand: they are the hot path, and a generic
// codec costs several times the model's own work per record. Anything the
// fast decoder does not expect (escapes, unknown members, nulls, bad
// base64) makes it give up, and the generic codec then answers with AWS's
// exact errors.

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

// optStr reads a string or null (as empty).
func (s *jsonScanner) optStr() ([]byte, bool) {
	if s.null() {
		return nil, true
	}
	return s.str()
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
// the caller (base64 decoding refuses them anyway).
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

// rawEntry is a PutRecords entry as found in the body, before decoding.
type rawEntry struct {
	data, key, hashKey []byte
	hasData, hasKey    bool
}

// rawEntryPool recycles the scratch list of raw entries.
var rawEntryPool = sync.Pool{New: func() any { s := make([]rawEntry, 0, 512); return &s }}

func getRawEntries() *[]rawEntry {
	p := rawEntryPool.Get().(*[]rawEntry)
	*p = (*p)[:0]
	return p
}

// putRawEntries returns the list, dropping its references into the body.
func putRawEntries(p *[]rawEntry) {
	clear(*p)
	*p = (*p)[:0]
	rawEntryPool.Put(p)
}

// fastPutRecords is a decoded PutRecords request.
type fastPutRecords struct {
	streamName, streamARN string
	entries               []minikinesis.PutRecordsRequestEntry
}

// setStream records the StreamName or StreamARN member.
func (in *fastPutRecords) setStream(member, value []byte) {
	if string(member) == "StreamName" {
		in.streamName = string(value)
	} else {
		in.streamARN = string(value)
	}
}

// decodePutRecordsJSON decodes a PutRecords body, or reports false.
func decodePutRecordsJSON(body []byte) (*fastPutRecords, bool) {
	s := &jsonScanner{b: body}
	out := &fastPutRecords{}
	rawp := getRawEntries()
	defer putRawEntries(rawp)
	raw := *rawp
	hasRecords := false
	ok := s.object(func(key []byte) bool {
		switch string(key) {
		case "StreamName", "StreamARN":
			v, ok := s.optStr()
			out.setStream(key, v)
			return ok
		case "Records":
			hasRecords = true
			if !s.next('[') {
				return false
			}
			if s.next(']') {
				return true
			}
			for {
				var e rawEntry
				ok := s.object(func(k []byte) bool {
					var ok bool
					switch string(k) {
					case "Data":
						e.data, ok = s.rawStr()
						e.hasData = true
					case "PartitionKey":
						e.key, ok = s.str()
						e.hasKey = true
					case "ExplicitHashKey":
						e.hashKey, ok = s.optStr()
					}
					return ok
				})
				if !ok || !e.hasData || !e.hasKey {
					return false
				}
				raw = append(raw, e)
				*rawp = raw
				if s.next(']') {
					return true
				}
				if !s.next(',') {
					return false
				}
			}
		}
		return false
	})
	s.skipSpace()
	if !ok || !hasRecords || s.i != len(s.b) {
		return nil, false
	}
	entries, ok := decodeEntries(raw, base64.StdEncoding.DecodedLen, func(dst, src []byte) (int, error) {
		return base64.StdEncoding.Decode(dst, src)
	})
	out.entries = entries
	return out, ok
}

// decodeEntries turns raw entries into model entries: all data in one
// buffer, all partition keys in one string, so a batch costs a few
// allocations however many records it holds. A nil decode uses the data
// where it lies.
func decodeEntries(raw []rawEntry, dataLen func(int) int, decode func(dst, src []byte) (int, error)) ([]minikinesis.PutRecordsRequestEntry, bool) {
	dataSize, keySize := 0, 0
	for i := range raw {
		dataSize += dataLen(len(raw[i].data))
		keySize += len(raw[i].key) + len(raw[i].hashKey)
	}
	data := make([]byte, dataSize)
	keyBytes := make([]byte, 0, keySize)
	for i := range raw {
		keyBytes = append(append(keyBytes, raw[i].key...), raw[i].hashKey...)
	}
	if !utf8.Valid(keyBytes) {
		return nil, false
	}
	keys := string(keyBytes)
	entries := make([]minikinesis.PutRecordsRequestEntry, len(raw))
	pos, kpos := 0, 0
	for i := range raw {
		e := &entries[i]
		if decode == nil {
			e.Data = raw[i].data
		} else {
			n, err := decode(data[pos:], raw[i].data)
			if err != nil {
				return nil, false
			}
			e.Data = data[pos : pos+n : pos+n]
			pos += n
		}
		e.PartitionKey = keys[kpos : kpos+len(raw[i].key)]
		kpos += len(raw[i].key)
		e.ExplicitHashKey = keys[kpos : kpos+len(raw[i].hashKey)]
		kpos += len(raw[i].hashKey)
	}
	return entries, true
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

// appendPutRecordsJSON writes a PutRecords response.
func appendPutRecordsJSON(b []byte, out *minikinesis.PutRecordsOutput) []byte {
	b = append(b, `{"FailedRecordCount":`...)
	b = strconv.AppendInt(b, int64(out.FailedRecordCount), 10)
	b = append(b, `,"Records":[`...)
	for i := range out.Records {
		r := &out.Records[i]
		if i > 0 {
			b = append(b, ',')
		}
		if r.Failed() {
			b = append(b, `{"ErrorCode":`...)
			b = appendJSONString(b, r.ErrorCode)
			b = append(b, `,"ErrorMessage":`...)
			b = appendJSONString(b, r.ErrorMessage)
		} else {
			b = append(b, `{"SequenceNumber":"`...)
			b, _ = r.SequenceNumber.AppendText(b)
			b = append(b, `","ShardId":"`...)
			b = append(b, r.ShardId...)
			b = append(b, '"')
		}
		b = append(b, '}')
	}
	b = append(b, `],"EncryptionType":"`...)
	b = append(b, out.EncryptionType...)
	return append(b, `"}`...)
}

// appendEpochJSON writes a timestamp as epoch seconds with milliseconds.
func appendEpochJSON(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	b = strconv.AppendInt(b, ms/1000, 10)
	frac := ms % 1000
	if frac < 0 {
		frac = -frac
	}
	if frac == 0 {
		return b
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	return append(append(b, '.'), digits[:n]...)
}

// appendGetRecordsJSON writes a GetRecords response without ChildShards;
// responses that carry them take the generic encoder.
func appendGetRecordsJSON(b []byte, out *minikinesis.GetRecordsOutput) []byte {
	b = append(b, `{"Records":[`...)
	for i := range out.Records {
		r := &out.Records[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"SequenceNumber":"`...)
		b, _ = r.SequenceNumber.AppendText(b)
		b = append(b, `","ApproximateArrivalTimestamp":`...)
		b = appendEpochJSON(b, r.ApproximateArrivalTimestamp)
		b = append(b, `,"Data":"`...)
		b = base64.StdEncoding.AppendEncode(b, r.Data)
		b = append(b, `","PartitionKey":`...)
		b = appendJSONString(b, r.PartitionKey)
		b = append(b, `,"EncryptionType":"`...)
		b = append(b, r.EncryptionType...)
		b = append(b, `"}`...)
	}
	b = append(b, `],"NextShardIterator":`...)
	b = appendJSONString(b, out.NextShardIterator)
	b = append(b, `,"MillisBehindLatest":`...)
	b = strconv.AppendInt(b, out.MillisBehindLatest, 10)
	return append(b, '}')
}
