package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

func init() {
	register("PutRecord", op(putRecord))
	register("PutRecords", op(putRecords))
}

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

func putRecord(ctx context.Context, k *minikinesis.Kinesis, in *putRecordIn) (any, error) {
	model := &minikinesis.PutRecordInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), Data: in.Data,
		PartitionKey: str(in.PartitionKey), ExplicitHashKey: str(in.ExplicitHashKey),
		SequenceNumberForOrdering: str(in.SequenceNumberForOrdering),
	}
	if missing := absent(member{"partitionKey", in.PartitionKey == nil}, member{"data", in.Data == nil}); len(missing) > 0 {
		return nil, &minikinesis.ValidationException{Violations: k.ValidationViolations(model, paths(missing)...)}
	}
	out, err := k.PutRecord(ctx, model)
	if err != nil {
		return nil, err
	}
	return &putRecordOut{ShardId: out.ShardId, SequenceNumber: out.SequenceNumber.String(), EncryptionType: string(out.EncryptionType)}, nil
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

func putRecords(ctx context.Context, k *minikinesis.Kinesis, in *putRecordsIn) (any, error) {
	// Paths are built only for absent members: this runs for every record.
	missing := absent(member{"records", in.Records == nil})
	entries := make([]minikinesis.PutRecordsRequestEntry, len(in.Records))
	for i, e := range in.Records {
		entries[i] = minikinesis.PutRecordsRequestEntry{Data: e.Data, PartitionKey: str(e.PartitionKey), ExplicitHashKey: str(e.ExplicitHashKey)}
		if e.PartitionKey == nil {
			missing = append(missing, member{"records." + itoa(i+1) + ".member.partitionKey", true})
		}
		if e.Data == nil {
			missing = append(missing, member{"records." + itoa(i+1) + ".member.data", true})
		}
	}
	model := &minikinesis.PutRecordsInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), Records: entries}
	if len(missing) > 0 {
		return nil, &minikinesis.ValidationException{Violations: k.ValidationViolations(model, paths(missing)...)}
	}
	out, err := k.PutRecords(ctx, model)
	if err != nil {
		return nil, err
	}
	return putRecordsWire(out), nil
}

func putRecordsWire(out *minikinesis.PutRecordsOutput) *putRecordsOut {
	wire := &putRecordsOut{FailedRecordCount: out.FailedRecordCount, Records: make([]putRecordsEntryOut, len(out.Records)), EncryptionType: string(out.EncryptionType)}
	for i, r := range out.Records {
		wire.Records[i] = putRecordsEntryOut{ShardId: r.ShardId, SequenceNumber: r.SequenceNumber.String(), ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
	}
	return wire
}
