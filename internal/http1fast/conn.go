package http1fast

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// A connection is idle while it waits for a request's first byte, active
// from then until the response is written; Shutdown closes only idle ones.
const (
	stateIdle int32 = iota
	stateActive
	stateClosed
)

// readBufferSize holds a request head (an SDK's is one or two KiB); a head
// that does not fit is net/http's to answer.
const readBufferSize = 16 << 10

// maxDrain is how much of a body the handler left unread is read past to
// keep the connection; more, and the connection is closed instead.
const maxDrain = 256 << 10

type conn struct {
	s          *Server
	nc         net.Conn
	state      atomic.Int32
	br         *bufio.Reader
	remoteAddr string
}

// serve answers requests on the connection until it closes, fails, or
// meets a request to hand over.
func (c *conn) serve() {
	handedOver := false
	defer func() {
		if !handedOver {
			c.nc.Close()
		}
		c.s.untrack(c)
	}()
	c.br = bufio.NewReaderSize(c.nc, readBufferSize)
	c.remoteAddr = c.nc.RemoteAddr().String()
	for {
		c.setReadDeadline(c.s.IdleTimeout)
		if _, err := c.br.Peek(1); err != nil {
			return
		}
		if !c.state.CompareAndSwap(stateIdle, stateActive) {
			return
		}
		c.setReadDeadline(c.s.ReadHeaderTimeout)
		headLen, err := headLength(c.br)
		if err != nil {
			if errors.Is(err, errHeadTooLong) {
				handedOver = c.handOver()
			}
			return
		}
		head, _ := c.br.Peek(headLen)
		req, ok := c.parse(head)
		if !ok || !c.s.Takes(req) {
			handedOver = c.handOver()
			return
		}
		_, _ = c.br.Discard(headLen)
		_ = c.nc.SetReadDeadline(time.Time{})
		if !c.answer(req) || !c.state.CompareAndSwap(stateActive, stateIdle) {
			return
		}
	}
}

func (c *conn) setReadDeadline(d time.Duration) {
	if d > 0 {
		_ = c.nc.SetReadDeadline(time.Now().Add(d))
	}
}

// handOver gives the connection, with what was read of it and not
// answered, to the fallback server; false if that server is closed.
func (c *conn) handOver() bool {
	pending, _ := c.br.Peek(c.br.Buffered())
	_ = c.nc.SetReadDeadline(time.Time{})
	return c.s.handoff.deliver(&prefixConn{Conn: c.nc, pending: bytes.Clone(pending)})
}

var errHeadTooLong = errors.New("http1fast: request head longer than the read buffer")

// headLength is the length of the request head at the front of r, up to
// and including the blank line that ends it, waiting for it to arrive.
func headLength(r *bufio.Reader) (int, error) {
	searched := 0
	for {
		buf, _ := r.Peek(r.Buffered())
		if i := bytes.Index(buf[searched:], []byte("\r\n\r\n")); i >= 0 {
			return searched + i + 4, nil
		}
		if len(buf) == readBufferSize {
			return 0, errHeadTooLong
		}
		searched = max(len(buf)-3, 0)
		if _, err := r.Peek(len(buf) + 1); err != nil {
			return 0, err
		}
	}
}

// parse reads a request head into a request whose body is yet to come,
// or reports false for anything this server leaves to net/http: another
// method or version, a head that is not plainly well formed, a body whose
// length is not given or that comes in chunks, an Expect or an Upgrade.
func (c *conn) parse(head []byte) (*http.Request, bool) {
	line, rest, _ := bytes.Cut(head, []byte("\r\n"))
	method, line, ok1 := bytes.Cut(line, []byte(" "))
	target, proto, ok2 := bytes.Cut(line, []byte(" "))
	if !ok1 || !ok2 || string(method) != http.MethodPost || string(proto) != "HTTP/1.1" || len(target) == 0 || target[0] != '/' {
		return nil, false
	}
	header := make(http.Header, 16)
	for {
		line, rest, _ = bytes.Cut(rest, []byte("\r\n"))
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !isToken(name) || !isFieldValue(value) {
			return nil, false
		}
		key := textproto.CanonicalMIMEHeaderKey(string(name))
		header[key] = append(header[key], string(bytes.Trim(value, " \t")))
	}
	for _, name := range []string{"Transfer-Encoding", "Expect", "Upgrade", "Trailer"} {
		if _, ok := header[name]; ok {
			return nil, false
		}
	}
	host, lengths := header["Host"], header["Content-Length"]
	if len(host) != 1 || len(lengths) != 1 || !isPlainHost(host[0]) {
		return nil, false
	}
	length, err := strconv.ParseUint(lengths[0], 10, 63)
	if err != nil {
		return nil, false
	}
	uri := string(target)
	u, err := url.ParseRequestURI(uri)
	if err != nil {
		return nil, false
	}
	delete(header, "Host")
	req := &http.Request{Method: http.MethodPost, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: header, Host: host[0], RequestURI: uri, RemoteAddr: c.remoteAddr, ContentLength: int64(length),
		Close: hasToken(header["Connection"], "close")}
	return req.WithContext(c.s.ctx), true
}

// isToken reports whether b is an HTTP token (RFC 9110 5.6.2), as a
// header name must be.
func isToken(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// isFieldValue reports whether b holds no control character but tab.
func isFieldValue(b []byte) bool {
	for _, c := range b {
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// isPlainHost reports whether h is a host[:port] of letters, digits and
// the punctuation of names and IP addresses; anything else is net/http's
// to judge.
func isPlainHost(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(".-_:[]", c) >= 0) {
			return false
		}
	}
	return true
}

// hasToken reports whether a comma-separated header holds token.
func hasToken(values []string, token string) bool {
	for _, v := range values {
		for part := range bytes.SplitSeq([]byte(v), []byte(",")) {
			if bytes.EqualFold(bytes.TrimSpace(part), []byte(token)) {
				return true
			}
		}
	}
	return false
}

// answer runs the handler on req and writes its response; false means
// the connection is to be closed.
func (c *conn) answer(req *http.Request) (keep bool) {
	body := &bodyReader{r: c.br, remaining: req.ContentLength}
	req.Body = body
	if req.ContentLength == 0 {
		req.Body = http.NoBody
	}
	w := newResponseWriter(c, req)
	defer w.release()
	defer func() {
		if p := recover(); p != nil {
			keep = false
			if p != http.ErrAbortHandler && c.s.Fallback.ErrorLog != nil {
				c.s.Fallback.ErrorLog.Printf("http: panic serving %v: %v", c.remoteAddr, p)
			}
		}
	}()
	c.s.Handler.ServeHTTP(w, req)
	if !w.finish() {
		return false
	}
	if body.remaining > 0 {
		if body.remaining > maxDrain {
			return false
		}
		if _, err := io.Copy(io.Discard, body); err != nil {
			return false
		}
	}
	return !req.Close && !w.closeAfter && !c.s.isClosing()
}

// bodyReader is a request body: the next bytes of the connection.
type bodyReader struct {
	r         *bufio.Reader
	remaining int64
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.remaining {
		p = p[:b.remaining]
	}
	n, err := b.r.Read(p)
	b.remaining -= int64(n)
	switch {
	case b.remaining == 0:
		err = io.EOF
	case err == io.EOF:
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (b *bodyReader) Close() error { return nil }

// prefixConn is a handed-over connection: what was read of it first.
type prefixConn struct {
	net.Conn
	pending []byte
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// handoffListener is the fallback server's listener: it accepts the
// connections handed over.
type handoffListener struct {
	addr   net.Addr
	conns  chan net.Conn
	closed chan struct{}
	once   atomic.Bool
}

func newHandoffListener(addr net.Addr) *handoffListener {
	return &handoffListener{addr: addr, conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *handoffListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, fmt.Errorf("http1fast: handoff listener: %w", net.ErrClosed)
	}
}

func (l *handoffListener) Close() error {
	if l.once.CompareAndSwap(false, true) {
		close(l.closed)
	}
	return nil
}

func (l *handoffListener) Addr() net.Addr { return l.addr }

// deliver passes c to Accept; false once the listener is closed.
func (l *handoffListener) deliver(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.closed:
		return false
	}
}
