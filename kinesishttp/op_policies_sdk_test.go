package kinesishttp_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sdkPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kinesis:GetRecords","Resource":"*"}]}`

func TestE2EResourcePolicies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)
	reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN("s")), ConsumerName: aws.String("app")})
	require.NoError(t, err)

	got, err := c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	assert.Equal(t, "{}", aws.ToString(got.Policy))
	for _, arn := range []*string{aws.String(streamARN("s")), reg.Consumer.ConsumerARN} {
		_, err = c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: arn, Policy: aws.String(sdkPolicy)})
		require.NoError(t, err)
		got, err = c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: arn})
		require.NoError(t, err)
		assert.Equal(t, sdkPolicy, aws.ToString(got.Policy))
	}
	_, err = c.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	_, err = c.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(streamARN("s"))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "No resource policy found for resource "+streamARN("s")+".")

	_, err = c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(streamARN("s")), Policy: aws.String("")})
	requireAWSError[*types.InvalidArgumentException](t, err, "Invalid resource policy: the policy is not a JSON object.")
	_, err = c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:000000000000:channel/x"), Policy: aws.String(sdkPolicy)})
	requireValidation(t, err, "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:000000000000:channel/x' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+")
	_, err = c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(streamARN("nope"))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
}
