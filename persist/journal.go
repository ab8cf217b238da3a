package persist

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/minikinesis/minikinesis"
)

// kickBytes is how much may wait in the buffer before the flusher is
// woken without anyone waiting for durability (a Go program that never
// calls WaitDurable).
const kickBytes = 1 << 20

// ErrClosed is what waiting for durability returns once the store is
// closed.
var ErrClosed = errors.New("persist: store closed")

// journal appends the account's changes to segment files. observe, which
// the model calls inside its locks, only encodes into a buffer; a flusher
// goroutine writes the buffer out, so one write — and under FsyncAlways
// one fsync — serves every change made while the previous one ran: group
// commit. Positions are logical: bytes of entries ever appended, not
// counting the segment headers.
type journal struct {
	dir          string
	policy       FsyncPolicy
	segmentBytes int64

	mu             sync.Mutex
	buf            []byte
	appended       int64
	entries        int64
	cuts           []cut // segment boundaries in buf, in order
	nextSeg        uint64
	checkpoints    []checkpoint // the last few, newest last
	expecting      bool         // the store's own snapshot is taking the next one
	written        int64        // handed to the operating system
	writtenEntries int64
	synced         int64 // forced to disk
	openSeg        uint64
	err            error
	closed         bool
	progress       chan struct{} // closed, and replaced, whenever the above move
	use            *diskUse      // of the directory, snapshot and journal
	stats          Stats

	kick       chan struct{}
	syncWanted chan struct{}
	grown      chan struct{}
	done       chan struct{}
	exited     chan struct{}
	syncExited chan struct{}

	// Owned by whoever holds flushMu: the writer, or Close. file is also
	// read by the syncer, under mu; syncMu keeps it open while it syncs.
	flushMu sync.Mutex
	syncMu  sync.Mutex
	file    *os.File
	size    int64
	spare   []byte
}

// cut is a segment boundary: the entries from logical position at on go
// to segment seg.
type cut struct {
	at  int64
	seg uint64
}

// checkpoint is where the last ExportState cut the journal.
type checkpoint struct {
	id  uint64
	seg uint64
	at  int64
}

// Stats counts what the journal did since the store opened.
type Stats struct {
	// Entries and Bytes are the changes appended and their framed size.
	Entries int64
	Bytes   int64
	// Writes counts the writes that handed the journal to the operating
	// system; Syncs the fsyncs that forced it to disk.
	Writes int64
	Syncs  int64
	// SyncedEntries counts the entries those fsyncs covered, and Waits
	// the WaitDurable calls: over Syncs, they are the group commit's batch
	// sizes in changes and in requests.
	SyncedEntries int64
	Waits         int64
	// Snapshots counts the snapshots written.
	Snapshots int64
}

func openJournal(dir string, first uint64, opts Options, use *diskUse) (*journal, error) {
	j := &journal{
		dir: dir, policy: opts.Fsync, segmentBytes: opts.SegmentBytes, use: use,
		nextSeg: first + 1, openSeg: first, progress: make(chan struct{}),
		kick: make(chan struct{}, 1), syncWanted: make(chan struct{}, 1), grown: make(chan struct{}, 1),
		done: make(chan struct{}), exited: make(chan struct{}), syncExited: make(chan struct{}),
	}
	if err := j.create(first); err != nil {
		return nil, err
	}
	return j, nil
}

// observe is the model's change observer: it frames the change into the
// buffer. A checkpoint ends the segment instead.
func (j *journal) observe(c minikinesis.Change) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if c.Kind == minikinesis.ChangeCheckpoint {
		j.cuts = append(j.cuts, cut{at: j.appended, seg: j.nextSeg})
		j.checkpoints = append(j.checkpoints, checkpoint{id: c.Checkpoint, seg: j.nextSeg, at: j.appended})
		if len(j.checkpoints) > 8 {
			j.checkpoints = j.checkpoints[1:]
		}
		j.nextSeg++
		if j.expecting {
			// What the journal held so far goes into the snapshot:
			// account afresh for what follows.
			j.expecting = false
			j.use = j.use.carry()
		}
		return
	}
	if j.err != nil || j.closed {
		return
	}
	n := len(j.buf)
	b, start := beginFrame(j.buf)
	b, written, err := appendChange(b, c)
	if !written || err != nil {
		j.buf = b[:n]
		if err != nil {
			j.failLocked(&WriteError{Op: "encode", File: j.dir, Err: err})
		}
		return
	}
	j.buf = endFrame(b, start)
	j.appended += int64(len(j.buf) - n)
	j.entries++
	j.use.add(c, int64(len(j.buf)-n))
	if c.Kind == minikinesis.ChangeReset {
		// The account was replaced, iterator key and all: only a snapshot
		// holds the key, so take one now.
		signal(j.grown)
	}
	if len(j.buf) >= kickBytes {
		signal(j.kick)
	}
}

// checkpointByID finds where a checkpoint cut the journal.
func (j *journal) checkpointByID(id uint64) (checkpoint, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, cp := range j.checkpoints {
		if cp.id == id {
			return cp, true
		}
	}
	return checkpoint{}, false
}

// signal wakes whoever waits on ch, unless a wake-up is already pending.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// run is the writer: it hands the buffer to the operating system when
// woken, and wakes the syncer as the policy asks — after every write
// under FsyncAlways, each second under FsyncEverySecond — until Close.
func (j *journal) run() {
	defer close(j.exited)
	var tick <-chan time.Time
	if j.policy == FsyncEverySecond {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-j.kick:
			j.flush()
			if j.policy == FsyncAlways {
				signal(j.syncWanted)
			}
		case <-tick:
			j.flush()
			signal(j.syncWanted)
		case <-j.done:
			return
		}
	}
}

// runSyncer forces the journal to disk when asked. It runs apart from
// the writer, so writes go on during an fsync — and the next fsync covers
// every change written meanwhile: group commit.
func (j *journal) runSyncer() {
	defer close(j.syncExited)
	for {
		select {
		case <-j.syncWanted:
			j.sync()
		case <-j.done:
			return
		}
	}
}

// flush writes what the buffer holds, rotating segments at its cuts (and
// once the current one is full).
func (j *journal) flush() {
	j.flushMu.Lock()
	defer j.flushMu.Unlock()
	j.mu.Lock()
	if j.err != nil {
		j.mu.Unlock()
		return
	}
	data, cuts, base := j.buf, j.cuts, j.appended-int64(len(j.buf))
	// A full segment ends here, unless a checkpoint ends it in this data
	// anyway: numbers are given in the order segments begin.
	if j.size >= j.segmentBytes && len(data) > 0 && len(cuts) == 0 {
		cuts = append([]cut{{at: base, seg: j.nextSeg}}, cuts...)
		j.nextSeg++
	}
	j.buf, j.cuts, j.spare = j.spare[:0], nil, nil
	entries := j.entries
	j.mu.Unlock()

	err := j.writeOut(data, cuts, base)

	j.mu.Lock()
	defer j.mu.Unlock()
	if cap(data) <= 16<<20 {
		j.spare = data[:0]
	}
	if err != nil {
		j.failLocked(err)
		return
	}
	j.written, j.writtenEntries = base+int64(len(data)), entries
	if len(data) > 0 {
		j.stats.Writes++
	}
	j.progressLocked()
}

// sync forces what has been written to disk. syncMu keeps rotate from
// closing the file under it.
func (j *journal) sync() {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	j.mu.Lock()
	target, entries, f := j.written, j.writtenEntries, j.file
	done := j.err != nil || j.synced >= target
	j.mu.Unlock()
	if done {
		return
	}
	err := f.Sync()
	j.mu.Lock()
	defer j.mu.Unlock()
	if err != nil {
		j.failLocked(&WriteError{Op: "fsync", File: f.Name(), Err: err})
		return
	}
	j.synced = max(j.synced, target)
	j.stats.Syncs++
	j.stats.SyncedEntries = entries
	j.progressLocked()
}

// progressLocked wakes every waiter. Caller holds mu.
func (j *journal) progressLocked() {
	close(j.progress)
	j.progress = make(chan struct{})
}

// writeOut writes data, which starts at logical position base, moving to
// a new segment at each cut. Caller holds flushMu.
func (j *journal) writeOut(data []byte, cuts []cut, base int64) error {
	for _, c := range cuts {
		if n := c.at - base; n > 0 {
			if err := j.write(data[:n]); err != nil {
				return err
			}
			data, base = data[n:], c.at
		}
		if err := j.rotate(c.seg); err != nil {
			return err
		}
	}
	return j.write(data)
}

func (j *journal) write(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	n, err := j.file.Write(b)
	j.size += int64(n)
	if err != nil {
		return &WriteError{Op: "write", File: j.file.Name(), Err: err}
	}
	return nil
}

// rotate closes the current segment, forced to disk whatever the policy
// (so only the last segment can ever have a torn tail), and starts seg.
func (j *journal) rotate(seg uint64) error {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	if err := j.file.Sync(); err != nil {
		return &WriteError{Op: "fsync", File: j.file.Name(), Err: err}
	}
	if err := j.file.Close(); err != nil {
		return &WriteError{Op: "close", File: j.file.Name(), Err: err}
	}
	if err := j.create(seg); err != nil {
		return err
	}
	j.mu.Lock()
	j.openSeg = seg
	j.mu.Unlock()
	return nil
}

// create starts segment seg with its header and makes its name durable.
// Caller holds flushMu (or owns the journal before it runs).
func (j *journal) create(seg uint64) error {
	path := filepath.Join(j.dir, segmentName(seg))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return &WriteError{Op: "create", File: path, Err: err}
	}
	b, start := beginFrame(nil)
	b = endFrame(appendJSONEntry(b, entrySegment, fileHeader{Version: formatVersion, Segment: seg}), start)
	j.mu.Lock()
	j.file = f
	j.mu.Unlock()
	j.size = 0
	if err := j.write(b); err != nil {
		return err
	}
	if err := syncDir(j.dir); err != nil {
		return &WriteError{Op: "fsync", File: j.dir, Err: err}
	}
	return nil
}

// failLocked stops the journal for good: nothing more is written, and
// every waiter gets err. Caller holds mu.
func (j *journal) failLocked(err error) {
	if j.err != nil {
		return
	}
	j.err = err
	j.buf = nil
	j.progressLocked()
}

// waitDurable waits until every change appended so far is written (and,
// under FsyncAlways, forced to disk).
func (j *journal) waitDurable(ctx context.Context, forceSync bool) error {
	j.mu.Lock()
	pos := j.appended
	j.stats.Waits++
	j.mu.Unlock()
	sync := forceSync || j.policy == FsyncAlways
	return j.waitUntil(ctx, func() bool {
		if sync {
			return j.synced >= pos
		}
		return j.written >= pos
	}, forceSync)
}

// waitSegment waits until the flusher has moved to segment seg.
func (j *journal) waitSegment(ctx context.Context, seg uint64) error {
	return j.waitUntil(ctx, func() bool { return j.openSeg >= seg }, false)
}

// waitUntil waits for done (called with mu held), waking the flusher:
// with forceSync, one that forces the journal to disk.
func (j *journal) waitUntil(ctx context.Context, done func() bool, forceSync bool) error {
	for {
		j.mu.Lock()
		if j.err != nil || j.closed {
			err := j.err
			j.mu.Unlock()
			if err == nil {
				err = ErrClosed
			}
			return err
		}
		if done() {
			j.mu.Unlock()
			return nil
		}
		progress := j.progress
		j.mu.Unlock()
		signal(j.kick)
		if forceSync {
			signal(j.syncWanted)
		}
		select {
		case <-progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// close ends the writer and the syncer, writes and forces out what is
// left, and closes the segment.
func (j *journal) close() error {
	close(j.done)
	<-j.exited
	<-j.syncExited
	j.flush()
	j.sync()
	j.flushMu.Lock()
	defer j.flushMu.Unlock()
	cerr := j.file.Close()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.closed = true
	if j.err != nil {
		return j.err
	}
	if cerr != nil {
		return &WriteError{Op: "close", File: j.file.Name(), Err: cerr}
	}
	return nil
}
