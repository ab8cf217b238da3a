package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/minikinesis/minikinesis/persist"
)

// defaultAddr is where the server listens unless -addr says otherwise.
const defaultAddr = "127.0.0.1:4567"

// config is what the command line asks for.
type config struct {
	addr               string
	region             string
	accountID          string
	shardLimit         int
	delays             minikinesis.StateDelays
	throttle           bool
	controlPlaneLimits bool
	streams            []streamSpec
	tls                bool
	tlsCert            string
	tlsKey             string
	h2c                bool
	fastHTTP1          bool
	maxBodyBytes       int64
	auth               kinesishttp.Authentication
	credentials        []kinesishttp.Credential
	credentialsFile    string
	logLevel           slog.Level
	dataDir            string
	fsync              persist.FsyncPolicy
	fsyncSet           bool
	recoverCorrupt     bool
	limits             limits
	consoleConfig      // -admin, -ui, -clock (console.go)
}

// streamSpec is one -stream value: a stream to create at start-up.
type streamSpec struct {
	name   string
	shards int
}

// usageError is a command line the server cannot run with; main exits 2.
type usageError struct{ err error }

// Error returns the message, which names the flag at fault.
func (e *usageError) Error() string { return e.err.Error() }

// Unwrap returns the underlying error.
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a *usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// parseConfig parses the command-line arguments (without the program name).
// With -h it writes the usage to stdout and returns flag.ErrHelp; every
// other error is a *usageError whose message names the flag at fault.
func parseConfig(args []string, stdout io.Writer) (config, error) {
	cfg := config{logLevel: slog.LevelInfo}
	fs := newFlagSet(&cfg)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(fs, stdout)
			return config{}, err
		}
		return config{}, &usageError{err}
	}
	if fs.NArg() > 0 {
		return config{}, usagef("unexpected argument %q: minikinesis takes flags only", fs.Arg(0))
	}
	if err := cfg.validate(); err != nil {
		return config{}, err
	}
	return cfg, nil
}

// newFlagSet defines the command's flags over cfg. The set prints nothing:
// parse errors come back as errors, and -h is answered by printUsage.
func newFlagSet(cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("minikinesis", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}

	fs.StringVar(&cfg.addr, "addr", defaultAddr, "`host:port` to listen on; port 0 picks a free port")
	fs.StringVar(&cfg.region, "region", minikinesis.DefaultRegion, "`region` named in ARNs")
	fs.StringVar(&cfg.accountID, "account-id", minikinesis.DefaultAccountID, "12-digit account `id` named in ARNs and messages")
	fs.IntVar(&cfg.shardLimit, "shard-limit", minikinesis.DefaultShardLimit, "open shards the account may have")
	fs.DurationVar(&cfg.delays.Creating, "create-delay", 0, "how long a new stream stays CREATING")
	fs.DurationVar(&cfg.delays.Updating, "update-delay", 0, "how long a stream stays UPDATING after a reshard or settings change")
	fs.DurationVar(&cfg.delays.Deleting, "delete-delay", 0, "how long a deleted stream stays DELETING")
	fs.BoolVar(&cfg.throttle, "throttle", true, "enforce per-shard write (1,000 records/s, 1 MiB/s) and read (5 calls/s, 2 MiB/s) limits; -throttle=false turns both off")
	fs.BoolVar(&cfg.controlPlaneLimits, "control-plane-limits", false, "enforce AWS's control-plane call rates (CreateStream 5/s, ListShards 1,000/s per stream, ...)")
	fs.Var(streamsFlag{&cfg.streams}, "stream", "create a stream at start-up, `name:shards` (e.g. orders:2), ACTIVE when the server listens; repeatable")
	fs.BoolVar(&cfg.tls, "tls", false, "serve HTTPS, HTTP/1.1 and HTTP/2, with -tls-cert and -tls-key or a self-signed certificate made at start-up")
	fs.StringVar(&cfg.tlsCert, "tls-cert", "", "PEM certificate `file` for -tls")
	fs.StringVar(&cfg.tlsKey, "tls-key", "", "PEM private key `file` for -tls")
	fs.BoolVar(&cfg.fastHTTP1, "fast-http1", true, "answer the API's HTTP/1.1 calls (all but SubscribeToShard) with minikinesis's own HTTP/1.1 loop, handing every other request to Go's net/http; -fast-http1=false leaves them all to net/http (without -tls only)")
	fs.BoolVar(&cfg.h2c, "h2c", true, "accept unencrypted HTTP/2 (prior knowledge) beside HTTP/1.1 on the plain listener; -h2c=false serves HTTP/1.1 only (with -tls, HTTP/2 is negotiated over TLS whatever it says)")
	fs.Int64Var(&cfg.maxBodyBytes, "max-body-bytes", kinesishttp.DefaultMaxBodyBytes, "largest request body accepted; larger ones get HTTP 413")
	fs.TextVar(&cfg.auth, "auth", kinesishttp.AuthRequired, "`mode`: required (AWS's answers to requests without well-formed SigV4 credentials; signatures are not verified), off (credentials not looked at) or verify (SigV4 signatures checked against -credentials and -credentials-file)")
	fs.Var(credentialsFlag{&cfg.credentials}, "credentials", "with -auth verify, access keys accepted, `AKID:SECRET[:TOKEN],...`; a 12-digit AKID is also the account id; repeatable")
	fs.StringVar(&cfg.credentialsFile, "credentials-file", "", "with -auth verify, accept the keys of every profile in `file`, written as ~/.aws/credentials is (aws_access_key_id, aws_secret_access_key, aws_session_token)")
	fs.Var(levelFlag{&cfg.logLevel}, "log-level", "log `level`: debug, info, warn or error; info logs one line per request, warn only failed ones")
	fs.StringVar(&cfg.dataDir, "data-dir", "", "keep the account in `dir` across restarts (journal and snapshots); without it, nothing touches the disk")
	fs.Var(fsyncFlag{&cfg.fsync, &cfg.fsyncSet}, "fsync", "with -data-dir, when acknowledged writes are forced to disk: `policy` always, 1s or never (default 1s)")
	fs.BoolVar(&cfg.recoverCorrupt, "recover-corrupt", false, "with -data-dir, start past a damaged journal or snapshot with the state up to the damage, setting the rest aside")
	cfg.limits.define(fs)
	consoleFlags(fs, &cfg.consoleConfig)
	return fs
}

// printUsage writes the command's help to w.
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, `Usage: minikinesis [flags]

Serves the Amazon Kinesis Data Streams API from memory, for local development
and tests. Any well-formed credentials are accepted (-auth off: none needed;
-auth verify: only the keys of -credentials and -credentials-file). A request
signed with a 12-digit access key id is served by that account.
SIGINT or SIGTERM shuts it down.

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(w, `
Example:
  minikinesis -stream orders:2
  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1 \
    aws --endpoint-url http://127.0.0.1:4567 kinesis list-streams
`)
}

// validate checks what single flags cannot check alone.
func (c *config) validate() error {
	if _, _, err := net.SplitHostPort(c.addr); err != nil {
		return usagef("-addr %q: want host:port, e.g. 127.0.0.1:4567", c.addr)
	}
	if !regionPattern.MatchString(c.region) {
		return usagef("-region %q: want lower-case letters, digits and '-', e.g. us-east-1", c.region)
	}
	if !accountIDPattern.MatchString(c.accountID) {
		return usagef("-account-id %q: want 12 digits, e.g. 000000000000", c.accountID)
	}
	if c.shardLimit < 1 {
		return usagef("-shard-limit %d: want at least 1", c.shardLimit)
	}
	for _, d := range []struct {
		flag  string
		value time.Duration
	}{{"create-delay", c.delays.Creating}, {"update-delay", c.delays.Updating}, {"delete-delay", c.delays.Deleting}} {
		if d.value < 0 {
			return usagef("-%s %v: must not be negative", d.flag, d.value)
		}
	}
	shards := 0
	for _, s := range c.streams {
		shards += s.shards
	}
	if shards > c.shardLimit {
		return usagef("-stream asks for %d shards in all, more than -shard-limit %d", shards, c.shardLimit)
	}
	if (c.tlsCert == "") != (c.tlsKey == "") {
		return usagef("-tls-cert and -tls-key go together: give both or neither")
	}
	if c.tlsCert != "" && !c.tls {
		return usagef("-tls-cert and -tls-key need -tls")
	}
	if c.maxBodyBytes < 1 {
		return usagef("-max-body-bytes %d: want at least 1", c.maxBodyBytes)
	}
	if c.dataDir == "" && (c.fsyncSet || c.recoverCorrupt) {
		return usagef("-fsync and -recover-corrupt need -data-dir")
	}
	if err := c.validateCredentials(); err != nil {
		return err
	}
	if err := c.limits.validate(); err != nil {
		return err
	}
	return c.validateConsole()
}

// scheme is the URL scheme the server answers on.
func (c *config) scheme() string {
	if c.tls {
		return "https"
	}
	return "http"
}

// options translates the configuration into the model's options.
func (c *config) options(clock minikinesis.Clock) []minikinesis.Option {
	opts := []minikinesis.Option{
		minikinesis.WithClock(c.clockOr(clock)),
		minikinesis.WithRegion(c.region),
		minikinesis.WithAccountID(c.accountID),
		minikinesis.WithShardLimit(c.shardLimit),
		minikinesis.WithStateDelays(c.delays),
	}
	if !c.throttle {
		opts = append(opts, minikinesis.WithoutWriteThrottling(), minikinesis.WithoutReadThrottling())
	}
	if c.controlPlaneLimits {
		opts = append(opts, minikinesis.WithControlPlaneRateLimits())
	}
	return opts
}

var (
	regionPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	accountIDPattern  = regexp.MustCompile(`^[0-9]{12}$`)
	streamNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,128}$`)
)

// streamsFlag is the repeatable -stream flag.
type streamsFlag struct{ specs *[]streamSpec }

// String lists the streams as name:shards values, separated by commas.
func (f streamsFlag) String() string {
	if f.specs == nil {
		return ""
	}
	parts := make([]string, len(*f.specs))
	for i, s := range *f.specs {
		parts[i] = s.name + ":" + strconv.Itoa(s.shards)
	}
	return strings.Join(parts, ",")
}

// Set adds one name:shards value; a name given twice is an error.
func (f streamsFlag) Set(value string) error {
	spec, err := parseStreamSpec(value)
	if err != nil {
		return err
	}
	for _, s := range *f.specs {
		if s.name == spec.name {
			return fmt.Errorf("stream %q is given twice", spec.name)
		}
	}
	*f.specs = append(*f.specs, spec)
	return nil
}

// parseStreamSpec parses a -stream value, name:shards.
func parseStreamSpec(value string) (streamSpec, error) {
	name, count, found := strings.Cut(value, ":")
	if !found {
		return streamSpec{}, fmt.Errorf("want name:shards, e.g. orders:2")
	}
	if !streamNamePattern.MatchString(name) {
		return streamSpec{}, fmt.Errorf("stream name %q: want 1 to 128 of the characters a-z A-Z 0-9 _ . -", name)
	}
	shards, err := strconv.Atoi(count)
	if err != nil || shards < 1 {
		return streamSpec{}, fmt.Errorf("shard count %q of stream %q: want a whole number of at least 1", count, name)
	}
	return streamSpec{name: name, shards: shards}, nil
}

// levelFlag is the -log-level flag.
type levelFlag struct{ level *slog.Level }

// String names the level as -log-level takes it.
func (f levelFlag) String() string {
	if f.level == nil {
		return ""
	}
	return strings.ToLower(f.level.String())
}

// Set takes debug, info, warn or error, in any case.
func (f levelFlag) Set(value string) error {
	switch strings.ToLower(value) {
	case "debug":
		*f.level = slog.LevelDebug
	case "info":
		*f.level = slog.LevelInfo
	case "warn":
		*f.level = slog.LevelWarn
	case "error":
		*f.level = slog.LevelError
	default:
		return fmt.Errorf("want debug, info, warn or error")
	}
	return nil
}
