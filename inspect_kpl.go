package minikinesis

import (
	"context"
	"fmt"

	"github.com/minikinesis/minikinesis/kpl"
)

// UserRecord is a record as a KPL-aware consumer, such as the Kinesis
// Client Library, hands it to its record processor: one user record of a
// KPL-aggregated Kinesis record (see package kpl), or a plain record as it
// was stored.
type UserRecord struct {
	// Record has the SequenceNumber, ApproximateArrivalTimestamp and
	// EncryptionType of the Kinesis record that holds the user record, and
	// the user record's own PartitionKey and Data.
	Record
	// SubSequenceNumber is the user record's position within its
	// aggregate, from 0; 0 for a plain record. With SequenceNumber it
	// identifies the user record, as KCL checkpoints do.
	SubSequenceNumber int64
	// ExplicitHashKey is the user record's explicit hash key, or "" when
	// it has none; always "" for a plain record, as Kinesis does not keep
	// the explicit hash key a record was put with.
	ExplicitHashKey string
	// Aggregated is whether the user record came out of an aggregate.
	Aggregated bool
	// ShardId is the shard that holds the Kinesis record.
	ShardId string
	// OutsideShard is whether the user record's hash key (its explicit
	// hash key, or its partition key's MD5) lies outside ShardId's hash
	// range: its aggregate was routed by another user record's key, as
	// producers that aggregate a multi-shard stream's records together
	// (a8m/kinesis-producer) route them. The KCL discards every user
	// record of an aggregate that holds such a record; ReadAllUserRecords
	// keeps them, marked.
	OutsideShard bool
}

// ReadAllUserRecords is ReadAll with every KPL-aggregated record unpacked
// into its user records, in order, and every other record passed on as
// one user record; so a test can assert on what the producer's users put
// whether or not it aggregates. A record that carries the aggregation's
// magic and checksum but a malformed message is an error wrapping a
// *kpl.FormatError, naming its shard and sequence number; so is a user
// record whose explicit hash key is not a 128-bit decimal.
func (s *Stream) ReadAllUserRecords(ctx context.Context) ([]UserRecord, error) {
	var all []UserRecord
	err := s.readEveryShard(ctx, func(sh *shard, records []Record) error {
		for _, r := range records {
			users, aggregated, err := kpl.Deaggregate(r.Data)
			if err != nil {
				return fmt.Errorf("minikinesis: record %s of %s in stream %s: %w", r.SequenceNumber, sh.id, s.name, err)
			}
			if !aggregated {
				all = append(all, UserRecord{Record: r, ShardId: sh.id})
				continue
			}
			for i, u := range users {
				h, err := hashKeyOf(u.PartitionKey, u.ExplicitHashKey)
				if err != nil || (u.ExplicitHashKey != "" && !matchesHashKeyPattern(u.ExplicitHashKey)) {
					return fmt.Errorf("minikinesis: user record %d of record %s of %s in stream %s: explicit hash key %q is not a decimal integer between 0 and 2^128-1", i, r.SequenceNumber, sh.id, s.name, u.ExplicitHashKey)
				}
				rec := r
				rec.PartitionKey, rec.Data = u.PartitionKey, u.Data
				all = append(all, UserRecord{
					Record:            rec,
					SubSequenceNumber: int64(i),
					ExplicitHashKey:   u.ExplicitHashKey,
					Aggregated:        true,
					ShardId:           sh.id,
					OutsideShard:      !sh.hashRange.Contains(h),
				})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}
