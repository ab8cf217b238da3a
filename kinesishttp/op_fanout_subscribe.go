package kinesishttp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/minikinesis/minikinesis"
)

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

// relay answers SubscribeToShard once its subscription has started (errors
// before that are ordinary error responses): an event stream of
// initial-response, then SubscribeToShardEvent messages, ending when the
// subscription ends or the client goes away.
func (h *Handler) relay(ctx context.Context, w http.ResponseWriter, c codec, sub *minikinesis.Subscription) int {
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
	h.stream(ctx, sub, c, send)
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
