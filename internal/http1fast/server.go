// Package http1fast answers the requests an AWS SDK sends most, HTTP/1.1
// POSTs with a Content-Length, on a goroutine a connection and with one
// write a response, and hands every connection on which it meets anything
// else to a net/http server, which then serves that connection to its end.
//
// net/http starts a goroutine for every request, to notice a client going
// away while the handler runs, and stops it again when the handler
// returns; on a virtual machine, where waking a thread is dear, that costs
// more CPU than a single-record PutRecord's own work. The unary Kinesis
// calls need no such watch: they finish in microseconds.
package http1fast

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server serves the requests Takes accepts itself, and passes every
// connection that sends anything else to Fallback. The zero values of the
// timeouts mean none.
type Server struct {
	// Handler answers the requests served here.
	Handler http.Handler
	// Takes reports whether a request, known by its method, URL and
	// headers (its body not yet read), is served here. The server itself
	// takes only HTTP/1.1 requests with a Content-Length and no Expect,
	// Upgrade or Transfer-Encoding, before asking.
	Takes func(*http.Request) bool
	// Fallback serves the connections handed to it, from their first
	// byte not yet answered. Serve runs it; Shutdown and Close stop it.
	Fallback *http.Server
	// ReadHeaderTimeout bounds the wait for a request's head once its
	// first byte arrived; IdleTimeout the wait for a next request.
	ReadHeaderTimeout time.Duration
	IdleTimeout       time.Duration

	mu       sync.Mutex
	ln       net.Listener
	handoff  *handoffListener
	conns    map[*conn]struct{}
	closing  bool
	done     chan struct{} // closed once closing and no connection is left
	doneShut bool
	ctx      context.Context
	cancel   context.CancelFunc
	fallback chan error
}

// ErrServerClosed is what Serve returns once Shutdown or Close was called.
var ErrServerClosed = http.ErrServerClosed

// Serve accepts connections on ln until Shutdown or Close.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return ErrServerClosed
	}
	s.ln = ln
	s.handoff = newHandoffListener(ln.Addr())
	s.conns = make(map[*conn]struct{})
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.fallback = make(chan error, 1)
	handoff := s.handoff
	s.mu.Unlock()
	go func() { s.fallback <- s.Fallback.Serve(handoff) }()

	var delay time.Duration // after a temporary accept error, as net/http does
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.isClosing() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		c := &conn{s: s, nc: nc}
		if !s.track(c) {
			nc.Close()
			return ErrServerClosed
		}
		go c.serve()
	}
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// track adds c to the open connections, unless the server is closing.
func (s *Server) track(c *conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

// untrack removes c, once it is closed or handed over.
func (s *Server) untrack(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	s.closeDoneLocked()
}

// Shutdown stops accepting, closes the connections waiting for a request,
// lets the requests running finish until ctx is done, and shuts the
// fallback server down likewise.
func (s *Server) Shutdown(ctx context.Context) error {
	done := s.startClosing()
	fallbackErr := s.Fallback.Shutdown(ctx)
	for {
		s.closeIdle()
		select {
		case <-done:
			return fallbackErr
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Close closes every connection at once, and the fallback server.
func (s *Server) Close() error {
	s.startClosing()
	s.mu.Lock()
	for c := range s.conns {
		c.nc.Close()
	}
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return s.Fallback.Close()
}

// startClosing marks the server closing, closes the listener, and returns
// a channel closed once no connection is left.
func (s *Server) startClosing() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closing {
		s.closing = true
		s.done = make(chan struct{})
		if s.ln != nil {
			s.ln.Close()
		}
	}
	s.closeDoneLocked()
	return s.done
}

func (s *Server) closeDoneLocked() {
	if s.closing && len(s.conns) == 0 && !s.doneShut {
		s.doneShut = true
		close(s.done)
	}
}

// closeIdle closes the connections between requests.
func (s *Server) closeIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.state.CompareAndSwap(stateIdle, stateClosed) {
			c.nc.Close()
		}
	}
}
