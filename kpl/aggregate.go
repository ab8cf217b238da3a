package kpl

import (
	"crypto/md5"
	"encoding/binary"
)

// Protobuf field tags (field number << 3 | wire type) of the format.
const (
	tagPartitionKeyTable    = 1<<3 | wireBytes
	tagExplicitHashKeyTable = 2<<3 | wireBytes
	tagRecords              = 3<<3 | wireBytes

	tagPartitionKeyIndex    = 1<<3 | wireVarint
	tagExplicitHashKeyIndex = 2<<3 | wireVarint
	tagData                 = 3<<3 | wireBytes
	tagTags                 = 4<<3 | wireBytes

	tagTagKey   = 1<<3 | wireBytes
	tagTagValue = 2<<3 | wireBytes
)

// Protobuf wire types.
const (
	wireVarint     = 0
	wireFixed64    = 1
	wireBytes      = 2
	wireStartGroup = 3
	wireEndGroup   = 4
	wireFixed32    = 5
)

// Aggregate packs records into one aggregated record's data: Magic, the
// AggregatedRecord message and its MD5. Equal partition keys and explicit
// hash keys share one table entry, as the KPL writes them. The caller
// chooses the Kinesis record's own partition key (or explicit hash key)
// for PutRecord(s); the KPL uses the first user record's, so that the
// aggregate lands on the shard its user records belong to, and a KCL
// consumer drops an aggregate holding a user record whose hash key lies
// outside the shard's range. Aggregate checks no Kinesis limits.
func Aggregate(records []Record) ([]byte, error) {
	if len(records) == 0 {
		return nil, ErrNothingToAggregate
	}
	var pks, ehks []string
	pkIndex, ehkIndex := map[string]uint64{}, map[string]uint64{}
	indexOf := func(table *[]string, index map[string]uint64, key string) uint64 {
		i, ok := index[key]
		if !ok {
			i = uint64(len(*table))
			index[key] = i
			*table = append(*table, key)
		}
		return i
	}
	var body []byte
	for i := range records {
		r := &records[i]
		var rec []byte
		rec = appendVarintField(rec, tagPartitionKeyIndex, indexOf(&pks, pkIndex, r.PartitionKey))
		if r.ExplicitHashKey != "" {
			rec = appendVarintField(rec, tagExplicitHashKeyIndex, indexOf(&ehks, ehkIndex, r.ExplicitHashKey))
		}
		rec = appendBytesField(rec, tagData, r.Data)
		for _, t := range r.Tags {
			var tag []byte
			tag = appendBytesField(tag, tagTagKey, []byte(t.Key))
			if t.Value != "" {
				tag = appendBytesField(tag, tagTagValue, []byte(t.Value))
			}
			rec = appendBytesField(rec, tagTags, tag)
		}
		body = appendBytesField(body, tagRecords, rec)
	}
	var msg []byte
	for _, k := range pks {
		msg = appendBytesField(msg, tagPartitionKeyTable, []byte(k))
	}
	for _, k := range ehks {
		msg = appendBytesField(msg, tagExplicitHashKeyTable, []byte(k))
	}
	msg = append(msg, body...)
	sum := md5.Sum(msg)
	out := make([]byte, 0, len(Magic)+len(msg)+ChecksumSize)
	out = append(out, Magic[:]...)
	out = append(out, msg...)
	return append(out, sum[:]...), nil
}

func appendVarintField(b []byte, tag byte, v uint64) []byte {
	return binary.AppendUvarint(append(b, tag), v)
}

func appendBytesField(b []byte, tag byte, v []byte) []byte {
	return append(binary.AppendUvarint(append(b, tag), uint64(len(v))), v...)
}
