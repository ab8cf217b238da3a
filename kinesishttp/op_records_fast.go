package kinesishttp

import (
	"context"
	"sync"
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

// rawEntry is a PutRecords entry as found in the body, before decoding.
type rawEntry struct {
	data, key, hashKey []byte
}

// putRecordsMembers is the set of members a hand-written PutRecords (or
// PutRecord) decoder has met in the request, or in one of its entries. The decoders
// read only bodies the generic decoder reads alike, and leave it the rest
// (the handler's answer is then the generic path's, response and all):
// besides anything unusual in the encoding, a member given twice (the
// generic decoder keeps the last), a member given empty, Records [] and
// a request that names no stream, which the generic path reports through
// the model as present but empty, or absent. A null is what the generic
// decoder reads as a member left out, and the hand-written ones take it
// where they take the member left out (StreamName or StreamARN beside the
// other, ExplicitHashKey), and refuse it where they refuse that
// (PartitionKey, Data, Records): encoders that write absent members as
// null, as encoding/json does, write them so in every request.
type putRecordsMembers uint8

const (
	memberStreamName putRecordsMembers = 1 << iota
	memberStreamARN
	memberRecords
	memberData
	memberPartitionKey
	memberExplicitHashKey
	memberSequenceNumberForOrdering
)

// first notes the member named and reports whether it is the first of
// its name; a name the decoders do not read is always first (they refuse
// it themselves).
func (m *putRecordsMembers) first(name []byte) bool {
	var bit putRecordsMembers
	switch string(name) {
	case "StreamName":
		bit = memberStreamName
	case "StreamARN":
		bit = memberStreamARN
	case "Records":
		bit = memberRecords
	case "Data":
		bit = memberData
	case "PartitionKey":
		bit = memberPartitionKey
	case "ExplicitHashKey":
		bit = memberExplicitHashKey
	case "SequenceNumberForOrdering":
		bit = memberSequenceNumberForOrdering
	}
	if *m&bit != 0 {
		return false
	}
	*m |= bit
	return true
}

// has reports whether the member was met.
func (m putRecordsMembers) has(bit putRecordsMembers) bool { return m&bit != 0 }

// complete reports whether an entry had the members every entry needs.
func (m putRecordsMembers) complete() bool { return m.has(memberData) && m.has(memberPartitionKey) }

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

// putRecordsCall is the memory of one PutRecords call through the
// hand-written codecs: the decoded entries and the model's answer, kept
// for the next call so that a call leaves the collector nothing the size
// of its batch.
type putRecordsCall struct {
	in  minikinesis.PutRecordsInput
	out minikinesis.PutRecordsOutput
}

var putRecordsCalls = sync.Pool{New: func() any { return new(putRecordsCall) }}

// putRecordsFast is PutRecords' row of hand-written codecs: both ways.
func putRecordsFast() *fastPath {
	return &fastPath{
		decode: func(f fastCodec, body []byte) (any, bool) {
			c := putRecordsCalls.Get().(*putRecordsCall)
			if !f.decodePutRecords(body, &c.in) {
				putRecordsCalls.Put(c)
				return nil, false
			}
			return c, true
		},
		call: func(ctx context.Context, k *minikinesis.Kinesis, in any) (any, error) {
			c := in.(*putRecordsCall)
			return &c.out, k.PutRecordsInto(ctx, &c.in, &c.out)
		},
		release: func(in any) {
			c := in.(*putRecordsCall)
			clear(c.in.Records) // they point into the request's body
			c.in = minikinesis.PutRecordsInput{Records: c.in.Records[:0]}
			putRecordsCalls.Put(c)
		},
		encode: func(f fastCodec, b []byte, out any) []byte {
			return f.appendPutRecords(b, out.(*minikinesis.PutRecordsOutput))
		},
		size: func(out any) int { return putRecordsSize(out.(*minikinesis.PutRecordsOutput)) },
	}
}

// Bounds on a PutRecords response's framing, in either codec: the
// members' names and a 56-digit sequence number of each entry, and the
// count and encryption type of the response.
const (
	putRecordsEntryFrame    = 96
	putRecordsResponseFrame = 96
)

// putRecordsSize bounds the length of a PutRecords response (see
// fastPath.size).
func putRecordsSize(out *minikinesis.PutRecordsOutput) int {
	n := putRecordsResponseFrame
	for i := range out.Records {
		r := &out.Records[i]
		n += putRecordsEntryFrame + len(r.ShardId) + len(r.ErrorCode) + len(r.ErrorMessage)
	}
	return n
}

// setStream records the StreamName or StreamARN member.
func setStream(in *minikinesis.PutRecordsInput, member, value []byte) {
	if string(member) == "StreamName" {
		in.StreamName = string(value)
	} else {
		in.StreamARN = string(value)
	}
}

// decodeEntries turns raw entries into model entries, in dst's capacity
// when it has the room: all data in one buffer (scratch when it has the
// room: the model copies what it stores), all partition keys in one
// string, so a batch costs a few allocations however many records it
// holds. A nil decode uses the data where it lies.
func decodeEntries(dst []minikinesis.PutRecordsRequestEntry, raw []rawEntry, scratch []byte, dataLen func(int) int, decode func(dst, src []byte) (int, error)) ([]minikinesis.PutRecordsRequestEntry, bool) {
	dataSize, keySize := 0, 0
	for i := range raw {
		if decode != nil {
			dataSize += dataLen(len(raw[i].data))
		}
		keySize += len(raw[i].key) + len(raw[i].hashKey)
	}
	if cap(scratch) < dataSize+keySize {
		scratch = make([]byte, 0, dataSize+keySize)
	}
	data := scratch[:dataSize]
	keyBytes := scratch[dataSize:dataSize]
	for i := range raw {
		keyBytes = append(append(keyBytes, raw[i].key...), raw[i].hashKey...)
	}
	if !utf8.Valid(keyBytes) {
		return nil, false
	}
	keys := string(keyBytes)
	entries := dst[:0]
	if cap(entries) < len(raw) {
		entries = make([]minikinesis.PutRecordsRequestEntry, len(raw))
	}
	entries = entries[:len(raw)]
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
