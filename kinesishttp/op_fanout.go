package kinesishttp

import (
	"context"

	"github.com/minikinesis/minikinesis"
)

func init() {
	register("RegisterStreamConsumer", op(registerStreamConsumer))
	register("DescribeStreamConsumer", op(describeStreamConsumer))
	register("ListStreamConsumers", op(listStreamConsumers))
	register("DeregisterStreamConsumer", op(deregisterStreamConsumer))
	register("SubscribeToShard", op(subscribeUnreachable))
}

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

func registerStreamConsumer(ctx context.Context, k *minikinesis.Kinesis, in *consumerRefIn) (any, error) {
	out, err := k.RegisterStreamConsumer(ctx, &minikinesis.RegisterStreamConsumerInput{StreamARN: str(in.StreamARN), ConsumerName: str(in.ConsumerName)})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Consumer": consumerOf(out.Consumer)}, nil
}

func describeStreamConsumer(ctx context.Context, k *minikinesis.Kinesis, in *consumerRefIn) (any, error) {
	out, err := k.DescribeStreamConsumer(ctx, &minikinesis.DescribeStreamConsumerInput{StreamARN: str(in.StreamARN), ConsumerName: str(in.ConsumerName), ConsumerARN: str(in.ConsumerARN)})
	if err != nil {
		return nil, err
	}
	d := out.ConsumerDescription
	c := consumerOf(minikinesis.Consumer{ConsumerName: d.ConsumerName, ConsumerARN: d.ConsumerARN, ConsumerStatus: d.ConsumerStatus, ConsumerCreationTimestamp: d.ConsumerCreationTimestamp})
	c.StreamARN = d.StreamARN
	return map[string]any{"ConsumerDescription": c}, nil
}

func deregisterStreamConsumer(ctx context.Context, k *minikinesis.Kinesis, in *consumerRefIn) (any, error) {
	return nil, k.DeregisterStreamConsumer(ctx, &minikinesis.DeregisterStreamConsumerInput{StreamARN: str(in.StreamARN), ConsumerName: str(in.ConsumerName), ConsumerARN: str(in.ConsumerARN)})
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

func listStreamConsumers(ctx context.Context, k *minikinesis.Kinesis, in *listStreamConsumersIn) (any, error) {
	if in.MaxResults != nil && *in.MaxResults < 1 {
		return nil, &minikinesis.ValidationException{Violations: []minikinesis.Violation{{Path: "maxResults", Value: itoa(*in.MaxResults),
			Constraint: "Member must have value greater than or equal to 1"}}}
	}
	out, err := k.ListStreamConsumers(ctx, &minikinesis.ListStreamConsumersInput{StreamARN: str(in.StreamARN), MaxResults: num(in.MaxResults),
		NextToken: str(in.NextToken), StreamCreationTimestamp: timeOf(in.StreamCreationTimestamp)})
	if err != nil {
		return nil, err
	}
	wire := &listStreamConsumersOut{Consumers: make([]consumerOut, len(out.Consumers)), NextToken: optional(out.NextToken)}
	for i, c := range out.Consumers {
		wire.Consumers[i] = consumerOf(c)
	}
	return wire, nil
}

// subscribeUnreachable exists so SubscribeToShard is a known operation;
// ServeHTTP answers it with an event stream before operations run.
func subscribeUnreachable(context.Context, *minikinesis.Kinesis, *struct{}) (any, error) {
	return nil, &minikinesis.InternalFailureException{Message: "Internal Service Failure"}
}
