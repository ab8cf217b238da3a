package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type shardFilterIn struct {
	Type      *string    `json:"Type"`
	ShardId   *string    `json:"ShardId"`
	Timestamp *epochTime `json:"Timestamp"`
}

type listShardsIn struct {
	streamRef
	NextToken               *string        `json:"NextToken"`
	ExclusiveStartShardId   *string        `json:"ExclusiveStartShardId"`
	MaxResults              *int           `json:"MaxResults"`
	StreamCreationTimestamp *epochTime     `json:"StreamCreationTimestamp"`
	ShardFilter             *shardFilterIn `json:"ShardFilter"`
}

type listShardsOut struct {
	Shards    []shardOut `json:"Shards"`
	NextToken *string    `json:"NextToken,omitempty"`
}

func listShardsRequest(in *listShardsIn, m *members) *minikinesis.ListShardsInput {
	var filter *minikinesis.ShardFilter
	if f := in.ShardFilter; f != nil {
		filter = &minikinesis.ShardFilter{Type: minikinesis.ShardFilterType(m.req("shardFilter.type", f.Type)),
			ShardId: m.opt("shardFilter.shardId", f.ShardId), Timestamp: timeOf(f.Timestamp)}
	}
	return &minikinesis.ListShardsInput{
		StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN), NextToken: m.opt("nextToken", in.NextToken),
		ExclusiveStartShardId: m.opt("exclusiveStartShardId", in.ExclusiveStartShardId), MaxResults: m.limit("maxResults", in.MaxResults),
		StreamCreationTimestamp: timeOf(in.StreamCreationTimestamp), ShardFilter: filter,
	}
}

func listShardsResponse(out *minikinesis.ListShardsOutput) *listShardsOut {
	return &listShardsOut{Shards: shardsOut(out.Shards), NextToken: optional(out.NextToken)}
}

type splitShardIn struct {
	streamRef
	ShardToSplit       *string `json:"ShardToSplit"`
	NewStartingHashKey *string `json:"NewStartingHashKey"`
}

func splitShardRequest(in *splitShardIn, m *members) *minikinesis.SplitShardInput {
	return &minikinesis.SplitShardInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		ShardToSplit: m.req("shardToSplit", in.ShardToSplit), NewStartingHashKey: m.req("newStartingHashKey", in.NewStartingHashKey)}
}

type mergeShardsIn struct {
	streamRef
	ShardToMerge         *string `json:"ShardToMerge"`
	AdjacentShardToMerge *string `json:"AdjacentShardToMerge"`
}

func mergeShardsRequest(in *mergeShardsIn, m *members) *minikinesis.MergeShardsInput {
	return &minikinesis.MergeShardsInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		ShardToMerge: m.req("shardToMerge", in.ShardToMerge), AdjacentShardToMerge: m.req("adjacentShardToMerge", in.AdjacentShardToMerge)}
}

type updateShardCountIn struct {
	streamRef
	TargetShardCount *int    `json:"TargetShardCount"`
	ScalingType      *string `json:"ScalingType"`
}

type updateShardCountOut struct {
	StreamName        string `json:"StreamName"`
	StreamARN         string `json:"StreamARN"`
	CurrentShardCount int    `json:"CurrentShardCount"`
	TargetShardCount  int    `json:"TargetShardCount"`
}

func updateShardCountRequest(in *updateShardCountIn, m *members) *minikinesis.UpdateShardCountInput {
	return &minikinesis.UpdateShardCountInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		TargetShardCount: m.count("targetShardCount", in.TargetShardCount), ScalingType: minikinesis.ScalingType(m.req("scalingType", in.ScalingType))}
}

func updateShardCountResponse(out *minikinesis.UpdateShardCountOutput) *updateShardCountOut {
	return &updateShardCountOut{StreamName: out.StreamName, StreamARN: out.StreamARN, CurrentShardCount: out.CurrentShardCount, TargetShardCount: out.TargetShardCount}
}

type sequenceNumberRangeOut struct {
	StartingSequenceNumber string  `json:"StartingSequenceNumber"`
	EndingSequenceNumber   *string `json:"EndingSequenceNumber,omitempty"`
}

type shardOut struct {
	ShardId               string                 `json:"ShardId"`
	ParentShardId         *string                `json:"ParentShardId,omitempty"`
	AdjacentParentShardId *string                `json:"AdjacentParentShardId,omitempty"`
	HashKeyRange          hashKeyRangeOut        `json:"HashKeyRange"`
	SequenceNumberRange   sequenceNumberRangeOut `json:"SequenceNumberRange"`
}

func shardsOut(shards []minikinesis.Shard) []shardOut {
	out := make([]shardOut, len(shards))
	for i, sh := range shards {
		out[i] = shardOut{
			ShardId: sh.ShardId, ParentShardId: optional(sh.ParentShardId), AdjacentParentShardId: optional(sh.AdjacentParentShardId),
			HashKeyRange: rangeOut(sh.HashKeyRange),
			SequenceNumberRange: sequenceNumberRangeOut{
				StartingSequenceNumber: sh.SequenceNumberRange.StartingSequenceNumber.String(),
				EndingSequenceNumber:   optional(sh.SequenceNumberRange.EndingSequenceNumber.String()),
			},
		}
	}
	return out
}

type hashKeyRangeOut struct {
	StartingHashKey string `json:"StartingHashKey"`
	EndingHashKey   string `json:"EndingHashKey"`
}

func rangeOut(r minikinesis.HashKeyRange) hashKeyRangeOut {
	return hashKeyRangeOut{StartingHashKey: r.StartingHashKey.String(), EndingHashKey: r.EndingHashKey.String()}
}
