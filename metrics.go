package minikinesis

// ShardMetrics counts what happened to a shard, for assertions such as
// "this shard was throttled N times".
type ShardMetrics struct {
	ShardId string
	// Records is how many records the shard holds now.
	Records int
	// WriteThrottled counts records refused for the shard's write
	// allowance (PutRecord calls and PutRecords entries), injected
	// throttling faults included.
	WriteThrottled int
	// ReadThrottled counts GetRecords calls refused for its read allowance.
	ReadThrottled int
}

// ShardMetrics reports a shard's counters.
func (s *Stream) ShardMetrics(shardID string) (ShardMetrics, error) {
	sh := s.shardByID(shardID)
	if sh == nil {
		return ShardMetrics{}, s.k.shardMissing(shardID, s.name)
	}
	s.mu.RLock()
	cutoff := s.k.cfg.clock.Now().Add(-s.retention)
	s.mu.RUnlock()
	sh.mu.Lock()
	sh.log.trimBefore(cutoff)
	n := sh.log.kept()
	sh.mu.Unlock()
	return ShardMetrics{ShardId: sh.id, Records: n, WriteThrottled: int(sh.writeThrottled.Load()), ReadThrottled: int(sh.readThrottled.Load())}, nil
}
