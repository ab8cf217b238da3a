package minikinesis

import "context"

// ReadAll reads the whole stream the way a correct consumer does: every
// shard from its trim horizon to its end, parents before children (a
// child's index is always above its parents'), without touching the
// shards' read allowances. Each record still within retention is returned
// once; per shard, in sequence order. Use it to assert what a producer
// wrote: "these 10,000 records arrived, per partition key in order".
func (s *Stream) ReadAll(ctx context.Context) ([]Record, error) {
	s.mu.RLock()
	shards := append([]*shard(nil), s.shards...)
	s.mu.RUnlock()
	var all []Record
	for _, sh := range shards {
		after := uint64(0)
		for {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			read, err := s.readShard(sh, after, MaxGetRecordsLimit, s.k.cfg.clock.Now(), false)
			if err != nil {
				return nil, err
			}
			all = append(all, read.records...)
			after = read.after
			if len(read.records) == 0 || read.children != nil {
				break
			}
		}
	}
	return all, nil
}

// ReadAllByPartitionKey is ReadAll grouped by partition key, each group in
// the order a consumer sees it.
func (s *Stream) ReadAllByPartitionKey(ctx context.Context) (map[string][]Record, error) {
	all, err := s.ReadAll(ctx)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string][]Record)
	for _, r := range all {
		byKey[r.PartitionKey] = append(byKey[r.PartitionKey], r)
	}
	return byKey, nil
}
