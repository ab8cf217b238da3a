package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

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

func addTagsToStreamRequest(in *addTagsIn) (*minikinesis.AddTagsToStreamInput, error) {
	return &minikinesis.AddTagsToStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), Tags: in.Tags}, nil
}

type removeTagsIn struct {
	streamRef
	TagKeys []string `json:"TagKeys"`
}

func removeTagsFromStreamRequest(in *removeTagsIn) (*minikinesis.RemoveTagsFromStreamInput, error) {
	return &minikinesis.RemoveTagsFromStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN), TagKeys: in.TagKeys}, nil
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

func listTagsForStreamRequest(in *listTagsIn) (*minikinesis.ListTagsForStreamInput, error) {
	if err := atLeastOne("limit", in.Limit); err != nil {
		return nil, err
	}
	return &minikinesis.ListTagsForStreamInput{StreamName: str(in.StreamName), StreamARN: str(in.StreamARN),
		ExclusiveStartTagKey: str(in.ExclusiveStartTagKey), Limit: num(in.Limit)}, nil
}

func listTagsForStreamResponse(out *minikinesis.ListTagsForStreamOutput) *listTagsOut {
	return &listTagsOut{Tags: tagsOut(out.Tags), HasMoreTags: out.HasMoreTags}
}

type tagResourceIn struct {
	ResourceARN *string           `json:"ResourceARN"`
	Tags        map[string]string `json:"Tags"`
}

func tagResourceRequest(in *tagResourceIn) (*minikinesis.TagResourceInput, error) {
	return &minikinesis.TagResourceInput{ResourceARN: str(in.ResourceARN), Tags: in.Tags}, nil
}

type untagResourceIn struct {
	ResourceARN *string  `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

func untagResourceRequest(in *untagResourceIn) (*minikinesis.UntagResourceInput, error) {
	return &minikinesis.UntagResourceInput{ResourceARN: str(in.ResourceARN), TagKeys: in.TagKeys}, nil
}

type listTagsForResourceIn struct {
	ResourceARN *string `json:"ResourceARN"`
}

func listTagsForResourceRequest(in *listTagsForResourceIn) (*minikinesis.ListTagsForResourceInput, error) {
	return &minikinesis.ListTagsForResourceInput{ResourceARN: str(in.ResourceARN)}, nil
}

func listTagsForResourceResponse(out *minikinesis.ListTagsForResourceOutput) map[string]any {
	return map[string]any{"Tags": tagsOut(out.Tags)}
}
