package console

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"errors"
)

// kplMagic starts every record the Kinesis Producer Library aggregates.
var kplMagic = []byte{0xF3, 0x89, 0x9A, 0xC2}

// UserRecord is one record of a KPL aggregate.
type UserRecord struct {
	PartitionKey    string
	ExplicitHashKey string `json:",omitempty"`
	Data            []byte
}

// Deaggregate unpacks a KPL-aggregated payload: the magic, a protobuf
// AggregatedRecord, and the MD5 of that protobuf. It answers false for
// anything else, a payload whose checksum does not match included.
func Deaggregate(data []byte) ([]UserRecord, bool) {
	if len(data) < len(kplMagic)+md5.Size || !bytes.HasPrefix(data, kplMagic) {
		return nil, false
	}
	body := data[len(kplMagic) : len(data)-md5.Size]
	if sum := md5.Sum(body); !bytes.Equal(sum[:], data[len(data)-md5.Size:]) {
		return nil, false
	}
	var keys, hashKeys []string
	type entry struct {
		key, hash uint64
		hasHash   bool
		data      []byte
	}
	var entries []entry
	err := eachField(body, func(num int, wire int, v uint64, b []byte) error {
		switch {
		case num == 1 && wire == 2:
			keys = append(keys, string(b))
		case num == 2 && wire == 2:
			hashKeys = append(hashKeys, string(b))
		case num == 3 && wire == 2:
			var e entry
			if err := eachField(b, func(num, wire int, v uint64, b []byte) error {
				switch {
				case num == 1 && wire == 0:
					e.key = v
				case num == 2 && wire == 0:
					e.hash, e.hasHash = v, true
				case num == 3 && wire == 2:
					e.data = b
				}
				return nil
			}); err != nil {
				return err
			}
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil || len(entries) == 0 {
		return nil, false
	}
	out := make([]UserRecord, len(entries))
	for i, e := range entries {
		if e.key >= uint64(len(keys)) || (e.hasHash && e.hash >= uint64(len(hashKeys))) {
			return nil, false
		}
		out[i] = UserRecord{PartitionKey: keys[e.key], Data: e.data}
		if e.hasHash {
			out[i].ExplicitHashKey = hashKeys[e.hash]
		}
	}
	return out, true
}

var errProtobuf = errors.New("malformed protobuf")

// eachField walks a protobuf message: varints (wire type 0) come as v,
// length-delimited fields (2) as b; fixed-size fields are skipped.
func eachField(msg []byte, f func(num, wire int, v uint64, b []byte) error) error {
	for len(msg) > 0 {
		tag, n := binary.Uvarint(msg)
		if n <= 0 {
			return errProtobuf
		}
		msg = msg[n:]
		num, wire := int(tag>>3), int(tag&7)
		var v uint64
		var b []byte
		switch wire {
		case 0:
			if v, n = binary.Uvarint(msg); n <= 0 {
				return errProtobuf
			}
			msg = msg[n:]
		case 1, 5:
			size := 8
			if wire == 5 {
				size = 4
			}
			if len(msg) < size {
				return errProtobuf
			}
			msg = msg[size:]
		case 2:
			l, n := binary.Uvarint(msg)
			if n <= 0 || l > uint64(len(msg)-n) {
				return errProtobuf
			}
			b, msg = msg[n:n+int(l)], msg[n+int(l):]
		default:
			return errProtobuf
		}
		if err := f(num, wire, v, b); err != nil {
			return err
		}
	}
	return nil
}
