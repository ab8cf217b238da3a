package minikinesis

import (
	"context"
	"slices"
	"strings"
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

func (in *AddTagsToStreamInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *AddTagsToStreamInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.Tags = clipMap(c.Tags)
	return &c
}

// RemoveTagsFromStreamInput mirrors the AWS RemoveTagsFromStream request.
type RemoveTagsFromStreamInput struct {
	StreamName string
	StreamARN  string
	TagKeys    []string
}

func (in *RemoveTagsFromStreamInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *RemoveTagsFromStreamInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.TagKeys = clipList(c.TagKeys)
	return &c
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

func (in *ListTagsForStreamInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *ListTagsForStreamInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ExclusiveStartTagKey = clip(c.ExclusiveStartTagKey)
	return &c
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

func (in *TagResourceInput) target() callTarget { return callTarget{arn: in.ResourceARN} }

func (in *TagResourceInput) clipped() any {
	c := *in
	c.ResourceARN = clip(c.ResourceARN)
	c.Tags = clipMap(c.Tags)
	return &c
}

// UntagResourceInput mirrors the AWS UntagResource request (by ARN).
type UntagResourceInput struct {
	ResourceARN string
	TagKeys     []string
}

func (in *UntagResourceInput) target() callTarget { return callTarget{arn: in.ResourceARN} }

func (in *UntagResourceInput) clipped() any {
	c := *in
	c.ResourceARN = clip(c.ResourceARN)
	c.TagKeys = clipList(c.TagKeys)
	return &c
}

// ListTagsForResourceInput mirrors the AWS ListTagsForResource request.
type ListTagsForResourceInput struct {
	ResourceARN string
}

func (in *ListTagsForResourceInput) target() callTarget { return callTarget{arn: in.ResourceARN} }

func (in *ListTagsForResourceInput) clipped() any {
	c := *in
	c.ResourceARN = clip(c.ResourceARN)
	return &c
}

// ListTagsForResourceOutput mirrors the AWS ListTagsForResource response.
type ListTagsForResourceOutput struct {
	Tags []Tag
}

// AddTagsToStream adds or overwrites tags; a stream holds at most 50.
func (k *Kinesis) AddTagsToStream(ctx context.Context, in *AddTagsToStreamInput) error {
	return callErr(k, ctx, OpAddTagsToStream, in, k.opAddTagsToStream)
}

// opAddTagsToStream is AddTagsToStream without the observation layer (faults, call log, hooks).
func (k *Kinesis) opAddTagsToStream(ctx context.Context, in *AddTagsToStreamInput) error {
	var v violations
	v.requireTagMap("tags", in.Tags)
	s, err := k.streamFor(ctx, OpAddTagsToStream, in.StreamName, in.StreamARN, v)
	if err != nil {
		return err
	}
	return s.addTags(in.Tags)
}

// RemoveTagsFromStream removes the tags with the given keys; absent keys are
// ignored.
func (k *Kinesis) RemoveTagsFromStream(ctx context.Context, in *RemoveTagsFromStreamInput) error {
	return callErr(k, ctx, OpRemoveTagsFromStream, in, k.opRemoveTagsFromStream)
}

// opRemoveTagsFromStream is RemoveTagsFromStream without the observation layer (faults, call log, hooks).
func (k *Kinesis) opRemoveTagsFromStream(ctx context.Context, in *RemoveTagsFromStreamInput) error {
	var v violations
	v.checkTagKeys("tagKeys", in.TagKeys)
	s, err := k.streamFor(ctx, OpRemoveTagsFromStream, in.StreamName, in.StreamARN, v)
	if err != nil {
		return err
	}
	return s.removeTags(in.TagKeys)
}

// ListTagsForStream lists a stream's tags in key order, a page at a time.
func (k *Kinesis) ListTagsForStream(ctx context.Context, in *ListTagsForStreamInput) (*ListTagsForStreamOutput, error) {
	return call(k, ctx, OpListTagsForStream, in, k.opListTagsForStream)
}

// opListTagsForStream is ListTagsForStream without the observation layer (faults, call log, hooks).
func (k *Kinesis) opListTagsForStream(ctx context.Context, in *ListTagsForStreamInput) (*ListTagsForStreamOutput, error) {
	var v violations
	v.checkLimit("limit", in.Limit, maxListTagsLimit)
	if in.ExclusiveStartTagKey != "" {
		v.checkLength("exclusiveStartTagKey", in.ExclusiveStartTagKey, 1, maxTagKeyLength)
	}
	s, err := k.streamFor(ctx, OpListTagsForStream, in.StreamName, in.StreamARN, v)
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
	return callErr(k, ctx, OpTagResource, in, k.opTagResource)
}

// opTagResource is TagResource without the observation layer (faults, call log, hooks).
func (k *Kinesis) opTagResource(ctx context.Context, in *TagResourceInput) error {
	var v violations
	v.requireTagMap("tags", in.Tags)
	s, err := k.resourceFor(ctx, OpTagResource, in.ResourceARN, v)
	if err != nil {
		return err
	}
	return s.addTags(in.Tags)
}

// UntagResource removes tags from the stream an ARN names.
func (k *Kinesis) UntagResource(ctx context.Context, in *UntagResourceInput) error {
	return callErr(k, ctx, OpUntagResource, in, k.opUntagResource)
}

// opUntagResource is UntagResource without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUntagResource(ctx context.Context, in *UntagResourceInput) error {
	var v violations
	v.checkTagKeys("tagKeys", in.TagKeys)
	s, err := k.resourceFor(ctx, OpUntagResource, in.ResourceARN, v)
	if err != nil {
		return err
	}
	return s.removeTags(in.TagKeys)
}

// ListTagsForResource lists every tag of the stream an ARN names.
func (k *Kinesis) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return call(k, ctx, OpListTagsForResource, in, k.opListTagsForResource)
}

// opListTagsForResource is ListTagsForResource without the observation layer (faults, call log, hooks).
func (k *Kinesis) opListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	s, err := k.resourceFor(ctx, OpListTagsForResource, in.ResourceARN, nil)
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
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	if !streamARNRegexp.MatchString(arn) {
		return nil, &InvalidArgumentException{Message: "Resource ARN " + arn + " is not a valid Kinesis stream ARN."}
	}
	return k.streamFor(ctx, op, "", arn, nil)
}

func (s *Stream) addTags(tags map[string]string) error {
	if err := checkTagCharacters("add", s.name, s.k.cfg.accountID, tagStrings(tags)...); err != nil {
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

func (s *Stream) removeTags(keys []string) error {
	if err := checkTagCharacters("remove", s.name, s.k.cfg.accountID, keys...); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range keys {
		delete(s.tags, key)
	}
	return nil
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

// tagRuneAllowed is AWS's character rule for tag keys and values: ASCII
// letters, digits and _, the letters of U+00C0..U+1FFF and U+2C00..U+D7FF,
// the space character (not tabs or newlines), and . / = + - % @ :.
func tagRuneAllowed(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r >= 0x00C0 && r <= 0x1FFF, r >= 0x2C00 && r <= 0xD7FF:
		return true
	}
	return strings.ContainsRune("_./=+-%@: ", r)
}

// checkTagCharacters enforces the character rule on the strings of a tag
// request. verb is "add" or "remove", as AWS's message for % says it.
func checkTagCharacters(verb, stream, account string, strs ...string) error {
	hasPercent := false
	for _, s := range strs {
		for _, r := range s {
			if !tagRuneAllowed(r) {
				return &InvalidArgumentException{Message: "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :."}
			}
		}
		hasPercent = hasPercent || strings.ContainsRune(s, '%')
	}
	if hasPercent {
		prep := " to "
		if verb == "remove" {
			prep = " from "
		}
		return &InvalidArgumentException{Message: "Failed to " + verb + " tags" + prep + "stream " + stream + " under account " + account +
			" because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@',':'."}
	}
	return nil
}

// tagStrings lists a tag map's keys and values, for checkTagCharacters.
func tagStrings(tags map[string]string) []string {
	out := make([]string, 0, 2*len(tags))
	for key, value := range tags {
		out = append(out, key, value)
	}
	return out
}

func tooManyTags(stream, account string) error {
	return &InvalidArgumentException{Message: "Failed to add tags to stream " + stream + " under account " + account + " because a given stream cannot have more than " + itoa(maxTagsPerStream) + " tags associated with it."}
}
