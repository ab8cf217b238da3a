package kinesishttp

import (
	"github.com/minikinesis/minikinesis"
)

type consumerOut struct {
	ConsumerName              string    `json:"ConsumerName"`
	ConsumerARN               string    `json:"ConsumerARN"`
	ConsumerStatus            string    `json:"ConsumerStatus"`
	ConsumerCreationTimestamp epochTime `json:"ConsumerCreationTimestamp"`
	StreamARN                 string    `json:"StreamARN,omitempty"`
}

func consumerOf(c minikinesis.Consumer) consumerOut {
	return consumerOut{ConsumerName: c.ConsumerName, ConsumerARN: c.ConsumerARN, ConsumerStatus: string(c.ConsumerStatus),
		ConsumerCreationTimestamp: epochTime(c.ConsumerCreationTimestamp)}
}

type consumerRefIn struct {
	StreamARN    *string `json:"StreamARN"`
	ConsumerName *string `json:"ConsumerName"`
	ConsumerARN  *string `json:"ConsumerARN"`
}

func registerStreamConsumerRequest(in *consumerRefIn, m *members) *minikinesis.RegisterStreamConsumerInput {
	return &minikinesis.RegisterStreamConsumerInput{StreamARN: m.req("streamARN", in.StreamARN), ConsumerName: m.req("consumerName", in.ConsumerName)}
}

func registerStreamConsumerResponse(out *minikinesis.RegisterStreamConsumerOutput) map[string]any {
	return map[string]any{"Consumer": consumerOf(out.Consumer)}
}

func describeStreamConsumerRequest(in *consumerRefIn, m *members) *minikinesis.DescribeStreamConsumerInput {
	return &minikinesis.DescribeStreamConsumerInput{StreamARN: m.opt("streamARN", in.StreamARN), ConsumerName: m.opt("consumerName", in.ConsumerName),
		ConsumerARN: m.opt("consumerARN", in.ConsumerARN)}
}

func describeStreamConsumerResponse(out *minikinesis.DescribeStreamConsumerOutput) map[string]any {
	d := out.ConsumerDescription
	c := consumerOf(minikinesis.Consumer{ConsumerName: d.ConsumerName, ConsumerARN: d.ConsumerARN, ConsumerStatus: d.ConsumerStatus, ConsumerCreationTimestamp: d.ConsumerCreationTimestamp})
	c.StreamARN = d.StreamARN
	return map[string]any{"ConsumerDescription": c}
}

func deregisterStreamConsumerRequest(in *consumerRefIn, m *members) *minikinesis.DeregisterStreamConsumerInput {
	return &minikinesis.DeregisterStreamConsumerInput{StreamARN: m.opt("streamARN", in.StreamARN), ConsumerName: m.opt("consumerName", in.ConsumerName),
		ConsumerARN: m.opt("consumerARN", in.ConsumerARN)}
}

type listStreamConsumersIn struct {
	StreamARN               *string    `json:"StreamARN"`
	MaxResults              *int       `json:"MaxResults"`
	NextToken               *string    `json:"NextToken"`
	StreamCreationTimestamp *epochTime `json:"StreamCreationTimestamp"`
}

type listStreamConsumersOut struct {
	Consumers []consumerOut `json:"Consumers"`
	NextToken *string       `json:"NextToken,omitempty"`
}

func listStreamConsumersRequest(in *listStreamConsumersIn, m *members) *minikinesis.ListStreamConsumersInput {
	return &minikinesis.ListStreamConsumersInput{StreamARN: m.req("streamARN", in.StreamARN), MaxResults: m.limit("maxResults", in.MaxResults),
		NextToken: m.opt("nextToken", in.NextToken), StreamCreationTimestamp: timeOf(in.StreamCreationTimestamp)}
}

func listStreamConsumersResponse(out *minikinesis.ListStreamConsumersOutput) *listStreamConsumersOut {
	wire := &listStreamConsumersOut{Consumers: make([]consumerOut, len(out.Consumers)), NextToken: optional(out.NextToken)}
	for i, c := range out.Consumers {
		wire.Consumers[i] = consumerOf(c)
	}
	return wire
}

// subscribeToShardIn is the SubscribeToShard request.
type subscribeToShardIn struct {
	ConsumerARN      *string             `json:"ConsumerARN"`
	ShardId          *string             `json:"ShardId"`
	StartingPosition *startingPositionIn `json:"StartingPosition"`
}

type startingPositionIn struct {
	Type           *string    `json:"Type"`
	SequenceNumber *string    `json:"SequenceNumber"`
	Timestamp      *epochTime `json:"Timestamp"`
}

func subscribeToShardRequest(in *subscribeToShardIn, m *members) *minikinesis.SubscribeToShardInput {
	out := &minikinesis.SubscribeToShardInput{ConsumerARN: m.req("consumerARN", in.ConsumerARN), ShardId: m.req("shardId", in.ShardId)}
	pos := in.StartingPosition
	if pos == nil {
		m.absent("startingPosition")
		return out
	}
	out.StartingPosition = minikinesis.StartingPosition{Type: minikinesis.ShardIteratorType(m.req("startingPosition.type", pos.Type)),
		SequenceNumber: m.opt("startingPosition.sequenceNumber", pos.SequenceNumber), Timestamp: timeOf(pos.Timestamp)}
	return out
}
