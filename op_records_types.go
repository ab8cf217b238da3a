package minikinesis

// EncryptionType says how a stream's records are encrypted at rest.
type EncryptionType string

// Encryption types, named as AWS names them.
const (
	EncryptionTypeNone EncryptionType = "NONE"
	EncryptionTypeKMS  EncryptionType = "KMS"
)

// PutRecordInput mirrors the AWS PutRecord request.
type PutRecordInput struct {
	// StreamName or StreamARN names the stream (Kinesis.PutRecord only).
	StreamName string
	StreamARN  string
	// Data is the record's payload; it is copied, so the caller may reuse it.
	Data []byte
	// PartitionKey (1..256 Unicode characters) picks the shard through its
	// MD5 hash, unless ExplicitHashKey is given.
	PartitionKey string
	// ExplicitHashKey, when not empty, is the decimal hash key that routes
	// the record instead of the partition key's hash.
	ExplicitHashKey string
	// SequenceNumberForOrdering, when not empty, is a sequence number the new
	// record's must exceed (on the same shard).
	SequenceNumberForOrdering string
}

func (in *PutRecordInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

// PutRecordOutput mirrors the AWS PutRecord response.
type PutRecordOutput struct {
	ShardId        string
	SequenceNumber SequenceNumber
	EncryptionType EncryptionType
}

// PutRecordsRequestEntry is one record of a PutRecords request.
type PutRecordsRequestEntry struct {
	Data            []byte
	PartitionKey    string
	ExplicitHashKey string
}

// PutRecordsInput mirrors the AWS PutRecords request.
type PutRecordsInput struct {
	StreamName string
	StreamARN  string
	Records    []PutRecordsRequestEntry
}

func (in *PutRecordsInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

// PutRecordsResultEntry is the outcome of one entry, at the entry's
// position: ShardId and SequenceNumber when stored, ErrorCode and
// ErrorMessage when not.
type PutRecordsResultEntry struct {
	ShardId        string
	SequenceNumber SequenceNumber
	ErrorCode      string
	ErrorMessage   string
}

// Failed reports whether the entry was not stored.
func (e PutRecordsResultEntry) Failed() bool { return e.ErrorCode != "" }

// PutRecordsOutput mirrors the AWS PutRecords response.
type PutRecordsOutput struct {
	FailedRecordCount int
	Records           []PutRecordsResultEntry
	EncryptionType    EncryptionType
}
