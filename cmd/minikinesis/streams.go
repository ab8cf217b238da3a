package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/minikinesis/minikinesis"
)

// bootClock is the model's clock: the wall clock, except while the -stream
// streams are created, when it reads times set in the past.
type bootClock struct {
	fixed atomic.Pointer[time.Time]
}

// Now returns the time set with set, or the wall clock's time.
func (c *bootClock) Now() time.Time {
	if t := c.fixed.Load(); t != nil {
		return *t
	}
	return time.Now()
}

// set makes Now return t; the zero time hands Now back to the wall clock.
func (c *bootClock) set(t time.Time) {
	if t.IsZero() {
		c.fixed.Store(nil)
		return
	}
	c.fixed.Store(&t)
}

// createStreams creates the -stream streams so that each is ACTIVE by the
// time the server listens, as a stream made before start-up would be. The
// model's clock is set back while they are created, one -create-delay and a
// second apart, so that none is still CREATING when the next is created (the
// model allows five at once), none is CREATING at start-up, and the
// control-plane rate limits, if enforced, have refilled between calls.
func createStreams(ctx context.Context, k *minikinesis.Kinesis, clock *bootClock, cfg config, logger *slog.Logger) error {
	if len(cfg.streams) == 0 {
		return nil
	}
	step := cfg.delays.Creating + time.Second
	at := time.Now().Add(-time.Duration(len(cfg.streams)+1) * step)
	defer clock.set(time.Time{})
	for _, s := range cfg.streams {
		clock.set(at)
		err := k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: s.name, ShardCount: s.shards})
		if err != nil {
			return fmt.Errorf("creating stream %s with %d shards: %w", s.name, s.shards, err)
		}
		logger.Info("created stream", "stream", s.name, "shards", s.shards, "arn", k.StreamARN(s.name))
		at = at.Add(step)
	}
	return nil
}
