package http1fast

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"testing"
)

// FuzzParseAgreesWithNetHTTP: a head this server takes is one net/http
// reads too, as the same request: method, target, host, headers and body
// length. Whatever it does not take goes to net/http, so only agreement on
// what it takes matters.
func FuzzParseAgreesWithNetHTTP(f *testing.F) {
	for _, seed := range []string{
		"POST / HTTP/1.1\r\nHost: kinesis\r\nContent-Length: 2\r\nX-Amz-Target: Kinesis_20131202.PutRecord\r\n\r\n",
		"POST /?X-Amz-Signature=ab HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nconnection: close\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nContent-Length:  7 \r\nX-A: 1\r\nx-a: 2\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +7\r\n\r\n",
		"POST  / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nBad\x7fName: v\r\n\r\n",
	} {
		f.Add([]byte(seed))
	}
	c := &conn{s: &Server{ctx: context.Background()}, remoteAddr: "127.0.0.1:1"}
	f.Fuzz(func(t *testing.T, head []byte) {
		end := bytes.Index(head, []byte("\r\n\r\n"))
		if end < 0 {
			return
		}
		head = head[:end+4]
		ours, ok := c.parse(head)
		if !ok {
			return
		}
		theirs, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(head)))
		if err != nil {
			t.Fatalf("taken here, refused by net/http (%v):\n%q", err, head)
		}
		switch {
		case ours.Method != theirs.Method, ours.RequestURI != theirs.RequestURI, ours.Host != theirs.Host,
			ours.URL.String() != theirs.URL.String(), ours.ContentLength != theirs.ContentLength, ours.Close != theirs.Close:
			t.Fatalf("read differently:\n%q\nhere %s %s host %q length %d close %v\nnet/http %s %s host %q length %d close %v", head,
				ours.Method, ours.URL, ours.Host, ours.ContentLength, ours.Close,
				theirs.Method, theirs.URL, theirs.Host, theirs.ContentLength, theirs.Close)
		}
		for name, values := range theirs.Header {
			if name == "Host" {
				continue
			}
			if got := ours.Header[name]; len(got) != len(values) || (len(got) > 0 && got[0] != values[0]) {
				t.Fatalf("header %s: here %q, net/http %q\n%q", name, got, values, head)
			}
		}
		if len(ours.Header) > len(theirs.Header) {
			t.Fatalf("headers here %v, net/http %v\n%q", ours.Header, theirs.Header, head)
		}
	})
}
