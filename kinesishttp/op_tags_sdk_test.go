package kinesishttp_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tag(key, value string) types.Tag {
	return types.Tag{Key: aws.String(key), Value: aws.String(value)}
}

func TestE2EStreamTags(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1), Tags: map[string]string{"team": "data"}})
	require.NoError(t, err)
	list := func(in *kinesis.ListTagsForStreamInput) *kinesis.ListTagsForStreamOutput {
		t.Helper()
		if in.StreamName == nil && in.StreamARN == nil {
			in.StreamName = aws.String("s")
		}
		out, err := c.ListTagsForStream(ctx, in)
		require.NoError(t, err)
		return out
	}

	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"owner": "me", "env": "test", "empty": ""}})
	require.NoError(t, err)
	all := list(&kinesis.ListTagsForStreamInput{})
	assert.Equal(t, []types.Tag{tag("empty", ""), tag("env", "test"), tag("owner", "me"), tag("team", "data")}, all.Tags, "in key order")
	assert.Equal(t, aws.Bool(false), all.HasMoreTags)
	assert.Equal(t, all.Tags, list(&kinesis.ListTagsForStreamInput{StreamARN: aws.String(streamARN("s"))}).Tags)

	page := list(&kinesis.ListTagsForStreamInput{Limit: aws.Int32(2)})
	assert.Equal(t, []types.Tag{tag("empty", ""), tag("env", "test")}, page.Tags)
	assert.Equal(t, aws.Bool(true), page.HasMoreTags)
	page = list(&kinesis.ListTagsForStreamInput{ExclusiveStartTagKey: aws.String("env"), Limit: aws.Int32(2)})
	assert.Equal(t, []types.Tag{tag("owner", "me"), tag("team", "data")}, page.Tags)
	assert.Equal(t, aws.Bool(false), page.HasMoreTags)

	// Adding overwrites; removing ignores keys that are not there.
	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamARN: aws.String(streamARN("s")), Tags: map[string]string{"env": "prod"}})
	require.NoError(t, err)
	_, err = c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("s"), TagKeys: []string{"owner", "absent", "empty"}})
	require.NoError(t, err)
	assert.Equal(t, []types.Tag{tag("env", "prod"), tag("team", "data")}, list(&kinesis.ListTagsForStreamInput{}).Tags)

	// The same tags, by resource ARN.
	_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(streamARN("s")), Tags: map[string]string{"cost": "42"}})
	require.NoError(t, err)
	byARN, err := c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	assert.Equal(t, []types.Tag{tag("cost", "42"), tag("env", "prod"), tag("team", "data")}, byARN.Tags)
	_, err = c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(streamARN("s")), TagKeys: []string{"env", "team"}})
	require.NoError(t, err)
	byARN, err = c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(streamARN("s"))})
	require.NoError(t, err)
	assert.Equal(t, []types.Tag{tag("cost", "42")}, byARN.Tags)
	assert.Equal(t, byARN.Tags, list(&kinesis.ListTagsForStreamInput{}).Tags)
}

func TestE2ETagLimitsAndErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c, ctx := srv.Client, t.Context()
	createStream(t, c, "s", 1)

	fifty := map[string]string{}
	for i := range 50 {
		fifty[fmt.Sprintf("k%02d", i)] = "v"
	}
	_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: fifty})
	require.NoError(t, err)
	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"k00": "overwrite is fine"}})
	require.NoError(t, err)
	const tooMany = "Failed to add tags to stream s under account 000000000000 because a given stream cannot have more than 50 tags associated with it."
	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"one": "more"}})
	requireAWSError[*types.InvalidArgumentException](t, err, tooMany)
	_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(streamARN("s")), Tags: map[string]string{"one": "more"}})
	requireAWSError[*types.InvalidArgumentException](t, err, tooMany)
	out, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")})
	require.NoError(t, err)
	assert.Len(t, out.Tags, 50)
	assert.Equal(t, "overwrite is fine", aws.ToString(out.Tags[0].Value))
	assert.Equal(t, aws.Bool(false), out.HasMoreTags)

	_, err = c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("s"), TagKeys: []string{"k00"}})
	require.NoError(t, err)
	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"bad": "v!"}})
	requireAWSError[*types.InvalidArgumentException](t, err, "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.")
	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{}})
	requireValidation(t, err, "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")
	_, err = c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("s"), TagKeys: []string{}})
	requireValidation(t, err, "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1")
	_, err = c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s"), Limit: aws.Int32(0)})
	requireValidation(t, err, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s"), Limit: aws.Int32(51)})
	requireValidation(t, err, "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50")

	_, err = c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("nope")})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
	_, err = c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(streamARN("nope"))})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
	_, err = c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(streamARN("nope")), TagKeys: []string{"k"}})
	requireAWSError[*types.ResourceNotFoundException](t, err, "Stream nope under account 000000000000 not found.")
	const notAStream = "arn:aws:kinesis:us-east-1:000000000000:table/s"
	_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(notAStream), Tags: map[string]string{"k": "v"}})
	requireAWSError[*types.InvalidArgumentException](t, err, "Resource ARN "+notAStream+" is not a valid Kinesis stream ARN.")
}
