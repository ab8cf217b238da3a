package main

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// limits are the bounds on what clients may hold of the server: how long a
// request body may take, how many connections may be open, and how often
// records past retention are freed.
type limits struct {
	bodyTimeout   time.Duration
	maxConns      int
	sweepInterval time.Duration
}

const (
	defaultBodyTimeout   = 30 * time.Second
	defaultMaxConns      = 1024
	defaultSweepInterval = time.Minute

	// bodyCreditBytes and bodyCreditTime stretch the body deadline for a
	// client that is slow but sending: every bodyCreditBytes received adds
	// bodyCreditTime, so a body arriving at 64 KiB/s or faster is never cut
	// off, and one that stalls is dropped -body-timeout after it started.
	bodyCreditBytes = 64 << 10
	bodyCreditTime  = time.Second
)

// define adds the limits' flags to fs.
func (l *limits) define(fs *flag.FlagSet) {
	fs.DurationVar(&l.bodyTimeout, "body-timeout", defaultBodyTimeout,
		"how long a request may take to send its body, plus a second for every 64 KiB received; a request still short of its body then is dropped (0: no limit)")
	fs.IntVar(&l.maxConns, "max-conns", defaultMaxConns,
		"most connections open at once; one more is closed as soon as it is accepted, and the refusals are logged (0: no limit)")
	fs.DurationVar(&l.sweepInterval, "sweep-interval", defaultSweepInterval,
		"how often records past their stream's retention are freed, on every shard, open, closed or idle (0: only when a shard is read or written)")
}

// validate checks the limits' flags.
func (l *limits) validate() error {
	switch {
	case l.bodyTimeout < 0:
		return usagef("-body-timeout %v: must not be negative", l.bodyTimeout)
	case l.maxConns < 0:
		return usagef("-max-conns %d: must not be negative", l.maxConns)
	case l.sweepInterval < 0:
		return usagef("-sweep-interval %v: must not be negative", l.sweepInterval)
	}
	return nil
}

// boundBodies gives every request body a deadline of timeout after the
// handler starts, stretched by bodyCreditTime for every bodyCreditBytes
// received, and lifted once the body has been read, so the response (a
// SubscribeToShard stream runs for minutes) is not limited. A request
// whose body misses its deadline is dropped: the connection is closed
// (HTTP/1.1) or the stream reset (HTTP/2), and the memory held for it
// goes. A body announced larger than maxBody is refused with 413 before a
// byte of it is read.
//
// The deadline is a timer that, when it fires, sets the read deadline of
// the connection (HTTP/1.1) or stream (HTTP/2) in the past, so a body that
// arrives in time costs no deadline calls at all (each costs the HTTP/2
// connection's goroutine a message). net/http has no deadline of its own
// for this: http.Server.ReadTimeout would also cut long responses on
// HTTP/1.1.
func boundBodies(next http.Handler, timeout time.Duration, maxBody int64, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || timeout <= 0 && r.ContentLength <= maxBody {
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		if r.ContentLength > maxBody {
			// The handler answers 413 when reading fails this way; there is
			// no point in receiving megabytes to find that out. What the
			// client sends meanwhile is drained (to a point, by net/http,
			// so that it reads the answer) within the deadline.
			if timeout > 0 {
				_ = rc.SetReadDeadline(time.Now().Add(timeout))
			}
			w.Header().Set("Connection", "close")
			r.Body = tooLargeBody{limit: maxBody}
			next.ServeHTTP(w, r)
			return
		}
		b := &deadlineBody{body: r.Body, rc: rc, deadline: time.Now().Add(timeout), r: r, timeout: timeout, logger: logger}
		b.timer = time.AfterFunc(timeout, b.expire)
		defer b.finish(false)
		r.Body = b
		next.ServeHTTP(w, r)
	})
}

// tooLargeBody stands for a body announced larger than the limit: reading
// it fails as http.MaxBytesReader does past its limit.
type tooLargeBody struct{ limit int64 }

func (b tooLargeBody) Read([]byte) (int, error) { return 0, &http.MaxBytesError{Limit: b.limit} }
func (b tooLargeBody) Close() error             { return nil }

// deadlineBody is a request body under a deadline (see boundBodies). The
// handler reads it; its timer fires on another goroutine.
type deadlineBody struct {
	body     io.ReadCloser
	rc       *http.ResponseController
	timer    *time.Timer
	received int64
	credited int64 // bytes already turned into deadline extensions
	r        *http.Request
	timeout  time.Duration
	logger   *slog.Logger

	mu       sync.Mutex
	deadline time.Time
	done     bool // read to its end, or the handler has returned
	expired  bool // the timer fired first: reads fail from then on
}

// expire, the timer's function, makes pending and later reads fail unless
// the body is done or the deadline has moved on.
func (b *deadlineBody) expire() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done || b.expired {
		return
	}
	if wait := time.Until(b.deadline); wait > 0 {
		b.timer.Reset(wait)
		return
	}
	b.expired = true
	_ = b.rc.SetReadDeadline(time.Unix(1, 0))
}

// finish stops the timer once the handler no longer reads the body. At
// the body's end (eof), a deadline the timer has set is lifted again, or
// the connection's background read would fail under a long response and
// cancel it. A handler that returns before the end leaves the rest to
// net/http, which drains some of it to reuse the connection: the deadline
// bounds that too.
func (b *deadlineBody) finish(eof bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return
	}
	b.done = true
	b.timer.Stop()
	switch {
	case !eof && !b.expired:
		_ = b.rc.SetReadDeadline(b.deadline)
	case eof && b.expired:
		_ = b.rc.SetReadDeadline(time.Time{})
	}
}

// Read reads the body. Every bodyCreditBytes received move the deadline
// on; at the body's end the timer stops; past the deadline, the request is
// aborted.
func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	b.received += int64(n)
	switch {
	case errors.Is(err, io.EOF):
		b.finish(true)
	case errors.Is(err, os.ErrDeadlineExceeded):
		b.logger.Warn("dropped a request whose body did not arrive in time",
			"operation", strings.TrimPrefix(b.r.Header.Get("X-Amz-Target"), "Kinesis_20131202."),
			"remote", b.r.RemoteAddr, "received", b.received, "content_length", b.r.ContentLength, "body_timeout", b.timeout)
		panic(http.ErrAbortHandler)
	case b.received-b.credited >= bodyCreditBytes:
		credits := (b.received - b.credited) / bodyCreditBytes
		b.credited += credits * bodyCreditBytes
		b.mu.Lock()
		b.deadline = b.deadline.Add(time.Duration(credits) * bodyCreditTime)
		b.mu.Unlock()
	}
	return n, err
}

// Close closes the body.
func (b *deadlineBody) Close() error { return b.body.Close() }

// limitConns caps the connections open at once on ln at max: a connection
// beyond it is closed as soon as it is accepted (the client sees the
// connection closed before an answer, which SDKs retry), and the refusals
// are logged, at most once a second.
func limitConns(ln net.Listener, max int, logger *slog.Logger) net.Listener {
	return &connLimiter{Listener: ln, max: int64(max), logger: logger}
}

// connLimiter is a listener whose open connections are counted.
type connLimiter struct {
	net.Listener
	max      int64
	open     atomic.Int64
	refused  atomic.Int64
	lastWarn atomic.Int64 // Unix nanoseconds
	logger   *slog.Logger
}

// Accept returns the next connection within the cap, closing those beyond.
func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.open.Add(1) <= l.max {
			return &countedConn{Conn: c, limiter: l}, nil
		}
		l.open.Add(-1)
		l.warnRefused() // first, so the line is out when the client sees the close
		_ = c.Close()
	}
}

func (l *connLimiter) warnRefused() {
	refused := l.refused.Add(1)
	now := time.Now().UnixNano()
	last := l.lastWarn.Load()
	if now-last < int64(time.Second) || !l.lastWarn.CompareAndSwap(last, now) {
		return
	}
	l.logger.Warn("refused a connection: -max-conns are open", "max_conns", l.max, "refused", refused)
}

// countedConn gives its slot back when closed.
type countedConn struct {
	net.Conn
	limiter *connLimiter
	once    sync.Once
}

// Close closes the connection and frees its slot.
func (c *countedConn) Close() error {
	c.once.Do(func() { c.limiter.open.Add(-1) })
	return c.Conn.Close()
}

// warnIfExposed warns when the server listens on an address other
// machines may reach: it serves every stream to anyone who can connect,
// and verifies no signature.
func warnIfExposed(addr net.Addr, logger *slog.Logger) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || tcp.IP.IsLoopback() {
		return
	}
	logger.Warn("listening on a non-loopback address: anyone who can reach it can read and change every stream, and signatures are not verified; "+
		"use -addr 127.0.0.1:PORT to serve this machine only", "addr", addr.String())
}
