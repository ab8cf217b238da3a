package kinesishttp

import (
	"sync"
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

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

// putRecordsFast is PutRecords' row of hand-written codecs: both ways.
func putRecordsFast() *fastPath {
	return &fastPath{
		decode: func(f fastCodec, body []byte) (any, bool) { return f.decodePutRecords(body) },
		encode: func(f fastCodec, b []byte, out any) []byte {
			return f.appendPutRecords(b, out.(*minikinesis.PutRecordsOutput))
		},
	}
}

// setStream records the StreamName or StreamARN member.
func setStream(in *minikinesis.PutRecordsInput, member, value []byte) {
	if string(member) == "StreamName" {
		in.StreamName = string(value)
	} else {
		in.StreamARN = string(value)
	}
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
