package minikinesis

// SweepStats is what one SweepExpired call looked at and freed.
type SweepStats struct {
	// Streams and Shards count what was looked at: every stream not yet
	// gone, and every shard of it, open or closed.
	Streams int
	Shards  int
	// Records is how many records past their stream's retention were
	// freed.
	Records int
	// Bytes is the record memory the shards let go: index entries and
	// payload slabs, which return to the account's pool for new records
	// (beyond what the pool keeps, to the garbage collector). Memory a
	// shard still fills, or shares with a copy, is not counted.
	Bytes int64
}

// SweepExpired frees the records past their stream's retention period, on
// the model's clock, from every shard of the account: open, closed and
// idle ones alike. Reads and writes trim a shard they touch; a shard
// nothing touches keeps its expired records until a sweep. It also
// forgets the streams whose deletion has completed. Records it frees were
// already invisible, so no read answers differently for it.
//
// The model runs nothing in the background: whoever serves it calls
// SweepExpired on a schedule (cmd/minikinesis does, every
// -sweep-interval). It takes each shard's lock in turn, briefly, never
// the whole account's.
func (k *Kinesis) SweepExpired() SweepStats {
	var stats SweepStats
	for _, s := range k.liveStreams() {
		stats.Streams++
		now := k.cfg.clock.Now()
		s.mu.RLock()
		cutoff := now.Add(-s.retention).UnixNano()
		shards := s.shards
		s.mu.RUnlock()
		for _, sh := range shards {
			stats.Shards++
			records, bytes := sh.sweep(cutoff)
			stats.Records += records
			stats.Bytes += bytes
		}
	}
	return stats
}

// sweep trims what arrived before cutoff (Unix nanoseconds) and returns how
// many records and bytes of memory it freed.
func (sh *shard) sweep(cutoff int64) (records int, bytes int64) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.counts != nil { // counting mode (counting.go)
		before := sh.counts.kept
		sh.counts.trimBefore(cutoff)
		return int(before - sh.counts.kept), 0
	}
	if sh.log.Len() == 0 || sh.log.At(sh.log.Head()).Arrival >= cutoff {
		return 0, 0
	}
	before, held := sh.log.Len(), sh.log.Footprint().Bytes()
	sh.log.TrimBefore(cutoff)
	return before - sh.log.Len(), int64(held - sh.log.Footprint().Bytes())
}
