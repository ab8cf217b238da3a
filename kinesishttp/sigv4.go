package kinesishttp

import (
	"crypto/hmac"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/minikinesis/minikinesis"
)

// Signature Version 4 as a server checks it: the request's canonical
// form is rebuilt from what the server received — exactly the headers
// the client lists in SignedHeaders, in its order, the path and query as
// sent, the SHA-256 of the body already read — and signed again with the
// key's secret. The AWS SDK for Go's signer (aws/signer/v4) cannot do
// this: it picks the headers it signs by its own rules (never User-Agent
// or Expect, always X-Amz-Date and Content-Length), so it could not
// recompute the signature of a client that signs otherwise, such as the
// AWS SDK for Java 1.x, which signs User-Agent. The tests check this code
// against that signer, request by request.

const (
	// sigV4Algorithm is the only algorithm verified.
	sigV4Algorithm = "AWS4-HMAC-SHA256"
	// sigV4Service is the service a credential scope must name.
	sigV4Service = "kinesis"
	// sigV4Terminator ends every credential scope.
	sigV4Terminator = "aws4_request"
	// sigV4TimeFormat is X-Amz-Date's ISO 8601 basic format.
	sigV4TimeFormat = "20060102T150405Z"
	// sigV4Skew is how far a request's time may be from the server's,
	// either way, as AWS allows.
	sigV4Skew = 5 * time.Minute
)

// AWS's texts for signatures it cannot accept.
const (
	msgSignatureMismatch = "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgInvalidToken = "The security token included in the request is invalid."
	msgHostUnsigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
)

// Credential is an access key a Handler with AuthVerify accepts.
type Credential struct {
	// AccessKeyID names the key; a 12-digit one also picks the account
	// (see Accounts).
	AccessKeyID string
	// SecretAccessKey signs the requests.
	SecretAccessKey string
	// SessionToken, when set, is a temporary key's token, which every
	// request signed with the key must carry (X-Amz-Security-Token);
	// when empty, a request carrying a token is refused, as AWS refuses
	// a token it did not issue.
	SessionToken string
}

// WithCredentials adds access keys that AuthVerify accepts; a later
// credential of the same access key id replaces an earlier one. Without
// any, AuthVerify refuses every request with
// UnrecognizedClientException.
func WithCredentials(creds ...Credential) Option {
	return func(h *Handler) {
		v := h.signatureVerifier()
		for _, c := range creds {
			v.keys[c.AccessKeyID] = c
		}
	}
}

// WithSignatureClock sets the clock AuthVerify checks a signature's time
// against (AWS accepts up to 5 minutes either way). Default the wall
// clock, which is right even for a model on a manual clock: clients sign
// with the real time.
func WithSignatureClock(c minikinesis.Clock) Option {
	return func(h *Handler) { h.signatureVerifier().clock = c }
}

// verifier checks SigV4 signatures against its keys. Its key map is
// written only while the Handler is built.
type verifier struct {
	keys  map[string]Credential
	clock minikinesis.Clock
	// signingKeys caches derived keys by access key id and scope: a key
	// serves a whole day of requests.
	signingKeys sync.Map
}

// signatureVerifier returns the handler's verifier, made on first use.
func (h *Handler) signatureVerifier() *verifier {
	if h.sigv4 == nil {
		h.sigv4 = &verifier{keys: map[string]Credential{}, clock: minikinesis.WallClock{}}
	}
	return h.sigv4
}

// signatureError is, with AuthVerify, what AWS answers a request whose
// well-formed signature it does not accept, or nil; with any other
// Authentication, nil. The checks, in order: the credential's five
// elements (IncompleteSignatureException), the access key and session
// token (UnrecognizedClientException), Host among the signed headers
// (IncompleteSignatureException), the credential scope's date, region
// and service, the request's time within 5 minutes of the clock, and the
// signature itself (InvalidSignatureException).
func (h *Handler) signatureError(r *http.Request, body []byte) minikinesis.APIError {
	if h.auth != AuthVerify {
		return nil
	}
	return h.signatureVerifier().verify(r, body, h.k.Region())
}

// signedRequest is what a request says of its signature, from its
// Authorization header or its presigned query.
type signedRequest struct {
	algorithm, credential, signedHeaders, signature string
	// date is the signing time as sent; dateFromHeader marks one from
	// the HTTP Date header, in HTTP's format.
	date           string
	dateFromHeader bool
	token          string
	// query is the parsed query of a presigned request, nil otherwise.
	query url.Values
}

// requestSignature reads a request's signature parameters.
func requestSignature(r *http.Request) signedRequest {
	if auth := r.Header.Get("Authorization"); auth != "" {
		p := authorizationParams(auth)
		s := signedRequest{algorithm: p.algorithm, credential: p.credential, signedHeaders: p.signedHeaders,
			signature: p.signature, date: r.Header.Get("X-Amz-Date"), token: r.Header.Get("X-Amz-Security-Token")}
		if s.date == "" {
			s.date, s.dateFromHeader = r.Header.Get("Date"), true
		}
		return s
	}
	q := r.URL.Query()
	return signedRequest{algorithm: q.Get("X-Amz-Algorithm"), credential: q.Get("X-Amz-Credential"),
		signedHeaders: q.Get("X-Amz-SignedHeaders"), signature: q.Get("X-Amz-Signature"),
		date: q.Get("X-Amz-Date"), token: q.Get("X-Amz-Security-Token"), query: q}
}

// verify checks r's signature for a server in region; see
// Handler.signatureError.
func (v *verifier) verify(r *http.Request, body []byte, region string) minikinesis.APIError {
	s := requestSignature(r)
	scope := strings.Split(s.credential, "/")
	if len(scope) != 5 {
		return &IncompleteSignatureException{Message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + s.credential + "'"}
	}
	key, known := v.keys[scope[0]]
	if !known || s.token != key.SessionToken {
		return &UnrecognizedClientException{Message: msgInvalidToken}
	}
	signed := strings.Split(s.signedHeaders, ";")
	if !slices.Contains(signed, "host") {
		return &IncompleteSignatureException{Message: msgHostUnsigned}
	}
	at, ok := signingTime(s.date, s.dateFromHeader)
	if !ok || s.algorithm != sigV4Algorithm {
		return &InvalidSignatureException{Message: msgSignatureMismatch}
	}
	if day := at.Format("20060102"); scope[1] != day {
		return &InvalidSignatureException{Message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			scope[1] + "' != '" + day + "', from '" + s.date + "'."}
	}
	if scope[2] != region {
		return &InvalidSignatureException{Message: "Credential should be scoped to a valid region, not '" + scope[2] + "'."}
	}
	if scope[3] != sigV4Service {
		return &InvalidSignatureException{Message: "Credential should be scoped to correct service: '" + sigV4Service + "'."}
	}
	if scope[4] != sigV4Terminator {
		return &InvalidSignatureException{Message: "Credential should be scoped with a valid terminator: '" + sigV4Terminator + "', not '" + scope[4] + "'."}
	}
	if err := timeError(at, v.clock.Now().UTC()); err != nil {
		return err
	}
	stringToSign := sigV4Algorithm + "\n" + at.Format(sigV4TimeFormat) + "\n" + strings.Join(scope[1:], "/") + "\n" +
		hexSHA256([]byte(canonicalRequest(r, s, signed, body)))
	want := hmacSHA256(v.signingKey(key, scope), stringToSign)
	got, err := hex.DecodeString(s.signature)
	if err != nil || !hmac.Equal(want, got) {
		return &InvalidSignatureException{Message: msgSignatureMismatch}
	}
	return nil
}

// signingTime parses a request's time: X-Amz-Date's ISO 8601 basic
// format, or, from the Date header, HTTP's.
func signingTime(date string, fromHeader bool) (time.Time, bool) {
	var t time.Time
	var err error
	if fromHeader {
		t, err = http.ParseTime(date)
	} else {
		t, err = time.Parse(sigV4TimeFormat, date)
	}
	return t.UTC(), err == nil
}

// timeError is AWS's answer to a request signed more than 5 minutes from
// now, either way, or nil.
func timeError(at, now time.Time) minikinesis.APIError {
	switch {
	case at.Before(now.Add(-sigV4Skew)):
		return &InvalidSignatureException{Message: "Signature expired: " + at.Format(sigV4TimeFormat) + " is now earlier than " +
			now.Add(-sigV4Skew).Format(sigV4TimeFormat) + " (" + now.Format(sigV4TimeFormat) + " - 5 min.)"}
	case at.After(now.Add(sigV4Skew)):
		return &InvalidSignatureException{Message: "Signature not yet current: " + at.Format(sigV4TimeFormat) + " is still later than " +
			now.Add(sigV4Skew).Format(sigV4TimeFormat) + " (" + now.Format(sigV4TimeFormat) + " + 5 min.)"}
	}
	return nil
}

// signingKey derives the key that signs a scope's string to sign,
// cached: it is the same for a key's whole day in a region.
func (v *verifier) signingKey(key Credential, scope []string) []byte {
	id := strings.Join(scope, "/")
	if k, ok := v.signingKeys.Load(id); ok {
		return k.([]byte)
	}
	k := hmacSHA256([]byte("AWS4"+key.SecretAccessKey), scope[1])
	for _, part := range scope[2:] {
		k = hmacSHA256(k, part)
	}
	v.signingKeys.Store(id, k)
	return k
}
