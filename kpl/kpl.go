// Package kpl reads and writes the record aggregation format of the Kinesis
// Producer Library (KPL): many user records packed into one Kinesis record,
// as the KPL, a8m/kinesis-producer and awslabs/kinesis-aggregation write
// them and as the Kinesis Client Library (KCL) unpacks them.
//
// An aggregated record's data is the 4-byte Magic, a protobuf (proto2)
// AggregatedRecord message, and the 16-byte MD5 of that message:
//
//	message AggregatedRecord {
//	  repeated string partition_key_table     = 1;
//	  repeated string explicit_hash_key_table = 2;
//	  repeated Record records                 = 3;
//	}
//	message Record {
//	  required uint64 partition_key_index     = 1;
//	  optional uint64 explicit_hash_key_index = 2;
//	  required bytes  data                    = 3;
//	  repeated Tag    tags                    = 4;
//	}
//	message Tag {
//	  required string key   = 1;
//	  optional string value = 2;
//	}
//
// Data that does not start with Magic, that is too short to hold a message
// and its checksum, or whose checksum does not match, is a plain record, as
// the KCL treats it. The package uses only the standard library (the
// protobuf wire format is decoded by hand, every length checked against
// what is left), so the model's root package can use it.
package kpl

import (
	"errors"
	"strconv"
)

// Magic is the 4 bytes an aggregated record's data starts with.
var Magic = [4]byte{0xF3, 0x89, 0x9A, 0xC2}

// ChecksumSize is the length of the MD5 trailer.
const ChecksumSize = 16

// Record is one user record inside an aggregated record.
type Record struct {
	// PartitionKey is the user record's own partition key.
	PartitionKey string
	// ExplicitHashKey is its explicit hash key, a decimal 128-bit integer
	// as Kinesis takes it, or "" when it has none (the partition key's MD5
	// is its hash key then).
	ExplicitHashKey string
	// Data is the user record's payload.
	Data []byte
	// Tags are the record's tags; the KPL and KCL APIs neither write nor
	// expose them, but the format has them.
	Tags []Tag
}

// Tag is a user record's key–value tag.
type Tag struct {
	Key string
	// Value is "" when the tag has none.
	Value string
}

// ErrNothingToAggregate is Aggregate's answer to an empty list: an
// aggregated record of no user records would be read back as a plain
// record, as the KCL reads it.
var ErrNothingToAggregate = errors.New("kpl: no records to aggregate")

// FormatError reports data that carries Magic and a matching checksum but
// whose message is not a valid AggregatedRecord. The KCL passes such a
// record on as a plain record when the protobuf does not parse, and drops
// it (logging an error) when a key index points outside its table; a test
// wants to hear of either, as it is a producer's bug.
type FormatError struct {
	// Offset is where in the record's data the problem was found.
	Offset int
	// Reason says what is wrong.
	Reason string
}

// Error describes the problem and where it is.
func (e *FormatError) Error() string {
	return "kpl: malformed aggregated record at byte " + strconv.Itoa(e.Offset) + ": " + e.Reason
}
