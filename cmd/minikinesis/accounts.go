package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/minikinesis/minikinesis/persist"
)

// accountsSubdir is where, inside -data-dir, the accounts other than the
// default one keep their state, one directory each named by its id; the
// default account keeps -data-dir itself, as it did before there were
// several.
const accountsSubdir = "accounts"

// validateCredentials reads -credentials-file and checks that keys and
// -auth verify come together.
func (c *config) validateCredentials() error {
	if c.credentialsFile != "" {
		creds, err := readCredentialsFile(c.credentialsFile)
		if err != nil {
			return usagef("-credentials-file: %v", err)
		}
		c.credentials = append(c.credentials, creds...)
	}
	switch {
	case c.auth == kinesishttp.AuthVerify && len(c.credentials) == 0:
		return usagef("-auth verify needs the keys to accept: -credentials or -credentials-file")
	case c.auth != kinesishttp.AuthVerify && len(c.credentials) > 0:
		return usagef("-credentials and -credentials-file are for -auth verify")
	}
	return nil
}

// accountSet is the server's accounts: the default one (-account-id) and
// one per 12-digit access key id that signs a request, each made with the
// same options and, with -data-dir, kept in a directory of its own and
// recovered at start-up.
type accountSet struct {
	accounts *kinesishttp.Accounts
	cfg      config
	logger   *slog.Logger

	mu     sync.Mutex
	stores map[string]*persist.Store // by account id; empty without -data-dir

	failed   chan struct{} // closed when a store first fails
	failOnce sync.Once
	failErr  error
	closing  chan struct{}
}

// openAccounts makes the default account and, with -data-dir, recovers
// every account kept there.
func openAccounts(cfg config, logger *slog.Logger) (*accountSet, error) {
	set := &accountSet{cfg: cfg, logger: logger, stores: map[string]*persist.Store{},
		failed: make(chan struct{}), closing: make(chan struct{})}
	set.accounts = kinesishttp.NewAccounts(cfg.accountID, set.newAccount)
	ids := []string{cfg.accountID}
	if cfg.dataDir != "" {
		kept, err := keptAccounts(cfg.dataDir)
		if err != nil {
			return nil, err
		}
		ids = append(ids, kept...)
	}
	for _, id := range ids {
		if _, err := set.accounts.Account(id); err != nil {
			set.close()
			return nil, errors.Unwrap(err)
		}
	}
	return set, nil
}

// keptAccounts lists the accounts -data-dir keeps besides the default.
func keptAccounts(dataDir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dataDir, accountsSubdir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading -data-dir %s: %w", dataDir, err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && kinesishttp.IsAccountID(e.Name()) {
			ids = append(ids, e.Name())
		}
	}
	return ids, nil
}

// accountDir is where -data-dir keeps account id.
func (s *accountSet) accountDir(id string) string {
	if id == s.cfg.accountID {
		return s.cfg.dataDir
	}
	return filepath.Join(s.cfg.dataDir, accountsSubdir, id)
}

// newAccount makes account id, as Accounts asks on its first use: in
// memory, or kept in its directory, whose state is recovered first.
func (s *accountSet) newAccount(id string) (*minikinesis.Kinesis, error) {
	opts := append(s.cfg.options(minikinesis.WallClock{}), minikinesis.WithAccountID(id))
	if s.cfg.dataDir == "" {
		if id != s.cfg.accountID {
			s.logger.Info("new account", "account_id", id)
		}
		return minikinesis.New(opts...), nil
	}
	dir, logger := s.accountDir(id), s.loggerFor(id)
	store, err := persist.Open(dir, persist.Options{
		Fsync: s.cfg.fsync, RecoverCorrupt: s.cfg.recoverCorrupt, Logger: logger, Model: opts,
	})
	if err != nil {
		if id != s.cfg.accountID {
			logger.Error("cannot open the account's data directory", "dir", dir, "err", err)
		}
		return nil, fmt.Errorf("opening -data-dir %s: %w", dir, err)
	}
	logger.Info("data directory", "dir", dir, "fsync", s.cfg.fsync, "streams", len(store.Kinesis().StreamNames()))
	s.mu.Lock()
	s.stores[id] = store
	s.mu.Unlock()
	go s.watch(store)
	return store.Kinesis(), nil
}

// watch reports the store's failure, until the set closes.
func (s *accountSet) watch(store *persist.Store) {
	select {
	case <-store.Failed():
		s.failOnce.Do(func() {
			s.failErr = store.Err()
			close(s.failed)
		})
	case <-s.closing:
	}
}

// stopOnFailure shuts the server down once a store cannot write: it
// could acknowledge nothing more of that account.
func (s *accountSet) stopOnFailure(ctx context.Context, stop context.CancelCauseFunc) {
	select {
	case <-s.failed:
		stop(s.failErr)
	case <-ctx.Done():
	}
}

// err is the error that stopped a store, or nil.
func (s *accountSet) err() error {
	select {
	case <-s.failed:
		return s.failErr
	default:
		return nil
	}
}

// store is the store that keeps account id, or nil.
func (s *accountSet) store(id string) *persist.Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stores[id]
}

// storeFor is the store of the account that serves r, or nil when that
// account does not exist (the request failed before it was made).
func (s *accountSet) storeFor(r *http.Request) *persist.Store {
	return s.store(s.accounts.IDFor(r))
}

// close writes out and forces every account's journal to disk at
// shutdown.
func (s *accountSet) close() {
	select {
	case <-s.closing:
		return
	default:
		close(s.closing)
	}
	s.mu.Lock()
	ids := make([]string, 0, len(s.stores))
	for id := range s.stores {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	slices.Sort(ids)
	for _, id := range ids {
		closeStore(s.store(id), s.loggerFor(id))
	}
}

// loggerFor logs for account id: lines of accounts other than the
// default one name it.
func (s *accountSet) loggerFor(id string) *slog.Logger {
	if id == s.cfg.accountID {
		return s.logger
	}
	return s.logger.With("account_id", id)
}

// all lists the accounts made so far, for the retention sweep.
func (s *accountSet) all() []*minikinesis.Kinesis {
	ids := s.accounts.IDs()
	ks := make([]*minikinesis.Kinesis, 0, len(ids))
	for _, id := range ids {
		if k, ok := s.accounts.Lookup(id); ok {
			ks = append(ks, k)
		}
	}
	return ks
}
