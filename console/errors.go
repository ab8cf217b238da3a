package console

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/minikinesis/minikinesis"
)

// apiError is an admin API failure, answered as {"__type", "message"}
// like a Kinesis error.
type apiError struct {
	status  int
	Code    string `json:"__type"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func badRequest(format string) *apiError {
	return &apiError{status: http.StatusBadRequest, Code: "InvalidArgumentException", Message: format}
}

// writeError answers err: an *apiError as it is, a model error with its
// AWS exception name, anything else as an internal failure.
func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	var me minikinesis.APIError
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &me):
		ae = &apiError{status: statusOf(me.ErrorCode()), Code: me.ErrorCode(), Message: me.ErrorMessage()}
	default:
		ae = &apiError{status: http.StatusInternalServerError, Code: "InternalFailure", Message: err.Error()}
	}
	writeJSON(w, ae.status, ae)
}

// statusOf is the HTTP status an admin answer gives a model error: the
// resource errors keep REST meanings, so curl users see them at a glance.
func statusOf(code string) int {
	switch code {
	case "ResourceNotFoundException":
		return http.StatusNotFound
	case "ResourceInUseException":
		return http.StatusConflict
	case "LimitExceededException", "ProvisionedThroughputExceededException":
		return http.StatusTooManyRequests
	case "InternalFailureException":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// maxBody bounds an admin request body; a snapshot upload may be large.
const maxBody = 1 << 30

// readJSON decodes the request body into v, refusing unknown fields so a
// misspelt member is not silently ignored.
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("The request body is not the JSON expected: " + err.Error())
	}
	return nil
}
