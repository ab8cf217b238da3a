package main

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/persist"
)

// answerWhenDurable holds back the answer to every request that changes
// an account until the change is as durable as -fsync promises, so an
// acknowledged write survives a crash. The answer waits, not the model:
// concurrent requests go on, and share the store's writes and fsyncs.
// storeFor is the store of the request's account, asked once the answer
// is ready (the account may be made by the request itself).
func answerWhenDurable(next http.Handler, storeFor func(*http.Request) *persist.Store, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Kinesis_20131202.")
		if !minikinesis.ChangesState(op) {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&durableAnswer{ResponseWriter: w, ctx: r.Context(), store: func() *persist.Store { return storeFor(r) }, logger: logger}, r)
	})
}

// durableAnswer waits for durability when the answer's status is written.
// A failed request changed nothing and is answered at once.
type durableAnswer struct {
	http.ResponseWriter
	ctx     context.Context
	store   func() *persist.Store
	logger  *slog.Logger
	written bool
}

// WriteHeader sends the status once a success is durable. When it cannot
// be, the connection is dropped unanswered: the client must not take the
// write as acknowledged.
func (d *durableAnswer) WriteHeader(status int) {
	if !d.written {
		d.written = true
		if store := d.store(); status < http.StatusBadRequest && store != nil {
			if err := store.WaitDurable(d.ctx); err != nil {
				d.logger.Warn("dropping the answer: the change is not durable", "err", err)
				panic(http.ErrAbortHandler)
			}
		}
	}
	d.ResponseWriter.WriteHeader(status)
}

// Write sends the body, after the status.
func (d *durableAnswer) Write(b []byte) (int, error) {
	if !d.written {
		d.WriteHeader(http.StatusOK)
	}
	return d.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the underlying writer.
func (d *durableAnswer) Unwrap() http.ResponseWriter { return d.ResponseWriter }

// fsyncFlag is the -fsync flag.
type fsyncFlag struct {
	policy *persist.FsyncPolicy
	set    *bool
}

// String is the policy as the flag spells it.
func (f fsyncFlag) String() string {
	if f.policy == nil {
		return ""
	}
	return f.policy.String()
}

// Set takes always, 1s or never.
func (f fsyncFlag) Set(value string) error {
	p, err := persist.ParseFsyncPolicy(value)
	if err != nil {
		return err
	}
	*f.policy, *f.set = p, true
	return nil
}

// closeStore writes out and forces the journal to disk at shutdown.
func closeStore(store *persist.Store, logger *slog.Logger) {
	if err := store.Close(); err != nil {
		logger.Error("closing the data directory", "err", err)
		return
	}
	logger.Info("data directory closed", "dir", store.Dir())
}
