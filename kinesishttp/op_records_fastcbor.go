package kinesishttp

import (
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

// decodePutRecords decodes a PutRecords body into in, or reports false
// (see putRecordsMembers for what it leaves to the generic decoder). Data
// blobs are used where they lie in the body: the model copies them.
func (cborCodec) decodePutRecords(body []byte, in *minikinesis.PutRecordsInput) bool {
	s := &cborScanner{b: body}
	*in = minikinesis.PutRecordsInput{Records: in.Records[:0]}
	rawp := getRawEntries()
	defer putRawEntries(rawp)
	raw := *rawp
	var seen putRecordsMembers
	named := false // the stream, by StreamName or StreamARN
	ok := s.container(cborMap, func() bool {
		key, ok := s.str(cborText)
		if !ok || !seen.first(key) {
			return false
		}
		switch string(key) {
		case "StreamName", "StreamARN":
			if s.null() { // as if left out, as the generic decoder reads it
				return true
			}
			v, ok := s.str(cborText)
			setStream(in, key, v)
			named = true
			return ok && len(v) > 0
		case "Records":
			return s.container(cborArray, func() bool {
				var e rawEntry
				var entrySeen putRecordsMembers
				ok := s.container(cborMap, func() bool {
					k, ok := s.str(cborText)
					if !ok || !entrySeen.first(k) {
						return false
					}
					var v []byte
					switch string(k) {
					case "Data":
						v, ok = s.str(cborBytes)
						e.data = v
					case "PartitionKey":
						v, ok = s.str(cborText)
						e.key = v
					case "ExplicitHashKey":
						if s.null() { // as if left out, as the generic decoder reads it
							return true
						}
						v, ok = s.str(cborText)
						e.hashKey = v
					default:
						ok = false
					}
					return ok && len(v) > 0
				})
				raw = append(raw, e)
				*rawp = raw
				return ok && entrySeen.complete()
			})
		}
		return false
	})
	if !ok || len(raw) == 0 || !named || s.i != len(s.b) || !utf8.ValidString(in.StreamName) || !utf8.ValidString(in.StreamARN) {
		return false
	}
	in.Records, ok = decodeEntries(in.Records, raw, nil, nil, nil)
	return ok
}

func (cborCodec) appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte {
	w := cborWriter(b).head(cborMap, 3)
	w = w.text("FailedRecordCount").int(int64(out.FailedRecordCount))
	w = w.text("Records").head(cborArray, uint64(len(out.Records)))
	var seqs minikinesis.SequenceFormatter
	for i := range out.Records {
		r := &out.Records[i]
		w = w.head(cborMap, 2)
		if r.Failed() {
			w = w.text("ErrorCode").text(r.ErrorCode).text("ErrorMessage").text(r.ErrorMessage)
		} else {
			w = w.text("SequenceNumber").seq(&seqs, r.SequenceNumber).text("ShardId").text(r.ShardId)
		}
	}
	return w.text("EncryptionType").text(string(out.EncryptionType))
}
