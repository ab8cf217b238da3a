package minikinesis

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis/internal/recordlog"
)

// StreamInfo is a stream's settings and state read without making a call:
// no call log entry, no control-plane rate limit, no fault. It is for
// tools that watch an account, such as the console's stream list.
type StreamInfo struct {
	Name               string
	ARN                string
	Status             StreamStatus
	Mode               StreamMode
	Created            time.Time
	RetentionHours     int
	Encryption         EncryptionType
	KeyID              string
	ShardLevelMetrics  []string
	MaxRecordSizeInKiB int
	OpenShards         int
	// Shards counts every shard the stream has had, closed ones included.
	Shards    int
	Tags      map[string]string
	Consumers []Consumer
}

// Info describes the stream as it is now on the model's clock.
func (s *Stream) Info() StreamInfo {
	now := s.k.cfg.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	info := StreamInfo{
		Name: s.name, ARN: s.arn, Status: s.statusLocked(now), Mode: s.mode, Created: s.created,
		RetentionHours: int(s.retention / time.Hour), Encryption: s.encryption, KeyID: s.keyID,
		ShardLevelMetrics: slices.Clone(s.shardLevelMetrics), MaxRecordSizeInKiB: int(s.maxRecordSize.Load() / 1024),
		OpenShards: s.open.Len(), Shards: len(s.shards), Tags: maps.Clone(s.tags),
	}
	if info.Tags == nil {
		info.Tags = map[string]string{}
	}
	for _, c := range s.consumers {
		if d := c.describe(now); d.ConsumerStatus != "" {
			info.Consumers = append(info.Consumers, d)
		}
	}
	slices.SortFunc(info.Consumers, func(a, b Consumer) int { return strings.Compare(a.ConsumerName, b.ConsumerName) })
	return info
}

// ShardActivity is what reached a shard in a recent window, by the
// records' arrival times: the same measure the write allowance applies.
type ShardActivity struct {
	// Records and Bytes (data plus partition keys) arrived within the
	// window ending now.
	Records int
	Bytes   int
	// Open reports whether the shard still takes writes.
	Open bool
}

// ShardActivity reports the records and bytes that arrived at a shard in
// the window ending now. Shards of a counting account (WithCountingOnly)
// keep no arrival times and report zero.
func (s *Stream) ShardActivity(shardID string, window time.Duration) (ShardActivity, error) {
	sh := s.shardByID(shardID)
	if sh == nil {
		return ShardActivity{}, s.k.shardMissing(shardID, s.name)
	}
	now := s.k.cfg.clock.Now()
	s.mu.RLock()
	out := ShardActivity{Open: sh.isOpen()}
	s.mu.RUnlock()
	from := now.Add(-window).UnixNano()
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.counts != nil {
		return out, nil
	}
	log := &sh.log
	for p := log.Search(func(r *recordlog.Record) bool { return r.Arrival > from }); p < log.Tail(); p++ {
		out.Records++
		out.Bytes += log.At(p).Size()
	}
	return out, nil
}

// PeekStart is where PeekRecords starts reading a shard, spelled as
// GetShardIterator's types are.
type PeekStart struct {
	// Type is TRIM_HORIZON, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER,
	// AT_TIMESTAMP or LATEST. LATEST answers the newest records (up to
	// the limit), so a viewer can show a shard's tail and then follow it
	// with AFTER_SEQUENCE_NUMBER.
	Type           ShardIteratorType
	SequenceNumber string
	Timestamp      time.Time
}

// PeekResult is one page of PeekRecords.
type PeekResult struct {
	Records []Record
	// Next is the sequence number to continue after (AFTER_SEQUENCE_NUMBER);
	// it is the last record scanned, matching or not, so a filtered page
	// moves on. Empty when nothing was scanned.
	Next string
	// Kept is how many records the shard keeps.
	Kept int
}

// PeekRecords reads up to limit records of a shard from start, without a
// call, throttling or faults: records a developer wants to look at. With
// key set, only records of that partition key are answered, and at most
// scanLimit records are looked at (0: all) so that a search of a large
// shard stays short; Next tells where to go on.
func (s *Stream) PeekRecords(shardID string, start PeekStart, limit int, key string, scanLimit int) (PeekResult, error) {
	sh := s.shardByID(shardID)
	if sh == nil {
		return PeekResult{}, s.k.shardMissing(shardID, s.name)
	}
	now := s.k.cfg.clock.Now()
	s.mu.RLock()
	cutoff := now.Add(-s.retention)
	s.mu.RUnlock()
	var seq SequenceNumber
	switch start.Type {
	case ShardIteratorTypeAtSequenceNumber, ShardIteratorTypeAfterSequenceNumber:
		var ok bool
		if seq, ok = ParseSequenceNumber(start.SequenceNumber); !ok || seq.ShardIndex() != sh.index {
			return PeekResult{}, &InvalidArgumentException{Message: "Sequence number " + start.SequenceNumber + " does not belong to " + sh.id + " of stream " + s.name + "."}
		}
	case ShardIteratorTypeTrimHorizon, ShardIteratorTypeLatest, ShardIteratorTypeAtTimestamp:
	default:
		return PeekResult{}, &InvalidArgumentException{Message: "Unknown start type " + string(start.Type) + "; want TRIM_HORIZON, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP or LATEST."}
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.counts != nil {
		return PeekResult{}, payloadsNotKept(sh)
	}
	log := &sh.log
	log.TrimBefore(cutoff.UnixNano())
	from := log.Head()
	switch start.Type {
	case ShardIteratorTypeAtSequenceNumber:
		from = log.Search(func(r *recordlog.Record) bool { return r.Counter >= seq.Counter() })
	case ShardIteratorTypeAfterSequenceNumber:
		from = log.Search(func(r *recordlog.Record) bool { return r.Counter > seq.Counter() })
	case ShardIteratorTypeAtTimestamp:
		ts := start.Timestamp.UnixNano()
		from = log.Search(func(r *recordlog.Record) bool { return r.Arrival >= ts })
	case ShardIteratorTypeLatest:
		from = max(log.Head(), log.Tail()-limit)
	}
	out := PeekResult{Kept: log.Len()}
	end := from
	if key == "" {
		end = min(log.Tail(), from+limit)
		out.Records = sh.copyRecordsLocked(from, end)
	} else {
		for ; end < log.Tail() && len(out.Records) < limit && (scanLimit <= 0 || end-from < scanLimit); end++ {
			if string(log.KeyBytes(log.At(end))) == key {
				out.Records = append(out.Records, sh.copyRecordsLocked(end, end+1)...)
			}
		}
	}
	if end > from {
		last := log.At(end - 1)
		out.Next = sh.sequenceNumber(last.Counter, uint64(last.Arrival/int64(time.Second))).String()
	}
	return out, nil
}

// ShardLimits are the per-shard allowances an account enforces.
type ShardLimits struct {
	// Write and Read are the allowances; a zero field is unlimited.
	Write Throughput
	Read  ReadThroughput
	// WritesThrottled and ReadsThrottled are false when the account was
	// made WithoutWriteThrottling or WithoutReadThrottling.
	WritesThrottled bool
	ReadsThrottled  bool
}

// ShardLimits reports the per-shard allowances, for tools that draw a
// shard's traffic against them.
func (k *Kinesis) ShardLimits() ShardLimits {
	return ShardLimits{Write: k.cfg.writeThroughput, Read: k.cfg.readThroughput,
		WritesThrottled: k.cfg.writeThrottling, ReadsThrottled: k.cfg.readThrottling}
}
