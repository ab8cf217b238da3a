package minikinesis

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// numberedTags returns n tags key-00=value-00, key-01=value-01, ...: their
// keys sort in numeric order.
func numberedTags(n int) map[string]string {
	tags := make(map[string]string, n)
	for i := 0; i < n; i++ {
		tags[fmt.Sprintf("key-%02d", i)] = fmt.Sprintf("value-%02d", i)
	}
	return tags
}

// sortedTagList is tags as ListTagsForStream should list them: by key.
func sortedTagList(tags map[string]string) []Tag {
	out := make([]Tag, 0, len(tags))
	for k, v := range tags {
		out = append(out, Tag{Key: k, Value: v})
	}
	slices.SortFunc(out, func(a, b Tag) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// tagMapText prints a tag map as AWS's Java service does in a violation:
// {k1=v1, k2=v2}, by key.
func tagMapText(tags map[string]string) string {
	parts := make([]string, 0, len(tags))
	for _, tag := range sortedTagList(tags) {
		parts = append(parts, tag.Key+"="+tag.Value)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func listAllTags(t *testing.T, k *Kinesis, name string) []Tag {
	t.Helper()
	out, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: name})
	require.NoError(t, err)
	require.False(t, out.HasMoreTags)
	return out.Tags
}

func TestAddListRemoveTagsForStream(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)

	out, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Empty(t, out.Tags, "a new stream has no tags")
	assert.False(t, out.HasMoreTags)

	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"b": "2", "a": "1", "c": ""}}))
	assert.Equal(t, []Tag{{"a", "1"}, {"b", "2"}, {"c", ""}}, listAllTags(t, k, "s"), "sorted by key; empty values kept")

	// By ARN; an existing key is overwritten, not duplicated.
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamARN: s.ARN(), Tags: map[string]string{"a": "one", "Z": "upper"}}))
	assert.Equal(t, []Tag{{"Z", "upper"}, {"a", "one"}, {"b", "2"}, {"c", ""}}, listAllTags(t, k, "s"), "byte order: upper case sorts first")

	// Absent keys are ignored.
	require.NoError(t, k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: []string{"a", "absent"}}))
	require.NoError(t, k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamARN: s.ARN(), TagKeys: []string{"Z"}}))
	byARN, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamARN: s.ARN()})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"b", "2"}, {"c", ""}}, byARN.Tags)

	// The listing is a copy: changing it changes nothing stored.
	byARN.Tags[0].Value = "changed"
	assert.Equal(t, []Tag{{"b", "2"}, {"c", ""}}, listAllTags(t, k, "s"))

	// The caller's map is copied too.
	mine := map[string]string{"d": "4"}
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: mine}))
	mine["d"] = "changed"
	mine["e"] = "5"
	assert.Equal(t, []Tag{{"b", "2"}, {"c", ""}, {"d", "4"}}, listAllTags(t, k, "s"))
}

func TestListTagsForStreamExclusiveStartAndLimit(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s",
		Tags: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}}))
	cases := []struct {
		name     string
		start    string
		limit    int
		wantKeys []string
		wantMore bool
	}{
		{name: "no limit lists all", wantKeys: []string{"a", "b", "c", "d", "e"}},
		{name: "limit below count", limit: 2, wantKeys: []string{"a", "b"}, wantMore: true},
		{name: "limit equal to count", limit: 5, wantKeys: []string{"a", "b", "c", "d", "e"}},
		{name: "limit above count", limit: 50, wantKeys: []string{"a", "b", "c", "d", "e"}},
		{name: "start at an existing key excludes it", start: "b", limit: 2, wantKeys: []string{"c", "d"}, wantMore: true},
		{name: "start fills the rest exactly", start: "c", limit: 2, wantKeys: []string{"d", "e"}},
		{name: "start between keys", start: "bb", wantKeys: []string{"c", "d", "e"}},
		{name: "start before every key", start: "A", limit: 1, wantKeys: []string{"a"}, wantMore: true},
		{name: "start at the last key", start: "e", wantKeys: nil},
		{name: "start after every key", start: "zzz", limit: 3, wantKeys: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s", ExclusiveStartTagKey: tc.start, Limit: tc.limit})
			require.NoError(t, err)
			var keys []string
			for _, tag := range out.Tags {
				keys = append(keys, tag.Key)
			}
			assert.Equal(t, tc.wantKeys, keys)
			assert.Equal(t, tc.wantMore, out.HasMoreTags)
		})
	}
}

func TestListTagsForStreamWalksFiftyTags(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	all := numberedTags(50)
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: all}))
	for _, limit := range []int{1, 2, 50} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			t.Parallel()
			var got []Tag
			seen := map[string]int{}
			start, pages := "", 0
			for {
				out, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s", ExclusiveStartTagKey: start, Limit: limit})
				require.NoError(t, err)
				pages++
				require.LessOrEqual(t, pages, 50, "the walk must end")
				require.NotEmpty(t, out.Tags, "a page is empty only when nothing is left")
				assert.LessOrEqual(t, len(out.Tags), limit)
				for _, tag := range out.Tags {
					seen[tag.Key]++
				}
				got = append(got, out.Tags...)
				if !out.HasMoreTags {
					break
				}
				start = out.Tags[len(out.Tags)-1].Key
			}
			assert.Equal(t, (50+limit-1)/limit, pages)
			assert.Equal(t, sortedTagList(all), got, "every tag, in key order")
			for key, n := range seen {
				assert.Equal(t, 1, n, "tag %s listed %d times", key, n)
			}
		})
	}
}

func TestFiftyTagsPerStream(t *testing.T) {
	t.Parallel()
	const tooMany = "Failed to add tags to stream s under account 000000000000 because a given stream cannot have more than 50 tags associated with it."
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)

	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: numberedTags(30)}))
	// 20 of these exist already; 21 are new: 51 in all. Nothing is applied.
	batch := numberedTags(51)
	for key := range batch {
		batch[key] = "new"
	}
	err := k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: batch})
	ia := requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, tooMany, ia.ErrorMessage())
	assert.Equal(t, sortedTagList(numberedTags(30)), listAllTags(t, k, "s"), "a refused request changes nothing")

	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: numberedTags(50)}))
	assert.Len(t, listAllTags(t, k, "s"), 50)

	// Full: overwriting is fine, adding is not.
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"key-00": "again"}}))
	err = k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"key-50": "x"}})
	ia = requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, tooMany, ia.ErrorMessage())
	err = k.TagResource(t.Context(), &TagResourceInput{ResourceARN: k.StreamARN("s"), Tags: map[string]string{"key-50": "x"}})
	ia = requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, tooMany, ia.ErrorMessage())

	// Room again after a removal.
	require.NoError(t, k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: []string{"key-10"}}))
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"key-50": "x"}}))
	tags := listAllTags(t, k, "s")
	require.Len(t, tags, 50)
	assert.Equal(t, Tag{"key-00", "again"}, tags[0])
	assert.Equal(t, Tag{"key-50", "x"}, tags[49])
}

func TestCreateStreamWithTags(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	mine := map[string]string{"team": "data", "env": "test"}
	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "s", ShardCount: 1, Tags: mine}))
	mine["env"] = "prod" // the stream keeps its own copy
	assert.Equal(t, []Tag{{"env", "test"}, {"team", "data"}}, listAllTags(t, k, "s"))

	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "full", ShardCount: 1, Tags: numberedTags(50)}))
	assert.Equal(t, sortedTagList(numberedTags(50)), listAllTags(t, k, "full"))
	err := k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "full", Tags: map[string]string{"one": "more"}})
	ia := requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Failed to add tags to stream full under account 000000000000 because a given stream cannot have more than 50 tags associated with it.", ia.ErrorMessage())

	err = k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "big", ShardCount: 1, Tags: numberedTags(51)})
	ia = requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Failed to add tags to stream big under account 000000000000 because a given stream cannot have more than 50 tags associated with it.", ia.ErrorMessage())
	assert.Equal(t, []string{"full", "s"}, k.StreamNames(), "a refused CreateStream creates nothing")

	err = k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "longkey", ShardCount: 1, Tags: map[string]string{strings.Repeat("k", 129): "v"}})
	v := requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value '{"+strings.Repeat("k", 129)+"=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]", v.ErrorMessage())
	assert.Equal(t, []string{"full", "s"}, k.StreamNames())
}

func TestTagResourceByStreamARN(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)

	require.NoError(t, k.TagResource(t.Context(), &TagResourceInput{ResourceARN: s.ARN(), Tags: map[string]string{"b": "2", "a": "1"}}))
	out, err := k.ListTagsForResource(t.Context(), &ListTagsForResourceInput{ResourceARN: s.ARN()})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"a", "1"}, {"b", "2"}}, out.Tags)
	assert.Equal(t, out.Tags, listAllTags(t, k, "s"), "both APIs see the same tags")

	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"c": "3"}}))
	require.NoError(t, k.UntagResource(t.Context(), &UntagResourceInput{ResourceARN: s.ARN(), TagKeys: []string{"a", "absent"}}))
	out, err = k.ListTagsForResource(t.Context(), &ListTagsForResourceInput{ResourceARN: s.ARN()})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"b", "2"}, {"c", "3"}}, out.Tags)
}

func TestTagResourceErrors(t *testing.T) {
	t.Parallel()
	otherAccount := "arn:aws:kinesis:us-east-1:123456789012:stream/s"
	otherRegion := "arn:aws:kinesis:eu-west-1:000000000000:stream/s"
	cases := []struct {
		name     string
		call     func(k *Kinesis) error
		wantType string
		wantMsg  string
	}{
		{name: "TagResource without anything", call: func(k *Kinesis) error { return k.TagResource(t.Context(), nil) },
			wantType: "ValidationException",
			wantMsg:  "2 validation errors detected: Value null at 'tags' failed to satisfy constraint: Member must not be null; Value null at 'resourceARN' failed to satisfy constraint: Member must not be null"},
		{name: "TagResource with empty tags", call: func(k *Kinesis) error {
			return k.TagResource(t.Context(), &TagResourceInput{ResourceARN: k.StreamARN("s"), Tags: map[string]string{}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "TagResource on a non-Kinesis ARN", call: func(k *Kinesis) error {
			return k.TagResource(t.Context(), &TagResourceInput{ResourceARN: "arn:aws:sqs:us-east-1:000000000000:queue", Tags: map[string]string{"a": "b"}})
		}, wantType: "InvalidArgumentException",
			wantMsg: "Resource ARN arn:aws:sqs:us-east-1:000000000000:queue is not a valid Kinesis stream ARN."},
		{name: "TagResource on a missing stream", call: func(k *Kinesis) error {
			return k.TagResource(t.Context(), &TagResourceInput{ResourceARN: k.StreamARN("nope"), Tags: map[string]string{"a": "b"}})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "TagResource in another account", call: func(k *Kinesis) error {
			return k.TagResource(t.Context(), &TagResourceInput{ResourceARN: otherAccount, Tags: map[string]string{"a": "b"}})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream s under account 000000000000 not found."},
		{name: "TagResource in another region", call: func(k *Kinesis) error {
			return k.TagResource(t.Context(), &TagResourceInput{ResourceARN: otherRegion, Tags: map[string]string{"a": "b"}})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream s under account 000000000000 not found."},
		{name: "UntagResource without keys", call: func(k *Kinesis) error {
			return k.UntagResource(t.Context(), &UntagResourceInput{ResourceARN: k.StreamARN("s")})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"},
		{name: "UntagResource without ARN", call: func(k *Kinesis) error {
			return k.UntagResource(t.Context(), &UntagResourceInput{TagKeys: []string{"a"}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint: Member must not be null"},
		{name: "UntagResource on a missing stream", call: func(k *Kinesis) error {
			return k.UntagResource(t.Context(), &UntagResourceInput{ResourceARN: k.StreamARN("nope"), TagKeys: []string{"a"}})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "ListTagsForResource without ARN", call: func(k *Kinesis) error {
			_, err := k.ListTagsForResource(t.Context(), &ListTagsForResourceInput{})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint: Member must not be null"},
		{name: "ListTagsForResource on a non-Kinesis ARN", call: func(k *Kinesis) error {
			_, err := k.ListTagsForResource(t.Context(), &ListTagsForResourceInput{ResourceARN: "not-an-arn"})
			return err
		}, wantType: "InvalidArgumentException", wantMsg: "Resource ARN not-an-arn is not a valid Kinesis stream ARN."},
		{name: "ListTagsForResource on a missing stream", call: func(k *Kinesis) error {
			_, err := k.ListTagsForResource(t.Context(), &ListTagsForResourceInput{ResourceARN: k.StreamARN("nope")})
			return err
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "1"}}))
			err := tc.call(k)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, []Tag{{"a", "1"}}, listAllTags(t, k, "s"), "a refused request changes nothing")
		})
	}
}

func TestTagRequestValidation(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 129)
	longValue := strings.Repeat("v", 257)
	keys51 := make([]string, 51)
	for i := range keys51 {
		keys51[i] = itoa(i)
	}
	tags201 := numberedTags(100)
	for i := 100; i < 201; i++ {
		tags201[fmt.Sprintf("key-%03d", i)] = "x"
	}
	cases := []struct {
		name     string
		call     func(k *Kinesis) error
		wantType string
		wantMsg  string
	}{
		{name: "AddTagsToStream without anything", call: func(k *Kinesis) error { return k.AddTagsToStream(t.Context(), nil) },
			wantType: "ValidationException",
			wantMsg:  "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"},
		{name: "AddTagsToStream without a stream", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{Tags: map[string]string{"a": "b"}})
		}, wantType: "InvalidArgumentException", wantMsg: "Stream arn and stream name can't be empty at the same time"},
		{name: "AddTagsToStream with empty tags", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "AddTagsToStream with a long key", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "1", "b": "2", long: "3"}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '{a=1, " + long + "=3, b=2}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{name: "AddTagsToStream with an empty key", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"": "v"}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{name: "AddTagsToStream with a long value", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "1", "b": "2", "c": longValue}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '{a=1, b=2, c=" + longValue + "}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"},
		{name: "AddTagsToStream with 201 tags", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: tags201})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '" + tagMapText(tags201) + "' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200"},
		{name: "AddTagsToStream with a long stream name reports it before bad characters", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: long, Tags: map[string]string{"a;b": "b"}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{name: "AddTagsToStream on a missing stream", call: func(k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "nope", Tags: map[string]string{"a": "b"}})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "RemoveTagsFromStream without keys", call: func(k *Kinesis) error {
			return k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s"})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"},
		{name: "RemoveTagsFromStream with empty keys", call: func(k *Kinesis) error {
			return k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: []string{}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "RemoveTagsFromStream with 51 keys", call: func(k *Kinesis) error {
			return k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: keys51})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[" + strings.Join(keys51, ", ") + "]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{name: "RemoveTagsFromStream with a long key", call: func(k *Kinesis) error {
			return k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: []string{"a", long, "b"}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[a, " + long + ", b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{name: "RemoveTagsFromStream with a long stream name", call: func(k *Kinesis) error {
			return k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: long, TagKeys: []string{"a"}})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{name: "RemoveTagsFromStream on a missing stream", call: func(k *Kinesis) error {
			return k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "nope", TagKeys: []string{";"}})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "ListTagsForStream limit above 50", call: func(k *Kinesis) error {
			_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s", Limit: 51})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50"},
		{name: "ListTagsForStream negative limit", call: func(k *Kinesis) error {
			_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s", Limit: -1})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "ListTagsForStream long start key", call: func(k *Kinesis) error {
			_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s", ExclusiveStartTagKey: long})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '" + long + "' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{
			// AWS lists limit, then exclusiveStartTagKey, then streamName
			// (kinesalite's test/listTagsForStream.js, recorded against AWS).
			name: "ListTagsForStream violations in AWS's order", call: func(k *Kinesis) error {
				_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: long, ExclusiveStartTagKey: long, Limit: 100})
				return err
			}, wantType: "ValidationException",
			wantMsg: "3 validation errors detected: " +
				"Value '100' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50; " +
				"Value '" + long + "' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length less than or equal to 128; " +
				"Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128",
		},
		{name: "ListTagsForStream without a stream", call: func(k *Kinesis) error {
			_, err := k.ListTagsForStream(t.Context(), nil)
			return err
		}, wantType: "InvalidArgumentException", wantMsg: "Stream arn and stream name can't be empty at the same time"},
		{name: "ListTagsForStream on a missing stream", call: func(k *Kinesis) error {
			_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "nope", ExclusiveStartTagKey: "a", Limit: 1})
			return err
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "1", "b": "2"}}))
			err := tc.call(k)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, []Tag{{"a", "1"}, {"b", "2"}}, listAllTags(t, k, "s"), "a refused request changes nothing")
		})
	}
}

// The character rules and messages below are AWS's, as kinesalite's
// test/addTagsToStream.js and test/removeTagsFromStream.js recorded them
// against the real service: "white space" means the space character, and
// '%' is refused with a message of its own.
const (
	invalidTagCharacters = "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :."
	tagPercentSuffix     = " because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@',':'."
)

func TestAddTagsCharacterRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		tags    map[string]string
		wantMsg string // empty: accepted
	}{
		{name: "letters digits space and symbols", tags: map[string]string{"a": "a", "ü0 _.": "a", "/=+-@": "a", "b": "ü0 _./=+-@", "c": ""}},
		{name: "non-Latin letters", tags: map[string]string{"ключ": "値", "Ωmega": "日本語 テキスト"}},
		{name: "semicolon in key", tags: map[string]string{"abc;def": "1"}, wantMsg: invalidTagCharacters},
		{name: "comma in key", tags: map[string]string{"abc,def": "1"}, wantMsg: invalidTagCharacters},
		{name: "tab in key", tags: map[string]string{"abc\tdef": "1"}, wantMsg: invalidTagCharacters},
		{name: "newline in key", tags: map[string]string{"abc\ndef": "1"}, wantMsg: invalidTagCharacters},
		{name: "semicolon in value", tags: map[string]string{"a": "abc;def"}, wantMsg: invalidTagCharacters},
		{name: "comma in value", tags: map[string]string{"a": "abc,def"}, wantMsg: invalidTagCharacters},
		{name: "tab in value", tags: map[string]string{"a": "abc\tdef"}, wantMsg: invalidTagCharacters},
		{name: "newline in value", tags: map[string]string{"a": "abc\ndef"}, wantMsg: invalidTagCharacters},
		{name: "percent in key", tags: map[string]string{"abc%def": "1"}, wantMsg: "Failed to add tags to stream s under account 000000000000" + tagPercentSuffix},
		{name: "percent in value", tags: map[string]string{"a": "abc%def"}, wantMsg: "Failed to add tags to stream s under account 000000000000" + tagPercentSuffix},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			err := k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: tc.tags})
			if tc.wantMsg == "" {
				require.NoError(t, err)
				assert.Equal(t, sortedTagList(tc.tags), listAllTags(t, k, "s"))
				return
			}
			ia := requireAPIError[*InvalidArgumentException](t, err)
			assert.Equal(t, tc.wantMsg, ia.ErrorMessage())
			assert.Empty(t, listAllTags(t, k, "s"), "nothing is stored")
		})
	}
}

func TestRemoveTagsCharacterRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		keys    []string
		wantMsg string // empty: accepted
	}{
		{name: "valid characters", keys: []string{"ü0 _.", "/=+-@"}},
		{name: "semicolon", keys: []string{"abc;def"}, wantMsg: invalidTagCharacters},
		{name: "tab", keys: []string{"abc\tdef"}, wantMsg: invalidTagCharacters},
		{name: "newline", keys: []string{"abc\ndef"}, wantMsg: invalidTagCharacters},
		{name: "comma", keys: []string{"abc,def"}, wantMsg: invalidTagCharacters},
		{name: "percent", keys: []string{"abc%def"}, wantMsg: "Failed to remove tags from stream s under account 000000000000" + tagPercentSuffix},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"ü0 _.": "a", "/=+-@": "a", "kept": "k"}}))
			err := k.RemoveTagsFromStream(t.Context(), &RemoveTagsFromStreamInput{StreamName: "s", TagKeys: tc.keys})
			if tc.wantMsg == "" {
				require.NoError(t, err)
				assert.Equal(t, []Tag{{"kept", "k"}}, listAllTags(t, k, "s"))
				return
			}
			ia := requireAPIError[*InvalidArgumentException](t, err)
			assert.Equal(t, tc.wantMsg, ia.ErrorMessage())
			assert.Len(t, listAllTags(t, k, "s"), 3)
		})
	}
}

func TestTagsGoWithTheStream(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	require.NoError(t, k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "1"}}))
	require.NoError(t, k.DeleteStream(t.Context(), &DeleteStreamInput{StreamName: "s"}))

	_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s"})
	nf := requireAPIError[*ResourceNotFoundException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 not found.", nf.ErrorMessage())
	err = k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "1"}})
	requireAPIError[*ResourceNotFoundException](t, err)
	_, err = k.ListTagsForResource(t.Context(), &ListTagsForResourceInput{ResourceARN: k.StreamARN("s")})
	requireAPIError[*ResourceNotFoundException](t, err)

	createStream(t, k, "s", 1)
	assert.Empty(t, listAllTags(t, k, "s"), "a re-created stream starts without the old tags")
}
