package persist

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/minikinesis/minikinesis"
)

func TestDiskUseCountsGarbage(t *testing.T) {
	t.Parallel()
	stream := func(name string, created time.Time, hours int) minikinesis.Change {
		return minikinesis.Change{Kind: minikinesis.ChangeStream, Stream: name, State: &minikinesis.StreamState{Name: name, Created: created, RetentionHours: hours}}
	}
	record := func(name string, at time.Time) minikinesis.Change {
		return minikinesis.Change{Kind: minikinesis.ChangeRecord, Stream: name, Record: minikinesis.StoredRecord{Arrival: at}}
	}
	d := newDiskUse()
	d.add(stream("a", epoch, 24), 10)
	d.add(record("a", epoch), 100)
	d.add(record("a", epoch.Add(time.Hour)), 100)
	d.add(stream("b", epoch, 24), 10)
	d.add(record("b", epoch), 50)
	assert.Equal(t, int64(270), d.total)
	assert.Equal(t, int64(0), d.reclaimable(epoch.Add(24*time.Hour)), "nothing expired yet")
	assert.Equal(t, int64(150), d.reclaimable(epoch.Add(24*time.Hour+2*time.Minute)), "the first hour's records of both")

	d.add(stream("a", epoch, 48), 10) // longer retention: later expiry; the old metadata is garbage
	assert.Equal(t, int64(60), d.reclaimable(epoch.Add(24*time.Hour+2*time.Minute)))
	assert.Equal(t, int64(160), d.reclaimable(epoch.Add(48*time.Hour+2*time.Minute)), "a's first record, all of b, the old metadata")

	// A snapshot taken now, merged with a journal in which b was deleted
	// and a recreated.
	journal := d.carry()
	journal.add(minikinesis.Change{Kind: minikinesis.ChangeStreamDeleted, Stream: "b"}, 5)
	journal.add(stream("a", epoch.Add(time.Minute), 24), 10)
	journal.merge(d)
	assert.Equal(t, int64(295), journal.total)
	assert.Equal(t, int64(5+d.total), journal.reclaimable(epoch), "everything before the journal is gone")
}
