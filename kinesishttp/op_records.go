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

func putRecordRequest(in *putRecordIn) (*minikinesis.PutRecordInput, error) {
	model := &minikinesis.PutRecordInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), Data: in.Data,
		PartitionKey: str(in.PartitionKey), ExplicitHashKey: str(in.ExplicitHashKey),
		SequenceNumberForOrdering: str(in.SequenceNumberForOrdering),
	}
	return model, absent(member{"partitionKey", in.PartitionKey == nil}, member{"data", in.Data == nil})
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

func putRecordsRequest(in *putRecordsIn) (*minikinesis.PutRecordsInput, error) {
	// Paths are built only for absent members: this runs for every record.
	var missing []string
	if in.Records == nil {
		missing = append(missing, "records")
	}
	entries := make([]minikinesis.PutRecordsRequestEntry, len(in.Records))
	for i, e := range in.Records {
		entries[i] = minikinesis.PutRecordsRequestEntry{Data: e.Data, PartitionKey: str(e.PartitionKey), ExplicitHashKey: str(e.ExplicitHashKey)}
		if e.PartitionKey == nil {
			missing = append(missing, "records."+itoa(i+1)+".member.partitionKey")
		}
		if e.Data == nil {
			missing = append(missing, "records."+itoa(i+1)+".member.data")
		}
	}
	model := &minikinesis.PutRecordsInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), Records: entries}
	if missing != nil {
		return model, &absentMembers{paths: missing}
	}
	return model, nil
}

func putRecordsResponse(out *minikinesis.PutRecordsOutput) *putRecordsOut {
	wire := &putRecordsOut{FailedRecordCount: out.FailedRecordCount, Records: make([]putRecordsEntryOut, len(out.Records)), EncryptionType: string(out.EncryptionType)}
	for i, r := range out.Records {
		wire.Records[i] = putRecordsEntryOut{ShardId: r.ShardId, SequenceNumber: r.SequenceNumber.String(), ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
	}
	return wire
}
