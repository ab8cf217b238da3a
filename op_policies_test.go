package minikinesis

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["kinesis:GetRecords","kinesis:GetShardIterator"],"Resource":"*"}]}`

func TestResourcePolicyOnStreamAndConsumer(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	ctx := t.Context()
	s := createStream(t, k, "s", 1)
	reg, err := k.RegisterStreamConsumer(ctx, &RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	require.NoError(t, err)
	consumerARN := reg.Consumer.ConsumerARN

	for _, arn := range []string{s.ARN(), consumerARN} {
		got, err := k.GetResourcePolicy(ctx, &GetResourcePolicyInput{ResourceARN: arn})
		require.NoError(t, err)
		assert.Equal(t, "{}", got.Policy, "no policy yet on %s", arn)
	}
	require.NoError(t, k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: s.ARN(), Policy: testPolicy}))
	consumerPolicy := strings.Replace(testPolicy, "GetRecords", "SubscribeToShard", 1)
	require.NoError(t, k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: consumerARN, Policy: consumerPolicy}))

	got, err := k.GetResourcePolicy(ctx, &GetResourcePolicyInput{ResourceARN: s.ARN()})
	require.NoError(t, err)
	assert.Equal(t, testPolicy, got.Policy, "kept verbatim")
	got, err = k.GetResourcePolicy(ctx, &GetResourcePolicyInput{ResourceARN: consumerARN})
	require.NoError(t, err)
	assert.Equal(t, consumerPolicy, got.Policy, "the consumer has its own")

	require.NoError(t, k.DeleteResourcePolicy(ctx, &DeleteResourcePolicyInput{ResourceARN: s.ARN()}))
	got, err = k.GetResourcePolicy(ctx, &GetResourcePolicyInput{ResourceARN: s.ARN()})
	require.NoError(t, err)
	assert.Equal(t, "{}", got.Policy)
	err = k.DeleteResourcePolicy(ctx, &DeleteResourcePolicyInput{ResourceARN: s.ARN()})
	assert.Equal(t, "No resource policy found for resource "+s.ARN()+".", requireAPIError[*ResourceNotFoundException](t, err).Message)

	// A consumer registered anew under the same name starts without one.
	require.NoError(t, k.DeregisterStreamConsumer(ctx, &DeregisterStreamConsumerInput{ConsumerARN: consumerARN}))
	_, err = k.GetResourcePolicy(ctx, &GetResourcePolicyInput{ResourceARN: consumerARN})
	assert.Equal(t, "Consumer app under stream s not found for account 000000000000.", requireAPIError[*ResourceNotFoundException](t, err).Message)
}

func TestPutResourcePolicyValidation(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	arn := s.ARN()
	tests := []struct {
		name   string
		in     PutResourcePolicyInput
		want   error
		wantIn string // the message
	}{
		{"nothing", PutResourcePolicyInput{}, &ValidationException{},
			"2 validation errors detected: Value null at 'policy' failed to satisfy constraint: Member must not be null; Value null at 'resourceARN' failed to satisfy constraint: Member must not be null"},
		{"not a kinesis ARN", PutResourcePolicyInput{ResourceARN: "arn:aws:sqs:us-east-1:000000000000:q", Policy: testPolicy}, &ValidationException{},
			"1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:q' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"},
		{"bad consumer ARN", PutResourcePolicyInput{ResourceARN: arn + "/consumer/app", Policy: testPolicy}, &InvalidArgumentException{},
			"ConsumerARN " + arn + "/consumer/app is not a valid consumer ARN."},
		{"missing stream", PutResourcePolicyInput{ResourceARN: k.StreamARN("nope"), Policy: testPolicy}, &ResourceNotFoundException{},
			"Stream nope under account 000000000000 not found."},
		{"missing consumer", PutResourcePolicyInput{ResourceARN: arn + "/consumer/app:1", Policy: testPolicy}, &ResourceNotFoundException{},
			"Consumer app under stream s not found for account 000000000000."},
		{"not JSON", PutResourcePolicyInput{ResourceARN: arn, Policy: "allow all"}, &InvalidArgumentException{},
			"Invalid resource policy: the policy is not a JSON object."},
		{"no statement", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Version":"2012-10-17"}`}, &InvalidArgumentException{},
			"Invalid resource policy: the policy has no Statement."},
		{"empty statements", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Statement":[]}`}, &InvalidArgumentException{},
			"Invalid resource policy: the policy has no Statement."},
		{"bad version", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Version":"2020","Statement":[]}`}, &InvalidArgumentException{},
			"Invalid resource policy: Version must be 2012-10-17 or 2008-10-17."},
		{"bad effect", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Statement":{"Effect":"Maybe","Principal":"*","Action":"kinesis:*"}}`}, &InvalidArgumentException{},
			"Invalid resource policy: statement 1 needs an Effect of Allow or Deny."},
		{"no principal", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kinesis:*"},{"Effect":"Deny","Action":"kinesis:*"}]}`}, &InvalidArgumentException{},
			"Invalid resource policy: statement 2 needs a Principal."},
		{"no action", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Statement":{"Effect":"Allow","NotPrincipal":"*","Action":null}}`}, &InvalidArgumentException{},
			"Invalid resource policy: statement 1 needs an Action."},
		{"too large", PutResourcePolicyInput{ResourceARN: arn, Policy: `{"Sid":"` + strings.Repeat("x", MaxResourcePolicyBytes) + `"}`}, &InvalidArgumentException{},
			"Resource policy of 20490 bytes exceeds the maximum of 20480 bytes."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := k.PutResourcePolicy(t.Context(), &tt.in)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.wantIn, err.(APIError).ErrorMessage())
		})
	}
	got, err := k.GetResourcePolicy(t.Context(), &GetResourcePolicyInput{ResourceARN: arn})
	require.NoError(t, err)
	assert.Equal(t, "{}", got.Policy, "nothing refused was stored")
}

func TestPutResourcePolicyEmptyOverTheWireIsJudgedAsADocument(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	ctx := WithMembers(t.Context(), Members{Empty: []string{"policy"}})
	err := k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: s.ARN()})
	assert.Equal(t, "Invalid resource policy: the policy is not a JSON object.", requireAPIError[*InvalidArgumentException](t, err).Message)
	ctx = WithMembers(t.Context(), Members{Absent: []string{"policy"}})
	err = k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: s.ARN()})
	assert.Equal(t, "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null", requireAPIError[*ValidationException](t, err).ErrorMessage())
}

func TestResourcePolicyNeedsASettledStreamAndAnActiveConsumer(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Creating: time.Minute, ConsumerCreating: time.Minute}))
	ctx := context.Background()
	require.NoError(t, k.CreateStream(ctx, &CreateStreamInput{StreamName: "s", ShardCount: 1}))
	err := k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: k.StreamARN("s"), Policy: testPolicy})
	assert.Equal(t, "Stream s under account 000000000000 not ACTIVE, instead in state CREATING", requireAPIError[*ResourceInUseException](t, err).Message)
	clock.Advance(time.Minute)
	reg, err := k.RegisterStreamConsumer(ctx, &RegisterStreamConsumerInput{StreamARN: k.StreamARN("s"), ConsumerName: "app"})
	require.NoError(t, err)
	err = k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: reg.Consumer.ConsumerARN, Policy: testPolicy})
	assert.Equal(t, "Consumer app under stream s for account 000000000000 not ACTIVE, instead in state CREATING", requireAPIError[*ResourceInUseException](t, err).Message)
	clock.Advance(time.Minute)
	require.NoError(t, k.PutResourcePolicy(ctx, &PutResourcePolicyInput{ResourceARN: reg.Consumer.ConsumerARN, Policy: testPolicy}))
}
