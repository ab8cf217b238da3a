package kinesishttp

import (
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
)

// decodePutRecords decodes a PutRecords body, or reports false. Data
// blobs are used where they lie in the body: the model copies them.
func (cborCodec) decodePutRecords(body []byte) (*minikinesis.PutRecordsInput, bool) {
	s := &cborScanner{b: body}
	out := &minikinesis.PutRecordsInput{}
	rawp := getRawEntries()
	defer putRawEntries(rawp)
	raw := *rawp
	hasRecords := false
	ok := s.container(cborMap, func() bool {
		key, ok := s.str(cborText)
		if !ok {
			return false
		}
		switch string(key) {
		case "StreamName", "StreamARN":
			v, ok := s.optText()
			setStream(out, key, v)
			return ok
		case "Records":
			hasRecords = true
			return s.container(cborArray, func() bool {
				var e rawEntry
				ok := s.container(cborMap, func() bool {
					k, ok := s.str(cborText)
					if !ok {
						return false
					}
					switch string(k) {
					case "Data":
						e.data, ok = s.str(cborBytes)
						e.hasData = true
					case "PartitionKey":
						e.key, ok = s.str(cborText)
						e.hasKey = true
					case "ExplicitHashKey":
						e.hashKey, ok = s.optText()
					default:
						ok = false
					}
					return ok
				})
				raw = append(raw, e)
				*rawp = raw
				return ok && e.hasData && e.hasKey
			})
		}
		return false
	})
	if !ok || !hasRecords || s.i != len(s.b) || !utf8.ValidString(out.StreamName) || !utf8.ValidString(out.StreamARN) {
		return nil, false
	}
	entries, ok := decodeEntries(raw, func(int) int { return 0 }, nil)
	out.Records = entries
	return out, ok
}

func (cborCodec) appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte {
	w := cborWriter(b).head(cborMap, 3)
	w = w.text("FailedRecordCount").int(int64(out.FailedRecordCount))
	w = w.text("Records").head(cborArray, uint64(len(out.Records)))
	for i := range out.Records {
		r := &out.Records[i]
		w = w.head(cborMap, 2)
		if r.Failed() {
			w = w.text("ErrorCode").text(r.ErrorCode).text("ErrorMessage").text(r.ErrorMessage)
		} else {
			w = w.text("SequenceNumber").seq(r.SequenceNumber).text("ShardId").text(r.ShardId)
		}
	}
	return w.text("EncryptionType").text(string(out.EncryptionType))
}
