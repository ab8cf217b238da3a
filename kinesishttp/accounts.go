package kinesishttp

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/minikinesis/minikinesis"
)

// AccountFunc picks the account that serves a request. The Handler calls
// it once per request, after the request's credentials are checked; an
// error is answered as an InternalFailure.
type AccountFunc func(r *http.Request) (*minikinesis.Kinesis, error)

// WithAccounts serves each request from the account f picks, instead of
// the one NewHandler was given (which stays the handler's Kinesis()).
// Accounts.Resolve picks by access key id, as AWS emulators do.
func WithAccounts(f AccountFunc) Option { return func(h *Handler) { h.resolve = f } }

// account is the account that serves r: the one the handler's
// AccountFunc picks, or the handler's own.
func (h *Handler) account(r *http.Request) (*minikinesis.Kinesis, error) {
	if h.resolve == nil {
		return h.k, nil
	}
	k, err := h.resolve(r)
	if err == nil && k == nil {
		err = fmt.Errorf("kinesishttp: no account for the request")
	}
	return k, err
}

// Accounts is a set of accounts keyed by their 12-digit ids, made on
// first use, one of them the default. Its Resolve picks a request's
// account by the access key id it is signed with: a key of 12 digits
// names that account, any other key (or none) the default one. Each
// account has its own streams, ARNs, limits and iterators, sealed to it.
// It is safe for concurrent use.
type Accounts struct {
	defaultID  string
	newAccount func(accountID string) (*minikinesis.Kinesis, error)

	mu       sync.RWMutex
	accounts map[string]*minikinesis.Kinesis

	// creating serialises newAccount calls, so an account is made once
	// while lookups of existing accounts go on.
	creating sync.Mutex
}

// NewAccounts returns an empty set whose default account is defaultID;
// newAccount makes an account on its first use and must give it that id
// (minikinesis.WithAccountID). Nothing is made until asked for.
func NewAccounts(defaultID string, newAccount func(accountID string) (*minikinesis.Kinesis, error)) *Accounts {
	return &Accounts{defaultID: defaultID, newAccount: newAccount, accounts: map[string]*minikinesis.Kinesis{}}
}

// DefaultID is the id of the default account.
func (a *Accounts) DefaultID() string { return a.defaultID }

// Resolve is the account a request is signed for (see Accounts), made on
// first use; it is an AccountFunc.
func (a *Accounts) Resolve(r *http.Request) (*minikinesis.Kinesis, error) {
	return a.Account(a.IDFor(r))
}

// IDFor is the id of the account a request is signed for: its access key
// id when that is 12 digits, else the default account's.
func (a *Accounts) IDFor(r *http.Request) string {
	if key := AccessKeyID(r); IsAccountID(key) {
		return key
	}
	return a.defaultID
}

// Account returns the account id, made with newAccount on its first use.
func (a *Accounts) Account(id string) (*minikinesis.Kinesis, error) {
	if k, ok := a.Lookup(id); ok {
		return k, nil
	}
	a.creating.Lock()
	defer a.creating.Unlock()
	if k, ok := a.Lookup(id); ok {
		return k, nil
	}
	k, err := a.newAccount(id)
	if err != nil {
		return nil, fmt.Errorf("kinesishttp: making account %s: %w", id, err)
	}
	if k == nil || k.AccountID() != id {
		return nil, fmt.Errorf("kinesishttp: making account %s: newAccount gave an account of another id", id)
	}
	a.mu.Lock()
	a.accounts[id] = k
	a.mu.Unlock()
	return k, nil
}

// Lookup returns the account id if it exists; it makes none.
func (a *Accounts) Lookup(id string) (*minikinesis.Kinesis, bool) {
	a.mu.RLock()
	k, ok := a.accounts[id]
	a.mu.RUnlock()
	return k, ok
}

// IDs lists the ids of the accounts that exist, sorted.
func (a *Accounts) IDs() []string {
	a.mu.RLock()
	ids := make([]string, 0, len(a.accounts))
	for id := range a.accounts {
		ids = append(ids, id)
	}
	a.mu.RUnlock()
	slices.Sort(ids)
	return ids
}

// Default returns the default account, made on its first use; nil only
// when making it fails (Account(DefaultID()) reports why).
func (a *Accounts) Default() *minikinesis.Kinesis {
	k, _ := a.Account(a.defaultID)
	return k
}

// AccessKeyID is the access key id a request is signed with: the first
// element of the Credential of its Authorization header or of its
// X-Amz-Credential query parameter; "" when it has neither.
func AccessKeyID(r *http.Request) string {
	credential := ""
	if auth := r.Header.Get("Authorization"); auth != "" {
		credential = authorizationParams(auth).credential
	} else if strings.Contains(r.URL.RawQuery, "X-Amz-Credential") {
		credential = r.URL.Query().Get("X-Amz-Credential")
	}
	key, _, _ := strings.Cut(credential, "/")
	return key
}

// IsAccountID reports whether s is an account id: 12 ASCII digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
