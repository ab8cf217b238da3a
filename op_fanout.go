package minikinesis

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ConsumerStatus is an enhanced fan-out consumer's state.
type ConsumerStatus string

// The states a consumer passes through.
const (
	ConsumerStatusCreating ConsumerStatus = "CREATING"
	ConsumerStatusActive   ConsumerStatus = "ACTIVE"
	ConsumerStatusDeleting ConsumerStatus = "DELETING"
)

const (
	// MaxConsumersPerStream is how many consumers one stream may have.
	MaxConsumersPerStream = 20
	// maxConsumersCreating is how many of a stream's consumers may be
	// CREATING at once.
	maxConsumersCreating = 5
)

// Consumer mirrors AWS's Consumer.
type Consumer struct {
	ConsumerName              string
	ConsumerARN               string
	ConsumerStatus            ConsumerStatus
	ConsumerCreationTimestamp time.Time
}

// ConsumerDescription mirrors AWS's ConsumerDescription.
type ConsumerDescription struct {
	ConsumerName              string
	ConsumerARN               string
	ConsumerStatus            ConsumerStatus
	ConsumerCreationTimestamp time.Time
	StreamARN                 string
}

// consumer is an enhanced fan-out consumer registered on a stream. Its
// fields are guarded by the stream's lock.
type consumer struct {
	name     string
	arn      string
	created  time.Time
	status   ConsumerStatus
	settleAt time.Time
	// subscriptions holds each shard's live subscription, by shard index.
	subscriptions map[int]*Subscription
	policy        string // resource policy (op_policies.go)
}

// statusLocked is the consumer's state at now; "" once it is gone.
func (c *consumer) statusLocked(now time.Time) ConsumerStatus {
	if now.Before(c.settleAt) {
		return c.status
	}
	switch c.status {
	case ConsumerStatusCreating:
		return ConsumerStatusActive
	case ConsumerStatusDeleting:
		return ""
	}
	return c.status
}

func (c *consumer) describe(now time.Time) Consumer {
	return Consumer{ConsumerName: c.name, ConsumerARN: c.arn, ConsumerStatus: c.statusLocked(now), ConsumerCreationTimestamp: c.created}
}

// liveConsumersLocked returns the stream's consumers that are not gone, by
// name, dropping finished deregistrations. Caller holds s.mu exclusively.
func (s *Stream) liveConsumersLocked(now time.Time) []*consumer {
	out := make([]*consumer, 0, len(s.consumers))
	for name, c := range s.consumers {
		if c.statusLocked(now) == "" {
			delete(s.consumers, name)
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *consumer) int { return strings.Compare(a.name, b.name) })
	return out
}

// deleteConsumersLocked drops the stream's registered consumers when
// enforce is set; without it, a stream that has consumers cannot be
// deleted. Caller holds s.mu exclusively.
func (s *Stream) deleteConsumersLocked(enforce bool) error {
	if len(s.liveConsumersLocked(s.k.cfg.clock.Now())) == 0 {
		return nil
	}
	if !enforce {
		return &ResourceInUseException{Message: "Stream " + s.name + " under account " + s.k.cfg.accountID + " has registered consumers. Deregister them first, or delete the stream with EnforceConsumerDeletion."}
	}
	for _, c := range s.consumers {
		c.endSubscriptions(errConsumerGone(c.name, s.name, s.k.cfg.accountID))
	}
	clear(s.consumers)
	return nil
}

// RegisterStreamConsumerInput mirrors the AWS RegisterStreamConsumer request.
type RegisterStreamConsumerInput struct {
	StreamARN    string
	ConsumerName string
}

func (in *RegisterStreamConsumerInput) target() callTarget { return callTarget{arn: in.StreamARN} }

func (in *RegisterStreamConsumerInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	c.ConsumerName = clip(c.ConsumerName)
	return &c
}

// RegisterStreamConsumerOutput mirrors the AWS RegisterStreamConsumer response.
type RegisterStreamConsumerOutput struct {
	Consumer Consumer
}

// RegisterStreamConsumer registers an enhanced fan-out consumer. It is
// CREATING for the configured delay (default none), then ACTIVE; a stream
// has at most 20 consumers and at most 5 CREATING at once.
func (k *Kinesis) RegisterStreamConsumer(ctx context.Context, in *RegisterStreamConsumerInput) (*RegisterStreamConsumerOutput, error) {
	return call(k, ctx, OpRegisterStreamConsumer, in, k.opRegisterStreamConsumer)
}

// opRegisterStreamConsumer is RegisterStreamConsumer without the observation layer (faults, call log, hooks).
func (k *Kinesis) opRegisterStreamConsumer(ctx context.Context, in *RegisterStreamConsumerInput) (*RegisterStreamConsumerOutput, error) {
	var v violations
	if in.StreamARN == "" {
		v = append(v, nullViolation("streamARN"))
	}
	v.requireName("consumerName", in.ConsumerName)
	s, err := k.streamFor(ctx, OpRegisterStreamConsumer, "", in.StreamARN, v)
	if err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableLocked(now); err != nil {
		return nil, err
	}
	live := s.liveConsumersLocked(now)
	if _, exists := s.consumers[in.ConsumerName]; exists {
		return nil, &ResourceInUseException{Message: "Consumer " + in.ConsumerName + " under stream " + s.name + " already exists for account " + k.cfg.accountID + "."}
	}
	if len(live) >= MaxConsumersPerStream {
		return nil, &LimitExceededException{Message: "Stream " + s.name + " under account " + k.cfg.accountID + " already has " + strconv.Itoa(MaxConsumersPerStream) + " registered consumers, the most it may have."}
	}
	creating := 0
	for _, c := range live {
		if c.statusLocked(now) == ConsumerStatusCreating {
			creating++
		}
	}
	if creating >= maxConsumersCreating {
		return nil, &LimitExceededException{Message: "Stream " + s.name + " under account " + k.cfg.accountID + " already has " + strconv.Itoa(maxConsumersCreating) + " consumers in CREATING state."}
	}
	c := &consumer{
		name:          in.ConsumerName,
		arn:           s.arn + "/consumer/" + in.ConsumerName + ":" + strconv.FormatInt(now.Unix(), 10),
		created:       now,
		status:        ConsumerStatusCreating,
		settleAt:      now.Add(k.cfg.delays.ConsumerCreating),
		subscriptions: map[int]*Subscription{},
	}
	if s.consumers == nil {
		s.consumers = map[string]*consumer{}
	}
	s.consumers[c.name] = c
	return &RegisterStreamConsumerOutput{Consumer: Consumer{ConsumerName: c.name, ConsumerARN: c.arn, ConsumerStatus: ConsumerStatusCreating, ConsumerCreationTimestamp: now}}, nil
}

// DescribeStreamConsumerInput mirrors the AWS DescribeStreamConsumer request:
// either ConsumerARN, or StreamARN and ConsumerName.
type DescribeStreamConsumerInput struct {
	StreamARN    string
	ConsumerName string
	ConsumerARN  string
}

func (in *DescribeStreamConsumerInput) target() callTarget {
	return callTarget{arn: cmp.Or(in.StreamARN, in.ConsumerARN)}
}

func (in *DescribeStreamConsumerInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	c.ConsumerName = clip(c.ConsumerName)
	c.ConsumerARN = clip(c.ConsumerARN)
	return &c
}

// DescribeStreamConsumerOutput mirrors the AWS DescribeStreamConsumer response.
type DescribeStreamConsumerOutput struct {
	ConsumerDescription ConsumerDescription
}

// DescribeStreamConsumer describes a registered consumer.
func (k *Kinesis) DescribeStreamConsumer(ctx context.Context, in *DescribeStreamConsumerInput) (*DescribeStreamConsumerOutput, error) {
	return call(k, ctx, OpDescribeStreamConsumer, in, k.opDescribeStreamConsumer)
}

// opDescribeStreamConsumer is DescribeStreamConsumer without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDescribeStreamConsumer(ctx context.Context, in *DescribeStreamConsumerInput) (*DescribeStreamConsumerOutput, error) {
	s, c, err := k.consumerFor(ctx, OpDescribeStreamConsumer, in.StreamARN, in.ConsumerName, in.ConsumerARN)
	if err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := c.describe(now)
	return &DescribeStreamConsumerOutput{ConsumerDescription: ConsumerDescription{
		ConsumerName: d.ConsumerName, ConsumerARN: d.ConsumerARN, ConsumerStatus: d.ConsumerStatus,
		ConsumerCreationTimestamp: d.ConsumerCreationTimestamp, StreamARN: s.arn,
	}}, nil
}

// DeregisterStreamConsumerInput mirrors the AWS DeregisterStreamConsumer
// request: either ConsumerARN, or StreamARN and ConsumerName.
type DeregisterStreamConsumerInput struct {
	StreamARN    string
	ConsumerName string
	ConsumerARN  string
}

func (in *DeregisterStreamConsumerInput) target() callTarget {
	return callTarget{arn: cmp.Or(in.StreamARN, in.ConsumerARN)}
}

func (in *DeregisterStreamConsumerInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	c.ConsumerName = clip(c.ConsumerName)
	c.ConsumerARN = clip(c.ConsumerARN)
	return &c
}

// DeregisterStreamConsumer removes a consumer: it is DELETING for the
// configured delay (default none), then gone; its subscriptions end.
func (k *Kinesis) DeregisterStreamConsumer(ctx context.Context, in *DeregisterStreamConsumerInput) error {
	return callErr(k, ctx, OpDeregisterStreamConsumer, in, k.opDeregisterStreamConsumer)
}

// opDeregisterStreamConsumer is DeregisterStreamConsumer without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDeregisterStreamConsumer(ctx context.Context, in *DeregisterStreamConsumerInput) error {
	s, c, err := k.consumerFor(ctx, OpDeregisterStreamConsumer, in.StreamARN, in.ConsumerName, in.ConsumerARN)
	if err != nil {
		return err
	}
	now := k.cfg.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	c.endSubscriptions(errConsumerGone(c.name, s.name, k.cfg.accountID))
	c.status, c.settleAt = ConsumerStatusDeleting, now.Add(k.cfg.delays.ConsumerDeleting)
	if k.cfg.delays.ConsumerDeleting <= 0 {
		delete(s.consumers, c.name)
	}
	return nil
}

// ListStreamConsumersInput mirrors the AWS ListStreamConsumers request.
type ListStreamConsumersInput struct {
	StreamARN string
	// MaxResults caps the consumers returned (1..10000; zero means 100).
	MaxResults int
	NextToken  string
	// StreamCreationTimestamp, when set, must match the stream's.
	StreamCreationTimestamp time.Time
}

func (in *ListStreamConsumersInput) target() callTarget { return callTarget{arn: in.StreamARN} }

func (in *ListStreamConsumersInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	c.NextToken = clip(c.NextToken)
	return &c
}

// ListStreamConsumersOutput mirrors the AWS ListStreamConsumers response.
type ListStreamConsumersOutput struct {
	Consumers []Consumer
	NextToken string
}

// ListStreamConsumers lists a stream's consumers by name, a page at a time.
func (k *Kinesis) ListStreamConsumers(ctx context.Context, in *ListStreamConsumersInput) (*ListStreamConsumersOutput, error) {
	return call(k, ctx, OpListStreamConsumers, in, k.opListStreamConsumers)
}

// opListStreamConsumers is ListStreamConsumers without the observation layer (faults, call log, hooks).
func (k *Kinesis) opListStreamConsumers(ctx context.Context, in *ListStreamConsumersInput) (*ListStreamConsumersOutput, error) {
	var v violations
	if in.StreamARN == "" {
		v = append(v, nullViolation("streamARN"))
	}
	v.checkLimit("maxResults", in.MaxResults, maxDescribeLimit)
	s, err := k.streamFor(ctx, OpListStreamConsumers, "", in.StreamARN, v)
	if err != nil {
		return nil, err
	}
	if !in.StreamCreationTimestamp.IsZero() && !sameMillisecond(in.StreamCreationTimestamp, s.created) {
		return nil, streamNotFound(s.name, k.cfg.accountID)
	}
	now := k.cfg.clock.Now()
	after := ""
	if in.NextToken != "" {
		t, err := k.openPageToken(in.NextToken, sealConsumersToken, now)
		if err != nil {
			return nil, err
		}
		if t.stream != s.name {
			return nil, &InvalidArgumentException{Message: "Invalid NextToken."}
		}
		after = t.after
	}
	limit := in.MaxResults
	if limit == 0 {
		limit = defaultDescribeLimit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &ListStreamConsumersOutput{Consumers: []Consumer{}}
	for _, c := range s.liveConsumersLocked(now) {
		if after != "" && c.name <= after {
			continue
		}
		if len(out.Consumers) == limit {
			last := out.Consumers[len(out.Consumers)-1].ConsumerName
			out.NextToken = k.sealPageToken(pageToken{kind: sealConsumersToken, stream: s.name, after: last, issued: now.UnixNano()})
			break
		}
		out.Consumers = append(out.Consumers, c.describe(now))
	}
	return out, nil
}

// consumerFor finds a consumer by its ARN, or by its stream's ARN and its
// name.
func (k *Kinesis) consumerFor(ctx context.Context, op, streamARN, name, consumerARN string) (*Stream, *consumer, error) {
	var v violations
	if consumerARN != "" {
		v.checkLength("consumerARN", consumerARN, 1, maxARNLength)
		i := strings.Index(consumerARN, "/consumer/")
		if i < 0 {
			return nil, nil, &InvalidArgumentException{Message: "ConsumerARN " + consumerARN + " is not a valid consumer ARN."}
		}
		streamARN = consumerARN[:i]
		name = consumerARN[i+len("/consumer/"):]
		if j := strings.LastIndexByte(name, ':'); j >= 0 {
			name = name[:j]
		}
	} else {
		if streamARN == "" {
			return nil, nil, &InvalidArgumentException{Message: "Either ConsumerARN or both StreamARN and ConsumerName must be provided."}
		}
		v.requireName("consumerName", name)
	}
	s, err := k.streamFor(ctx, op, "", streamARN, v)
	if err != nil {
		return nil, nil, err
	}
	now := k.cfg.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.liveConsumersLocked(now)
	c := s.consumers[name]
	if c == nil || (consumerARN != "" && c.arn != consumerARN) {
		return nil, nil, errConsumerGone(name, s.name, k.cfg.accountID)
	}
	return s, c, nil
}

func errConsumerGone(consumer, stream, account string) error {
	return &ResourceNotFoundException{Message: "Consumer " + consumer + " under stream " + stream + " not found for account " + account + "."}
}
