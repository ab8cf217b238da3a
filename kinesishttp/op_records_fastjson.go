package kinesishttp

import (
	"encoding/base64"
	"strconv"

	"github.com/minikinesis/minikinesis"
)

// decodePutRecordsJSON decodes a PutRecords body, or reports false.
func decodePutRecordsJSON(body []byte) (*minikinesis.PutRecordsInput, bool) {
	s := &jsonScanner{b: body}
	out := &minikinesis.PutRecordsInput{}
	rawp := getRawEntries()
	defer putRawEntries(rawp)
	raw := *rawp
	hasRecords := false
	ok := s.object(func(key []byte) bool {
		switch string(key) {
		case "StreamName", "StreamARN":
			v, ok := s.optStr()
			setStream(out, key, v)
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
	out.Records = entries
	return out, ok
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
