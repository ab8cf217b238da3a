package simulator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis"
)

// hotWindow is how far back "hottest" looks: records offered to a shard
// in the last minute.
const hotWindow = 60

// capacity applies the reshard events due at at and, for an on-demand
// stream, the scaling rules on the second that just ended.
func (r *run) capacity(ctx context.Context, at time.Duration) error {
	for r.events < len(r.sc.Stream.Reshards) && r.sc.Stream.Reshards[r.events].At.D() <= at {
		ev := r.sc.Stream.Reshards[r.events]
		r.events++
		if ev.SplitHottest > 0 {
			if err := r.splitHottest(ctx, at, ev.SplitHottest, "reshard"); err != nil {
				return err
			}
			continue
		}
		r.updateShardCount(ctx, at, ev.ShardCount)
	}
	if r.onDemand == nil || at < time.Second {
		return nil
	}
	prev := r.stats.seconds[int(at/time.Second)-1]
	open := len(r.routes.index)
	if target := r.onDemand.observe(at, prev.Accepted, prev.AcceptedBytes, r.limits.RecordsPerSecond, r.limits.BytesPerSecond, open); target > open {
		return r.splitHottest(ctx, at, target-open, "on-demand scale-up")
	}
	return nil
}

func (r *run) updateShardCount(ctx context.Context, at time.Duration, target int) {
	before := len(r.routes.index)
	_, err := r.k.UpdateShardCount(ctx, &minikinesis.UpdateShardCountInput{StreamName: streamName, TargetShardCount: target,
		ScalingType: minikinesis.ScalingTypeUniformScaling})
	e := Event{At: at, What: fmt.Sprintf("UpdateShardCount %d → %d shards", before, target)}
	if err != nil {
		e.Err = err.Error()
	} else {
		r.refreshRoutes(at)
	}
	r.stats.events = append(r.stats.events, e)
}

// splitHottest adds n shards by splitting the open shards that took the
// most records in the last minute at the middle of their ranges, hottest
// first, in rounds while more are needed.
func (r *run) splitHottest(ctx context.Context, at time.Duration, n int, why string) error {
	before := len(r.routes.index)
	var split []string
	for n > 0 {
		open := r.hottest(at)
		for _, i := range open[:min(n, len(open))] {
			id := minikinesis.FormatShardID(r.routes.index[i])
			err := r.k.SplitShard(ctx, &minikinesis.SplitShardInput{StreamName: streamName, ShardToSplit: id,
				NewStartingHashKey: midpoint(r.routes.ranges[i]).String()})
			if err != nil {
				r.stats.events = append(r.stats.events, Event{At: at, What: why + ": split " + id, Err: err.Error()})
				r.refreshRoutes(at)
				return nil
			}
			split = append(split, id)
			n--
		}
		r.refreshRoutes(at)
	}
	list := strings.Join(split[:min(4, len(split))], ", ")
	if len(split) > 4 {
		list += fmt.Sprintf(" and %d more", len(split)-4)
	}
	r.stats.events = append(r.stats.events, Event{At: at,
		What: fmt.Sprintf("%s %d → %d shards (split %s)", why, before, len(r.routes.index), list)})
	return nil
}

// hottest orders the open shards' positions in r.routes by records offered
// in the last minute, most first (by shard index among equals).
func (r *run) hottest(at time.Duration) []int {
	sec := int(at / time.Second)
	load := make([]int64, len(r.routes.index))
	pos := make([]int, len(r.routes.index))
	for i, idx := range r.routes.index {
		pos[i] = i
		secs := r.stats.shards[idx].seconds
		for s := max(0, sec-hotWindow); s < sec; s++ {
			load[i] += int64(secs[s].Accepted) + int64(secs[s].Throttled)
		}
	}
	slices.SortStableFunc(pos, func(a, b int) int {
		if load[a] != load[b] {
			if load[a] > load[b] {
				return -1
			}
			return 1
		}
		return r.routes.index[a] - r.routes.index[b]
	})
	return pos
}
