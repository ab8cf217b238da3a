package persist

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis"
)

// Recovery is what Open found in the data directory and did about it.
type Recovery struct {
	// Snapshot is the snapshot the state was rebuilt from; "" for a new
	// directory.
	Snapshot string
	// Segments counts the journal segments replayed after it.
	Segments int
	// Entries counts the changes replayed, snapshot and journal, and
	// Records those that were records.
	Entries int64
	Records int64
	// JournalBytes is the size of the journal replayed.
	JournalBytes int64
	// TornTail is the torn last entry a crash left, cut off; nil if none.
	TornTail *TornTail
	// Corrupt is the damage that Options.RecoverCorrupt started past: the
	// state holds every change before it. SetAside lists the files moved
	// aside (renamed *.corrupt) with it.
	Corrupt  *CorruptError
	SetAside []string
	// Duration is how long recovery took.
	Duration time.Duration
}

// TornTail is the end of the last journal segment that a crash left half
// written: its entry was never acknowledged, so it is cut.
type TornTail struct {
	File   string
	Offset int64 // where the cut entry began
	Bytes  int64 // bytes cut
}

// dirFiles are the snapshot and segment numbers found in a directory.
type dirFiles struct {
	snapshots, segments []uint64
}

func listDir(dir string) (dirFiles, error) {
	var f dirFiles
	entries, err := os.ReadDir(dir)
	if err != nil {
		return f, err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".tmp"):
			// A snapshot interrupted before its rename: never in use.
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return f, err
			}
		case numbered(name, "snapshot-", ".snap") != nil:
			f.snapshots = append(f.snapshots, *numbered(name, "snapshot-", ".snap"))
		case numbered(name, "journal-", ".log") != nil:
			f.segments = append(f.segments, *numbered(name, "journal-", ".log"))
		}
	}
	slices.Sort(f.snapshots)
	slices.Sort(f.segments)
	return f, nil
}

// numbered parses prefix, a number, suffix; nil for other names.
func numbered(name, prefix, suffix string) *uint64 {
	digits, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return nil
	}
	if digits, ok = strings.CutSuffix(digits, suffix); !ok {
		return nil
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

// recovery rebuilds the state a directory holds: its newest snapshot,
// then the journal segments from the one the snapshot names on. It
// returns nil for an empty directory, and the number the next segment
// takes.
type recovery struct {
	dir     string
	recover bool
	rec     Recovery
	replay  replayer
}

func recoverDir(dir string, recoverCorrupt bool) (*minikinesis.State, uint64, Recovery, *diskUse, error) {
	start := time.Now()
	r := &recovery{dir: dir, recover: recoverCorrupt, replay: replayer{use: newDiskUse()}}
	st, next, err := r.run()
	r.rec.Entries, r.rec.Records = r.replay.entries, r.replay.records
	r.rec.Duration = time.Since(start)
	return st, next, r.rec, r.replay.use, err
}

func (r *recovery) run() (*minikinesis.State, uint64, error) {
	files, err := listDir(r.dir)
	if err != nil {
		return nil, 0, err
	}
	if len(files.snapshots) == 0 {
		if len(files.segments) == 0 {
			return nil, 1, nil
		}
		bad := &CorruptError{File: filepath.Join(r.dir, segmentName(files.segments[0])), Reason: "journal segments without the snapshot they follow"}
		if err := r.setAside(bad, files.segments); err != nil {
			return nil, 0, err
		}
		return nil, files.segments[len(files.segments)-1] + 1, nil
	}
	base := files.snapshots[len(files.snapshots)-1]
	// Older files are what a compaction interrupted before removing them.
	for _, n := range files.snapshots[:len(files.snapshots)-1] {
		if err := os.Remove(filepath.Join(r.dir, snapshotName(n))); err != nil {
			return nil, 0, err
		}
	}
	var segments []uint64
	for _, n := range files.segments {
		if n < base {
			if err := os.Remove(filepath.Join(r.dir, segmentName(n))); err != nil {
				return nil, 0, err
			}
			continue
		}
		segments = append(segments, n)
	}
	next := base
	if len(segments) > 0 {
		next = segments[len(segments)-1] + 1
	}

	path := filepath.Join(r.dir, snapshotName(base))
	r.rec.Snapshot = path
	st, err := readSnapshot(path, &r.replay)
	if err != nil {
		var bad *CorruptError
		if !errors.As(err, &bad) || !r.recover {
			return nil, 0, err
		}
		if err := r.setAsideFile(path); err != nil {
			return nil, 0, err
		}
		return st, next, r.setAside(bad, segments)
	}
	for i, n := range segments {
		if n != base+uint64(i) {
			bad := &CorruptError{File: filepath.Join(r.dir, segmentName(base+uint64(i))), Reason: "missing: the journal goes on at " + segmentName(n)}
			if !r.recover {
				return nil, 0, bad
			}
			return st, next, r.setAside(bad, segments[i:])
		}
		bad, err := r.segment(st, n, i == len(segments)-1)
		if err != nil {
			return nil, 0, err
		}
		if bad != nil {
			if !r.recover {
				return nil, 0, bad
			}
			return st, next, r.setAside(bad, segments[i+1:])
		}
	}
	return st, next, nil
}

// segment replays one journal segment. A bad entry in the last segment
// with no valid entry after it is a torn tail: it is cut and replay ends
// there. Any other bad entry is returned as damage; with recovery on, the
// segment is first cut before it, its original kept aside.
func (r *recovery) segment(st *minikinesis.State, n uint64, last bool) (*CorruptError, error) {
	path := filepath.Join(r.dir, segmentName(n))
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r.rec.Segments++
	fr := newFrameReader(f)
	for first := true; ; first = false {
		p, off, err := fr.next()
		if errors.Is(err, io.EOF) {
			r.rec.JournalBytes += off
			return nil, nil
		}
		var bad *badFrame
		var reason string
		switch {
		case errors.As(err, &bad):
			reason = string(bad.fault)
			if last {
				torn, err := tornAt(f, off)
				if err != nil {
					return nil, err
				}
				if torn {
					r.rec.JournalBytes += off
					return nil, r.cut(path, off)
				}
			}
		case err != nil:
			return nil, err
		case first:
			var h fileHeader
			if err := decodeJSONEntry(p, entrySegment, &h); err != nil || h.Version != formatVersion || h.Segment != n {
				reason = "not the header of segment " + strconv.FormatUint(n, 10) + " in format version 1"
			}
		default:
			if err := r.replay.apply(st, p); err != nil {
				reason = err.Error()
			}
		}
		if reason == "" {
			continue
		}
		r.rec.JournalBytes += off
		corrupt := &CorruptError{File: path, Offset: off, Reason: reason}
		if r.recover {
			if err := r.keepCopy(path); err != nil {
				return nil, err
			}
			if err := truncate(path, off); err != nil {
				return nil, err
			}
		}
		return corrupt, nil
	}
}

// tornAt reports whether no valid entry follows the bad one at off.
func tornAt(f *os.File, off int64) (bool, error) {
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	rest := make([]byte, max(0, fi.Size()-off-1))
	if _, err := f.ReadAt(rest, off+1); err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	return !validFrameAfter(rest), nil
}

// cut removes a torn tail from off on, durably: a later segment must
// never follow a torn one, or its tail would read as damage.
func (r *recovery) cut(path string, off int64) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	r.rec.TornTail = &TornTail{File: path, Offset: off, Bytes: fi.Size() - off}
	return truncate(path, off)
}

func truncate(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}

// setAside records the damage recovered from and renames the segments
// after it to *.corrupt.
func (r *recovery) setAside(bad *CorruptError, segments []uint64) error {
	r.rec.Corrupt = bad
	for _, n := range segments {
		if err := r.setAsideFile(filepath.Join(r.dir, segmentName(n))); err != nil {
			return err
		}
	}
	return syncDir(r.dir)
}

func (r *recovery) setAsideFile(path string) error {
	r.rec.SetAside = append(r.rec.SetAside, path+".corrupt")
	return os.Rename(path, path+".corrupt")
}

// keepCopy copies a damaged file to *.corrupt before it is cut.
func (r *recovery) keepCopy(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	r.rec.SetAside = append(r.rec.SetAside, path+".corrupt")
	return os.WriteFile(path+".corrupt", b, 0o644)
}
