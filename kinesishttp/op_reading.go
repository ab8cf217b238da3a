package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type getShardIteratorIn struct {
	StreamName             *string    `json:"StreamName"`
	StreamARN              *string    `json:"StreamARN"`
	ShardId                *string    `json:"ShardId"`
	ShardIteratorType      *string    `json:"ShardIteratorType"`
	StartingSequenceNumber *string    `json:"StartingSequenceNumber"`
	Timestamp              *epochTime `json:"Timestamp"`
}

type getShardIteratorOut struct {
	ShardIterator string `json:"ShardIterator"`
}

func getShardIteratorRequest(in *getShardIteratorIn) (*minikinesis.GetShardIteratorInput, error) {
	if err := need(member{"shardId", in.ShardId == nil}, member{"shardIteratorType", in.ShardIteratorType == nil}); err != nil {
		return nil, err
	}
	return &minikinesis.GetShardIteratorInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), ShardId: *in.ShardId,
		ShardIteratorType:      minikinesis.ShardIteratorType(*in.ShardIteratorType),
		StartingSequenceNumber: str(in.StartingSequenceNumber), Timestamp: timeOf(in.Timestamp),
	}, nil
}

func getShardIteratorResponse(out *minikinesis.GetShardIteratorOutput) *getShardIteratorOut {
	return &getShardIteratorOut{ShardIterator: out.ShardIterator}
}

type getRecordsIn struct {
	ShardIterator *string `json:"ShardIterator"`
	Limit         *int    `json:"Limit"`
	StreamARN     *string `json:"StreamARN"`
}

type recordOut struct {
	SequenceNumber              string    `json:"SequenceNumber"`
	ApproximateArrivalTimestamp epochTime `json:"ApproximateArrivalTimestamp"`
	Data                        []byte    `json:"Data"`
	PartitionKey                string    `json:"PartitionKey"`
	EncryptionType              string    `json:"EncryptionType,omitempty"`
}

type childShardOut struct {
	ShardId      string          `json:"ShardId"`
	ParentShards []string        `json:"ParentShards"`
	HashKeyRange hashKeyRangeOut `json:"HashKeyRange"`
}

type getRecordsOut struct {
	Records            []recordOut     `json:"Records"`
	NextShardIterator  *string         `json:"NextShardIterator,omitempty"`
	MillisBehindLatest int64           `json:"MillisBehindLatest"`
	ChildShards        []childShardOut `json:"ChildShards,omitempty"`
}

func getRecordsRequest(in *getRecordsIn) (*minikinesis.GetRecordsInput, error) {
	// The model reads a Limit of 0 as unset, so an explicit 0 is refused
	// here; a negative one is the model's to refuse.
	if in.Limit != nil && *in.Limit == 0 {
		return nil, atLeastOne("limit", in.Limit)
	}
	if err := need(member{"shardIterator", in.ShardIterator == nil}); err != nil {
		return nil, err
	}
	return &minikinesis.GetRecordsInput{ShardIterator: *in.ShardIterator, Limit: num(in.Limit), StreamARN: str(in.StreamARN)}, nil
}

func getRecordsResponse(out *minikinesis.GetRecordsOutput) *getRecordsOut {
	wire := &getRecordsOut{Records: recordsOut(out.Records), NextShardIterator: optional(out.NextShardIterator), MillisBehindLatest: out.MillisBehindLatest}
	if len(out.ChildShards) > 0 {
		wire.ChildShards = childShardsOut(out.ChildShards)
	}
	return wire
}

func recordsOut(recs []minikinesis.Record) []recordOut {
	out := make([]recordOut, len(recs))
	for i, r := range recs {
		out[i] = recordOut{
			SequenceNumber: r.SequenceNumber.String(), ApproximateArrivalTimestamp: epochTime(r.ApproximateArrivalTimestamp),
			Data: r.Data, PartitionKey: r.PartitionKey, EncryptionType: string(r.EncryptionType),
		}
		if out[i].Data == nil {
			out[i].Data = []byte{}
		}
	}
	return out
}

func childShardsOut(children []minikinesis.ChildShard) []childShardOut {
	out := make([]childShardOut, len(children))
	for i, c := range children {
		out[i] = childShardOut{ShardId: c.ShardId, ParentShards: c.ParentShards, HashKeyRange: rangeOut(c.HashKeyRange)}
	}
	return out
}
