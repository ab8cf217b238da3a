package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/minikinesis/minikinesis/internal/http1fast"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

const (
	// shutdownTimeout bounds a graceful shutdown: requests still running
	// after it have their connections closed.
	shutdownTimeout = 5 * time.Second
	// readHeaderTimeout drops clients that open a connection and never
	// finish a request's headers.
	readHeaderTimeout = 10 * time.Second
	// idleTimeout closes keep-alive connections left unused.
	idleTimeout = 2 * time.Minute

	subscribeTarget = "Kinesis_20131202.SubscribeToShard"
)

// run is the whole command: it parses args, builds the model and its
// start-up streams, listens, logs to stderr, and serves until ctx is done,
// then shuts down gracefully and returns nil. Usage errors are
// *usageError; -h writes the usage to stdout and returns nil.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	logger, logOut := newBatchingLogger(stderr, cfg.logLevel)
	defer logOut.Flush()
	logger.Debug("configuration", "addr", cfg.addr, "region", cfg.region, "account_id", cfg.accountID,
		"shard_limit", cfg.shardLimit, "create_delay", cfg.delays.Creating, "update_delay", cfg.delays.Updating,
		"delete_delay", cfg.delays.Deleting, "throttle", cfg.throttle, "control_plane_limits", cfg.controlPlaneLimits,
		"tls", cfg.tls, "h2c", cfg.h2c, "max_body_bytes", cfg.maxBodyBytes, "data_dir", cfg.dataDir, "auth", cfg.auth,
		"body_timeout", cfg.limits.bodyTimeout, "max_conns", cfg.limits.maxConns, "sweep_interval", cfg.limits.sweepInterval)

	accounts, err := openAccounts(cfg, logger)
	if err != nil {
		return err
	}
	defer accounts.close()
	var stop context.CancelCauseFunc
	ctx, stop = context.WithCancelCause(ctx)
	defer stop(nil)
	go accounts.stopOnFailure(ctx, stop)
	k := accounts.accounts.Default()
	if err := createStreams(k, cfg, logger); err != nil {
		return err
	}
	var tlsConfig *tls.Config
	if cfg.tls {
		if tlsConfig, err = serverTLSConfig(cfg, logger); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	warnIfExposed(ln.Addr(), logger)
	if cfg.limits.maxConns > 0 {
		ln = limitConns(ln, cfg.limits.maxConns, logger)
	}
	handlerOpts := []kinesishttp.Option{kinesishttp.WithLogger(logger), kinesishttp.WithMaxBodyBytes(cfg.maxBodyBytes),
		kinesishttp.WithAuthentication(cfg.auth), kinesishttp.WithAccounts(accounts.accounts.Resolve), kinesishttp.WithCredentials(cfg.credentials...)}
	handlerOpts = append(handlerOpts, cfg.adminOptions(accounts.accounts)...) // console.go
	var handler http.Handler = kinesishttp.NewHandler(k, handlerOpts...)
	if cfg.dataDir != "" {
		handler = answerWhenDurable(handler, accounts.storeFor, logger)
	}
	handler = boundBodies(handler, cfg.limits.bodyTimeout, cfg.maxBodyBytes, logger)
	if cfg.limits.sweepInterval > 0 {
		sweepCtx, stopSweeping := context.WithCancel(ctx)
		swept := make(chan struct{})
		go func() {
			defer close(swept)
			sweepExpired(sweepCtx, cfg.limits.sweepInterval, accounts.all, logger)
		}()
		defer func() { stopSweeping(); <-swept }()
	}
	if err := serve(ctx, ln, newServer(cfg, handler, tlsConfig, logger), cfg.fastHTTP1 && !cfg.tls, cfg.scheme(), logger, cfg.listeningAttrs); err != nil {
		return err
	}
	return accounts.err()
}

// newServer configures the HTTP server: HTTP/1.1 always, and HTTP/2 over
// TLS or, unless -h2c=false, in the clear with prior knowledge, as the
// JavaScript SDK v3 speaks it to every operation.
func newServer(cfg config, handler http.Handler, tlsConfig *tls.Config, logger *slog.Logger) *http.Server {
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	switch {
	case cfg.tls:
		protocols.SetHTTP2(true)
	case cfg.h2c:
		protocols.SetUnencryptedHTTP2(true)
	}
	return &http.Server{
		Handler:           handler,
		TLSConfig:         tlsConfig,
		Protocols:         protocols,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// server is what serve runs: an *http.Server, or the fast HTTP/1.1 loop
// in front of one.
type server interface {
	Shutdown(context.Context) error
	Close() error
}

// serve runs srv on ln until ctx is done, then shuts it down: the listener
// closes, open SubscribeToShard streams end, and requests in flight get up
// to shutdownTimeout to finish before their connections are closed. With
// fast, the API's HTTP/1.1 calls are answered by http1fast, and srv
// serves the connections it hands over.
func serve(ctx context.Context, ln net.Listener, srv *http.Server, fast bool, scheme string, logger *slog.Logger, attrs ...func(url string) []any) error {
	draining, drain := context.WithCancel(context.Background())
	defer drain()
	srv.Handler = endSubscriptionsOnDrain(srv.Handler, draining)
	srv.RegisterOnShutdown(drain)

	var running server = srv
	served := make(chan error, 1)
	switch {
	case srv.TLSConfig != nil:
		go func() { served <- srv.ServeTLS(ln, "", "") }()
	case fast:
		front := &http1fast.Server{Handler: srv.Handler, Takes: takenByFastHTTP1, Fallback: srv,
			ReadHeaderTimeout: srv.ReadHeaderTimeout, IdleTimeout: srv.IdleTimeout}
		running = front
		go func() { served <- front.Serve(ln) }()
	default:
		go func() { served <- srv.Serve(ln) }()
	}
	addr := ln.Addr().String()
	url := scheme + "://" + addr
	line := []any{"addr", addr, "url", url}
	for _, a := range attrs {
		line = append(line, a(url)...)
	}
	logger.Info("listening", line...)

	select {
	case err := <-served:
		return fmt.Errorf("serving on %s: %w", addr, err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "cause", context.Cause(ctx), "timeout", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := running.Shutdown(sctx); err != nil {
		logger.Warn("requests still running after the shutdown timeout; closing their connections", "err", err)
		_ = running.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving on %s: %w", addr, err)
	}
	logger.Info("stopped")
	return nil
}

// takenByFastHTTP1 picks the requests http1fast answers: the API's calls
// but SubscribeToShard, whose event stream is net/http's to relay.
func takenByFastHTTP1(r *http.Request) bool {
	return r.URL.Path == "/" && r.Header.Get("X-Amz-Target") != subscribeTarget
}

// endSubscriptionsOnDrain ends SubscribeToShard streams once draining is
// done, so that a shutdown need not wait for them (they would otherwise
// run for up to five minutes). Other requests run to their end.
func endSubscriptionsOnDrain(next http.Handler, draining context.Context) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Amz-Target") == subscribeTarget {
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			stop := context.AfterFunc(draining, cancel)
			defer stop()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}
