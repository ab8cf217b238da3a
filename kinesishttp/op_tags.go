package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

func init() {
	register("AddTagsToStream", op(addTagsToStream))
	register("RemoveTagsFromStream", op(removeTagsFromStream))
	register("ListTagsForStream", op(listTagsForStream))
	register("TagResource", op(tagResource))
	register("UntagResource", op(untagResource))
	register("ListTagsForResource", op(listTagsForResource))
}

type tagOut struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

func tagsOut(tags []minikinesis.Tag) []tagOut {
	out := make([]tagOut, len(tags))
	for i, t := range tags {
		out[i] = tagOut{Key: t.Key, Value: t.Value}
	}
	return out
}

type addTagsIn struct {
	streamRef
	Tags map[string]string `json:"Tags"`
}

func addTagsToStream(ctx context.Context, k *minikinesis.Kinesis, in *addTagsIn) (any, error) {
	return nil, k.AddTagsToStream(ctx, &minikinesis.AddTagsToStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), Tags: in.Tags})
}

type removeTagsIn struct {
	streamRef
	TagKeys []string `json:"TagKeys"`
}

func removeTagsFromStream(ctx context.Context, k *minikinesis.Kinesis, in *removeTagsIn) (any, error) {
	return nil, k.RemoveTagsFromStream(ctx, &minikinesis.RemoveTagsFromStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), TagKeys: in.TagKeys})
}

type listTagsIn struct {
	streamRef
	ExclusiveStartTagKey *string `json:"ExclusiveStartTagKey"`
	Limit                *int    `json:"Limit"`
}

type listTagsOut struct {
	Tags        []tagOut `json:"Tags"`
	HasMoreTags bool     `json:"HasMoreTags"`
}

func listTagsForStream(ctx context.Context, k *minikinesis.Kinesis, in *listTagsIn) (any, error) {
	if in.Limit != nil && *in.Limit < 1 {
		return nil, &minikinesis.ValidationException{Violations: []minikinesis.Violation{{Path: "limit", Value: itoa(*in.Limit),
			Constraint: "Member must have value greater than or equal to 1"}}}
	}
	out, err := k.ListTagsForStream(ctx, &minikinesis.ListTagsForStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		ExclusiveStartTagKey: str(in.ExclusiveStartTagKey), Limit: num(in.Limit)})
	if err != nil {
		return nil, err
	}
	return &listTagsOut{Tags: tagsOut(out.Tags), HasMoreTags: out.HasMoreTags}, nil
}

type tagResourceIn struct {
	ResourceARN *string           `json:"ResourceARN"`
	Tags        map[string]string `json:"Tags"`
}

func tagResource(ctx context.Context, k *minikinesis.Kinesis, in *tagResourceIn) (any, error) {
	return nil, k.TagResource(ctx, &minikinesis.TagResourceInput{ResourceARN: str(in.ResourceARN), Tags: in.Tags})
}

type untagResourceIn struct {
	ResourceARN *string  `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

func untagResource(ctx context.Context, k *minikinesis.Kinesis, in *untagResourceIn) (any, error) {
	return nil, k.UntagResource(ctx, &minikinesis.UntagResourceInput{ResourceARN: str(in.ResourceARN), TagKeys: in.TagKeys})
}

type listTagsForResourceIn struct {
	ResourceARN *string `json:"ResourceARN"`
}

func listTagsForResource(ctx context.Context, k *minikinesis.Kinesis, in *listTagsForResourceIn) (any, error) {
	out, err := k.ListTagsForResource(ctx, &minikinesis.ListTagsForResourceInput{ResourceARN: str(in.ResourceARN)})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Tags": tagsOut(out.Tags)}, nil
}
