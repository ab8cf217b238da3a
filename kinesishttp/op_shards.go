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

func listShardsRequest(in *listShardsIn) (*minikinesis.ListShardsInput, error) {
	if err := atLeastOne("maxResults", in.MaxResults); err != nil {
		return nil, err
	}
	var filter *minikinesis.ShardFilter
	if f := in.ShardFilter; f != nil {
		if err := need(member{"shardFilter.type", f.Type == nil}); err != nil {
			return nil, err
		}
		filter = &minikinesis.ShardFilter{Type: minikinesis.ShardFilterType(*f.Type), ShardId: str(f.ShardId), Timestamp: timeOf(f.Timestamp)}
	}
	return &minikinesis.ListShardsInput{
		StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), NextToken: str(in.NextToken),
		ExclusiveStartShardId: str(in.ExclusiveStartShardId), MaxResults: num(in.MaxResults),
		StreamCreationTimestamp: timeOf(in.StreamCreationTimestamp), ShardFilter: filter,
	}, nil
}

func listShardsResponse(out *minikinesis.ListShardsOutput) *listShardsOut {
	return &listShardsOut{Shards: shardsOut(out.Shards), NextToken: optional(out.NextToken)}
}

type splitShardIn struct {
	streamRef
	ShardToSplit       *string `json:"ShardToSplit"`
	NewStartingHashKey *string `json:"NewStartingHashKey"`
}

func splitShardRequest(in *splitShardIn) (*minikinesis.SplitShardInput, error) {
	return &minikinesis.SplitShardInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		ShardToSplit: str(in.ShardToSplit), NewStartingHashKey: str(in.NewStartingHashKey)}, nil
}

type mergeShardsIn struct {
	streamRef
	ShardToMerge         *string `json:"ShardToMerge"`
	AdjacentShardToMerge *string `json:"AdjacentShardToMerge"`
}

func mergeShardsRequest(in *mergeShardsIn) (*minikinesis.MergeShardsInput, error) {
	return &minikinesis.MergeShardsInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		ShardToMerge: str(in.ShardToMerge), AdjacentShardToMerge: str(in.AdjacentShardToMerge)}, nil
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

func updateShardCountRequest(in *updateShardCountIn) (*minikinesis.UpdateShardCountInput, error) {
	if err := need(member{"targetShardCount", in.TargetShardCount == nil}); err != nil {
		return nil, err
	}
	return &minikinesis.UpdateShardCountInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		TargetShardCount: *in.TargetShardCount, ScalingType: minikinesis.ScalingType(str(in.ScalingType))}, nil
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
