package kinesishttp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/minikinesis/minikinesis"
)

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

type subscribeToShardEventOut struct {
	Records                    []recordOut     `json:"Records"`
	ContinuationSequenceNumber *string         `json:"ContinuationSequenceNumber,omitempty"`
	MillisBehindLatest         int64           `json:"MillisBehindLatest"`
	ChildShards                []childShardOut `json:"ChildShards,omitempty"`
}

// SubscribePollInterval is how often, in real time, an open subscription
// looks for new records; an event is sent when there are some, and at least
// once a second otherwise, as Kinesis does.
const SubscribePollInterval = 20 * time.Millisecond

const heartbeatInterval = time.Second

// subscribe answers SubscribeToShard: errors before the subscription starts
// are ordinary error responses; after that, an event stream of
// initial-response, then SubscribeToShardEvent messages, ending when the
// subscription ends or the client goes away.
func (h *Handler) subscribe(w http.ResponseWriter, r *http.Request, c codec, body []byte) int {
	var in subscribeToShardIn
	if err := c.decode(body, &in); err != nil {
		return h.writeError(w, c, err, 0)
	}
	if err := need(member{"consumerARN", in.ConsumerARN == nil}, member{"shardId", in.ShardId == nil},
		member{"startingPosition", in.StartingPosition == nil}); err != nil {
		return h.writeError(w, c, err, 0)
	}
	pos := in.StartingPosition
	sub, err := h.k.SubscribeToShard(r.Context(), &minikinesis.SubscribeToShardInput{
		ConsumerARN: *in.ConsumerARN, ShardId: *in.ShardId,
		StartingPosition: minikinesis.StartingPosition{Type: minikinesis.ShardIteratorType(str(pos.Type)),
			SequenceNumber: str(pos.SequenceNumber), Timestamp: timeOf(pos.Timestamp)},
	})
	if err != nil {
		return h.writeError(w, c, err, 0)
	}
	flusher, _ := w.(http.Flusher)
	w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
	w.WriteHeader(http.StatusOK)
	send := func(msg []byte) bool {
		if _, err := w.Write(msg); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	empty, _ := c.encode(struct{}{})
	if !send(eventMessage("initial-response", c.contentType(), empty)) {
		return http.StatusOK
	}
	h.stream(r.Context(), sub, c, send)
	return http.StatusOK
}

// stream relays a subscription's events until it ends.
func (h *Handler) stream(ctx context.Context, sub *minikinesis.Subscription, c codec, send func([]byte) bool) {
	ticker := time.NewTicker(SubscribePollInterval)
	defer ticker.Stop()
	lastSent := time.Time{}
	for {
		ev, err := sub.Next(ctx)
		if err != nil {
			if !errors.Is(err, io.EOF) && ctx.Err() == nil {
				_, body := errorResponse(err)
				payload, _ := c.encode(map[string]string{"message": messageOf(body)})
				send(exceptionMessage(body.Type, c.contentType(), payload))
			}
			return
		}
		if len(ev.Records) > 0 || len(ev.ChildShards) > 0 || time.Since(lastSent) >= heartbeatInterval {
			out := subscribeToShardEventOut{Records: recordsOut(ev.Records), ContinuationSequenceNumber: optional(ev.ContinuationSequenceNumber),
				MillisBehindLatest: ev.MillisBehindLatest}
			if len(ev.ChildShards) > 0 {
				out.ChildShards = childShardsOut(ev.ChildShards)
			}
			payload, err := c.encode(out)
			if err != nil || !send(eventMessage("SubscribeToShardEvent", c.contentType(), payload)) {
				return
			}
			lastSent = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func messageOf(b errorBody) string {
	switch {
	case b.Message != nil:
		return *b.Message
	case b.CapitalMessage != nil:
		return *b.CapitalMessage
	}
	return ""
}
