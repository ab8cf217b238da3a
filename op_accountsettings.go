package minikinesis

import (
	"context"
	"sync"
	"time"
)

// CommitmentStatus is the state of an account's minimum throughput
// billing commitment, named as AWS names it.
type CommitmentStatus string

// The states of a commitment. ENABLED and DISABLED are also the states a
// request may ask for.
const (
	CommitmentEnabled  CommitmentStatus = "ENABLED"
	CommitmentDisabled CommitmentStatus = "DISABLED"
	// CommitmentEnabledUntilEarliestAllowedEnd is a commitment asked to
	// end before its minimum term: it ends by itself at
	// EarliestAllowedEndAt, unless enabled again before.
	CommitmentEnabledUntilEarliestAllowedEnd CommitmentStatus = "ENABLED_UNTIL_EARLIEST_ALLOWED_END"
)

// MinimumCommitmentTerm is how long a minimum throughput billing
// commitment lasts at least once enabled, as AWS documents it.
const MinimumCommitmentTerm = 24 * time.Hour

// MinimumThroughputBillingCommitmentInput mirrors AWS's
// MinimumThroughputBillingCommitmentInput.
type MinimumThroughputBillingCommitmentInput struct {
	// Status is ENABLED or DISABLED.
	Status CommitmentStatus
}

// MinimumThroughputBillingCommitmentOutput mirrors AWS's
// MinimumThroughputBillingCommitmentOutput. Times are zero when AWS
// leaves them out.
type MinimumThroughputBillingCommitmentOutput struct {
	Status               CommitmentStatus
	StartedAt            time.Time
	EndedAt              time.Time
	EarliestAllowedEndAt time.Time
}

// DescribeAccountSettingsInput mirrors the AWS DescribeAccountSettings
// request, which has no members.
type DescribeAccountSettingsInput struct{}

func (in *DescribeAccountSettingsInput) target() callTarget { return callTarget{} }

// DescribeAccountSettingsOutput mirrors the AWS DescribeAccountSettings
// response.
type DescribeAccountSettingsOutput struct {
	MinimumThroughputBillingCommitment MinimumThroughputBillingCommitmentOutput
}

// UpdateAccountSettingsInput mirrors the AWS UpdateAccountSettings request.
type UpdateAccountSettingsInput struct {
	MinimumThroughputBillingCommitment *MinimumThroughputBillingCommitmentInput
}

func (in *UpdateAccountSettingsInput) target() callTarget { return callTarget{} }

func (in *UpdateAccountSettingsInput) clipped() any {
	c := *in
	if m := c.MinimumThroughputBillingCommitment; m != nil {
		c.MinimumThroughputBillingCommitment = &MinimumThroughputBillingCommitmentInput{Status: CommitmentStatus(clip(string(m.Status)))}
	}
	return &c
}

// UpdateAccountSettingsOutput mirrors the AWS UpdateAccountSettings
// response.
type UpdateAccountSettingsOutput struct {
	MinimumThroughputBillingCommitment MinimumThroughputBillingCommitmentOutput
}

// accountState is what an account keeps beside its streams: its settings
// and its channels. Its lock is the innermost of the model's: nothing is
// locked while it is held.
type accountState struct {
	mu         sync.Mutex
	commitment commitment
	channels   map[string]*ChannelState // by name
}

// commitment is an account's minimum throughput billing commitment. The
// zero value is one never enabled.
type commitment struct {
	status                        CommitmentStatus // "" until first enabled
	started, ended, earliestEnded time.Time
}

// at is the commitment as it stands at now: one asked to end whose
// minimum term is over has ended, at the term's end.
func (c commitment) at(now time.Time) commitment {
	if c.status == "" {
		c.status = CommitmentDisabled
	}
	if c.status == CommitmentEnabledUntilEarliestAllowedEnd && !now.Before(c.earliestEnded) {
		c.status, c.ended = CommitmentDisabled, c.earliestEnded
	}
	return c
}

// enabled reports whether the commitment is in force at now, as warm
// throughput needs.
func (c commitment) enabled(now time.Time) bool {
	return c.at(now).status != CommitmentDisabled
}

// to is the commitment after a request for status at now: enabling
// starts a term (or cancels a pending end), disabling ends it, or within
// the minimum term schedules its end.
func (c commitment) to(status CommitmentStatus, now time.Time) commitment {
	c = c.at(now)
	switch {
	case status == CommitmentEnabled && c.status == CommitmentDisabled:
		return commitment{status: CommitmentEnabled, started: now, earliestEnded: now.Add(MinimumCommitmentTerm)}
	case status == CommitmentEnabled:
		c.status = CommitmentEnabled
	case status == CommitmentDisabled && c.status == CommitmentEnabled:
		if now.Before(c.earliestEnded) {
			c.status = CommitmentEnabledUntilEarliestAllowedEnd
		} else {
			c.status, c.ended = CommitmentDisabled, now
		}
	}
	return c
}

func (c commitment) describe(now time.Time) MinimumThroughputBillingCommitmentOutput {
	c = c.at(now)
	return MinimumThroughputBillingCommitmentOutput{Status: c.status, StartedAt: c.started, EndedAt: c.ended, EarliestAllowedEndAt: c.earliestEnded}
}

// commitmentEnabled reports whether the account's commitment is in force.
func (k *Kinesis) commitmentEnabled(now time.Time) bool {
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	return k.account.commitment.enabled(now)
}

// DescribeAccountSettings reports the account's minimum throughput billing
// commitment.
func (k *Kinesis) DescribeAccountSettings(ctx context.Context, in *DescribeAccountSettingsInput) (*DescribeAccountSettingsOutput, error) {
	return call(k, ctx, OpDescribeAccountSettings, in, k.opDescribeAccountSettings)
}

// opDescribeAccountSettings is DescribeAccountSettings without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDescribeAccountSettings(ctx context.Context, _ *DescribeAccountSettingsInput) (*DescribeAccountSettingsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	if err := k.rates.allow(now, OpDescribeAccountSettings, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	return &DescribeAccountSettingsOutput{MinimumThroughputBillingCommitment: k.account.commitment.describe(now)}, nil
}

// UpdateAccountSettings enables or disables the account's minimum
// throughput billing commitment, which warm throughput needs. A
// commitment lasts MinimumCommitmentTerm at least: disabled sooner, it
// reads ENABLED_UNTIL_EARLIEST_ALLOWED_END and ends by itself then, unless
// enabled again before.
func (k *Kinesis) UpdateAccountSettings(ctx context.Context, in *UpdateAccountSettingsInput) (*UpdateAccountSettingsOutput, error) {
	return call(k, ctx, OpUpdateAccountSettings, in, k.opUpdateAccountSettings)
}

// opUpdateAccountSettings is UpdateAccountSettings without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateAccountSettings(ctx context.Context, in *UpdateAccountSettingsInput) (*UpdateAccountSettingsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var v violations
	const path = "minimumThroughputBillingCommitment"
	switch m := in.MinimumThroughputBillingCommitment; {
	case m == nil:
		v = append(v, nullViolation(path))
	case m.Status == "":
		v = append(v, nullViolation(path+".status"))
	case m.Status != CommitmentEnabled && m.Status != CommitmentDisabled:
		v = append(v, enumViolation(path+".status", string(m.Status), "ENABLED, DISABLED"))
	}
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	if err := k.rates.allow(now, OpUpdateAccountSettings, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	k.account.commitment = k.account.commitment.to(in.MinimumThroughputBillingCommitment.Status, now)
	return &UpdateAccountSettingsOutput{MinimumThroughputBillingCommitment: k.account.commitment.describe(now)}, nil
}
