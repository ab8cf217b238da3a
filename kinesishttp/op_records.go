package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type putRecordIn struct {
	StreamName                *string `json:"StreamName"`
	StreamARN                 *string `json:"StreamARN"`
	Data                      []byte  `json:"Data"`
	PartitionKey              *string `json:"PartitionKey"`
	ExplicitHashKey           *string `json:"ExplicitHashKey"`
	SequenceNumberForOrdering *string `json:"SequenceNumberForOrdering"`
}

type putRecordOut struct {
	ShardId        string `json:"ShardId"`
	SequenceNumber string `json:"SequenceNumber"`
	EncryptionType string `json:"EncryptionType,omitempty"`
}

func putRecordRequest(in *putRecordIn, m *members) *minikinesis.PutRecordInput {
	return &minikinesis.PutRecordInput{
		StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN), Data: m.blob("data", in.Data),
		PartitionKey: m.req("partitionKey", in.PartitionKey), ExplicitHashKey: m.opt("explicitHashKey", in.ExplicitHashKey),
		SequenceNumberForOrdering: m.opt("sequenceNumberForOrdering", in.SequenceNumberForOrdering),
	}
}

func putRecordResponse(out *minikinesis.PutRecordOutput) *putRecordOut {
	return &putRecordOut{ShardId: out.ShardId, SequenceNumber: out.SequenceNumber.String(), EncryptionType: string(out.EncryptionType)}
}

type putRecordsIn struct {
	StreamName *string             `json:"StreamName"`
	StreamARN  *string             `json:"StreamARN"`
	Records    []putRecordsEntryIn `json:"Records"`
}

type putRecordsEntryIn struct {
	Data            []byte  `json:"Data"`
	PartitionKey    *string `json:"PartitionKey"`
	ExplicitHashKey *string `json:"ExplicitHashKey"`
}

type putRecordsOut struct {
	FailedRecordCount int                  `json:"FailedRecordCount"`
	Records           []putRecordsEntryOut `json:"Records"`
	EncryptionType    string               `json:"EncryptionType,omitempty"`
}

type putRecordsEntryOut struct {
	ShardId        string `json:"ShardId,omitempty"`
	SequenceNumber string `json:"SequenceNumber,omitempty"`
	ErrorCode      string `json:"ErrorCode,omitempty"`
	ErrorMessage   string `json:"ErrorMessage,omitempty"`
}

func putRecordsRequest(in *putRecordsIn, m *members) *minikinesis.PutRecordsInput {
	switch {
	case in.Records == nil:
		m.absent("records")
	case len(in.Records) == 0:
		m.empty("records")
	}
	entries := make([]minikinesis.PutRecordsRequestEntry, len(in.Records))
	for i, e := range in.Records {
		entries[i] = minikinesis.PutRecordsRequestEntry{Data: e.Data, PartitionKey: str(e.PartitionKey), ExplicitHashKey: str(e.ExplicitHashKey)}
		// Paths are built only for members left out or sent empty: this runs
		// for every record.
		if e.PartitionKey == nil || e.Data == nil || e.ExplicitHashKey != nil && *e.ExplicitHashKey == "" {
			path := "records." + itoa(i+1) + ".member."
			m.req(path+"partitionKey", e.PartitionKey)
			m.blob(path+"data", e.Data)
			m.opt(path+"explicitHashKey", e.ExplicitHashKey)
		}
	}
	return &minikinesis.PutRecordsInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN), Records: entries}
}

func putRecordsResponse(out *minikinesis.PutRecordsOutput) *putRecordsOut {
	wire := &putRecordsOut{FailedRecordCount: out.FailedRecordCount, Records: make([]putRecordsEntryOut, len(out.Records)), EncryptionType: string(out.EncryptionType)}
	for i, r := range out.Records {
		wire.Records[i] = putRecordsEntryOut{ShardId: r.ShardId, SequenceNumber: r.SequenceNumber.String(), ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
	}
	return wire
}
