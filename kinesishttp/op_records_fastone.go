package kinesishttp

import (
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

// putRecordFast is PutRecord's row of hand-written codecs, both ways: a
// single-record call is small, so the generic decoder's parse tree and
// reflection were most of what the handler spent on it. The decoders take
// what the PutRecords ones take (see putRecordsMembers) and leave the rest
// to the generic path; SequenceNumberForOrdering is read as
// ExplicitHashKey is.
func putRecordFast() *fastPath {
	return &fastPath{
		decode: func(f fastCodec, body []byte) (any, bool) { return f.decodePutRecord(body) },
		encode: func(f fastCodec, b []byte, out any) []byte {
			return f.appendPutRecord(b, out.(*minikinesis.PutRecordOutput))
		},
		size: func(out any) int { return putRecordResponseFrame + len(out.(*minikinesis.PutRecordOutput).ShardId) },
	}
}

// putRecordResponseFrame bounds a PutRecord response but its shard ID, in
// either codec: the members' names, a 56-digit sequence number and the
// encryption type.
const putRecordResponseFrame = 128

// putRecordMember reads one member of a PutRecord request into in (data
// into *data, undecoded), with str reading a text member and null
// consuming a null; it reports false for a member the hand-written
// decoders leave to the generic one.
func putRecordMember(in *minikinesis.PutRecordInput, data *[]byte, key []byte, str func() ([]byte, bool), blob func() ([]byte, bool), null func() bool) bool {
	var v []byte
	var ok bool
	switch string(key) {
	case "StreamName", "StreamARN", "ExplicitHashKey", "SequenceNumberForOrdering":
		if null() { // as if left out, as the generic decoder reads it
			return true
		}
		v, ok = str()
		switch string(key) {
		case "StreamName":
			in.StreamName = string(v)
		case "StreamARN":
			in.StreamARN = string(v)
		case "ExplicitHashKey":
			in.ExplicitHashKey = string(v)
		default:
			in.SequenceNumberForOrdering = string(v)
		}
	case "PartitionKey":
		v, ok = str()
		in.PartitionKey = string(v)
	case "Data":
		v, ok = blob()
		*data = v
	}
	return ok && len(v) > 0
}

// putRecordComplete reports whether a decoded PutRecord has what the
// hand-written decoders require: a stream named, a partition key and
// data, and text that is all UTF-8.
func putRecordComplete(in *minikinesis.PutRecordInput) bool {
	return (in.StreamName != "" || in.StreamARN != "") && in.PartitionKey != "" &&
		utf8.ValidString(in.StreamName) && utf8.ValidString(in.StreamARN) && utf8.ValidString(in.PartitionKey) &&
		utf8.ValidString(in.ExplicitHashKey) && utf8.ValidString(in.SequenceNumberForOrdering)
}

// decodePutRecord decodes a PutRecord body, or reports false. The data is
// decoded into the body's spare capacity when it fits there (see spare).
func (jsonCodec) decodePutRecord(body []byte) (*minikinesis.PutRecordInput, bool) {
	s := &jsonScanner{b: body}
	in := &minikinesis.PutRecordInput{}
	var data []byte
	var seen putRecordsMembers
	ok := s.object(func(key []byte) bool {
		return seen.first(key) && putRecordMember(in, &data, key, s.str, s.rawStr, s.null)
	})
	s.skipSpace()
	if !ok || s.i != len(s.b) || data == nil || !putRecordComplete(in) {
		return nil, false
	}
	room := strictBase64.DecodedLen(len(data))
	dst := spare(body)
	if cap(dst) < room {
		dst = make([]byte, 0, room)
	}
	n, err := decodeData(dst[:room], data)
	if err != nil {
		return nil, false
	}
	in.Data = dst[:n:n]
	return in, true
}

// decodePutRecord decodes a PutRecord body, or reports false. The data is
// used where it lies in the body: the model copies it.
func (cborCodec) decodePutRecord(body []byte) (*minikinesis.PutRecordInput, bool) {
	s := &cborScanner{b: body}
	in := &minikinesis.PutRecordInput{}
	var data []byte
	var seen putRecordsMembers
	text := func() ([]byte, bool) { return s.str(cborText) }
	bytes := func() ([]byte, bool) { return s.str(cborBytes) }
	ok := s.container(cborMap, func() bool {
		key, ok := s.str(cborText)
		return ok && seen.first(key) && putRecordMember(in, &data, key, text, bytes, s.null)
	})
	if !ok || s.i != len(s.b) || data == nil || !putRecordComplete(in) {
		return nil, false
	}
	in.Data = data
	return in, true
}

// appendPutRecord writes a PutRecord response, its members as the generic
// encoder writes them.
func (jsonCodec) appendPutRecord(b []byte, out *minikinesis.PutRecordOutput) []byte {
	b = append(b, `{"ShardId":`...)
	b = appendJSONString(b, out.ShardId)
	b = append(b, `,"SequenceNumber":"`...)
	b, _ = out.SequenceNumber.AppendText(b)
	b = append(b, '"')
	if out.EncryptionType != "" {
		b = append(b, `,"EncryptionType":`...)
		b = appendJSONString(b, string(out.EncryptionType))
	}
	return append(b, '}')
}

func (cborCodec) appendPutRecord(b []byte, out *minikinesis.PutRecordOutput) []byte {
	members := uint64(2)
	if out.EncryptionType != "" {
		members++
	}
	var seqs minikinesis.SequenceFormatter
	w := cborWriter(b).head(cborMap, members)
	w = w.text("ShardId").text(out.ShardId).text("SequenceNumber").seq(&seqs, out.SequenceNumber)
	if out.EncryptionType != "" {
		w = w.text("EncryptionType").text(string(out.EncryptionType))
	}
	return w
}
