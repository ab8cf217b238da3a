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

func addTagsToStreamRequest(in *addTagsIn, m *members) *minikinesis.AddTagsToStreamInput {
	return &minikinesis.AddTagsToStreamInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN), Tags: m.tags("tags", in.Tags)}
}

type removeTagsIn struct {
	streamRef
	TagKeys []string `json:"TagKeys"`
}

func removeTagsFromStreamRequest(in *removeTagsIn, m *members) *minikinesis.RemoveTagsFromStreamInput {
	return &minikinesis.RemoveTagsFromStreamInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		TagKeys: m.list("tagKeys", in.TagKeys)}
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

func listTagsForStreamRequest(in *listTagsIn, m *members) *minikinesis.ListTagsForStreamInput {
	return &minikinesis.ListTagsForStreamInput{StreamName: m.opt("streamName", in.StreamName), StreamARN: m.opt("streamARN", in.StreamARN),
		ExclusiveStartTagKey: m.opt("exclusiveStartTagKey", in.ExclusiveStartTagKey), Limit: m.limit("limit", in.Limit)}
}

func listTagsForStreamResponse(out *minikinesis.ListTagsForStreamOutput) *listTagsOut {
	return &listTagsOut{Tags: tagsOut(out.Tags), HasMoreTags: out.HasMoreTags}
}

type tagResourceIn struct {
	ResourceARN *string           `json:"ResourceARN"`
	Tags        map[string]string `json:"Tags"`
}

func tagResourceRequest(in *tagResourceIn, m *members) *minikinesis.TagResourceInput {
	return &minikinesis.TagResourceInput{ResourceARN: m.req("resourceARN", in.ResourceARN), Tags: m.tags("tags", in.Tags)}
}

type untagResourceIn struct {
	ResourceARN *string  `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

func untagResourceRequest(in *untagResourceIn, m *members) *minikinesis.UntagResourceInput {
	return &minikinesis.UntagResourceInput{ResourceARN: m.req("resourceARN", in.ResourceARN), TagKeys: m.list("tagKeys", in.TagKeys)}
}

type listTagsForResourceIn struct {
	ResourceARN *string `json:"ResourceARN"`
}

func listTagsForResourceRequest(in *listTagsForResourceIn, m *members) *minikinesis.ListTagsForResourceInput {
	return &minikinesis.ListTagsForResourceInput{ResourceARN: m.req("resourceARN", in.ResourceARN)}
}

func listTagsForResourceResponse(out *minikinesis.ListTagsForResourceOutput) map[string]any {
	return map[string]any{"Tags": tagsOut(out.Tags)}
}
