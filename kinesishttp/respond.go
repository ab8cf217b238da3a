package kinesishttp

import (
	"math/rand/v2"
	"net/http"
	"strconv"

	"github.com/minikinesis/minikinesis"
)

// Response headers as net/http canonicalizes them, so they are set
// without canonicalizing them again on every response.
const (
	headerRequestID     = "X-Amzn-Requestid"
	headerContentType   = "Content-Type"
	headerContentLength = "Content-Length"
	headerErrorType     = "X-Amzn-Errortype"
)

// setRequestID gives a response its x-amzn-RequestId, a random UUID as
// AWS's are. It is drawn from the runtime's per-thread generator, not
// crypto/rand: request IDs name requests for logs and support, they guard
// nothing, and one a request should cost no system call.
func setRequestID(h http.Header) {
	h[headerRequestID] = []string{newRequestID()}
}

func newRequestID() string {
	const hex = "0123456789abcdef"
	var b [36]byte
	hi, lo := rand.Uint64(), rand.Uint64()
	j := 0
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
			continue
		}
		var nibble uint64
		if j < 16 {
			nibble = hi >> (60 - 4*j)
		} else {
			nibble = lo >> (60 - 4*(j-16))
		}
		b[i] = hex[nibble&0xf]
		j++
	}
	return string(b[:])
}

// writeBody answers with status and a body of content type c, sized by
// its Content-Length: net/http then sends it as it is, not in chunks.
func writeBody(w http.ResponseWriter, c codec, status int, body []byte) int {
	h := w.Header()
	h[headerContentType] = []string{c.contentType()}
	h[headerContentLength] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return status
}

// write answers v in c, or an empty body when v is nil.
func (h *Handler) write(w http.ResponseWriter, c codec, status int, v any) int {
	if v == nil {
		w.Header()[headerContentType] = []string{c.contentType()}
		w.WriteHeader(status)
		return status
	}
	body, err := c.encode(v)
	if err != nil {
		return h.writeError(w, c, &minikinesis.InternalFailureException{Message: "Internal Service Failure"}, 0)
	}
	return writeBody(w, c, status, body)
}

// writeError answers an error; status overrides the error's own when set.
func (h *Handler) writeError(w http.ResponseWriter, c codec, err error, status int) int {
	code, body := errorResponse(err)
	if status != 0 {
		code = status
	}
	w.Header()[headerErrorType] = []string{body.Type}
	return h.write(w, c, code, body)
}
