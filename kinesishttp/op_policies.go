package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type resourcePolicyIn struct {
	ResourceARN *string `json:"ResourceARN"`
	Policy      *string `json:"Policy"`
	StreamId    *string `json:"StreamId"` // reserved by AWS; ignored
}

type getResourcePolicyOut struct {
	Policy string `json:"Policy"`
}

func putResourcePolicyRequest(in *resourcePolicyIn, m *members) *minikinesis.PutResourcePolicyInput {
	return &minikinesis.PutResourcePolicyInput{ResourceARN: m.req("resourceARN", in.ResourceARN), Policy: m.req("policy", in.Policy)}
}

func getResourcePolicyRequest(in *resourcePolicyIn, m *members) *minikinesis.GetResourcePolicyInput {
	return &minikinesis.GetResourcePolicyInput{ResourceARN: m.req("resourceARN", in.ResourceARN)}
}

func getResourcePolicyResponse(out *minikinesis.GetResourcePolicyOutput) *getResourcePolicyOut {
	return &getResourcePolicyOut{Policy: out.Policy}
}

func deleteResourcePolicyRequest(in *resourcePolicyIn, m *members) *minikinesis.DeleteResourcePolicyInput {
	return &minikinesis.DeleteResourcePolicyInput{ResourceARN: m.req("resourceARN", in.ResourceARN)}
}
