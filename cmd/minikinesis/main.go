// Command minikinesis serves the Amazon Kinesis Data Streams API from an
// in-memory model, for local development and tests.
//
// Usage:
//
//	minikinesis [flags]
//
// It listens on 127.0.0.1:4567 unless -addr says otherwise and answers AWS
// SDKs and the AWS CLI (JSON 1.1 and CBOR 1.1, SubscribeToShard included) as
// Kinesis would, with any credentials. Everything lives in memory and is
// gone when the server stops.
//
// Flags:
//
//	-addr host:port          address to listen on (default 127.0.0.1:4567;
//	                         port 0 picks a free one, logged at start-up)
//	-region name             region named in ARNs (default us-east-1)
//	-account-id id           12-digit id of the default account, in ARNs
//	                         and messages (default 000000000000); a request
//	                         signed with a 12-digit access key id is served
//	                         by the account of that id
//	-shard-limit n           open shards the account may have (default 20000)
//	-create-delay d          how long a new stream stays CREATING (default 0)
//	-update-delay d          how long a stream stays UPDATING (default 0)
//	-delete-delay d          how long a stream stays DELETING (default 0)
//	-throttle                per-shard write and read limits (default true;
//	                         -throttle=false turns both off)
//	-control-plane-limits    enforce AWS's control-plane call rates
//	                         (default false)
//	-stream name:shards      create a stream at start-up; repeatable. These
//	                         streams are ACTIVE when the server starts
//	                         listening, whatever -create-delay says
//	-tls                     serve HTTPS (HTTP/1.1 and HTTP/2)
//	-tls-cert file           PEM certificate for -tls; without -tls-cert and
//	-tls-key file            -tls-key, a self-signed certificate for
//	                         127.0.0.1, ::1 and localhost is generated in memory
//	-h2c                     accept unencrypted HTTP/2 (prior knowledge) beside
//	                         HTTP/1.1 on the plain listener (default true;
//	                         -h2c=false serves HTTP/1.1 only)
//	-max-body-bytes n        largest request body accepted (default 16 MiB)
//	-auth mode               required (default: well-formed SigV4
//	                         credentials), off, or verify (signatures
//	                         checked against the keys below)
//	-credentials list        with -auth verify: AKID:SECRET[:TOKEN],...
//	-credentials-file file   with -auth verify: the keys of every profile
//	                         of an AWS shared credentials file
//	-body-timeout d          time a request has to send its body, plus 1 s
//	                         per 64 KiB received (default 30s)
//	-max-conns n             connections open at once; more are closed at
//	                         accept (default 1024)
//	-sweep-interval d        how often records past retention are freed on
//	                         every shard (default 1m)
//	-log-level level         debug, info, warn or error (default info)
//	-data-dir dir            keep the account in dir across restarts and
//	                         crashes (journal and snapshots)
//	-fsync policy            with -data-dir: always, 1s (default) or never
//	-recover-corrupt         with -data-dir: start past damage with the
//	                         state up to it
//	-admin                   admin API and console page under /_minikinesis/
//	                         (default true; unauthenticated, for local use)
//	-ui                      the console page (default true; -ui=false keeps
//	                         only the admin API)
//	-clock mode              wall (default) or manual: one clock for every
//	                         account, moved through the admin API
//	-clock-start time        with -clock manual, its RFC 3339 start
//
// Logs go to standard error as log/slog text lines: the listening address at
// start-up, one line per request (operation, status, duration; failed
// requests at warn), and the shutdown.
//
// SIGINT or SIGTERM stops the server gracefully: open subscriptions end, the
// requests in flight finish (for at most five seconds), and the exit status
// is 0. A second signal stops it at once. The exit status is 2 for a usage
// error and 1 when the server cannot start.
//
// Example:
//
//	minikinesis -stream orders:2 &
//	AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1 \
//	  aws --endpoint-url http://127.0.0.1:4567 kinesis list-streams
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, restore the default handling, so that a
		// second one stops a slow shutdown at once.
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err on stderr and returns the process's exit status:
// 0 for none (or -h), 2 for a usage error, 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	var usage *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "minikinesis: %v\nRun 'minikinesis -h' for usage.\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "minikinesis: %v\n", err)
		return 1
	}
}
