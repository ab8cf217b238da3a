package persist

import (
	"time"

	"github.com/minikinesis/minikinesis"
)

// diskUse estimates how much of the directory a snapshot would reclaim,
// from the entries as they are written: a record's bytes become garbage
// when its retention ends, a stream's when it is deleted, a stream's
// metadata when newer metadata replaces it. Snapshots are written for
// garbage, not for size: rewriting records that are all still live would
// only copy them, and replaying a snapshot costs what replaying the
// journal does.
type diskUse struct {
	streams map[string]*streamUse
	dead    int64 // bytes already garbage
	total   int64 // bytes accounted for
	account int64 // bytes of the newest account entry
	// carried are the streams known when this accounting began (carry):
	// one of them missing at merge was deleted meanwhile.
	carried map[string]bool

	last    string // the stream of the last record, for quick lookup
	lastUse *streamUse
}

// streamUse is one stream's share of the directory.
type streamUse struct {
	created   time.Time
	retention time.Duration
	meta      int64           // bytes of its newest metadata entry
	records   int64           // bytes of its records not yet expired or counted
	expiring  map[int64]int64 // record bytes by the minute they expire
	// pendingMinute and pending batch the current minute's bytes: a
	// record costs an addition, not a map update.
	pendingMinute int64
	pending       int64
}

func newDiskUse() *diskUse { return &diskUse{streams: map[string]*streamUse{}} }

// add accounts for an entry of n bytes holding c.
func (d *diskUse) add(c minikinesis.Change, n int64) {
	d.total += n
	switch c.Kind {
	case minikinesis.ChangeRecord:
		u := d.lastUse
		if c.Stream != d.last || u == nil {
			if u = d.streams[c.Stream]; u == nil {
				d.dead += n // a record for a stream not known: cannot happen, count it as garbage
				return
			}
			d.last, d.lastUse = c.Stream, u
		}
		minute := c.Record.Arrival.Add(u.retention).Unix() / 60
		if minute != u.pendingMinute {
			u.flush()
			u.pendingMinute = minute
		}
		u.pending += n
		u.records += n
	case minikinesis.ChangeStream:
		u := d.streams[c.Stream]
		if u != nil && !u.created.Equal(c.State.Created) {
			d.drop(c.Stream, u) // a new stream of the same name
			u = nil
		}
		if u == nil {
			u = &streamUse{created: c.State.Created, expiring: map[int64]int64{}}
			d.streams[c.Stream] = u
		}
		d.dead += u.meta
		u.meta = n
		if r := time.Duration(c.State.RetentionHours) * time.Hour; r != u.retention {
			u.rebucket(r)
		}
	case minikinesis.ChangeStreamDeleted:
		if u := d.streams[c.Stream]; u != nil {
			d.drop(c.Stream, u)
		}
		d.dead += n
	case minikinesis.ChangeReset:
		for name, u := range d.streams {
			d.drop(name, u)
		}
		d.dead += n + d.account
		d.account = 0
	case minikinesis.ChangeAccount:
		d.dead += d.account // the newest account entry replaces the one before
		d.account = n
	default:
		d.dead += n // file headers: rewritten with every file anyway
	}
}

func (d *diskUse) drop(name string, u *streamUse) {
	u.flush()
	d.dead += u.meta + u.records
	delete(d.streams, name)
	d.last, d.lastUse = "", nil
}

func (u *streamUse) flush() {
	if u.pending > 0 {
		u.expiring[u.pendingMinute] += u.pending
		u.pending = 0
	}
}

// rebucket moves the stream's expiry times to a new retention period.
func (u *streamUse) rebucket(retention time.Duration) {
	u.flush()
	shift := int64((retention - u.retention) / time.Minute)
	moved := make(map[int64]int64, len(u.expiring))
	for m, n := range u.expiring {
		moved[m+shift] += n
	}
	u.expiring, u.retention = moved, retention
}

// reclaimable is how many of the bytes accounted for a snapshot taken at
// now would drop.
func (d *diskUse) reclaimable(now time.Time) int64 {
	garbage := d.dead
	minute := now.Unix() / 60
	for _, u := range d.streams {
		u.flush()
		for m, n := range u.expiring {
			if m < minute {
				garbage += n
			}
		}
	}
	return garbage
}

// merge adds what another account holds (a snapshot's, to the journal's
// since its checkpoint).
func (d *diskUse) merge(o *diskUse) {
	d.total += o.total
	d.dead += o.dead
	if d.account == 0 {
		d.account = o.account
	} else {
		d.dead += o.account // replaced since
	}
	for name, ou := range o.streams {
		ou.flush()
		u := d.streams[name]
		switch {
		case u == nil && !d.carried[name]:
			d.streams[name] = ou
			continue
		case u == nil, !u.created.Equal(ou.created):
			d.dead += ou.meta + ou.records // deleted or replaced since
			continue
		}
		u.flush()
		if u.meta == 0 {
			u.meta = ou.meta
		} else {
			d.dead += ou.meta
		}
		u.records += ou.records
		for m, n := range ou.expiring {
			u.expiring[m+int64((u.retention-ou.retention)/time.Minute)] += n
		}
	}
	d.last, d.lastUse = "", nil
}

// carry starts the accounting of a new segment: the streams stay known,
// with no bytes yet.
func (d *diskUse) carry() *diskUse {
	c := newDiskUse()
	c.carried = make(map[string]bool, len(d.streams))
	for name, u := range d.streams {
		c.carried[name] = true
		c.streams[name] = &streamUse{created: u.created, retention: u.retention, expiring: map[int64]int64{}}
	}
	return c
}
