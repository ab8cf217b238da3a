package minikinesis

import "time"

// Record is a stored record as a reader sees it. Data is the reader's own
// copy.
type Record struct {
	SequenceNumber              SequenceNumber
	ApproximateArrivalTimestamp time.Time
	PartitionKey                string
	Data                        []byte
	EncryptionType              EncryptionType
}

// SequenceNumberRange is the span of sequence numbers a shard covers. A
// zero EndingSequenceNumber means the shard is still open.
type SequenceNumberRange struct {
	StartingSequenceNumber SequenceNumber
	EndingSequenceNumber   SequenceNumber
}

// Shard describes one shard as AWS's Shard type does.
type Shard struct {
	ShardId               string
	ParentShardId         string
	AdjacentParentShardId string
	HashKeyRange          HashKeyRange
	SequenceNumberRange   SequenceNumberRange
}

// Shards describes every shard the stream has had, by index: open ones and
// (after resharding) closed ones.
func (s *Stream) Shards() []Shard {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Shard, len(s.shards))
	for i, sh := range s.shards {
		out[i] = sh.describe()
	}
	return out
}

// describe answers AWS's Shard for sh. Caller holds the stream's lock.
func (sh *shard) describe() Shard {
	return Shard{
		ShardId:               sh.id,
		ParentShardId:         sh.parentID,
		AdjacentParentShardId: sh.adjacentParentID,
		HashKeyRange:          sh.hashRange,
		SequenceNumberRange:   SequenceNumberRange{StartingSequenceNumber: sh.startingSequenceNumber(), EndingSequenceNumber: sh.endingSeq},
	}
}

// ShardRecords returns copies of the records a shard still keeps, oldest
// first: what a reader starting at TRIM_HORIZON would get. It is meant for
// tests that check what a producer stored.
func (s *Stream) ShardRecords(shardID string) ([]Record, error) {
	sh := s.shardByID(shardID)
	if sh == nil {
		return nil, shardNotFound(shardID, s.name, s.k.cfg.accountID)
	}
	s.mu.RLock()
	cutoff := s.k.cfg.clock.Now().Add(-s.retention)
	s.mu.RUnlock()

	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.trimBefore(cutoff)
	return sh.copyRecordsLocked(sh.log.head, sh.log.tail), nil
}
