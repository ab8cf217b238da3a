package kinesishttp

import (
	"context"
	"net/http"
	"sync"

	"github.com/minikinesis/minikinesis"
)

// The two data-plane calls that carry records, PutRecords and GetRecords,
// are encoded and decoded by hand: they are the hot path, and a generic
// codec costs several times the model's own work per record. Anything the
// fast decoder does not expect (escapes, unknown members, nulls, bad
// base64) makes it give up, and the generic codec then answers with AWS's
// exact errors.

// bufferPool recycles response buffers of the hand-encoded calls.
var bufferPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// serveFast answers PutRecords and GetRecords through the hand-written
// codecs. handled is false when the request is not one it takes, and the
// generic path must answer.
func (h *Handler) serveFast(ctx context.Context, w http.ResponseWriter, c codec, op string, body []byte) (status int, handled bool) {
	fast, ok := c.(fastCodec)
	if !ok {
		return 0, false
	}
	switch op {
	case "PutRecords":
		in, ok := fast.decodePutRecords(body)
		if !ok {
			return 0, false
		}
		out, err := h.k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: in.streamName, StreamARN: in.streamARN, Records: in.entries})
		if err != nil {
			return h.writeError(w, c, err, 0), true
		}
		return h.writeFast(w, c, func(b []byte) []byte { return fast.appendPutRecords(b, out) }), true
	case "GetRecords":
		var in getRecordsIn
		if err := c.decode(body, &in); err != nil {
			return h.writeError(w, c, err, 0), true
		}
		out, err := getRecordsModel(ctx, h.k, &in)
		if err != nil {
			return h.writeError(w, c, err, 0), true
		}
		if len(out.ChildShards) > 0 {
			return h.write(w, c, http.StatusOK, getRecordsWire(out)), true
		}
		return h.writeFast(w, c, func(b []byte) []byte { return fast.appendGetRecords(b, out) }), true
	}
	return 0, false
}

func (h *Handler) writeFast(w http.ResponseWriter, c codec, encode func([]byte) []byte) int {
	bp := bufferPool.Get().(*[]byte)
	b := encode((*bp)[:0])
	w.Header().Set("Content-Type", c.contentType())
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
	if cap(b) <= 16<<20 { // do not keep huge buffers alive
		*bp = b
		bufferPool.Put(bp)
	}
	return http.StatusOK
}

// fastCodec is a codec with hand-written PutRecords and GetRecords paths.
type fastCodec interface {
	decodePutRecords(body []byte) (*fastPutRecords, bool)
	appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte
	appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte
}

func (jsonCodec) decodePutRecords(body []byte) (*fastPutRecords, bool) {
	return decodePutRecordsJSON(body)
}

func (jsonCodec) appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte {
	return appendPutRecordsJSON(b, out)
}

func (jsonCodec) appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte {
	return appendGetRecordsJSON(b, out)
}

func (cborCodec) decodePutRecords(body []byte) (*fastPutRecords, bool) {
	return decodePutRecordsCBOR(body)
}

func (cborCodec) appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte {
	return appendPutRecordsCBOR(b, out)
}

func (cborCodec) appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte {
	return appendGetRecordsCBOR(b, out)
}
