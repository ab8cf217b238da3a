package minikinesis

import "time"

// countRun is a run of records with consecutive counters that arrived
// within one second of the clock: what counting mode keeps instead of the
// records themselves. A shard in counting mode holds one run per arrival
// second (more only when SequenceNumberForOrdering makes its counters
// jump), so its memory grows with the retention period, never with the
// number of records.
type countRun struct {
	second       int64  // arrival second, Unix
	firstCounter uint64 // counter of the run's first record
	lastCounter  uint64 // counter of its last record
	firstArrival int64  // Unix nanoseconds
	lastArrival  int64  // Unix nanoseconds
	bytes        int64  // data plus partition keys of the whole run
}

func (r *countRun) records() uint64 { return r.lastCounter - r.firstCounter + 1 }

// bytesThrough is what the run's records up to counter c weigh. Records of
// one run are taken as equally large: counting mode keeps sizes per run,
// not per record, and the split keeps every sum exact over the whole run.
func (r *countRun) bytesThrough(c uint64) int64 {
	return int64(uint64(r.bytes) * (c - r.firstCounter + 1) / r.records())
}

// arrivalOf is when the record with counter c arrived, interpolated
// between the run's first and last arrival.
func (r *countRun) arrivalOf(c uint64) int64 {
	n := r.records()
	if n == 1 {
		return r.firstArrival
	}
	span := r.lastArrival - r.firstArrival
	return r.firstArrival + int64(float64(span)*float64(c-r.firstCounter)/float64(n-1))
}

// countLog is a shard's record history in counting mode, oldest run
// first. It is guarded by its shard's lock.
type countLog struct {
	runs []countRun
	head int // runs[:head] have expired and wait to be compacted away
	// kept and keptBytes count the records the log still holds.
	kept      int64
	keptBytes int64
}

// add counts records [first, last] that arrived at arrival (Unix ns),
// weighing bytes in all.
func (l *countLog) add(first, last uint64, arrival int64, bytes int64) {
	sec := arrival / int64(time.Second)
	if n := len(l.runs); n > l.head {
		r := &l.runs[n-1]
		if r.second == sec && r.lastCounter+1 == first {
			r.lastCounter, r.lastArrival = last, arrival
			r.bytes += bytes
			l.kept += int64(last - first + 1)
			l.keptBytes += bytes
			return
		}
	}
	l.runs = append(l.runs, countRun{second: sec, firstCounter: first, lastCounter: last, firstArrival: arrival, lastArrival: arrival, bytes: bytes})
	l.kept += int64(last - first + 1)
	l.keptBytes += bytes
}

// trimBefore drops the runs whose every record arrived before cutoff (Unix
// ns). A run is dropped whole, so a record may outlive its retention by
// less than a second.
func (l *countLog) trimBefore(cutoff int64) {
	for l.head < len(l.runs) && l.runs[l.head].lastArrival < cutoff {
		r := &l.runs[l.head]
		l.kept -= int64(r.records())
		l.keptBytes -= r.bytes
		l.head++
	}
	if l.head > 64 && l.head*2 > len(l.runs) {
		n := copy(l.runs, l.runs[l.head:])
		l.runs = l.runs[:n]
		l.head = 0
	}
}

// find returns the index of the first run holding a counter above after,
// or len(l.runs).
func (l *countLog) find(after uint64) int {
	lo, hi := l.head, len(l.runs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l.runs[m].lastCounter <= after {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// countRead is what one read of a counting-mode shard consumed.
type countRead struct {
	records      int
	bytes        int
	after        uint64 // the counter the reader has now consumed up to
	lastArrival  int64  // Unix ns of the last record consumed; 0 if none
	millisBehind int64
	atEnd        bool
}

// consume reads up to limit records and maxBytes after counter after, as
// GetRecords reads a stored log.
func (l *countLog) consume(after uint64, limit, maxBytes int, now time.Time) countRead {
	out := countRead{after: after}
	i := l.find(after)
	for ; i < len(l.runs) && out.records < limit; i++ {
		r := &l.runs[i]
		from := max(after+1, r.firstCounter) // first counter still to read in r
		to := min(r.lastCounter, from+uint64(limit-out.records)-1)
		before := int64(0)
		if from > r.firstCounter {
			before = r.bytesThrough(from - 1)
		}
		for to >= from && int(r.bytesThrough(to)-before) > maxBytes-out.bytes {
			// Take as many whole records as the byte budget allows.
			room := int64(maxBytes-out.bytes) + before
			fit := uint64(room) * r.records() / uint64(max(r.bytes, 1))
			if fit == 0 || r.firstCounter+fit-1 >= to {
				to--
			} else {
				to = r.firstCounter + fit - 1
			}
		}
		if to < from {
			break
		}
		out.records += int(to - from + 1)
		out.bytes += int(r.bytesThrough(to) - before)
		out.after = to
		out.lastArrival = r.arrivalOf(to)
		if to < r.lastCounter {
			break
		}
	}
	// The first record not consumed, if any, tells how far behind the
	// reader is.
	if j := l.find(out.after); j < len(l.runs) {
		r := &l.runs[j]
		next := max(out.after+1, r.firstCounter)
		out.millisBehind = max(0, now.Sub(time.Unix(0, r.arrivalOf(next))).Milliseconds())
	} else {
		out.atEnd = true
	}
	return out
}

// counterBefore is the counter of the last record that arrived before ns
// (Unix), for AT_TIMESTAMP iterators.
func (l *countLog) counterBefore(ns int64) uint64 {
	for i := len(l.runs) - 1; i >= l.head; i-- {
		r := &l.runs[i]
		if r.firstArrival >= ns {
			continue
		}
		// Some of r arrived before ns: the last of them, by bisection
		// (arrivals grow with counters).
		lo, hi := r.firstCounter, r.lastCounter
		for lo < hi {
			m := hi - (hi-lo)/2
			if r.arrivalOf(m) < ns {
				lo = m
			} else {
				hi = m - 1
			}
		}
		return lo
	}
	return 0
}

// clone copies the log for a snapshot, every arrival moved by shift
// nanoseconds.
func (l *countLog) clone(shift int64) *countLog {
	if l == nil {
		return nil
	}
	c := &countLog{runs: append([]countRun(nil), l.runs[l.head:]...), kept: l.kept, keptBytes: l.keptBytes}
	for i := range c.runs {
		r := &c.runs[i]
		r.firstArrival += shift
		r.lastArrival += shift
		r.second = r.lastArrival / int64(time.Second)
	}
	return c
}
