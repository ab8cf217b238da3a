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

func getShardIteratorRequest(in *getShardIteratorIn, m *members) *minikinesis.GetShardIteratorInput {
	return &minikinesis.GetShardIteratorInput{
		StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN), ShardId: m.req("shardId", in.ShardId),
		ShardIteratorType:      minikinesis.ShardIteratorType(m.req("shardIteratorType", in.ShardIteratorType)),
		StartingSequenceNumber: m.opt("startingSequenceNumber", in.StartingSequenceNumber), Timestamp: timeOf(in.Timestamp),
	}
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

func getRecordsRequest(in *getRecordsIn, m *members) *minikinesis.GetRecordsInput {
	return &minikinesis.GetRecordsInput{ShardIterator: m.req("shardIterator", in.ShardIterator), Limit: m.limit("limit", in.Limit),
		StreamARN: m.opt("streamARN", in.StreamARN)}
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
