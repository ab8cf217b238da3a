package kinesishttp

import (
	"net/http"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuthenticationRequiredByDefault: a handler made without options
// refuses a request without credentials as AWS does, and serves one with
// a well-formed Authorization header, whatever its signature.
func TestAuthenticationRequiredByDefault(t *testing.T) {
	t.Parallel()
	h := NewHandler(minikinesis.New())
	rec := awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth}.send(t, h)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`, rec.Body.String())
	rec = awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}"}.send(t, h)
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	// A Date header stands for X-Amz-Date.
	rec = awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "AWS4-HMAC-SHA256 Credential=a, SignedHeaders=b, Signature=c", date: "Wed, 04 Mar 2026 05:06:07 GMT"}.send(t, h)
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	// An Authentication value of no known mode asks for credentials too.
	strict := NewHandler(minikinesis.New(), WithAuthentication(Authentication(99)))
	rec = awsRequest{contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth}.send(t, strict)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
}

// TestAuthenticationOff: with AuthOff, credentials are not looked at:
// requests without any, or with a malformed header, are served, and the
// other checks still answer as AWS does.
func TestAuthenticationOff(t *testing.T) {
	t.Parallel()
	h := NewHandler(minikinesis.New(), WithAuthentication(AuthOff))
	for name, req := range map[string]awsRequest{
		"no credentials":       {contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
		"malformed header":     {contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "X"},
		"incomplete query":     {path: "/?X-Amz-Algorithm", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: noAuth},
		"header and query":     {path: "/?X-Amz-Algorithm", contentType: contentTypeJSON, target: listStreams, body: "{}", auth: "X"},
		"CBOR, no credentials": {contentType: contentTypeCBOR, target: listStreams, body: "\xa0", auth: noAuth},
	} {
		rec := req.send(t, h)
		assert.Equal(t, http.StatusOK, rec.Code, "%s: %s", name, rec.Body.String())
	}
	rec := awsRequest{contentType: contentTypeJSON, target: "Kinesis_20131202.Fly", body: "{}", auth: noAuth}.send(t, h)
	assert.Equal(t, `{"__type":"UnknownOperationException"}`, rec.Body.String())
	rec = awsRequest{method: http.MethodGet, target: listStreams, auth: noAuth}.send(t, h)
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "<UnknownOperationException/>\n", rec.Body.String(), "the XML answers skip the credentials too")
}

// TestAuthenticationNames: the modes' names, as the server's -auth flag
// takes them.
func TestAuthenticationNames(t *testing.T) {
	t.Parallel()
	for a, name := range map[Authentication]string{AuthRequired: "required", AuthOff: "off", AuthVerify: "verify"} {
		assert.Equal(t, name, a.String())
		text, err := a.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, name, string(text))
		var back Authentication
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, a, back)
	}
	var a Authentication
	assert.EqualError(t, a.UnmarshalText([]byte("check")), "want required, off or verify")
	assert.Equal(t, "Authentication(7)", Authentication(7).String())
	_, err := Authentication(7).MarshalText()
	assert.Error(t, err)
}
