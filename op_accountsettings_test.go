package minikinesis

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func setCommitment(t *testing.T, k *Kinesis, status CommitmentStatus) MinimumThroughputBillingCommitmentOutput {
	t.Helper()
	out, err := k.UpdateAccountSettings(context.Background(), &UpdateAccountSettingsInput{
		MinimumThroughputBillingCommitment: &MinimumThroughputBillingCommitmentInput{Status: status}})
	require.NoError(t, err)
	return out.MinimumThroughputBillingCommitment
}

func commitmentNow(t *testing.T, k *Kinesis) MinimumThroughputBillingCommitmentOutput {
	t.Helper()
	out, err := k.DescribeAccountSettings(context.Background(), &DescribeAccountSettingsInput{})
	require.NoError(t, err)
	return out.MinimumThroughputBillingCommitment
}

func TestMinimumThroughputBillingCommitmentLifecycle(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	assert.Equal(t, MinimumThroughputBillingCommitmentOutput{Status: CommitmentDisabled}, commitmentNow(t, k), "never enabled")
	assert.Equal(t, MinimumThroughputBillingCommitmentOutput{Status: CommitmentDisabled}, setCommitment(t, k, CommitmentDisabled), "disabling a disabled one changes nothing")

	start := clock.Now()
	enabled := MinimumThroughputBillingCommitmentOutput{Status: CommitmentEnabled, StartedAt: start, EarliestAllowedEndAt: start.Add(24 * time.Hour)}
	assert.Equal(t, enabled, setCommitment(t, k, CommitmentEnabled))
	clock.Advance(time.Hour)
	assert.Equal(t, enabled, setCommitment(t, k, CommitmentEnabled), "enabling again keeps the term")

	pending := enabled
	pending.Status = CommitmentEnabledUntilEarliestAllowedEnd
	assert.Equal(t, pending, setCommitment(t, k, CommitmentDisabled), "within the term, the end is scheduled")
	assert.Equal(t, enabled, setCommitment(t, k, CommitmentEnabled), "enabling cancels the scheduled end")
	assert.Equal(t, pending, setCommitment(t, k, CommitmentDisabled))

	clock.Set(start.Add(24 * time.Hour))
	ended := enabled
	ended.Status, ended.EndedAt = CommitmentDisabled, start.Add(24*time.Hour)
	assert.Equal(t, ended, commitmentNow(t, k), "it ends by itself at the term's end")

	clock.Advance(time.Hour)
	restart := clock.Now()
	again := setCommitment(t, k, CommitmentEnabled)
	assert.Equal(t, MinimumThroughputBillingCommitmentOutput{Status: CommitmentEnabled, StartedAt: restart, EarliestAllowedEndAt: restart.Add(24 * time.Hour)}, again, "a new term")
	clock.Advance(25 * time.Hour)
	stop := clock.Now()
	off := setCommitment(t, k, CommitmentDisabled)
	assert.Equal(t, MinimumThroughputBillingCommitmentOutput{Status: CommitmentDisabled, StartedAt: restart, EarliestAllowedEndAt: restart.Add(24 * time.Hour), EndedAt: stop}, off, "after the term, it ends at once")
}

func TestUpdateAccountSettingsValidation(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	tests := []struct {
		name string
		in   *UpdateAccountSettingsInput
		ctx  context.Context
		want string
	}{
		{"no commitment", &UpdateAccountSettingsInput{}, t.Context(),
			"1 validation error detected: Value null at 'minimumThroughputBillingCommitment' failed to satisfy constraint: Member must not be null"},
		{"no status", &UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &MinimumThroughputBillingCommitmentInput{}}, t.Context(),
			"1 validation error detected: Value null at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must not be null"},
		{"status over the wire empty", &UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &MinimumThroughputBillingCommitmentInput{}},
			WithMembers(t.Context(), Members{Empty: []string{"minimumThroughputBillingCommitment.status"}}),
			"1 validation error detected: Value '' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"},
		{"pending end is not a request", &UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &MinimumThroughputBillingCommitmentInput{Status: CommitmentEnabledUntilEarliestAllowedEnd}}, t.Context(),
			"1 validation error detected: Value 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.UpdateAccountSettings(tt.ctx, tt.in)
			assert.Equal(t, tt.want, requireAPIError[*ValidationException](t, err).ErrorMessage())
		})
	}
	assert.Equal(t, CommitmentDisabled, commitmentNow(t, k).Status)
}

func TestAccountSettingsRateLimit(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithControlPlaneRateLimits())
	for range 5 {
		_, err := k.DescribeAccountSettings(t.Context(), &DescribeAccountSettingsInput{})
		require.NoError(t, err)
	}
	_, err := k.DescribeAccountSettings(t.Context(), &DescribeAccountSettingsInput{})
	assert.Equal(t, "Rate exceeded for account 000000000000.", requireAPIError[*LimitExceededException](t, err).Message)
	clock.Advance(time.Second)
	_, err = k.DescribeAccountSettings(t.Context(), &DescribeAccountSettingsInput{})
	assert.NoError(t, err)
}
