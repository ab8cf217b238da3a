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

// boundBodies gives every request body a read deadline of timeout after
// the handler starts, stretched by bodyCreditTime for every
// bodyCreditBytes received, and lifted once the body has been read, so
// the response (a SubscribeToShard stream runs for minutes) is not
// limited. A request whose body misses its deadline is dropped: the
// connection is closed (HTTP/1.1) or the stream reset (HTTP/2), and the
// memory held for it goes. A body announced larger than maxBody is
// refused with 413 before a byte of it is read.
//
// The deadline is the connection's on HTTP/1.1 and the stream's on
// HTTP/2; net/http sets none itself (http.Server.ReadTimeout would also
// cut long responses on HTTP/1.1).
func boundBodies(next http.Handler, timeout time.Duration, maxBody int64, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hasBody := r.Body != nil && r.Body != http.NoBody
		if !hasBody || timeout <= 0 && r.ContentLength <= maxBody {
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		deadline := time.Now().Add(timeout)
		if timeout > 0 && rc.SetReadDeadline(deadline) != nil {
			timeout = 0 // a writer without deadlines
		}
		switch {
		case r.ContentLength > maxBody:
			// The handler answers 413 when reading fails this way; there is
			// no point in receiving megabytes to find that out. What the
			// client sends meanwhile is drained (to a point, by net/http,
			// so that it reads the answer) within the deadline.
			w.Header().Set("Connection", "close")
			r.Body = tooLargeBody{limit: maxBody}
		case timeout > 0:
			r.Body = &deadlineBody{body: r.Body, rc: rc, deadline: deadline, r: r, timeout: timeout, logger: logger}
		}
		next.ServeHTTP(w, r)
	})
}

// tooLargeBody stands for a body announced larger than the limit: reading
// it fails as http.MaxBytesReader does past its limit.
type tooLargeBody struct{ limit int64 }

func (b tooLargeBody) Read([]byte) (int, error) { return 0, &http.MaxBytesError{Limit: b.limit} }
func (b tooLargeBody) Close() error             { return nil }

// deadlineBody is a request body under a read deadline (see boundBodies).
type deadlineBody struct {
	body     io.ReadCloser
	rc       *http.ResponseController
	deadline time.Time
	received int64
	credited int64 // bytes already turned into deadline extensions
	done     bool
	r        *http.Request
	timeout  time.Duration
	logger   *slog.Logger
}

// Read reads the body. At its end the deadline is lifted; past the
// deadline, the request is aborted.
func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	b.received += int64(n)
	switch {
	case b.done:
	case errors.Is(err, io.EOF):
		// Lifted, or the connection's background read would time out
		// under a long response and cancel the request.
		b.done = true
		_ = b.rc.SetReadDeadline(time.Time{})
	case errors.Is(err, os.ErrDeadlineExceeded):
		b.done = true
		b.logger.Warn("dropped a request whose body did not arrive in time",
			"operation", strings.TrimPrefix(b.r.Header.Get("X-Amz-Target"), "Kinesis_20131202."),
			"remote", b.r.RemoteAddr, "received", b.received, "content_length", b.r.ContentLength, "body_timeout", b.timeout)
		panic(http.ErrAbortHandler)
	case b.received-b.credited >= bodyCreditBytes:
		credits := (b.received - b.credited) / bodyCreditBytes
		b.credited += credits * bodyCreditBytes
		b.deadline = b.deadline.Add(time.Duration(credits) * bodyCreditTime)
		_ = b.rc.SetReadDeadline(b.deadline)
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
		_ = c.Close()
		l.warnRefused()
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
