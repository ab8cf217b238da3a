package kinesishttp

import (
	"context"
	"errors"
	"net/http"

	"github.com/minikinesis/minikinesis"
)

// SerializationException: the request body does not parse, or a member
// has the wrong type. AWS writes its message under a capitalised "Message".
type SerializationException struct{ Message string }

// ErrorCode returns "SerializationException".
func (e *SerializationException) ErrorCode() string { return "SerializationException" }

// ErrorMessage returns the message, which may be empty.
func (e *SerializationException) ErrorMessage() string { return e.Message }

// Error is the code and the message, as the SDKs print a service error.
func (e *SerializationException) Error() string { return e.ErrorCode() + ": " + e.Message }

// UnknownOperationException: the X-Amz-Target names no Kinesis operation.
type UnknownOperationException struct{}

// ErrorCode returns "UnknownOperationException".
func (e *UnknownOperationException) ErrorCode() string { return "UnknownOperationException" }

// ErrorMessage returns "" — AWS sends none.
func (e *UnknownOperationException) ErrorMessage() string { return "" }

// Error is the code alone: there is no message.
func (e *UnknownOperationException) Error() string { return e.ErrorCode() }

// errorBody is the JSON and CBOR shape of every error response.
type errorBody struct {
	Type    string  `json:"__type"`
	Message *string `json:"message,omitempty"`
	// SerializationException alone spells it with a capital M.
	CapitalMessage *string `json:"Message,omitempty"`
}

// errorResponse maps an error to its HTTP status and body.
func errorResponse(err error) (int, errorBody) {
	var apiErr minikinesis.APIError
	switch {
	case errors.As(err, &apiErr):
		msg := apiErr.ErrorMessage()
		body := errorBody{Type: apiErr.ErrorCode()}
		switch {
		case body.Type == "SerializationException":
			if msg != "" {
				body.CapitalMessage = &msg
			}
		case body.Type == "UnknownOperationException":
		default:
			body.Message = &msg
		}
		status := http.StatusBadRequest
		if body.Type == "InternalFailure" {
			status = http.StatusInternalServerError
		}
		return status, body
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		msg := err.Error()
		return http.StatusInternalServerError, errorBody{Type: "InternalFailure", Message: &msg}
	}
	msg := "Internal Service Failure"
	return http.StatusInternalServerError, errorBody{Type: "InternalFailure", Message: &msg}
}

// contentTypeLegacyJSON is the Content-Type of AWS's legacy JSON protocol,
// which it answers in a legacy envelope (see Handler.answerLegacy).
const contentTypeLegacyJSON = "application/json"

// MissingAuthenticationTokenException: the request carries no credentials
// (AuthRequired).
type MissingAuthenticationTokenException struct{ Message string }

// ErrorCode returns "MissingAuthenticationTokenException".
func (e *MissingAuthenticationTokenException) ErrorCode() string {
	return "MissingAuthenticationTokenException"
}

// ErrorMessage returns the message AWS sends.
func (e *MissingAuthenticationTokenException) ErrorMessage() string { return e.Message }

// Error is the code and the message.
func (e *MissingAuthenticationTokenException) Error() string { return e.ErrorCode() + ": " + e.Message }

// IncompleteSignatureException: the request's Authorization header, or its
// presigned query string, lacks parameters a signature needs
// (AuthRequired); the message lists them.
type IncompleteSignatureException struct{ Message string }

// ErrorCode returns "IncompleteSignatureException".
func (e *IncompleteSignatureException) ErrorCode() string { return "IncompleteSignatureException" }

// ErrorMessage returns the message AWS sends.
func (e *IncompleteSignatureException) ErrorMessage() string { return e.Message }

// Error is the code and the message.
func (e *IncompleteSignatureException) Error() string { return e.ErrorCode() + ": " + e.Message }

// InvalidSignatureException: the request is signed both in its query
// string and in an Authorization header (AuthRequired).
type InvalidSignatureException struct{ Message string }

// ErrorCode returns "InvalidSignatureException".
func (e *InvalidSignatureException) ErrorCode() string { return "InvalidSignatureException" }

// ErrorMessage returns the message AWS sends.
func (e *InvalidSignatureException) ErrorMessage() string { return e.Message }

// Error is the code and the message.
func (e *InvalidSignatureException) Error() string { return e.ErrorCode() + ": " + e.Message }

// UnrecognizedClientException: a request outside the service protocol
// (answered in XML) names an operation of another service.
type UnrecognizedClientException struct{ Message string }

// ErrorCode returns "UnrecognizedClientException".
func (e *UnrecognizedClientException) ErrorCode() string { return "UnrecognizedClientException" }

// ErrorMessage returns the message AWS sends.
func (e *UnrecognizedClientException) ErrorMessage() string { return e.Message }

// Error is the code and the message.
func (e *UnrecognizedClientException) Error() string { return e.ErrorCode() + ": " + e.Message }
