package kinesishttp

import (
	"io"
	"net/http"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
)

func TestInternalFailureIs500(t *testing.T) {
	t.Parallel()
	status, body := errorResponse(&minikinesis.InternalFailureException{Message: "Internal Service Failure"})
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, "InternalFailure", body.Type)
	status, body = errorResponse(io.ErrUnexpectedEOF)
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, "InternalFailure", body.Type)
}
