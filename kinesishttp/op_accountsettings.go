package kinesishttp

import (
	"time"

	"github.com/minikinesis/minikinesis"
)

type commitmentIn struct {
	Status *string `json:"Status"`
}

type updateAccountSettingsIn struct {
	MinimumThroughputBillingCommitment *commitmentIn `json:"MinimumThroughputBillingCommitment"`
}

type commitmentOut struct {
	Status               string     `json:"Status"`
	StartedAt            *epochTime `json:"StartedAt,omitempty"`
	EndedAt              *epochTime `json:"EndedAt,omitempty"`
	EarliestAllowedEndAt *epochTime `json:"EarliestAllowedEndAt,omitempty"`
}

type accountSettingsOut struct {
	MinimumThroughputBillingCommitment commitmentOut `json:"MinimumThroughputBillingCommitment"`
}

// optionalStamp is a timestamp member left out when t is zero.
func optionalStamp(t time.Time) *epochTime {
	if t.IsZero() {
		return nil
	}
	return stamp(t)
}

func commitmentResponse(c minikinesis.MinimumThroughputBillingCommitmentOutput) commitmentOut {
	return commitmentOut{Status: string(c.Status), StartedAt: optionalStamp(c.StartedAt), EndedAt: optionalStamp(c.EndedAt),
		EarliestAllowedEndAt: optionalStamp(c.EarliestAllowedEndAt)}
}

func describeAccountSettingsRequest(*struct{}, *members) *minikinesis.DescribeAccountSettingsInput {
	return &minikinesis.DescribeAccountSettingsInput{}
}

func describeAccountSettingsResponse(out *minikinesis.DescribeAccountSettingsOutput) *accountSettingsOut {
	return &accountSettingsOut{MinimumThroughputBillingCommitment: commitmentResponse(out.MinimumThroughputBillingCommitment)}
}

func updateAccountSettingsRequest(in *updateAccountSettingsIn, m *members) *minikinesis.UpdateAccountSettingsInput {
	const path = "minimumThroughputBillingCommitment"
	c := in.MinimumThroughputBillingCommitment
	if c == nil {
		m.absent(path)
		return &minikinesis.UpdateAccountSettingsInput{}
	}
	return &minikinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &minikinesis.MinimumThroughputBillingCommitmentInput{
		Status: minikinesis.CommitmentStatus(m.req(path+".status", c.Status))}}
}

func updateAccountSettingsResponse(out *minikinesis.UpdateAccountSettingsOutput) *accountSettingsOut {
	return &accountSettingsOut{MinimumThroughputBillingCommitment: commitmentResponse(out.MinimumThroughputBillingCommitment)}
}
