package persist

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/minikinesis/minikinesis"
)

// snapshotInfo is what writing a snapshot learnt.
type snapshotInfo struct {
	size    int64
	records int64
	// use is what it holds, for the directory's accounting.
	use *diskUse
}

// writeSnapshot writes st as snapshot seg: to a temporary file, forced
// to disk, then renamed into place and the directory forced too, so a
// snapshot either exists whole or not at all. Its entries are the changes
// that rebuild st from nothing, between a header and a closing count.
func writeSnapshot(dir string, seg uint64, st *minikinesis.State) (info snapshotInfo, err error) {
	path := filepath.Join(dir, snapshotName(seg))
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return info, &WriteError{Op: "create", File: tmp, Err: err}
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	info.use = newDiskUse()
	frame := func(c minikinesis.Change, fill func([]byte) []byte) {
		b, start := beginFrame(buf[:0])
		buf = endFrame(fill(b), start)
		n, _ := w.Write(buf) // a write error sticks in w and is seen at Flush
		info.size += int64(n)
		info.use.add(c, int64(n))
	}
	frame(minikinesis.Change{}, func(b []byte) []byte {
		return appendJSONEntry(b, entrySnapshot, fileHeader{Version: formatVersion, Segment: seg,
			Region: st.Region, AccountID: st.AccountID, IteratorKey: st.IteratorKey})
	})
	for _, ss := range st.Streams {
		meta := *ss
		meta.Shards = make([]minikinesis.ShardState, len(ss.Shards))
		for i, sh := range ss.Shards {
			sh.Records = minikinesis.RecordList{}
			meta.Shards[i] = sh
		}
		change := minikinesis.Change{Kind: minikinesis.ChangeStream, Stream: ss.Name, State: &meta}
		frame(change, func(b []byte) []byte {
			b, _, err = appendChange(b, change)
			return b
		})
		if err != nil {
			return info, &WriteError{Op: "encode", File: tmp, Err: err}
		}
		for i := range ss.Shards {
			for r := range ss.Shards[i].Records.All() {
				change := minikinesis.Change{Kind: minikinesis.ChangeRecord, Stream: ss.Name, Shard: i, Record: r}
				frame(change, func(b []byte) []byte {
					b, _, _ = appendChange(b, change)
					return b
				})
				info.records++
			}
		}
	}
	if st.Account != nil {
		change := minikinesis.Change{Kind: minikinesis.ChangeAccount, Account: st.Account}
		frame(change, func(b []byte) []byte {
			b, _, err = appendChange(b, change)
			return b
		})
		if err != nil {
			return info, &WriteError{Op: "encode", File: tmp, Err: err}
		}
	}
	frame(minikinesis.Change{}, func(b []byte) []byte {
		return appendJSONEntry(b, entrySnapshotDone, snapshotDone{Streams: len(st.Streams), Records: info.records})
	})
	if err := w.Flush(); err != nil {
		return info, &WriteError{Op: "write", File: tmp, Err: err}
	}
	if err := f.Sync(); err != nil {
		return info, &WriteError{Op: "fsync", File: tmp, Err: err}
	}
	if err := f.Close(); err != nil {
		return info, &WriteError{Op: "close", File: tmp, Err: err}
	}
	if err := os.Rename(tmp, path); err != nil {
		return info, &WriteError{Op: "rename", File: tmp, Err: err}
	}
	if err := syncDir(dir); err != nil {
		return info, &WriteError{Op: "fsync", File: dir, Err: err}
	}
	return info, nil
}

// readSnapshot replays a snapshot into a new state. A snapshot is never
// torn (it is renamed into place only once on disk), so any bad entry is
// damage: the *CorruptError comes back with the state as far as it got.
func readSnapshot(path string, r *replayer) (*minikinesis.State, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fr := newFrameReader(f)
	corrupt := func(off int64, reason string) error { return &CorruptError{File: path, Offset: off, Reason: reason} }
	p, off, err := fr.next()
	if err != nil {
		return nil, frameError(path, off, err, "snapshot header")
	}
	var h fileHeader
	if err := decodeJSONEntry(p, entrySnapshot, &h); err != nil || h.Version != formatVersion {
		return nil, corrupt(off, "not a snapshot header of format version 1")
	}
	st := &minikinesis.State{Region: h.Region, AccountID: h.AccountID, IteratorKey: h.IteratorKey}
	for {
		p, off, err := fr.next()
		if err != nil {
			return st, frameError(path, off, err, "the snapshot's closing entry")
		}
		if entryKind(p[0]) == entrySnapshotDone {
			var done snapshotDone
			if err := decodeJSONEntry(p, entrySnapshotDone, &done); err != nil {
				return st, corrupt(off, "unreadable closing entry")
			}
			if done.Streams != len(st.Streams) || done.Records != r.records {
				return st, corrupt(off, "the closing entry counts other streams or records than the snapshot holds")
			}
			if _, _, err := fr.next(); err != io.EOF {
				return st, corrupt(fr.off, "data after the closing entry")
			}
			return st, nil
		}
		if err := r.apply(st, p); err != nil {
			return st, corrupt(off, err.Error())
		}
	}
}

// frameError turns a frame reader's error into a *CorruptError (or the
// I/O error it is); missing names what was expected when the file ends.
func frameError(path string, off int64, err error, missing string) error {
	var bad *badFrame
	switch {
	case errors.Is(err, io.EOF):
		return &CorruptError{File: path, Offset: off, Reason: "file ends before " + missing}
	case errors.As(err, &bad):
		return &CorruptError{File: path, Offset: off, Reason: string(bad.fault)}
	}
	return err
}

// replayer applies change entries to a state, counting them and
// accounting for the disk they take.
type replayer struct {
	entries, records int64
	stream           string
	use              *diskUse
}

func (r *replayer) apply(st *minikinesis.State, p []byte) error {
	c, err := decodeChange(p, &r.stream)
	if err != nil {
		return err
	}
	if err := st.Apply(c); err != nil {
		return err
	}
	r.use.add(c, int64(frameHeader+len(p)))
	r.entries++
	if c.Kind == minikinesis.ChangeRecord {
		r.records++
	}
	return nil
}
