// Package console serves minikinesis's admin API and its data viewer, a
// web page for developers, under one path that AWS never uses
// (DefaultPath, "/_minikinesis/"):
//
//   - the page at DefaultPath, with its assets embedded in the binary;
//   - the admin API under DefaultPath + "api/": health, the clock, reset,
//     snapshot download and restore, fault rules, and the streams, shards
//     and records the page shows. It answers JSON.
//
// Both are for local development: they are unauthenticated. Mount them
// only where the Kinesis API itself is served to the same people.
//
// The server (cmd/minikinesis) mounts the console on its port; a Go test
// mounts it with kinesishttp.WithAdminHandler:
//
//	h := kinesishttp.NewHandler(k, kinesishttp.WithAdminHandler(console.New(console.SingleAccount(k))))
package console

import (
	"net/http"
	"strings"

	"github.com/minikinesis/minikinesis"
)

// DefaultPath is where the console is served unless WithPath says
// otherwise.
const DefaultPath = "/_minikinesis/"

// AccountHeader names the account an admin API request is for; the
// query parameter "account" does the same. Without either, the first
// account of the AccountSet is used.
const AccountHeader = "X-Minikinesis-Account"

// AccountSet is the accounts the console shows and controls.
type AccountSet interface {
	// IDs lists the accounts, the default one first.
	IDs() []string
	// Lookup finds an account by one of its IDs.
	Lookup(id string) (*minikinesis.Kinesis, bool)
}

// SingleAccount is an AccountSet of one account, named by its account id.
func SingleAccount(k *minikinesis.Kinesis) AccountSet { return single{k} }

type single struct{ k *minikinesis.Kinesis }

func (s single) IDs() []string { return []string{s.k.AccountID()} }

func (s single) Lookup(id string) (*minikinesis.Kinesis, bool) {
	if id == s.k.AccountID() {
		return s.k, true
	}
	return nil, false
}

// Option configures the console.
type Option func(*config)

type config struct {
	path  string
	clock *minikinesis.ManualClock
	ui    bool
}

// WithPath mounts the console at path instead of DefaultPath; it must
// start and end with "/".
func WithPath(path string) Option {
	return func(c *config) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		if !strings.HasSuffix(path, "/") {
			path += "/"
		}
		c.path = path
	}
}

// WithManualClock is the clock the admin API advances and sets. Without
// it, an account whose clock is a *minikinesis.ManualClock is controlled
// through that clock, and clock changes on any other account answer a
// ClockNotManual error.
func WithManualClock(c *minikinesis.ManualClock) Option {
	return func(cfg *config) { cfg.clock = c }
}

// WithoutUI serves the admin API only: the page and its assets answer
// 404.
func WithoutUI() Option { return func(c *config) { c.ui = false } }

// Console is the http.Handler New returns.
type Console struct {
	cfg      config
	accounts AccountSet
	mux      *http.ServeMux
	faults   faultIDs
}

// New returns the console over accounts.
func New(accounts AccountSet, opts ...Option) *Console {
	c := &Console{cfg: config{path: DefaultPath, ui: true}, accounts: accounts, mux: http.NewServeMux()}
	for _, opt := range opts {
		opt(&c.cfg)
	}
	c.routes()
	return c
}

// Path is where the console is mounted, e.g. "/_minikinesis/".
func (c *Console) Path() string { return c.cfg.path }

// ServeHTTP answers one request for the page, an asset or the admin API.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mux.ServeHTTP(w, r)
}

func (c *Console) routes() {
	api := c.cfg.path + "api/"
	handle := func(pattern string, h func(http.ResponseWriter, *http.Request, *minikinesis.Kinesis) error) {
		method, path, _ := strings.Cut(pattern, " ")
		c.mux.HandleFunc(method+" "+api+path, c.withAccount(h))
	}
	c.mux.HandleFunc("GET "+api+"health", c.health)
	handle("GET clock", c.getClock)
	handle("POST clock/advance", c.advanceClock)
	handle("POST clock/set", c.setClock)
	handle("POST reset", c.reset)
	handle("GET snapshot", c.downloadSnapshot)
	handle("POST snapshot", c.restoreSnapshot)
	handle("GET faults", c.listFaults)
	handle("POST faults", c.addFault)
	handle("DELETE faults", c.clearFaults)
	handle("DELETE faults/{id}", c.removeFault)
	handle("GET streams", c.listStreams)
	handle("POST streams", c.createStream)
	handle("GET streams/{name}", c.describeStream)
	handle("DELETE streams/{name}", c.deleteStream)
	handle("GET streams/{name}/records", c.records)
	handle("POST streams/{name}/records", c.putRecord)
	c.mux.HandleFunc(api, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{status: http.StatusNotFound, Code: "UnknownOperation", Message: "No admin API at " + r.Method + " " + r.URL.Path + "."})
	})
	if c.cfg.ui {
		c.mux.Handle(c.cfg.path, c.page())
	}
}

// withAccount resolves the request's account and answers the handler's
// error as JSON.
func (c *Console) withAccount(h func(http.ResponseWriter, *http.Request, *minikinesis.Kinesis) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		k, err := c.account(r)
		if err == nil {
			err = h(w, r, k)
		}
		if err != nil {
			writeError(w, err)
		}
	}
}

// account picks the account a request names, or the default one.
func (c *Console) account(r *http.Request) (*minikinesis.Kinesis, error) {
	id := r.URL.Query().Get("account")
	if id == "" {
		id = r.Header.Get(AccountHeader)
	}
	if id == "" {
		ids := c.accounts.IDs()
		if len(ids) == 0 {
			return nil, &apiError{status: http.StatusNotFound, Code: "UnknownAccount", Message: "The server has no account."}
		}
		id = ids[0]
	}
	k, ok := c.accounts.Lookup(id)
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, Code: "UnknownAccount", Message: "No account " + id + "; see GET " + c.cfg.path + "api/health for the accounts."}
	}
	return k, nil
}
