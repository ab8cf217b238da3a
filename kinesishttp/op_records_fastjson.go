package kinesishttp

import (
	"encoding/base64"
	"errors"
	"strconv"
	"unicode/utf8"

	simdbase64 "github.com/segmentio/asm/base64"

	"github.com/minikinesis/minikinesis"
)

// decodePutRecords decodes a PutRecords body into in, or reports false
// (see putRecordsMembers for what it leaves to the generic decoder). The data
// is decoded into the body's spare capacity when it fits there (see
// spare), so the records' Data are valid only while the body is.
func (jsonCodec) decodePutRecords(body []byte, in *minikinesis.PutRecordsInput) bool {
	s := &jsonScanner{b: body}
	*in = minikinesis.PutRecordsInput{Records: in.Records[:0]}
	rawp := getRawEntries()
	defer putRawEntries(rawp)
	raw := *rawp
	var seen putRecordsMembers
	named := false // the stream, by StreamName or StreamARN
	ok := s.object(func(key []byte) bool {
		if !seen.first(key) {
			return false
		}
		switch string(key) {
		case "StreamName", "StreamARN":
			if s.null() { // as if left out, as the generic decoder reads it
				return true
			}
			v, ok := s.str()
			setStream(in, key, v)
			named = true
			return ok && len(v) > 0
		case "Records":
			if !s.next('[') {
				return false
			}
			for {
				var e rawEntry
				var entrySeen putRecordsMembers
				ok := s.object(func(k []byte) bool {
					if !entrySeen.first(k) {
						return false
					}
					var v []byte
					var ok bool
					switch string(k) {
					case "Data":
						v, ok = s.rawStr()
						e.data = v
					case "PartitionKey":
						v, ok = s.str()
						e.key = v
					case "ExplicitHashKey":
						if s.null() { // as if left out, as the generic decoder reads it
							return true
						}
						v, ok = s.str()
						e.hashKey = v
					}
					return ok && len(v) > 0
				})
				if !ok || !entrySeen.complete() {
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
	if !ok || len(raw) == 0 || !named || s.i != len(s.b) || !utf8.ValidString(in.StreamName) || !utf8.ValidString(in.StreamARN) {
		return false
	}
	in.Records, ok = decodeEntries(in.Records, raw, spare(body), base64.StdEncoding.DecodedLen, decodeData)
	return ok
}

// strictBase64 refuses what AWS refuses: spare bits that are not zero.
var strictBase64 = simdbase64.StdEncoding.Strict()

// errRawNewline refuses a Data member that held a raw CR or LF.
var errRawNewline = errors.New("kinesishttp: raw newline in a base64 string")

// decodeData decodes a Data member's base64. The scanner leaves control
// characters in it unchecked, to spare a pass over every blob, and
// base64's decoder refuses all of them but CR and LF, which it skips; JSON
// forbids both raw in a string, so a blob that held any (it decodes shorter
// than its padded length says) is refused too, and the generic decoder
// answers it as AWS does.
func decodeData(dst, src []byte) (int, error) {
	n, err := strictBase64.Decode(dst, src)
	if err == nil && (len(src)%4 != 0 || n != len(src)/4*3-base64Padding(src)) {
		err = errRawNewline
	}
	return n, err
}

// base64Padding counts the '=' that end src.
func base64Padding(src []byte) int {
	n := 0
	for n < 2 && n < len(src) && src[len(src)-1-n] == '=' {
		n++
	}
	return n
}

// appendPutRecords writes a PutRecords response.
func (jsonCodec) appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte {
	b = append(b, `{"FailedRecordCount":`...)
	b = strconv.AppendInt(b, int64(out.FailedRecordCount), 10)
	b = append(b, `,"Records":[`...)
	var seqs minikinesis.SequenceFormatter
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
			b = seqs.AppendText(b, r.SequenceNumber)
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
