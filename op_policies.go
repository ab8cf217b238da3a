package minikinesis

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Resource policies attach a resource-based IAM policy to a stream or to
// one of its registered consumers. The model keeps the document exactly
// as it was given and checks its shape; it evaluates no permissions.

const (
	// resourceARNPattern is the pattern AWS declares for ResourceARN.
	resourceARNPattern = `arn:aws.*:kinesis:.*:\d{12}:.*stream/\S+`
	// MaxResourcePolicyBytes is the largest policy document the model
	// accepts (unverified: AWS's resource-policy quota for Kinesis is
	// not in the API reference; 20 KiB is the size other services use).
	MaxResourcePolicyBytes = 20 * 1024
	// noResourcePolicy is what GetResourcePolicy answers for a resource
	// without a policy: the member is required, so AWS sends an empty
	// document rather than an error.
	noResourcePolicy = "{}"
)

var (
	resourceARNRegexp = regexp.MustCompile(`^(?:` + resourceARNPattern + `)$`)
	consumerARNRegexp = regexp.MustCompile(`^arn:aws.*:kinesis:.*:\d{12}:.*stream/[a-zA-Z0-9_.-]+/consumer/[a-zA-Z0-9_.-]+:[0-9]+$`)
)

// PutResourcePolicyInput mirrors the AWS PutResourcePolicy request.
type PutResourcePolicyInput struct {
	// ResourceARN is a stream ARN or a consumer ARN.
	ResourceARN string
	// Policy is the policy document, as JSON text.
	Policy string
}

func (in *PutResourcePolicyInput) target() callTarget { return callTarget{arn: in.ResourceARN} }

func (in *PutResourcePolicyInput) clipped() any {
	c := *in
	c.ResourceARN, c.Policy = clip(c.ResourceARN), clip(c.Policy)
	return &c
}

// GetResourcePolicyInput mirrors the AWS GetResourcePolicy request.
type GetResourcePolicyInput struct {
	ResourceARN string
}

func (in *GetResourcePolicyInput) target() callTarget { return callTarget{arn: in.ResourceARN} }

func (in *GetResourcePolicyInput) clipped() any {
	c := *in
	c.ResourceARN = clip(c.ResourceARN)
	return &c
}

// GetResourcePolicyOutput mirrors the AWS GetResourcePolicy response.
type GetResourcePolicyOutput struct {
	// Policy is the document attached, or "{}" when there is none.
	Policy string
}

// DeleteResourcePolicyInput mirrors the AWS DeleteResourcePolicy request.
type DeleteResourcePolicyInput struct {
	ResourceARN string
}

func (in *DeleteResourcePolicyInput) target() callTarget { return callTarget{arn: in.ResourceARN} }

func (in *DeleteResourcePolicyInput) clipped() any {
	c := *in
	c.ResourceARN = clip(c.ResourceARN)
	return &c
}

// PutResourcePolicy attaches a policy document to a stream or a consumer,
// replacing any it had. The document must be a JSON policy with at least
// one statement naming an effect, a principal and actions.
func (k *Kinesis) PutResourcePolicy(ctx context.Context, in *PutResourcePolicyInput) error {
	return callErr(k, ctx, OpPutResourcePolicy, in, k.opPutResourcePolicy)
}

// opPutResourcePolicy is PutResourcePolicy without the observation layer (faults, call log, hooks).
func (k *Kinesis) opPutResourcePolicy(ctx context.Context, in *PutResourcePolicyInput) error {
	ctx, sentEmpty := takeEmptyMember(ctx, "policy")
	var v violations
	if in.Policy == "" && !sentEmpty {
		v = append(v, nullViolation("policy"))
	}
	res, err := k.policyResource(ctx, OpPutResourcePolicy, in.ResourceARN, v)
	if err != nil {
		return err
	}
	if err := checkPolicyDocument(in.Policy); err != nil {
		return err
	}
	return res.setPolicy(in.Policy)
}

// GetResourcePolicy returns the policy attached to a stream or consumer.
func (k *Kinesis) GetResourcePolicy(ctx context.Context, in *GetResourcePolicyInput) (*GetResourcePolicyOutput, error) {
	return call(k, ctx, OpGetResourcePolicy, in, k.opGetResourcePolicy)
}

// opGetResourcePolicy is GetResourcePolicy without the observation layer (faults, call log, hooks).
func (k *Kinesis) opGetResourcePolicy(ctx context.Context, in *GetResourcePolicyInput) (*GetResourcePolicyOutput, error) {
	res, err := k.policyResource(ctx, OpGetResourcePolicy, in.ResourceARN, nil)
	if err != nil {
		return nil, err
	}
	policy := res.policy()
	if policy == "" {
		policy = noResourcePolicy
	}
	return &GetResourcePolicyOutput{Policy: policy}, nil
}

// DeleteResourcePolicy removes the policy attached to a stream or
// consumer.
func (k *Kinesis) DeleteResourcePolicy(ctx context.Context, in *DeleteResourcePolicyInput) error {
	return callErr(k, ctx, OpDeleteResourcePolicy, in, k.opDeleteResourcePolicy)
}

// opDeleteResourcePolicy is DeleteResourcePolicy without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDeleteResourcePolicy(ctx context.Context, in *DeleteResourcePolicyInput) error {
	res, err := k.policyResource(ctx, OpDeleteResourcePolicy, in.ResourceARN, nil)
	if err != nil {
		return err
	}
	if res.policy() == "" {
		return noPolicyFound(in.ResourceARN)
	}
	return res.setPolicy("")
}

// policyHolder is the stream, or the consumer of it, a ResourceARN names.
type policyHolder struct {
	s    *Stream
	name string // the consumer's name; "" for the stream itself
	arn  string
}

// policyResource validates a ResourceARN member and finds what it names.
func (k *Kinesis) policyResource(ctx context.Context, op, arn string, v violations) (policyHolder, error) {
	if err := ctx.Err(); err != nil {
		return policyHolder{}, err
	}
	if arn == "" {
		v = insertRanked(v, nullViolation("resourceARN"))
	} else {
		v.checkLength("resourceARN", arn, 1, maxARNLength)
		if !resourceARNRegexp.MatchString(arn) {
			v = append(v, patternViolation("resourceARN", arn, resourceARNPattern))
		}
	}
	if err := v.errFor(membersOf(ctx)); err != nil {
		return policyHolder{}, err
	}
	streamARN, consumerName := arn, ""
	if i := strings.Index(arn, consumerARNMarker); i >= 0 {
		if !consumerARNRegexp.MatchString(arn) {
			return policyHolder{}, &InvalidArgumentException{Message: "ConsumerARN " + arn + " is not a valid consumer ARN."}
		}
		streamARN, consumerName = arn[:i], arn[i+len(consumerARNMarker):]
		consumerName = consumerName[:strings.LastIndexByte(consumerName, ':')]
	}
	s, err := k.streamFor(ctx, op, "", streamARN, nil)
	if err != nil {
		return policyHolder{}, err
	}
	h := policyHolder{s: s, name: consumerName, arn: arn}
	if consumerName == "" {
		return h, nil
	}
	now := k.cfg.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.liveConsumersLocked(now)
	if c := s.consumers[consumerName]; c == nil || c.arn != arn {
		return policyHolder{}, errConsumerGone(consumerName, s.name, k.cfg.accountID)
	}
	return h, nil
}

// policy is the document attached, or "".
func (h policyHolder) policy() string {
	h.s.mu.RLock()
	defer h.s.mu.RUnlock()
	if h.name == "" {
		return h.s.extras.policy
	}
	if c := h.s.consumers[h.name]; c != nil {
		return c.policy
	}
	return ""
}

// setPolicy attaches a document ("" detaches it). The stream must not be
// CREATING or DELETING, a consumer must be ACTIVE.
func (h policyHolder) setPolicy(doc string) error {
	s := h.s
	now := s.k.cfg.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.requireSettledLocked(now); err != nil {
		return err
	}
	if h.name == "" {
		s.extras.policy = doc
		return nil
	}
	c := s.consumers[h.name]
	switch {
	case c == nil || c.statusLocked(now) == "":
		return errConsumerGone(h.name, s.name, s.k.cfg.accountID)
	case c.statusLocked(now) != ConsumerStatusActive:
		return consumerNotActive(h.name, s.name, s.k.cfg.accountID, c.statusLocked(now))
	}
	c.policy = doc
	return nil
}

// requireSettledLocked is the check of operations that change a setting
// of a stream that exists and takes writes, as reads and writes go on
// while it is UPDATING: CREATING or DELETING refuse them. Caller holds
// s.mu.
func (s *Stream) requireSettledLocked(now time.Time) error {
	switch st := s.statusLocked(now); st {
	case StreamStatusActive, StreamStatusUpdating:
		return nil
	case "":
		return streamNotFound(s.name, s.k.cfg.accountID)
	default:
		return streamNotActive(s.name, s.k.cfg.accountID, st)
	}
}

// checkPolicyDocument checks a resource policy's size and shape as IAM
// does before it stores one: a JSON object whose Statement holds at least
// one statement, each with an Effect of Allow or Deny, a Principal and an
// Action (or their Not forms).
func checkPolicyDocument(doc string) error {
	if len(doc) > MaxResourcePolicyBytes {
		return policySizeExceeded(len(doc))
	}
	var policy map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &policy); err != nil || policy == nil {
		return invalidPolicy("the policy is not a JSON object")
	}
	if raw, ok := policy["Version"]; ok {
		var version string
		if json.Unmarshal(raw, &version) != nil || (version != "2012-10-17" && version != "2008-10-17") {
			return invalidPolicy("Version must be 2012-10-17 or 2008-10-17")
		}
	}
	raw, ok := policy["Statement"]
	if !ok {
		return invalidPolicy("the policy has no Statement")
	}
	var statements []map[string]json.RawMessage
	if json.Unmarshal(raw, &statements) != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(raw, &one) != nil || one == nil {
			return invalidPolicy("Statement must be an object or a list of objects")
		}
		statements = []map[string]json.RawMessage{one}
	}
	if len(statements) == 0 {
		return invalidPolicy("the policy has no Statement")
	}
	for i, st := range statements {
		at := "statement " + strconv.Itoa(i+1)
		if st == nil {
			return invalidPolicy(at + " is not an object")
		}
		var effect string
		if json.Unmarshal(st["Effect"], &effect) != nil || (effect != "Allow" && effect != "Deny") {
			return invalidPolicy(at + " needs an Effect of Allow or Deny")
		}
		if !hasMember(st, "Principal", "NotPrincipal") {
			return invalidPolicy(at + " needs a Principal")
		}
		if !hasMember(st, "Action", "NotAction") {
			return invalidPolicy(at + " needs an Action")
		}
	}
	return nil
}

// hasMember reports whether the statement has one of the members, not null.
func hasMember(st map[string]json.RawMessage, names ...string) bool {
	for _, n := range names {
		if raw, ok := st[n]; ok && string(raw) != "null" {
			return true
		}
	}
	return false
}

// takeEmptyMember reports whether the wire carried the member at path as
// an empty value, and takes it out of ctx's Members: for a member that
// AWS declares without a length constraint, so "" is a value the
// operation judges, not a violation.
func takeEmptyMember(ctx context.Context, path string) (context.Context, bool) {
	m := membersOf(ctx)
	if !m.empty[path] {
		return ctx, false
	}
	rest := requestMembers{absent: m.absent, empty: make(memberSet, len(m.empty))}
	for p := range m.empty {
		if p != path {
			rest.empty[p] = true
		}
	}
	return context.WithValue(ctx, membersKey{}, rest), true
}
