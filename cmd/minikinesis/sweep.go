package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/minikinesis/minikinesis"
)

// sweepExpired frees the records past retention in every account that
// accounts returns, every interval of real time, until ctx is done. The
// model runs nothing in the background, so without it a shard nothing
// reads or writes — an idle one, or one closed by a reshard — would keep
// its expired records for as long as the server runs. Each account's
// sweep reads that account's own clock.
func sweepExpired(ctx context.Context, interval time.Duration, accounts func() []*minikinesis.Kinesis, logger *slog.Logger) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		for _, k := range accounts() {
			start := time.Now()
			stats := k.SweepExpired()
			if stats.Records > 0 {
				logger.Debug("freed expired records", "account_id", k.AccountID(), "region", k.Region(),
					"records", stats.Records, "bytes", stats.Bytes, "shards", stats.Shards, "duration", time.Since(start))
			}
		}
	}
}
