package http1fast

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// responseWriter buffers a response and writes it, head and body, with
// one system call: at once when the handler writes a body of the length
// it declared in Content-Length, or else when the handler returns.
type responseWriter struct {
	c           *conn
	req         *http.Request
	header      http.Header
	status      int
	wroteHeader bool
	declared    int64 // Content-Length as the handler set it, or -1
	headSent    bool
	sent        int64 // body bytes written after the head
	body        []byte
	head        []byte
	err         error
	closeAfter  bool
}

var writerPool = sync.Pool{New: func() any { return new(responseWriter) }}

func newResponseWriter(c *conn, req *http.Request) *responseWriter {
	w := writerPool.Get().(*responseWriter)
	*w = responseWriter{c: c, req: req, header: make(http.Header, 4), declared: -1, body: w.body[:0], head: w.head[:0]}
	return w
}

// release returns the writer's buffers for the next response.
func (w *responseWriter) release() {
	if cap(w.body) > 1<<20 {
		w.body = nil // a rare large response is not kept around
	}
	*w = responseWriter{body: w.body[:0], head: w.head[:0]}
	writerPool.Put(w)
}

// errBodyTooLong is Write's answer past the declared Content-Length.
var errBodyTooLong = errors.New("http1fast: wrote more than the declared Content-Length")

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader || code < 200 { // informational answers are not sent
		return
	}
	w.wroteHeader = true
	w.status = code
	if cl := w.header.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n >= 0 {
			w.declared = n
		} else {
			w.header.Del("Content-Length")
		}
	}
	if hasToken(w.header["Connection"], "close") {
		w.closeAfter = true
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.err != nil {
		return 0, w.err
	}
	if w.headSent {
		if w.sent+int64(len(p)) > w.declared {
			return 0, errBodyTooLong
		}
		n, err := w.c.nc.Write(p)
		w.sent += int64(n)
		w.err = err
		return n, err
	}
	if w.declared >= 0 && len(w.body) == 0 && int64(len(p)) <= w.declared {
		// The body the head announced, or its start: on its way now,
		// with the head, without a copy.
		w.headSent = true
		w.head = w.appendHead(w.head[:0], w.declared)
		bufs := net.Buffers{w.head, p}
		n, err := bufs.WriteTo(w.c.nc)
		w.sent = max(n-int64(len(w.head)), 0)
		w.err = err
		if err != nil {
			return int(w.sent), err
		}
		return len(p), nil
	}
	if w.declared >= 0 && int64(len(w.body)+len(p)) > w.declared {
		return 0, errBodyTooLong
	}
	w.body = append(w.body, p...)
	return len(p), nil
}

// SetReadDeadline lets http.ResponseController bound the request's body.
func (w *responseWriter) SetReadDeadline(t time.Time) error { return w.c.nc.SetReadDeadline(t) }

// SetWriteDeadline lets http.ResponseController bound the response.
func (w *responseWriter) SetWriteDeadline(t time.Time) error { return w.c.nc.SetWriteDeadline(t) }

// finish writes what the handler left unwritten; false when the
// connection is no good for another request.
func (w *responseWriter) finish() bool {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !w.headSent {
		length := int64(len(w.body))
		if w.declared >= 0 && w.declared != length {
			w.closeAfter = true // the body falls short of what is declared
		}
		w.head = w.appendHead(w.head[:0], length)
		bufs := net.Buffers{w.head, w.body}
		_, w.err = bufs.WriteTo(w.c.nc)
		w.headSent = true
		w.sent = length
		w.declared = length
	}
	return w.err == nil && w.sent == w.declared
}

// appendHead writes the status line and headers, with the given
// Content-Length, a Date, and Connection: close when the connection ends
// after this response.
func (w *responseWriter) appendHead(b []byte, length int64) []byte {
	b = append(b, "HTTP/1.1 "...)
	b = strconv.AppendInt(b, int64(w.status), 10)
	b = append(b, ' ')
	b = append(b, http.StatusText(w.status)...)
	b = append(b, "\r\n"...)
	for key, values := range w.header {
		if key == "Content-Length" || key == "Connection" || key == "Date" {
			continue
		}
		for _, v := range values {
			b = append(b, key...)
			b = append(b, ": "...)
			b = appendHeaderValue(b, v)
			b = append(b, "\r\n"...)
		}
	}
	b = append(b, "Content-Length: "...)
	b = strconv.AppendInt(b, length, 10)
	b = append(b, "\r\nDate: "...)
	b = time.Now().UTC().AppendFormat(b, http.TimeFormat)
	if w.closeAfter || w.req.Close || w.c.s.isClosing() {
		w.closeAfter = true
		b = append(b, "\r\nConnection: close"...)
	}
	return append(b, "\r\n\r\n"...)
}

// appendHeaderValue writes v with any CR or LF turned into a space, as
// net/http does, so a value cannot end the head.
func appendHeaderValue(b []byte, v string) []byte {
	if !strings.ContainsAny(v, "\r\n") {
		return append(b, v...)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}
