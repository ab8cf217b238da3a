package minikinesistest

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// Standalone is a T for code that runs outside a test function: Example
// functions, a TestMain that shares one server among a package's tests, a
// benchmark's setup, or a program that wants a throwaway Kinesis endpoint.
//
// Errorf and Logf write a line to Out (os.Stderr when nil), and Errorf
// marks it failed. Fatalf writes the line and then panics with it, as there
// is no test to stop. Close runs the functions given to Cleanup, newest
// first, as the testing package does. The zero value is ready to use and
// safe for concurrent use.
type Standalone struct {
	// Out receives the log; nil means os.Stderr.
	Out io.Writer

	mu       sync.Mutex
	cleanups []func()
	failed   bool
}

// Helper does nothing: there are no test lines to attribute.
func (s *Standalone) Helper() {}

// Cleanup registers f to run at Close.
func (s *Standalone) Cleanup(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cleanups = append(s.cleanups, f)
}

// Errorf logs a failure and marks s failed.
func (s *Standalone) Errorf(format string, args ...any) {
	s.mu.Lock()
	s.failed = true
	s.mu.Unlock()
	s.Logf(format, args...)
}

// Fatalf logs a failure, marks s failed and panics with the message.
func (s *Standalone) Fatalf(format string, args ...any) {
	s.Errorf(format, args...)
	panic(fmt.Sprintf(format, args...))
}

// Logf writes a line to Out.
func (s *Standalone) Logf(format string, args ...any) {
	out := s.Out
	if out == nil {
		out = os.Stderr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(out, format+"\n", args...)
}

// Failed reports whether Errorf or Fatalf was called.
func (s *Standalone) Failed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

// Close runs the registered cleanups, newest first, and forgets them, so a
// second Close does nothing.
func (s *Standalone) Close() {
	s.mu.Lock()
	fns := s.cleanups
	s.cleanups = nil
	s.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
}
