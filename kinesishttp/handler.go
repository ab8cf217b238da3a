package kinesishttp

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis"
)

// DefaultMaxBodyBytes bounds a request body: a 10 MiB PutRecords in base64
// JSON, with room for keys and framing.
const DefaultMaxBodyBytes = 16 << 20

const targetPrefix = "Kinesis_20131202."

// Handler is an http.Handler that serves the Kinesis protocol over one
// *minikinesis.Kinesis. It is safe for concurrent use.
type Handler struct {
	k       *minikinesis.Kinesis
	maxBody int64
	logger  *slog.Logger
	json    codec
	cbor    codec
	ops     map[string]operation
}

// Option configures a Handler.
type Option func(*Handler)

// WithMaxBodyBytes bounds request bodies; larger ones get HTTP 413.
// Default DefaultMaxBodyBytes.
func WithMaxBodyBytes(n int64) Option { return func(h *Handler) { h.maxBody = n } }

// WithLogger logs one line per request (operation, status, duration) at
// Info, and failures at Warn. Default: no logging.
func WithLogger(l *slog.Logger) Option { return func(h *Handler) { h.logger = l } }

// NewHandler returns a Handler serving k.
func NewHandler(k *minikinesis.Kinesis, opts ...Option) *Handler {
	h := &Handler{k: k, maxBody: DefaultMaxBodyBytes, json: jsonCodec{}, cbor: newCBORCodec(), ops: operations()}
	for _, opt := range opts {
		opt(h)
	}
	return h
}

// Kinesis returns the model the handler serves.
func (h *Handler) Kinesis() *minikinesis.Kinesis { return h.k }

// ServeHTTP answers one Kinesis request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	w.Header().Set("x-amzn-RequestId", requestID())
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	status := h.serve(w, r, op)
	if h.logger != nil {
		level := slog.LevelInfo
		if status >= 400 {
			level = slog.LevelWarn
		}
		h.logger.Log(r.Context(), level, "request", "operation", op, "status", status, "duration", time.Since(start))
	}
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request, op string) int {
	c := h.codecFor(r.Header.Get("Content-Type"))
	if r.Method != http.MethodPost {
		return h.writeError(w, h.json, &minikinesis.AccessDeniedException{Message: "Unable to determine service/operation name to be authorized"}, http.StatusForbidden)
	}
	if c == nil {
		return h.writeError(w, h.json, &UnknownOperationException{}, http.StatusNotFound)
	}
	body, err := readBody(http.MaxBytesReader(w, r.Body, h.maxBody), r.ContentLength, h.maxBody)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			return http.StatusRequestEntityTooLarge
		}
		return h.writeError(w, c, &SerializationException{}, 0)
	}
	o, known := h.ops[op]
	if !strings.HasPrefix(r.Header.Get("X-Amz-Target"), targetPrefix) || !known {
		return h.writeError(w, c, &UnknownOperationException{}, 0)
	}
	if len(body) == 0 {
		return h.writeError(w, c, &SerializationException{}, 0)
	}
	if h.k.FaultsInstalled() {
		if status, faulted := h.wireFault(w, c, op, body); faulted {
			return status
		}
	}
	return h.answer(r.Context(), w, c, o, body)
}

// codecFor picks the codec for a Content-Type, nil when it is neither.
func (h *Handler) codecFor(contentType string) codec {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case contentTypeJSON:
		return h.json
	case contentTypeCBOR:
		return h.cbor
	}
	return nil
}

func (h *Handler) write(w http.ResponseWriter, c codec, status int, v any) int {
	w.Header().Set("Content-Type", c.contentType())
	if v == nil {
		w.WriteHeader(status)
		return status
	}
	body, err := c.encode(v)
	if err != nil {
		return h.writeError(w, c, &minikinesis.InternalFailureException{Message: "Internal Service Failure"}, 0)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return status
}

// writeError answers an error; status overrides the error's own when set.
func (h *Handler) writeError(w http.ResponseWriter, c codec, err error, status int) int {
	code, body := errorResponse(err)
	if status != 0 {
		code = status
	}
	w.Header().Set("x-amzn-ErrorType", body.Type)
	return h.write(w, c, code, body)
}

// readBody reads a request body, sized up front when its length is known.
func readBody(r io.Reader, length, limit int64) ([]byte, error) {
	if length <= 0 || length > limit {
		return io.ReadAll(r)
	}
	buf := make([]byte, length, length+1)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	// The body must end where its Content-Length says.
	var extra [1]byte
	if n, _ := r.Read(extra[:]); n > 0 {
		rest, err := io.ReadAll(r)
		return append(append(buf, extra[0]), rest...), err
	}
	return buf, nil
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	s := hex.EncodeToString(b[:])
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}
