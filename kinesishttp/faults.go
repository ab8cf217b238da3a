package kinesishttp

import (
	"net/http"
	"strings"

	"github.com/minikinesis/minikinesis"
)

// streamMembers are the request members that name a stream.
type streamMembers struct {
	StreamName  *string `json:"StreamName"`
	StreamARN   *string `json:"StreamARN"`
	ResourceARN *string `json:"ResourceARN"`
	ConsumerARN *string `json:"ConsumerARN"`
}

// streamNamed reads which stream a request names, for fault matching.
func streamNamed(c codec, body []byte) string {
	var m streamMembers
	if c.decode(body, &m) != nil {
		return ""
	}
	if m.StreamName != nil {
		return *m.StreamName
	}
	for _, arn := range []*string{m.StreamARN, m.ResourceARN, m.ConsumerARN} {
		if arn == nil {
			continue
		}
		s := *arn
		if i := strings.Index(s, "/consumer/"); i >= 0 {
			s = s[:i]
		}
		if i := strings.LastIndex(s, ":stream/"); i >= 0 {
			return s[i+len(":stream/"):]
		}
	}
	return ""
}

// wireFault carries out an injected wire-level fault, if one fires: an
// HTTP error status, or a connection closed without an answer.
func (h *Handler) wireFault(w http.ResponseWriter, c codec, k *minikinesis.Kinesis, op string, body []byte) (int, bool) {
	f, ok := k.MatchWireFault(op, streamNamed(c, body))
	if !ok {
		return 0, false
	}
	if f.DropConnection {
		// The server closes the connection (or resets the HTTP/2 stream)
		// without writing anything.
		panic(http.ErrAbortHandler)
	}
	var err error = &minikinesis.InternalFailureException{Message: "Internal Service Failure"}
	if f.HTTPStatus == http.StatusServiceUnavailable {
		err = &serviceUnavailable{}
	}
	return h.writeError(w, c, err, f.HTTPStatus), true
}

// serviceUnavailable is what a 503 carries.
type serviceUnavailable struct{}

// ErrorCode returns "ServiceUnavailable", the __type of a 503.
func (*serviceUnavailable) ErrorCode() string { return "ServiceUnavailable" }

// ErrorMessage returns the message a 503 carries.
func (*serviceUnavailable) ErrorMessage() string { return "Service Unavailable" }

// Error is the code and the message.
func (*serviceUnavailable) Error() string { return "ServiceUnavailable: Service Unavailable" }
