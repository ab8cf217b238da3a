package persist

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/minikinesis/minikinesis"
)

// Options configure a Store. The zero value is the default everywhere.
type Options struct {
	// Fsync is when the journal is forced to disk. Default
	// FsyncEverySecond.
	Fsync FsyncPolicy
	// RecoverCorrupt starts past damage found on start-up, with the state
	// up to the first bad entry, instead of failing with a
	// *CorruptError; the damaged files are kept aside as *.corrupt.
	// Changes after the damage are lost, and new records may take
	// sequence numbers that lost ones had.
	RecoverCorrupt bool
	// SegmentBytes is the size at which a journal segment is closed and
	// the next begun. Default 64 MiB.
	SegmentBytes int64
	// CompactBytes is the least garbage — records past retention,
	// deleted streams, replaced metadata — worth writing a snapshot for;
	// a snapshot is written once at least this much and at least half of
	// the directory is garbage. Default 64 MiB.
	CompactBytes int64
	// CompactInterval is how often the store weighs the garbage. Default
	// one minute; negative turns background snapshots off (Snapshot still
	// writes one).
	CompactInterval time.Duration
	// Logger reports recovery and snapshots. Default: none.
	Logger *slog.Logger
	// Model configures the account (clock, limits, region, ...); the
	// store adds its change observer.
	Model []minikinesis.Option
}

func (o Options) withDefaults() Options {
	if o.SegmentBytes <= 0 {
		o.SegmentBytes = 64 << 20
	}
	if o.CompactBytes <= 0 {
		o.CompactBytes = 64 << 20
	}
	if o.CompactInterval == 0 {
		o.CompactInterval = time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Store is an account kept in a data directory: every change of it is
// journaled as it happens, snapshots replace the journal from time to
// time, and Open rebuilds the account exactly as it was. It is safe for
// concurrent use.
type Store struct {
	dir      string
	opts     Options
	k        *minikinesis.Kinesis
	j        *journal
	lock     *os.File
	recovery Recovery

	snapMu sync.Mutex

	failed    chan struct{}
	failOnce  sync.Once
	stop      chan struct{}
	compactor sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// Open rebuilds the account kept in dir (created if need be) and returns
// a Store that journals its every change from then on. A torn journal
// tail is cut; other damage fails with a *CorruptError naming the file
// and offset, unless opts.RecoverCorrupt. A directory holding another
// account than opts.Model names fails with a *MismatchError, one in use
// by another process with a *LockedError.
func Open(dir string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s, err := open(dir, opts, lock)
	if err != nil {
		lock.Close()
		return nil, err
	}
	return s, nil
}

func open(dir string, opts Options, lock *os.File) (*Store, error) {
	st, next, rec, use, err := recoverDir(dir, opts.RecoverCorrupt)
	if err != nil {
		return nil, err
	}
	if st != nil {
		probe := minikinesis.New(opts.Model...)
		if st.Region != probe.Region() || st.AccountID != probe.AccountID() {
			return nil, &MismatchError{Dir: dir, StoredRegion: st.Region, Region: probe.Region(), StoredAccount: st.AccountID, AccountID: probe.AccountID()}
		}
	}
	j, err := openJournal(dir, next, opts, use)
	if err != nil {
		return nil, err
	}
	go j.run()
	go j.runSyncer()
	model := append(slices.Clone(opts.Model), minikinesis.WithChangeObserver(j.observe))
	var k *minikinesis.Kinesis
	if st == nil {
		k = minikinesis.New(model...)
	} else if k, err = minikinesis.NewFromState(st, model...); err != nil {
		j.close()
		return nil, err
	}
	s := &Store{dir: dir, opts: opts, k: k, j: j, lock: lock, recovery: rec, failed: make(chan struct{}), stop: make(chan struct{})}
	s.logRecovery()
	if st == nil || rec.Corrupt != nil {
		// The directory's state starts here: a snapshot says so at once.
		if err := s.Snapshot(); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.compactor.Add(1)
	go s.compact()
	return s, nil
}

func (s *Store) logRecovery() {
	rec, log := s.recovery, s.opts.Logger
	if rec.Snapshot == "" && rec.Corrupt == nil {
		log.Info("new data directory", "dir", s.dir)
		return
	}
	log.Info("recovered", "dir", s.dir, "snapshot", filepath.Base(rec.Snapshot), "segments", rec.Segments,
		"entries", rec.Entries, "records", rec.Records, "duration", rec.Duration)
	if t := rec.TornTail; t != nil {
		log.Warn("cut a torn journal tail left by a crash", "file", t.File, "offset", t.Offset, "bytes", t.Bytes)
	}
	if c := rec.Corrupt; c != nil {
		log.Error("recovered past damage: changes after it are lost", "file", c.File, "offset", c.Offset, "reason", c.Reason, "set_aside", rec.SetAside)
	}
}

// Kinesis is the account the store keeps.
func (s *Store) Kinesis() *minikinesis.Kinesis { return s.k }

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// Recovery reports what Open found and did.
func (s *Store) Recovery() Recovery { return s.recovery }

// WaitDurable returns once every change made so far is as durable as the
// policy promises: handed to the operating system (FsyncEverySecond,
// FsyncNever), or on disk (FsyncAlways). A server calls it after a
// mutating operation and before answering; concurrent callers share the
// writes and fsyncs. It fails with ctx's error or, once the store cannot
// write, with the *WriteError.
func (s *Store) WaitDurable(ctx context.Context) error { return s.j.waitDurable(ctx, false) }

// Sync forces every change made so far to disk, whatever the policy.
func (s *Store) Sync(ctx context.Context) error { return s.j.waitDurable(ctx, true) }

// Stats counts the journal's work since Open.
func (s *Store) Stats() Stats {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	st := s.j.stats
	st.Entries, st.Bytes = s.j.entries, s.j.appended
	return st
}

// Failed is closed once the store cannot write any more; Err says why.
func (s *Store) Failed() <-chan struct{} { return s.failed }

// Err is the error that stopped the store, or nil.
func (s *Store) Err() error {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	return s.j.err
}

// fail stops the store on a write error.
func (s *Store) fail(err error) {
	s.j.mu.Lock()
	s.j.failLocked(err)
	s.j.mu.Unlock()
	s.failOnce.Do(func() {
		s.opts.Logger.Error("the data directory cannot be written: nothing more is acknowledged", "err", err)
		close(s.failed)
	})
}

// Snapshot writes the account's state as a new snapshot and removes the
// journal segments and snapshot it replaces: retention's expired records,
// deleted streams and superseded changes leave the disk. Writes go on
// meanwhile: they pause only while the state's metadata is taken.
func (s *Store) Snapshot() error {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	s.j.mu.Lock()
	closed := s.j.closed
	s.j.mu.Unlock()
	if closed {
		return ErrClosed
	}
	start := time.Now()
	s.j.mu.Lock()
	s.j.expecting = true
	s.j.mu.Unlock()
	st := s.k.ExportState()
	cp, ok := s.j.checkpointByID(st.Checkpoint)
	if !ok {
		return errors.New("persist: the account's export reported no checkpoint to the journal")
	}
	info, err := writeSnapshot(s.dir, cp.seg, st)
	if err == nil {
		err = s.j.waitSegment(context.Background(), cp.seg)
	}
	if err == nil {
		err = s.removeBefore(cp.seg)
	}
	if err != nil {
		s.fail(err)
		return err
	}
	s.j.mu.Lock()
	s.j.stats.Snapshots++
	s.j.use.merge(info.use) // the directory: this snapshot and the journal after it
	s.j.mu.Unlock()
	s.opts.Logger.Info("snapshot", "file", snapshotName(cp.seg), "bytes", info.size, "records", info.records, "duration", time.Since(start))
	return nil
}

// removeBefore deletes the snapshots and segments a new snapshot seg
// replaces.
func (s *Store) removeBefore(seg uint64) error {
	files, err := listDir(s.dir)
	if err != nil {
		return &WriteError{Op: "list", File: s.dir, Err: err}
	}
	for _, n := range files.snapshots {
		if n < seg {
			if err := os.Remove(filepath.Join(s.dir, snapshotName(n))); err != nil {
				return &WriteError{Op: "remove", File: snapshotName(n), Err: err}
			}
		}
	}
	for _, n := range files.segments {
		if n < seg {
			if err := os.Remove(filepath.Join(s.dir, segmentName(n))); err != nil {
				return &WriteError{Op: "remove", File: segmentName(n), Err: err}
			}
		}
	}
	if err := syncDir(s.dir); err != nil {
		return &WriteError{Op: "fsync", File: s.dir, Err: err}
	}
	return nil
}

// compact writes snapshots in the background: each CompactInterval when
// enough of the directory is garbage (see worthCompacting), and at once
// after the account was replaced.
func (s *Store) compact() {
	defer s.compactor.Done()
	var tick <-chan time.Time
	if s.opts.CompactInterval > 0 {
		t := time.NewTicker(s.opts.CompactInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-s.stop:
			return
		case <-s.j.grown:
		case <-tick:
			if !s.worthCompacting() {
				continue
			}
		}
		if err := s.Snapshot(); err != nil {
			return
		}
	}
}

// worthCompacting reports whether a snapshot now would reclaim at least
// CompactBytes and at least half the directory: records past retention,
// deleted streams, replaced metadata. So the directory stays under about
// twice the live data (plus CompactBytes), and records still live are
// never copied just because there are many of them.
func (s *Store) worthCompacting() bool {
	now := s.k.Clock().Now()
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	garbage := s.j.use.reclaimable(now)
	return garbage >= s.opts.CompactBytes && 2*garbage >= s.j.use.total
}

// Close stops background snapshots, writes and forces the journal to
// disk, and releases the directory. The account stays usable in memory,
// but nothing more reaches the disk.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.compactor.Wait()
		s.snapMu.Lock() // a Snapshot in flight finishes first
		defer s.snapMu.Unlock()
		s.closeErr = s.j.close()
		if err := s.lock.Close(); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
	})
	return s.closeErr
}
