package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSweepExpiredFreesEveryAccountOnSchedule: the loop sweeps each
// account it is given, on that account's clock, and stops with its
// context.
func TestSweepExpiredFreesEveryAccountOnSchedule(t *testing.T) {
	epoch := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	var accounts []*minikinesis.Kinesis
	var clocks []*minikinesis.ManualClock
	for i, id := range []string{"111111111111", "222222222222"} {
		clock := minikinesis.NewManualClock(epoch)
		k := minikinesis.New(minikinesis.WithClock(clock), minikinesis.WithAccountID(id))
		require.NoError(t, k.CreateStream(t.Context(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1}))
		s, err := k.Stream("s")
		require.NoError(t, err)
		for range 10 + i {
			_, err := s.PutRecord(t.Context(), &minikinesis.PutRecordInput{PartitionKey: "k", Data: []byte("x")})
			require.NoError(t, err)
		}
		accounts, clocks = append(accounts, k), append(clocks, clock)
	}
	clocks[0].Advance(25 * time.Hour) // the first account's records expire; the second's do not

	log := newLogSink()
	logger := slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		sweepExpired(ctx, 10*time.Millisecond, func() []*minikinesis.Kinesis { return accounts }, logger)
	}()
	waitLog(t, log, `msg="freed expired records" account_id=111111111111 region=us-east-1 records=10 bytes=`)
	clocks[1].Advance(25 * time.Hour)
	waitLog(t, log, `msg="freed expired records" account_id=222222222222 region=us-east-1 records=11 bytes=`)
	cancel()
	select {
	case <-done:
	case <-time.After(stopTimeout):
		t.Fatal("the sweep loop did not stop with its context")
	}
	assert.Equal(t, 1, strings.Count(log.String(), "account_id=111111111111"), "a sweep that frees nothing logs nothing")
}

// waitLog waits, a bounded time, for the log to contain want.
func waitLog(t *testing.T, log *logSink, want string) {
	t.Helper()
	deadline := time.Now().Add(startupTimeout)
	for time.Now().Before(deadline) {
		if strings.Count(log.String(), want) > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("the log never said %q; it has:\n%s", want, log)
}
