package main

import (
	"bytes"
	"errors"
	"flag"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := parseConfig(nil, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, config{
		addr:          "127.0.0.1:4567",
		region:        minikinesis.DefaultRegion,
		accountID:     minikinesis.DefaultAccountID,
		shardLimit:    minikinesis.DefaultShardLimit,
		throttle:      true,
		h2c:           true,
		fastHTTP1:     true,
		maxBodyBytes:  kinesishttp.DefaultMaxBodyBytes,
		auth:          kinesishttp.AuthRequired,
		logLevel:      slog.LevelInfo,
		limits:        limits{bodyTimeout: 30 * time.Second, maxConns: 1024, sweepInterval: time.Minute},
		consoleConfig: consoleConfig{admin: true, ui: true, clockMode: "wall"},
	}, cfg)
	assert.Equal(t, "http", cfg.scheme())
}

func TestParseConfigGood(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, cfg config)
	}{
		{"addr", []string{"-addr", "127.0.0.1:0"}, func(t *testing.T, cfg config) {
			assert.Equal(t, "127.0.0.1:0", cfg.addr)
		}},
		{"addr any host", []string{"-addr", ":4567"}, func(t *testing.T, cfg config) {
			assert.Equal(t, ":4567", cfg.addr)
		}},
		{"region and account", []string{"-region", "eu-west-1", "-account-id", "123456789012"}, func(t *testing.T, cfg config) {
			assert.Equal(t, "eu-west-1", cfg.region)
			assert.Equal(t, "123456789012", cfg.accountID)
		}},
		{"shard limit", []string{"-shard-limit", "3"}, func(t *testing.T, cfg config) {
			assert.Equal(t, 3, cfg.shardLimit)
		}},
		{"delays", []string{"-create-delay", "2s", "-update-delay=1m", "-delete-delay", "500ms"}, func(t *testing.T, cfg config) {
			assert.Equal(t, minikinesis.StateDelays{Creating: 2 * time.Second, Updating: time.Minute, Deleting: 500 * time.Millisecond}, cfg.delays)
		}},
		{"throttle off", []string{"-throttle=false"}, func(t *testing.T, cfg config) {
			assert.False(t, cfg.throttle)
		}},
		{"control plane limits", []string{"-control-plane-limits"}, func(t *testing.T, cfg config) {
			assert.True(t, cfg.controlPlaneLimits)
		}},
		{"one stream", []string{"-stream", "orders:2"}, func(t *testing.T, cfg config) {
			assert.Equal(t, []streamSpec{{"orders", 2}}, cfg.streams)
		}},
		{"streams keep their order", []string{"-stream", "b:1", "-stream=a.b_c-D:10", "-stream", "x:1"}, func(t *testing.T, cfg config) {
			assert.Equal(t, []streamSpec{{"b", 1}, {"a.b_c-D", 10}, {"x", 1}}, cfg.streams)
		}},
		{"longest stream name", []string{"-stream", strings.Repeat("n", 128) + ":1"}, func(t *testing.T, cfg config) {
			assert.Equal(t, []streamSpec{{strings.Repeat("n", 128), 1}}, cfg.streams)
		}},
		{"streams up to the shard limit", []string{"-shard-limit", "3", "-stream", "a:1", "-stream", "b:2"}, func(t *testing.T, cfg config) {
			assert.Len(t, cfg.streams, 2)
		}},
		{"tls self-signed", []string{"-tls"}, func(t *testing.T, cfg config) {
			assert.True(t, cfg.tls)
			assert.Equal(t, "https", cfg.scheme())
		}},
		{"tls files", []string{"-tls", "-tls-cert", "c.pem", "-tls-key", "k.pem"}, func(t *testing.T, cfg config) {
			assert.Equal(t, "c.pem", cfg.tlsCert)
			assert.Equal(t, "k.pem", cfg.tlsKey)
		}},
		{"h2c off", []string{"-h2c=false"}, func(t *testing.T, cfg config) {
			assert.False(t, cfg.h2c)
		}},
		{"fast HTTP/1.1 off", []string{"-fast-http1=false"}, func(t *testing.T, cfg config) {
			assert.False(t, cfg.fastHTTP1)
		}},
		{"h2c with tls", []string{"-tls", "-h2c"}, func(t *testing.T, cfg config) {
			assert.True(t, cfg.tls)
		}},
		{"limits", []string{"-body-timeout", "2s", "-max-conns", "10", "-sweep-interval", "10s"}, func(t *testing.T, cfg config) {
			assert.Equal(t, limits{bodyTimeout: 2 * time.Second, maxConns: 10, sweepInterval: 10 * time.Second}, cfg.limits)
		}},
		{"limits off", []string{"-body-timeout", "0", "-max-conns", "0", "-sweep-interval", "0"}, func(t *testing.T, cfg config) {
			assert.Equal(t, limits{}, cfg.limits)
		}},
		{"max body", []string{"-max-body-bytes", "1024"}, func(t *testing.T, cfg config) {
			assert.Equal(t, int64(1024), cfg.maxBodyBytes)
		}},
		{"auth off", []string{"-auth", "off"}, func(t *testing.T, cfg config) {
			assert.Equal(t, kinesishttp.AuthOff, cfg.auth)
		}},
		{"auth required", []string{"-auth=required"}, func(t *testing.T, cfg config) {
			assert.Equal(t, kinesishttp.AuthRequired, cfg.auth)
		}},
		{"log level debug", []string{"-log-level", "debug"}, func(t *testing.T, cfg config) {
			assert.Equal(t, slog.LevelDebug, cfg.logLevel)
		}},
		{"log level info", []string{"-log-level", "info"}, func(t *testing.T, cfg config) {
			assert.Equal(t, slog.LevelInfo, cfg.logLevel)
		}},
		{"log level warn", []string{"-log-level", "warn"}, func(t *testing.T, cfg config) {
			assert.Equal(t, slog.LevelWarn, cfg.logLevel)
		}},
		{"log level error, any case", []string{"-log-level", "ERROR"}, func(t *testing.T, cfg config) {
			assert.Equal(t, slog.LevelError, cfg.logLevel)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(tt.args, &bytes.Buffer{})
			require.NoError(t, err)
			tt.check(t, cfg)
		})
	}
}

func TestParseConfigBad(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // the error message contains this
	}{
		{"unknown flag", []string{"-nope"}, "flag provided but not defined: -nope"},
		{"positional argument", []string{"orders:2"}, `unexpected argument "orders:2"`},
		{"stream without shards", []string{"-stream", "orders"}, `invalid value "orders" for flag -stream: want name:shards, e.g. orders:2`},
		{"stream empty", []string{"-stream", ""}, "want name:shards"},
		{"stream empty name", []string{"-stream", ":2"}, `stream name "": want 1 to 128 of the characters`},
		{"stream bad name", []string{"-stream", "my stream:2"}, `stream name "my stream"`},
		{"stream name with colon", []string{"-stream", "a:b:2"}, `shard count "b:2" of stream "a"`},
		{"stream name too long", []string{"-stream", strings.Repeat("n", 129) + ":1"}, "want 1 to 128"},
		{"stream empty count", []string{"-stream", "orders:"}, `shard count "" of stream "orders": want a whole number of at least 1`},
		{"stream zero shards", []string{"-stream", "orders:0"}, `shard count "0" of stream "orders"`},
		{"stream negative shards", []string{"-stream", "orders:-1"}, `shard count "-1"`},
		{"stream word shards", []string{"-stream", "orders:two"}, `shard count "two"`},
		{"stream fractional shards", []string{"-stream", "orders:1.5"}, `shard count "1.5"`},
		{"stream twice", []string{"-stream", "a:1", "-stream", "a:2"}, `stream "a" is given twice`},
		{"streams over the shard limit", []string{"-shard-limit", "2", "-stream", "a:1", "-stream", "b:2"}, "-stream asks for 3 shards in all, more than -shard-limit 2"},
		{"log level unknown", []string{"-log-level", "verbose"}, `invalid value "verbose" for flag -log-level: want debug, info, warn or error`},
		{"log level numeric", []string{"-log-level", "INFO+2"}, "want debug, info, warn or error"},
		{"addr without port", []string{"-addr", "localhost"}, `-addr "localhost": want host:port`},
		{"region empty", []string{"-region", ""}, `-region ""`},
		{"region with colon", []string{"-region", "us:east"}, `-region "us:east"`},
		{"account id short", []string{"-account-id", "123"}, `-account-id "123": want 12 digits`},
		{"account id letters", []string{"-account-id", "12345678901a"}, "want 12 digits"},
		{"shard limit zero", []string{"-shard-limit", "0"}, "-shard-limit 0: want at least 1"},
		{"shard limit word", []string{"-shard-limit", "many"}, `invalid value "many" for flag -shard-limit`},
		{"negative delay", []string{"-update-delay", "-1s"}, "-update-delay -1s: must not be negative"},
		{"bad delay", []string{"-create-delay", "5"}, `invalid value "5" for flag -create-delay`},
		{"bad bool", []string{"-throttle=maybe"}, `invalid boolean value "maybe" for -throttle`},
		{"cert without key", []string{"-tls", "-tls-cert", "c.pem"}, "-tls-cert and -tls-key go together"},
		{"key without cert", []string{"-tls", "-tls-key", "k.pem"}, "-tls-cert and -tls-key go together"},
		{"cert without tls", []string{"-tls-cert", "c.pem", "-tls-key", "k.pem"}, "-tls-cert and -tls-key need -tls"},
		{"negative body timeout", []string{"-body-timeout", "-1s"}, "-body-timeout -1s: must not be negative"},
		{"negative max conns", []string{"-max-conns", "-1"}, "-max-conns -1: must not be negative"},
		{"negative sweep interval", []string{"-sweep-interval", "-1m"}, "-sweep-interval -1m0s: must not be negative"},
		{"max body zero", []string{"-max-body-bytes", "0"}, "-max-body-bytes 0: want at least 1"},
		{"auth unknown", []string{"-auth", "check"}, `invalid value "check" for flag -auth: want required, off or verify`},
		{"auth in capitals", []string{"-auth", "OFF"}, `invalid value "OFF" for flag -auth`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout bytes.Buffer
			_, err := parseConfig(tt.args, &stdout)
			require.Error(t, err)
			var usage *usageError
			require.ErrorAs(t, err, &usage, "a usage error, so the exit status is 2")
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, stdout.String(), "usage errors print nothing themselves")
		})
	}
}

func TestParseConfigHelp(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		t.Run(arg, func(t *testing.T) {
			var stdout bytes.Buffer
			_, err := parseConfig([]string{arg}, &stdout)
			require.ErrorIs(t, err, flag.ErrHelp)
			out := stdout.String()
			assert.Contains(t, out, "Usage: minikinesis [flags]")
			for _, f := range []string{"-addr", "-region", "-account-id", "-shard-limit", "-create-delay", "-update-delay",
				"-delete-delay", "-throttle", "-control-plane-limits", "-stream", "-tls", "-tls-cert", "-tls-key", "-h2c",
				"-fast-http1", "-max-body-bytes", "-auth", "-log-level", "-body-timeout", "-max-conns", "-sweep-interval"} {
				assert.Regexp(t, `\n  `+f+`[ \n]`, out, "usage lists %s", f)
			}
			assert.Contains(t, out, `(default "127.0.0.1:4567")`)
			assert.Contains(t, out, "(default info)")
			assert.Contains(t, out, "(default required)")
		})
	}
}

func TestRunHelpWritesUsageToStdout(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-h"}, &stdout, &stderr)
	require.NoError(t, err)
	assert.Contains(t, stdout.String(), "Usage: minikinesis")
	assert.Empty(t, stderr.String())
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"success", nil, 0, ""},
		{"help", flag.ErrHelp, 0, ""},
		{"usage", usagef("-shard-limit 0: want at least 1"), 2, "minikinesis: -shard-limit 0: want at least 1\nRun 'minikinesis -h' for usage.\n"},
		{"wrapped usage", errors.Join(usagef("bad")), 2, "minikinesis: bad\n"},
		{"failure", errors.New("listen tcp 127.0.0.1:4567: bind: address already in use"), 1,
			"minikinesis: listen tcp 127.0.0.1:4567: bind: address already in use\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			assert.Equal(t, tt.code, exitCode(tt.err, &stderr))
			if tt.stderr == "" {
				assert.Empty(t, stderr.String())
			} else {
				assert.True(t, strings.HasPrefix(stderr.String(), tt.stderr), "stderr %q", stderr.String())
			}
		})
	}
}

func TestStreamsFlagString(t *testing.T) {
	specs := []streamSpec{{"a", 1}, {"b", 2}}
	assert.Equal(t, "a:1,b:2", streamsFlag{&specs}.String())
	assert.Equal(t, "", streamsFlag{}.String())
	lvl := slog.LevelWarn
	assert.Equal(t, "warn", levelFlag{&lvl}.String())
}
