package kinesishttp

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis"
)

// DefaultMaxBodyBytes bounds a request body: a 10 MiB PutRecords in base64
// JSON, with room for keys and framing.
const DefaultMaxBodyBytes = 16 << 20

// targetService is the service an X-Amz-Target names before its
// operation, targetPrefix the two with the dot between them.
const (
	targetService = "Kinesis_20131202"
	targetPrefix  = targetService + "."
)

// Handler is an http.Handler that serves the Kinesis protocol over one
// *minikinesis.Kinesis, or over the account WithAccounts picks for each
// request. It is safe for concurrent use.
type Handler struct {
	k       *minikinesis.Kinesis
	resolve AccountFunc
	maxBody int64
	logger  *slog.Logger
	auth    Authentication
	sigv4   *verifier
	json    codec
	cbor    codec
	ops     map[string]operation
	admin   http.Handler // WithAdminHandler (admin.go)
}

// Option configures a Handler.
type Option func(*Handler)

// WithMaxBodyBytes bounds request bodies; larger ones get HTTP 413.
// Default DefaultMaxBodyBytes.
func WithMaxBodyBytes(n int64) Option { return func(h *Handler) { h.maxBody = n } }

// WithLogger logs one line per request (operation, status, duration) at
// Info, and failures at Warn. Default: no logging.
func WithLogger(l *slog.Logger) Option { return func(h *Handler) { h.logger = l } }

// WithAuthentication sets what the handler asks of a request's credentials.
// Default AuthRequired, which any value but AuthOff also asks for.
func WithAuthentication(a Authentication) Option { return func(h *Handler) { h.auth = a } }

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
	if h.admin != nil && strings.HasPrefix(r.URL.Path, AdminPath) {
		h.admin.ServeHTTP(w, r)
		return
	}
	start := time.Now()
	setRequestID(w.Header())
	target := r.Header.Get("X-Amz-Target")
	status := h.serve(w, r, target)
	h.logRequest(r, target, status, start)
}

// serve answers a request in the order AWS checks one (kinesalite's tests
// record it, test/connection.js): a POST in JSON 1.1, CBOR 1.1 or the
// legacy application/json, or any POST without a body, is the service's
// and is answered in its encoding (see answerService); everything else is
// refused in XML (see answerXML).
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, target string) int {
	mediaType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	mediaType = strings.TrimSpace(mediaType)
	body, buf, err := readBody(http.MaxBytesReader(w, r.Body, h.maxBody), r.ContentLength, h.maxBody)
	defer buf.release() // the answer is written: nothing uses the body any more
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			return http.StatusRequestEntityTooLarge
		}
		return h.writeError(w, h.codecFor(mediaType), &SerializationException{}, 0)
	}
	service := strings.EqualFold(mediaType, contentTypeJSON) || strings.EqualFold(mediaType, contentTypeCBOR) ||
		strings.EqualFold(mediaType, contentTypeLegacyJSON)
	if r.Method != http.MethodPost || len(body) > 0 && !service {
		return h.answerXML(w, r, target, body)
	}
	return h.answerService(w, r, mediaType, target, body)
}

// answerService answers a request for the service: a body that is not an
// object (a SerializationException; in the legacy envelope for
// application/json, which goes no further: UnknownOperationException),
// then an X-Amz-Target that names no operation, an empty body, and
// credentials missing or not well formed, in that order; then the
// operation runs. Only a request that fails a check parses its body ahead
// of the operation's own decoder.
func (h *Handler) answerService(w http.ResponseWriter, r *http.Request, mediaType, target string, body []byte) int {
	if len(body) > 0 && strings.EqualFold(mediaType, contentTypeLegacyJSON) {
		return h.answerLegacy(w, body)
	}
	c := h.codecFor(mediaType)
	op, hasPrefix := strings.CutPrefix(target, targetPrefix)
	o, known := h.ops[op]
	known = known && hasPrefix
	if len(body) == 0 {
		if !known {
			return h.writeError(w, c, &UnknownOperationException{}, 0)
		}
		return h.writeError(w, c, &SerializationException{}, 0)
	}
	credentials := h.credentialsError(r, body)
	if !known || credentials != nil {
		if err := requestObject(c, body); err != nil {
			return h.writeError(w, c, err, 0)
		}
		if !known {
			return h.writeError(w, c, &UnknownOperationException{}, 0)
		}
		return h.writeError(w, c, credentials, 0)
	}
	k, err := h.account(r)
	if err != nil {
		return h.writeError(w, c, err, 0)
	}
	if k.FaultsInstalled() {
		if status, faulted := h.wireFault(w, c, k, op, body); faulted {
			return status
		}
	}
	return h.answer(r.Context(), w, c, k, o, body)
}

// requestObject checks that a body parses with c as an object.
func requestObject(c codec, body []byte) error {
	root, ok := c.parse(body)
	if !ok {
		return &SerializationException{}
	}
	return bodyObject(&root)
}

// answerLegacy answers a request in the legacy application/json, which
// AWS refuses in its legacy envelope: 400 SerializationException for a
// body that is not a JSON object, else 404 UnknownOperationException.
func (h *Handler) answerLegacy(w http.ResponseWriter, body []byte) int {
	code, status := (&UnknownOperationException{}).ErrorCode(), http.StatusNotFound
	if requestObject(h.json, body) != nil {
		code, status = (&SerializationException{}).ErrorCode(), http.StatusBadRequest
	}
	w.Header().Set("Content-Type", contentTypeLegacyJSON)
	w.Header().Set("x-amzn-ErrorType", code)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `{"Output":{"__type":"com.amazon.coral.service#`+code+`"},"Version":"1.0"}`)
	return status
}

// answerXML answers what is not a request for the service (another method
// than POST, or a body in another Content-Type) as AWS does, in XML and
// with no Content-Type: credentials missing or not well formed first,
// then by what the X-Amz-Target names — an operation of another service,
// an operation Kinesis does not have, an operation it has (which it does
// not serve this way), or nothing it can tell.
func (h *Handler) answerXML(w http.ResponseWriter, r *http.Request, target string, body []byte) int {
	if err := h.credentialsError(r, body); err != nil {
		return h.writeXML(w, err, http.StatusForbidden)
	}
	service, op, _ := strings.Cut(target, ".")
	_, known := h.ops[op]
	switch {
	case known && service != targetService:
		return h.writeXML(w, &UnrecognizedClientException{Message: "No authorization strategy was found for service: " + service + ", operation: " + op}, http.StatusForbidden)
	case known:
		return h.writeXML(w, &UnknownOperationException{}, http.StatusNotFound)
	case service == targetService && op != "":
		return h.writeXML(w, &minikinesis.InternalFailureException{}, http.StatusInternalServerError)
	}
	return h.writeXML(w, &minikinesis.AccessDeniedException{Message: "Unable to determine service/operation name to be authorized"}, http.StatusForbidden)
}

// writeXML answers err in AWS's XML: <Code>, its <Message> indented within
// (or <Code/> alone when there is none), each on a line of its own; no
// Content-Type header.
func (h *Handler) writeXML(w http.ResponseWriter, err minikinesis.APIError, status int) int {
	var b strings.Builder
	code, msg := err.ErrorCode(), err.ErrorMessage()
	if msg == "" {
		b.WriteString("<" + code + "/>\n")
	} else {
		b.WriteString("<" + code + ">\n  <Message>")
		b.WriteString(xmlEscaper.Replace(msg))
		b.WriteString("</Message>\n</" + code + ">\n")
	}
	w.Header()["Content-Type"] = nil // nil, so net/http does not sniff one
	w.Header().Set("x-amzn-ErrorType", code)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, b.String())
	return status
}

// xmlEscaper escapes what XML text cannot hold; AWS's quotes stay as they
// are.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// codecFor picks the codec that answers a Content-Type: JSON 1.1 for its
// own, CBOR 1.1 for anything else (AWS answers a body-less request of any
// Content-Type in CBOR).
func (h *Handler) codecFor(mediaType string) codec {
	if strings.EqualFold(mediaType, contentTypeJSON) {
		return h.json
	}
	return h.cbor
}

// Authentication is what a Handler asks of a request's credentials.
// AuthRequired, the default, asks what AWS asks before it verifies a
// signature, so clients that sign, as every AWS SDK does, are served
// with any keys, and clients that send no credentials get AWS's answer;
// AuthVerify also verifies the signature (see WithCredentials).
type Authentication uint8

const (
	// AuthRequired (the default) refuses, with AWS's exceptions and
	// texts, a request without credentials (MissingAuthenticationToken
	// Exception), with an Authorization header that is not a well-formed
	// Signature Version 4 header or a presigned query string that lacks
	// one of its parameters (IncompleteSignatureException), and one with
	// both (InvalidSignatureException).
	AuthRequired Authentication = iota
	// AuthOff serves requests whatever credentials they carry, or none.
	AuthOff
	// AuthVerify asks what AuthRequired asks, then verifies the Signature
	// Version 4 signature against the access keys WithCredentials gives,
	// with AWS's answers (see Handler.signatureError).
	AuthVerify
)

// authNames are the Authentication values' names, as MarshalText writes
// them and the server's -auth flag takes them.
var authNames = [...]string{AuthRequired: "required", AuthOff: "off", AuthVerify: "verify"}

// String names a, as the server's -auth flag does.
func (a Authentication) String() string {
	if int(a) < len(authNames) {
		return authNames[a]
	}
	return "Authentication(" + strconv.Itoa(int(a)) + ")"
}

// MarshalText writes a's name.
func (a Authentication) MarshalText() ([]byte, error) {
	if int(a) >= len(authNames) {
		return nil, fmt.Errorf("kinesishttp: unknown %s", a)
	}
	return []byte(authNames[a]), nil
}

// UnmarshalText reads a name MarshalText writes.
func (a *Authentication) UnmarshalText(text []byte) error {
	for i, name := range authNames {
		if string(text) == name {
			*a = Authentication(i)
			return nil
		}
	}
	return fmt.Errorf("want %s or %s", strings.Join(authNames[:len(authNames)-1], ", "), authNames[len(authNames)-1])
}

// credentialsError is what AWS answers a request whose credentials are
// missing or not well formed, or nil. The order and texts are AWS's, as
// kinesalite's tests record them (test/connection.js): a presigned query
// (one with X-Amz-Algorithm) must not come with an Authorization header
// too, and must carry all five of its parameters; otherwise an
// Authorization header must be there, with Credential, Signature and
// SignedHeaders, beside an X-Amz-Date or a Date header. With AuthVerify,
// a well-formed signature is then verified (signatureError).
func (h *Handler) credentialsError(r *http.Request, body []byte) minikinesis.APIError {
	if h.auth == AuthOff {
		return nil
	}
	authorization := r.Header.Get("Authorization")
	if r.URL.RawQuery != "" {
		if query := r.URL.Query(); query.Has("X-Amz-Algorithm") {
			if authorization != "" {
				return &InvalidSignatureException{Message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."}
			}
			if err := presignedQueryError(query); err != nil {
				return err
			}
			return h.signatureError(r, body)
		}
	}
	if authorization == "" {
		return &MissingAuthenticationTokenException{Message: "Missing Authentication Token"}
	}
	if err := authorizationError(authorization, r.Header); err != nil {
		return err
	}
	return h.signatureError(r, body)
}

// presignedQueryError lists the parameters a presigned query lacks, or is
// nil.
func presignedQueryError(query url.Values) minikinesis.APIError {
	var msg strings.Builder
	for _, p := range [...]string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"} {
		if query.Get(p) == "" {
			msg.WriteString("AWS query-string parameters must include '" + p + "'. ")
		}
	}
	if msg.Len() == 0 {
		return nil
	}
	msg.WriteString("Re-examine the query-string parameters.")
	return &IncompleteSignatureException{Message: msg.String()}
}

// authorizationError lists what an Authorization header lacks, or is nil.
// The header is read as AWS reads it (authorizationParams; the algorithm
// is not looked at); a parameter given empty is missing.
func authorizationError(authorization string, header http.Header) minikinesis.APIError {
	params := authorizationParams(authorization)
	var msg strings.Builder
	for _, p := range [...]struct{ name, value string }{{"Credential", params.credential}, {"Signature", params.signature}, {"SignedHeaders", params.signedHeaders}} {
		if p.value == "" {
			msg.WriteString("Authorization header requires '" + p.name + "' parameter. ")
		}
	}
	if header.Get("X-Amz-Date") == "" && header.Get("Date") == "" {
		msg.WriteString("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")
	}
	if msg.Len() == 0 {
		return nil
	}
	msg.WriteString("Authorization=" + authorization)
	return &IncompleteSignatureException{Message: msg.String()}
}
