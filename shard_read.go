package minikinesis

import (
	"time"
	"unsafe"

	"github.com/minikinesis/minikinesis/internal/recordlog"
)

// shardRead is what one read of a shard produced.
type shardRead struct {
	records      []Record
	after        uint64 // the counter the reader has now consumed up to
	millisBehind int64
	atEnd        bool         // nothing is left after the records read
	children     []ChildShard // set only at the end of a closed shard
}

// read copies out up to limit records (and MaxGetRecordsBytes) after
// counter after, once retention has dropped what expired by cutoff.
// throttle applies the shard's read allowance.
func (sh *shard) read(after uint64, limit int, now, cutoff time.Time, throttle bool) (shardRead, error) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.counts != nil { // counting mode keeps no records (counting.go)
		return shardRead{}, payloadsNotKept(sh)
	}
	if throttle {
		if err := sh.admitReadLocked(now); err != nil {
			return shardRead{}, err
		}
		sh.readCalls.Add(1)
	}
	log := &sh.log
	log.TrimBefore(cutoff.UnixNano())
	start := log.Search(func(r *recordlog.Record) bool { return r.Counter > after })
	end, bytes := start, 0
	for end < log.Tail() && end-start < limit {
		size := log.At(end).Size()
		if bytes+size > MaxGetRecordsBytes {
			break
		}
		bytes += size
		end++
	}
	out := shardRead{after: after, records: sh.copyRecordsLocked(start, end), atEnd: end == log.Tail()}
	if end > start {
		out.after = log.At(end - 1).Counter
	}
	if end < log.Tail() {
		out.millisBehind = max(0, now.Sub(time.Unix(0, log.At(end).Arrival)).Milliseconds())
	}
	if throttle {
		sh.chargeReadLocked(now, bytes)
	}
	return out, nil
}

// records copies out every record retention keeps at cutoff.
func (sh *shard) records(cutoff time.Time) []Record {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.log.TrimBefore(cutoff.UnixNano())
	return sh.copyRecordsLocked(sh.log.Head(), sh.log.Tail())
}

// copyRecordsLocked copies the records at positions [from, to) out of the
// log: one allocation holds all their data, so a large read costs two
// allocations, not one per record. Caller holds sh.mu.
func (sh *shard) copyRecordsLocked(from, to int) []Record {
	total := 0
	for p := from; p < to; p++ {
		total += sh.log.At(p).Size()
	}
	// One buffer holds every key and payload: the log's memory is reused
	// once trimmed, so nothing handed out may point into it. Each Data is
	// capped at its own bytes, so no caller can reach a key through it.
	buf := make([]byte, 0, total)
	out := make([]Record, to-from)
	for i := range out {
		r := sh.log.At(from + i)
		keyStart := len(buf)
		buf = append(buf, sh.log.KeyBytes(r)...)
		dataStart := len(buf)
		buf = append(buf, sh.log.Data(r)...)
		out[i] = Record{
			SequenceNumber:              sh.sequenceNumber(r.Counter, uint64(r.Arrival/int64(time.Second))),
			ApproximateArrivalTimestamp: time.Unix(0, r.Arrival).UTC(),
			PartitionKey:                bytesString(buf[keyStart:dataStart]),
			Data:                        buf[dataStart:len(buf):len(buf)],
			EncryptionType:              encryptionOf(r),
		}
	}
	return out
}

// bytesString views b as a string; b must never change afterwards.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// encryptionOf is a stored record's EncryptionType: KMS, or nothing, as
// AWS leaves the member out of records it did not encrypt.
func encryptionOf(r *recordlog.Record) EncryptionType {
	if r.Encrypted {
		return EncryptionTypeKMS
	}
	return ""
}

// latestCounter is the counter of the newest record: LATEST reads after it.
func (sh *shard) latestCounter() uint64 {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.lastCounter
}

// counterBefore is the counter of the last record that arrived before t,
// so reading starts at the first record that arrived at or after it.
func (sh *shard) counterBefore(t time.Time) uint64 {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	ns := t.UnixNano()
	if sh.counts != nil { // counting mode (counting.go)
		return sh.counts.counterBefore(ns)
	}
	p := sh.log.Search(func(r *recordlog.Record) bool { return r.Arrival >= ns })
	if p == sh.log.Head() {
		return 0
	}
	return sh.log.At(p - 1).Counter
}

// afterSequenceNumber is the counter a reader starting at seq (inclusive)
// or after it has consumed up to. Numbers compare as AWS orders them, by
// counter and then arrival, so a number between two records (such as a
// subscription's continuation) starts at the later one either way.
func (sh *shard) afterSequenceNumber(seq SequenceNumber, inclusive bool) uint64 {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	c := seq.counter
	p := sh.log.Search(func(r *recordlog.Record) bool { return r.Counter >= c })
	if c == 0 || p == sh.log.Tail() || sh.log.At(p).Counter != c {
		// No such record kept: start by the counter alone.
		if inclusive {
			return c - min(c, 1)
		}
		return c
	}
	arrival := uint64(sh.log.At(p).Arrival / int64(time.Second))
	if arrival > seq.arrival || inclusive && arrival == seq.arrival {
		return c - 1 // the record itself is still to be read
	}
	return c
}
