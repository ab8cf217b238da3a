package main

import (
	"flag"
	"net/http"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/console"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

// consoleConfig is what the command line asks of the admin API, the
// console page and the clock.
type consoleConfig struct {
	admin      bool
	ui         bool
	clockMode  string
	clockStart string
	// manualClock is the clock every account reads with -clock manual;
	// nil on the wall clock.
	manualClock *minikinesis.ManualClock
}

// consoleFlags defines -admin, -ui, -clock and -clock-start.
func consoleFlags(fs *flag.FlagSet, c *consoleConfig) {
	fs.BoolVar(&c.admin, "admin", true, "serve the admin API (clock, reset, snapshots, faults) and the console page under "+console.DefaultPath+"; -admin=false turns both off")
	fs.BoolVar(&c.ui, "ui", true, "serve the console page at "+console.DefaultPath+"; -ui=false keeps only the admin API")
	fs.StringVar(&c.clockMode, "clock", "wall", "`clock` the accounts read: wall, or manual (moves only through the admin API)")
	fs.StringVar(&c.clockStart, "clock-start", "", "with -clock manual, the `time` (RFC 3339) it starts at; default the time the server starts")
}

// validateConsole checks the console flags and builds the manual clock.
func (c *consoleConfig) validateConsole() error {
	switch c.clockMode {
	case "wall":
		if c.clockStart != "" {
			return usagef("-clock-start needs -clock manual")
		}
	case "manual":
		start := time.Now().UTC()
		if c.clockStart != "" {
			t, err := time.Parse(time.RFC3339Nano, c.clockStart)
			if err != nil {
				return usagef("-clock-start %q: want an RFC 3339 time, e.g. 2026-01-02T15:04:05Z", c.clockStart)
			}
			start = t
		}
		c.manualClock = minikinesis.NewManualClock(start)
	default:
		return usagef("-clock %q: want wall or manual", c.clockMode)
	}
	return nil
}

// clockOr is the clock the accounts read: the manual one, or fallback.
func (c *consoleConfig) clockOr(fallback minikinesis.Clock) minikinesis.Clock {
	if c.manualClock != nil {
		return c.manualClock
	}
	return fallback
}

// adminOptions mounts the console on the Kinesis handler, unless -admin
// is off.
func (c *consoleConfig) adminOptions(accounts console.AccountSet) []kinesishttp.Option {
	if !c.admin {
		return nil
	}
	return []kinesishttp.Option{kinesishttp.WithAdminHandler(c.handler(accounts))}
}

func (c *consoleConfig) handler(accounts console.AccountSet) http.Handler {
	var opts []console.Option
	if c.manualClock != nil {
		opts = append(opts, console.WithManualClock(c.manualClock))
	}
	if !c.ui {
		opts = append(opts, console.WithoutUI())
	}
	return console.New(accounts, opts...)
}

// listeningAttrs add the console's URL to the "listening" log line.
func (c *consoleConfig) listeningAttrs(baseURL string) []any {
	switch {
	case !c.admin:
		return nil
	case !c.ui:
		return []any{"admin", baseURL + console.DefaultPath + "api/", "clock", c.clockMode}
	}
	return []any{"console", baseURL + console.DefaultPath, "clock", c.clockMode}
}
