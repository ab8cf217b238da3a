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
)

// The canonical request of Signature Version 4, rebuilt from what the
// server received (see sigv4.go).

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

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func hexSHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
