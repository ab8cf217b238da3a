package main

import (
	"fmt"
	"log/slog"

	"github.com/minikinesis/minikinesis"
)

// createStreams adds the -stream streams, each ACTIVE at once whatever
// -create-delay says, as a stream made before start-up would be.
func createStreams(k *minikinesis.Kinesis, cfg config, logger *slog.Logger) error {
	for _, s := range cfg.streams {
		if existing, err := k.Stream(s.name); err == nil {
			logger.Info("stream kept from the data directory", "stream", s.name, "shards", len(existing.Shards()), "arn", existing.ARN())
			continue
		}
		if _, err := k.AddStream(&minikinesis.CreateStreamInput{StreamName: s.name, ShardCount: s.shards}); err != nil {
			return fmt.Errorf("creating stream %s with %d shards: %w", s.name, s.shards, err)
		}
		logger.Info("created stream", "stream", s.name, "shards", s.shards, "arn", k.StreamARN(s.name))
	}
	return nil
}
