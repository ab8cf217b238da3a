package kinesishttp

import (
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

// fastCodec is a codec with hand-written PutRecords and GetRecords paths.
type fastCodec interface {
	decodePutRecords(body []byte) (*minikinesis.PutRecordsInput, bool)
	appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte
	appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte
}

// Both codecs have the hand-written paths; were one to lose a method, the
// handler would quietly send every request down the generic path.
var (
	_ fastCodec = jsonCodec{}
	_ fastCodec = cborCodec{}
)

// fastPath is a dispatch table row's hand-written codecs.
type fastPath struct {
	// decode reads a request straight into the model's input, or reports
	// false; nil leaves every request to the generic decoder.
	decode func(f fastCodec, body []byte) (any, bool)
	// encode appends the response for the model's output to b.
	encode func(f fastCodec, b []byte, out any) []byte
	// writes reports whether encode writes out; nil means it writes every
	// output.
	writes func(out any) bool
}

// takes reports whether the hand-written encoder answers out.
func (p *fastPath) takes(out any) bool { return p.writes == nil || p.writes(out) }

// bufferPool recycles response buffers of the hand-encoded calls.
var bufferPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// writeFast answers out through the hand-written encoder, in a pooled
// buffer.
func (h *Handler) writeFast(w http.ResponseWriter, c codec, fc fastCodec, fast *fastPath, out any) int {
	bp := bufferPool.Get().(*[]byte)
	b := fast.encode(fc, (*bp)[:0], out)
	w.Header().Set("Content-Type", c.contentType())
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
	if cap(b) <= 16<<20 { // do not keep huge buffers alive
		*bp = b
		bufferPool.Put(bp)
	}
	return http.StatusOK
}
