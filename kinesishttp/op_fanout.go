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

func registerStreamConsumerRequest(in *consumerRefIn) (*minikinesis.RegisterStreamConsumerInput, error) {
	return &minikinesis.RegisterStreamConsumerInput{StreamARN: str(in.StreamARN), ConsumerName: str(in.ConsumerName)}, nil
}

func registerStreamConsumerResponse(out *minikinesis.RegisterStreamConsumerOutput) map[string]any {
	return map[string]any{"Consumer": consumerOf(out.Consumer)}
}

func describeStreamConsumerRequest(in *consumerRefIn) (*minikinesis.DescribeStreamConsumerInput, error) {
	return &minikinesis.DescribeStreamConsumerInput{StreamARN: str(in.StreamARN), ConsumerName: str(in.ConsumerName), ConsumerARN: str(in.ConsumerARN)}, nil
}

func describeStreamConsumerResponse(out *minikinesis.DescribeStreamConsumerOutput) map[string]any {
	d := out.ConsumerDescription
	c := consumerOf(minikinesis.Consumer{ConsumerName: d.ConsumerName, ConsumerARN: d.ConsumerARN, ConsumerStatus: d.ConsumerStatus, ConsumerCreationTimestamp: d.ConsumerCreationTimestamp})
	c.StreamARN = d.StreamARN
	return map[string]any{"ConsumerDescription": c}
}

func deregisterStreamConsumerRequest(in *consumerRefIn) (*minikinesis.DeregisterStreamConsumerInput, error) {
	return &minikinesis.DeregisterStreamConsumerInput{StreamARN: str(in.StreamARN), ConsumerName: str(in.ConsumerName), ConsumerARN: str(in.ConsumerARN)}, nil
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

func listStreamConsumersRequest(in *listStreamConsumersIn) (*minikinesis.ListStreamConsumersInput, error) {
	if err := atLeastOne("maxResults", in.MaxResults); err != nil {
		return nil, err
	}
	return &minikinesis.ListStreamConsumersInput{StreamARN: str(in.StreamARN), MaxResults: num(in.MaxResults),
		NextToken: str(in.NextToken), StreamCreationTimestamp: timeOf(in.StreamCreationTimestamp)}, nil
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

func subscribeToShardRequest(in *subscribeToShardIn) (*minikinesis.SubscribeToShardInput, error) {
	if err := need(member{"consumerARN", in.ConsumerARN == nil}, member{"shardId", in.ShardId == nil},
		member{"startingPosition", in.StartingPosition == nil}); err != nil {
		return nil, err
	}
	pos := in.StartingPosition
	return &minikinesis.SubscribeToShardInput{
		ConsumerARN: *in.ConsumerARN, ShardId: *in.ShardId,
		StartingPosition: minikinesis.StartingPosition{Type: minikinesis.ShardIteratorType(str(pos.Type)),
			SequenceNumber: str(pos.SequenceNumber), Timestamp: timeOf(pos.Timestamp)},
	}, nil
}
