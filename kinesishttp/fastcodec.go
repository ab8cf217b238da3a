package kinesishttp

import (
	"context"
	"net/http"

	"github.com/minikinesis/minikinesis"
)

// The two data-plane calls that carry records, PutRecords and GetRecords,
// are encoded and decoded by hand: they are the hot path, and a generic
// codec costs several times the model's own work per record. Anything the
// fast decoder does not expect (escapes, unknown members, nulls, bad
// base64) makes it give up, and the generic codec then answers with AWS's
// exact errors.

// fastCodec is a codec with hand-written PutRecords, GetRecords and
// PutRecord paths.
type fastCodec interface {
	// decodePutRecords overwrites in, reusing the capacity of its Records.
	decodePutRecords(body []byte, in *minikinesis.PutRecordsInput) bool
	appendPutRecords(b []byte, out *minikinesis.PutRecordsOutput) []byte
	appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte
	decodePutRecord(body []byte) (*minikinesis.PutRecordInput, bool)
	appendPutRecord(b []byte, out *minikinesis.PutRecordOutput) []byte
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
	// call, when set, runs the model on what decode made instead of the
	// row's call, and release then takes that back once the response is
	// written: decode may hand out recycled memory.
	call    func(ctx context.Context, k *minikinesis.Kinesis, in any) (any, error)
	release func(in any)
	// encode appends the response for the model's output to b.
	encode func(f fastCodec, b []byte, out any) []byte
	// size bounds the length of encode's response in either codec, so its
	// buffer is had at once rather than grown: growing a GetRecords
	// response from small was most of the handler's time. It may fall
	// short only for text that needs escaping, and the buffer then grows.
	size func(out any) int
	// writes reports whether encode writes out; nil means it writes every
	// output.
	writes func(out any) bool
}

// takes reports whether the hand-written encoder answers out.
func (p *fastPath) takes(out any) bool { return p.writes == nil || p.writes(out) }

// writeFast answers out through the hand-written encoder, in a recycled
// buffer of the size the response needs.
func (h *Handler) writeFast(w http.ResponseWriter, c codec, fc fastCodec, fast *fastPath, out any) int {
	buf := getRequestBuffer(fast.size(out))
	defer buf.release()
	return writeBody(w, c, http.StatusOK, fast.encode(fc, buf.b[:0], out))
}
