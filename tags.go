package minikinesis

import (
	"context"
	"slices"
	"strings"
	"unicode"
)

const (
	maxTagsPerStream     = 50
	maxTagsPerRequest    = 200
	maxTagKeysPerRequest = 50
	maxTagKeyLength      = 128
	maxTagValueLength    = 256
	maxListTagsLimit     = 50
)

// Tag is one key/value pair on a stream, as AWS lists it.
type Tag struct {
	Key   string
	Value string
}

// AddTagsToStreamInput mirrors the AWS AddTagsToStream request.
type AddTagsToStreamInput struct {
	StreamName string
	StreamARN  string
	Tags       map[string]string
}

// RemoveTagsFromStreamInput mirrors the AWS RemoveTagsFromStream request.
type RemoveTagsFromStreamInput struct {
	StreamName string
	StreamARN  string
	TagKeys    []string
}

// ListTagsForStreamInput mirrors the AWS ListTagsForStream request.
type ListTagsForStreamInput struct {
	StreamName string
	StreamARN  string
	// ExclusiveStartTagKey lists only the keys after this one.
	ExclusiveStartTagKey string
	// Limit caps the tags returned (1..50; zero means 50).
	Limit int
}

// ListTagsForStreamOutput mirrors the AWS ListTagsForStream response: tags
// in key order, and whether more follow.
type ListTagsForStreamOutput struct {
	Tags        []Tag
	HasMoreTags bool
}

// TagResourceInput mirrors the AWS TagResource request (by ARN).
type TagResourceInput struct {
	ResourceARN string
	Tags        map[string]string
}

// UntagResourceInput mirrors the AWS UntagResource request (by ARN).
type UntagResourceInput struct {
	ResourceARN string
	TagKeys     []string
}

// ListTagsForResourceInput mirrors the AWS ListTagsForResource request.
type ListTagsForResourceInput struct {
	ResourceARN string
}

// ListTagsForResourceOutput mirrors the AWS ListTagsForResource response.
type ListTagsForResourceOutput struct {
	Tags []Tag
}

// AddTagsToStream adds or overwrites tags; a stream holds at most 50.
func (k *Kinesis) AddTagsToStream(ctx context.Context, in *AddTagsToStreamInput) error {
	if in == nil {
		in = &AddTagsToStreamInput{}
	}
	var v violations
	v.requireTagMap("tags", in.Tags)
	s, err := k.streamFor(ctx, "AddTagsToStream", in.StreamName, in.StreamARN, v)
	if err != nil {
		return err
	}
	return s.addTags(in.Tags)
}

// RemoveTagsFromStream removes the tags with the given keys; absent keys are
// ignored.
func (k *Kinesis) RemoveTagsFromStream(ctx context.Context, in *RemoveTagsFromStreamInput) error {
	if in == nil {
		in = &RemoveTagsFromStreamInput{}
	}
	var v violations
	v.checkTagKeys("tagKeys", in.TagKeys)
	s, err := k.streamFor(ctx, "RemoveTagsFromStream", in.StreamName, in.StreamARN, v)
	if err != nil {
		return err
	}
	s.removeTags(in.TagKeys)
	return nil
}

// ListTagsForStream lists a stream's tags in key order, a page at a time.
func (k *Kinesis) ListTagsForStream(ctx context.Context, in *ListTagsForStreamInput) (*ListTagsForStreamOutput, error) {
	if in == nil {
		in = &ListTagsForStreamInput{}
	}
	var v violations
	if in.ExclusiveStartTagKey != "" {
		v.checkLength("exclusiveStartTagKey", in.ExclusiveStartTagKey, 1, maxTagKeyLength)
	}
	if in.Limit < 0 {
		v = append(v, minValueViolation("limit", in.Limit, 1))
	}
	if in.Limit > maxListTagsLimit {
		v = append(v, maxValueViolation("limit", in.Limit, maxListTagsLimit))
	}
	s, err := k.streamFor(ctx, "ListTagsForStream", in.StreamName, in.StreamARN, v)
	if err != nil {
		return nil, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = maxListTagsLimit
	}
	all := s.sortedTags()
	start, _ := slices.BinarySearchFunc(all, in.ExclusiveStartTagKey, func(t Tag, key string) int { return strings.Compare(t.Key, key) })
	if start < len(all) && in.ExclusiveStartTagKey != "" && all[start].Key == in.ExclusiveStartTagKey {
		start++
	}
	page := all[start:]
	out := &ListTagsForStreamOutput{HasMoreTags: len(page) > limit}
	if len(page) > limit {
		page = page[:limit]
	}
	out.Tags = page
	return out, nil
}

// TagResource adds tags to the stream an ARN names.
func (k *Kinesis) TagResource(ctx context.Context, in *TagResourceInput) error {
	if in == nil {
		in = &TagResourceInput{}
	}
	var v violations
	v.requireTagMap("tags", in.Tags)
	s, err := k.resourceFor(ctx, "TagResource", in.ResourceARN, v)
	if err != nil {
		return err
	}
	return s.addTags(in.Tags)
}

// UntagResource removes tags from the stream an ARN names.
func (k *Kinesis) UntagResource(ctx context.Context, in *UntagResourceInput) error {
	if in == nil {
		in = &UntagResourceInput{}
	}
	var v violations
	v.checkTagKeys("tagKeys", in.TagKeys)
	s, err := k.resourceFor(ctx, "UntagResource", in.ResourceARN, v)
	if err != nil {
		return err
	}
	s.removeTags(in.TagKeys)
	return nil
}

// ListTagsForResource lists every tag of the stream an ARN names.
func (k *Kinesis) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	if in == nil {
		in = &ListTagsForResourceInput{}
	}
	s, err := k.resourceFor(ctx, "ListTagsForResource", in.ResourceARN, nil)
	if err != nil {
		return nil, err
	}
	return &ListTagsForResourceOutput{Tags: s.sortedTags()}, nil
}

// resourceFor resolves a ResourceARN member to its stream.
func (k *Kinesis) resourceFor(ctx context.Context, op, arn string, v violations) (*Stream, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if arn == "" {
		v = append(v, nullViolation("resourceARN"))
	} else {
		v.checkLength("resourceARN", arn, 1, maxARNLength)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if !streamARNRegexp.MatchString(arn) {
		return nil, &InvalidArgumentException{Message: "Resource ARN " + arn + " is not a valid Kinesis stream ARN."}
	}
	return k.streamFor(ctx, op, "", arn, nil)
}

func (s *Stream) addTags(tags map[string]string) error {
	if err := checkTagCharacters(tags); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	added := 0
	for key := range tags {
		if _, ok := s.tags[key]; !ok {
			added++
		}
	}
	if len(s.tags)+added > maxTagsPerStream {
		return tooManyTags(s.name, s.k.cfg.accountID)
	}
	for key, value := range tags {
		s.tags[key] = value
	}
	return nil
}

func (s *Stream) removeTags(keys []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range keys {
		delete(s.tags, key)
	}
}

func (s *Stream) sortedTags() []Tag {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Tag, 0, len(s.tags))
	for key, value := range s.tags {
		out = append(out, Tag{Key: key, Value: value})
	}
	slices.SortFunc(out, func(a, b Tag) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// requireTagMap checks a tags member that must be present.
func (v *violations) requireTagMap(path string, tags map[string]string) {
	if tags == nil {
		*v = append(*v, nullViolation(path))
		return
	}
	if len(tags) == 0 {
		*v = append(*v, minLengthViolation(path, "{}", 1))
	}
	v.checkTagMap(path, tags)
}

// checkTagMap checks a tags map's size and its keys' and values' lengths.
func (v *violations) checkTagMap(path string, tags map[string]string) {
	if len(tags) > maxTagsPerRequest {
		*v = append(*v, maxLengthViolation(path, tagMapValue(tags), maxTagsPerRequest))
	}
	keysOK, valuesOK := true, true
	for key, value := range tags {
		if short, long := lengthFails(key, 1, maxTagKeyLength); short || long {
			keysOK = false
		}
		if _, long := lengthFails(value, 0, maxTagValueLength); long {
			valuesOK = false
		}
	}
	if !keysOK {
		*v = append(*v, Violation{Path: path, Value: tagMapValue(tags),
			Constraint: "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"})
	}
	if !valuesOK {
		*v = append(*v, Violation{Path: path, Value: tagMapValue(tags),
			Constraint: "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"})
	}
}

// checkTagKeys checks a list of tag keys to remove.
func (v *violations) checkTagKeys(path string, keys []string) {
	switch {
	case keys == nil:
		*v = append(*v, nullViolation(path))
		return
	case len(keys) == 0:
		*v = append(*v, minLengthViolation(path, "[]", 1))
	case len(keys) > maxTagKeysPerRequest:
		*v = append(*v, maxLengthViolation(path, "["+strings.Join(keys, ", ")+"]", maxTagKeysPerRequest))
	}
	for _, key := range keys {
		if short, long := lengthFails(key, 1, maxTagKeyLength); short || long {
			*v = append(*v, Violation{Path: path, Value: "[" + strings.Join(keys, ", ") + "]",
				Constraint: "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"})
			return
		}
	}
}

func tagMapValue(tags map[string]string) string {
	keys := make([]string, 0, len(tags))
	for key := range tags {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, key := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(key + "=" + tags[key])
	}
	b.WriteByte('}')
	return b.String()
}

// checkTagCharacters enforces AWS's character rules for tag keys and
// values: Unicode letters, digits, white space and _ . / = + - @ :.
func checkTagCharacters(tags map[string]string) error {
	valid := func(s string) bool {
		for _, r := range s {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune("_./=+-%@:", r) {
				return false
			}
		}
		return true
	}
	hasPercent := false
	for key, value := range tags {
		if !valid(key) || !valid(value) {
			return &InvalidArgumentException{Message: "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :."}
		}
		hasPercent = hasPercent || strings.Contains(key, "%") || strings.Contains(value, "%")
	}
	if hasPercent {
		return &InvalidArgumentException{Message: "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - @ :."}
	}
	return nil
}

func tooManyTags(stream, account string) error {
	return &InvalidArgumentException{Message: "Failed to add tags to stream " + stream + " under account " + account + " because a given stream cannot have more than " + itoa(maxTagsPerStream) + " tags associated with it."}
}
