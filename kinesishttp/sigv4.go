package kinesishttp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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

// canonicalRequest is SigV4's canonical form of r as received: method,
// path, query, the signed headers' canonical lines, their list, and the
// body's hash.
func canonicalRequest(r *http.Request, s signedRequest, signed []string, body []byte) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	writeEscaped(&b, path, false)
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r, s.query))
	b.WriteByte('\n')
	for _, name := range signed {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(canonicalHeaderValue(r, name))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(s.signedHeaders)
	b.WriteByte('\n')
	b.WriteString(hexSHA256(body))
	return b.String()
}

// canonicalQuery is the query's parameters, each name and value
// URI-encoded, sorted after encoding, a presigned request's
// X-Amz-Signature left out.
func canonicalQuery(r *http.Request, query url.Values) string {
	if r.URL.RawQuery == "" {
		return ""
	}
	if query == nil {
		query = r.URL.Query()
	}
	type param struct{ name, value string }
	var params []param
	for name, values := range query {
		if name == "X-Amz-Signature" {
			continue
		}
		for _, value := range values {
			params = append(params, param{escaped(name), escaped(value)})
		}
	}
	slices.SortFunc(params, func(a, b param) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.name)
		b.WriteByte('=')
		b.WriteString(p.value)
	}
	return b.String()
}

// escaped is s URI-encoded, '/' too.
func escaped(s string) string {
	var b strings.Builder
	writeEscaped(&b, s, true)
	return b.String()
}

// canonicalHeaderValue is a signed header's value as SigV4 canonicalises
// it: every value the request carries under the name, trimmed, runs of
// spaces made one, joined by commas. Host and Content-Length, which
// net/http takes out of the header map, come from the request.
func canonicalHeaderValue(r *http.Request, name string) string {
	var values []string
	switch name {
	case "host":
		host := r.Host
		if host == "" {
			host = r.URL.Host
		}
		values = []string{host}
	case "content-length":
		values = r.Header.Values("Content-Length")
		if len(values) == 0 && r.ContentLength >= 0 {
			values = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	default:
		values = r.Header.Values(name)
	}
	// The request's own values are left as they are.
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(collapseSpaces(strings.TrimSpace(v)))
	}
	return b.String()
}

// collapseSpaces makes each run of spaces in s a single space.
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	for i := range len(s) {
		if s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// writeEscaped URI-encodes s as SigV4 does: every byte but the
// unreserved A-Z a-z 0-9 - _ . ~ as %XX in upper-case hex, and '/' too
// when escapeSlash. A path is encoded once more as sent (so "%2F" becomes
// "%252F"), as AWS does for every service but S3.
func writeEscaped(b *strings.Builder, s string, escapeSlash bool) {
	const hexDigits = "0123456789ABCDEF"
	for i := range len(s) {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~',
			c == '/' && !escapeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
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

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func hexSHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
