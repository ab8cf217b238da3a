package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/minikinesis/minikinesis/kinesishttp"
)

// Request lines are written in batches: one write system call per line
// cost a busy server more CPU than serving a single-record PutRecord
// (BENCHMARKS.md). Every other line, and a batch grown past
// logBatchBytes, is written at once, after the lines before it.
const (
	logBatchDelay = 100 * time.Millisecond
	logBatchBytes = 64 << 10
)

// batchedWriter holds what is written to it until Flush, or until
// logBatchDelay after flushSoon.
type batchedWriter struct {
	mu      sync.Mutex
	w       io.Writer
	buf     []byte
	pending bool // a flush is scheduled
	timer   flushTimer
}

// flushTimer is the part of *time.Timer the writer uses, so tests can
// fire it themselves.
type flushTimer interface {
	Reset(time.Duration) bool
	Stop() bool
}

// newBatchedWriter writes to w; afterFunc makes the timer that flushes a
// batch (time.AfterFunc outside tests).
func newBatchedWriter(w io.Writer, afterFunc func(time.Duration, func()) flushTimer) *batchedWriter {
	b := &batchedWriter{w: w}
	b.timer = afterFunc(time.Hour, b.Flush)
	b.timer.Stop()
	return b
}

// realAfterFunc is time.AfterFunc.
func realAfterFunc(d time.Duration, f func()) flushTimer { return time.AfterFunc(d, f) }

// Write keeps p for the next flush; it writes through when the batch is
// full.
func (b *batchedWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) >= logBatchBytes {
		b.flushLocked()
	}
	return len(p), nil
}

// flushSoon makes sure what is held is written within logBatchDelay.
func (b *batchedWriter) flushSoon() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.pending && len(b.buf) > 0 {
		b.pending = true
		b.timer.Reset(logBatchDelay)
	}
}

// Flush writes what is held.
func (b *batchedWriter) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *batchedWriter) flushLocked() {
	if len(b.buf) > 0 {
		_, _ = b.w.Write(b.buf) // a failing log has nowhere left to report to
		b.buf = b.buf[:0]
	}
	if b.pending {
		b.pending = false
		b.timer.Stop()
	}
}

// batchingHandler is a handler writing into a batchedWriter: request
// lines wait for the batch, every other line flushes it.
type batchingHandler struct {
	slog.Handler
	out *batchedWriter
}

// newBatchingLogger is the server's logger: text lines at level and
// above on w, request lines batched.
func newBatchingLogger(w io.Writer, level slog.Level) (*slog.Logger, *batchedWriter) {
	out := newBatchedWriter(w, realAfterFunc)
	return slog.New(batchingHandler{slog.NewTextHandler(out, &slog.HandlerOptions{Level: level}), out}), out
}

func (h batchingHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Message == kinesishttp.RequestLogMessage {
		h.out.flushSoon()
	} else {
		h.out.Flush()
	}
	return err
}

func (h batchingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return batchingHandler{h.Handler.WithAttrs(attrs), h.out}
}

func (h batchingHandler) WithGroup(name string) slog.Handler {
	return batchingHandler{h.Handler.WithGroup(name), h.out}
}
