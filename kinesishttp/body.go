package kinesishttp

import (
	"io"
	"math/bits"
	"sync"
)

// requestBuffer is a request's body and the scratch memory its decoder may
// use, in one recycled allocation: a body read into fresh memory costs a
// page fault every 4 KiB and the garbage collector's time later, which on
// a PutRecords of 500 records is much of the server's work.
type requestBuffer struct {
	b     []byte
	class int // the bufferClasses entry b came from; -1: not recycled
}

// body is the first n bytes of the buffer, with the rest as its spare
// capacity: room for its decoder (see spare).
func (rb *requestBuffer) body(n int) []byte { return rb.b[:n] }

// spare is the room past a body's length, up to its capacity, as an empty
// slice: a decoder writes what it decodes from the body there (a JSON
// PutRecords' base64 data) when it fits, so a request costs no fresh
// memory. Only readBody's bodies are read with it: their spare capacity
// is theirs.
func spare(body []byte) []byte { return body[len(body):len(body)] }

// Buffers come in powers of two from 4 KiB to 32 MiB (a body of up to
// DefaultMaxBodyBytes and room to decode it); larger ones are not kept.
const (
	minBufferShift = 12
	maxBufferShift = 25
)

var bufferClasses [maxBufferShift - minBufferShift + 1]sync.Pool

// getRequestBuffer returns a buffer of at least n bytes. What it holds is
// whatever the buffer's last request left there.
func getRequestBuffer(n int) *requestBuffer {
	shift := minBufferShift
	if n > 1<<minBufferShift {
		shift = bits.Len(uint(n - 1))
	}
	if shift > maxBufferShift {
		return &requestBuffer{b: make([]byte, n), class: -1}
	}
	class := shift - minBufferShift
	if rb, ok := bufferClasses[class].Get().(*requestBuffer); ok {
		return rb
	}
	return &requestBuffer{b: make([]byte, 1<<shift), class: class}
}

// release recycles the buffer: nothing may use its memory afterwards.
func (rb *requestBuffer) release() {
	if rb != nil && rb.class >= 0 {
		bufferClasses[rb.class].Put(rb)
	}
}

// decodeRoom is how much scratch a body of n bytes may need: its base64
// data decodes to at most three quarters of it.
func decodeRoom(n int64) int64 { return n - n/4 }

// eagerBodyBytes is the most of an announced body allocated before any of
// it arrives.
const eagerBodyBytes = 1 << 20

// readBody reads a request body. When its length is known and within
// limit, it is read with one sized read into a recycled buffer, whose
// room past the body is its spare capacity (see spare), and the caller
// releases the buffer once the request is answered; otherwise it is read
// whole into memory of its own, and the buffer is nil.
func readBody(r io.Reader, length, limit int64) ([]byte, *requestBuffer, error) {
	if length <= 0 || length > limit {
		b, err := io.ReadAll(r)
		return b, nil, err
	}
	var head []byte
	if length > eagerBodyBytes {
		// Announcing a large body costs a client nothing: hold only what
		// has arrived until the first eagerBodyBytes are in.
		hb := getRequestBuffer(eagerBodyBytes)
		head = hb.body(eagerBodyBytes)
		_, err := io.ReadFull(r, head)
		if err != nil {
			hb.release()
			return nil, nil, err
		}
		defer hb.release()
	}
	rb := getRequestBuffer(int(length + decodeRoom(length)))
	body := rb.body(int(length))
	copy(body, head)
	if _, err := io.ReadFull(r, body[len(head):]); err != nil {
		rb.release()
		return nil, nil, err
	}
	// The body must end where its Content-Length says.
	var extra [1]byte
	if n, _ := r.Read(extra[:]); n > 0 {
		rest, err := io.ReadAll(r)
		full := append(append(append(make([]byte, 0, len(body)+1+len(rest)), body...), extra[0]), rest...)
		rb.release()
		return full, nil, err
	}
	return body, rb, nil
}
