package kinesishttp

import (
	"context"
	"net/http"

	"github.com/minikinesis/minikinesis"
)

// operation is one row of the dispatch table: how a request body becomes
// the model's input, the model call, and how the call's output goes back
// on the wire. The functions are type-erased so that one table holds every
// operation; unary, command and eventStream build them from typed parts, so
// the parts of a row cannot disagree about types.
type operation struct {
	// decode reads a request body with the generic codec into the model's
	// input and what the wire saw of its members that the input cannot say.
	decode func(c codec, body []byte) (any, minikinesis.Members, error)
	// call runs the model on decode's result.
	call func(ctx context.Context, k *minikinesis.Kinesis, in any) (any, error)
	// encode turns call's result into the value the codec writes; nil for
	// an operation that answers an empty 200.
	encode func(out any) any
	// fast, when set, has hand-written codecs that stand in for decode and
	// encode with the codecs that have them (PutRecords, GetRecords).
	fast *fastPath
	// events marks an operation answered by an event stream instead of one
	// body (SubscribeToShard): call's result is the *minikinesis.Subscription
	// to relay.
	events bool
}

// unary builds the row of an operation that answers a body. request checks
// the wire input In and translates it, call is the model's method and
// response translates its output into the wire shape.
func unary[In, ModelIn, ModelOut, Out any](
	request func(*In, *members) ModelIn,
	call func(*minikinesis.Kinesis, context.Context, ModelIn) (ModelOut, error),
	response func(ModelOut) Out,
) operation {
	return operation{
		decode: decoder(request),
		call: func(ctx context.Context, k *minikinesis.Kinesis, in any) (any, error) {
			return call(k, ctx, in.(ModelIn))
		},
		encode: func(out any) any { return response(out.(ModelOut)) },
	}
}

// command builds the row of an operation whose model call answers nothing
// but its error: success is an empty 200.
func command[In, ModelIn any](
	request func(*In, *members) ModelIn,
	call func(*minikinesis.Kinesis, context.Context, ModelIn) error,
) operation {
	return operation{
		decode: decoder(request),
		call: func(ctx context.Context, k *minikinesis.Kinesis, in any) (any, error) {
			return nil, call(k, ctx, in.(ModelIn))
		},
	}
}

// eventStream builds the row of an operation answered by relaying a
// subscription's events.
func eventStream[In, ModelIn any](
	request func(*In, *members) ModelIn,
	call func(*minikinesis.Kinesis, context.Context, ModelIn) (*minikinesis.Subscription, error),
) operation {
	return operation{
		decode: decoder(request),
		call: func(ctx context.Context, k *minikinesis.Kinesis, in any) (any, error) {
			return call(k, ctx, in.(ModelIn))
		},
		events: true,
	}
}

// withFast gives a row hand-written codecs.
func (o operation) withFast(f *fastPath) operation {
	o.fast = f
	return o
}

// decoder reads a body into a fresh In and hands it to request, which
// translates it into the model's input and notes the members left out or
// sent empty for the model to word.
func decoder[In, ModelIn any](request func(*In, *members) ModelIn) func(codec, []byte) (any, minikinesis.Members, error) {
	return func(c codec, body []byte) (any, minikinesis.Members, error) {
		in := new(In)
		if err := c.decode(body, in); err != nil {
			return nil, minikinesis.Members{}, err
		}
		var m members
		model := request(in, &m)
		return model, m.m, nil
	}
}

// answer serves one request for o from account k: decode, model call,
// encode, through the hand-written codecs where both o and the request's
// codec have them.
func (h *Handler) answer(ctx context.Context, w http.ResponseWriter, c codec, k *minikinesis.Kinesis, o operation, body []byte) int {
	fc, _ := c.(fastCodec)
	fast := o.fast
	if fc == nil {
		fast = nil
	}
	var in any
	decoded := false
	call := o.call
	if fast != nil && fast.decode != nil {
		if in, decoded = fast.decode(fc, body); !decoded {
			// A request the fast decoder declines is the generic path's,
			// response and all, so it answers as it always has.
			fast = nil
		} else if fast.call != nil {
			call = fast.call
			defer fast.release(in)
		}
	}
	if !decoded {
		var m minikinesis.Members
		var err error
		if in, m, err = o.decode(c, body); err != nil {
			return h.writeError(w, c, err, 0)
		}
		ctx = minikinesis.WithMembers(ctx, m)
	}
	out, err := call(ctx, k, in)
	if err != nil {
		return h.writeError(w, c, err, 0)
	}
	switch {
	case o.events:
		return h.relay(ctx, w, c, out.(*minikinesis.Subscription))
	case fast != nil && fast.takes(out):
		return h.writeFast(w, c, fc, fast, out)
	case o.encode == nil:
		return h.write(w, c, http.StatusOK, nil)
	}
	return h.write(w, c, http.StatusOK, o.encode(out))
}
