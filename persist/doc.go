// Package persist keeps a minikinesis account in a data directory, so a
// server restarted on the same directory continues exactly where it
// stopped: the same streams, shards (open and closed, with lineage),
// records with their sequence numbers and arrival times, settings, tags,
// consumers and iterator key.
//
// # Design
//
// The model does no I/O. It reports every change of its state through
// minikinesis.WithChangeObserver — a record inside its shard's lock as it
// is appended, a control-plane change as the stream's whole metadata once
// the operation succeeded — and hands out its whole state with
// ExportState. This package writes those changes, not the requests that
// caused them: replaying a request would assign new sequence numbers and
// arrival times, replaying a change cannot.
//
// On disk a directory holds one snapshot and the journal segments that
// follow it:
//
//	LOCK                                 flock: one store per directory
//	snapshot-00000000000000000007.snap   the state when segment 7 began
//	journal-00000000000000000007.log     changes since, in order
//	journal-00000000000000000008.log
//
// Every entry of both is framed alike: a 4-byte length, a 4-byte CRC-32C
// of the payload, and the payload, whose first byte says what it is. A
// snapshot is written as the changes that rebuild its state from nothing,
// so one decoder and one replay (minikinesis.State.Apply) serve both.
//
// # Durability
//
// The observer only encodes into a buffer, inside the model's locks. A
// flusher goroutine writes the buffer out; WaitDurable, which the server
// calls before answering a mutating request, waits for the flush that
// covers everything appended so far. So one write(2) — and, under
// FsyncAlways, one fsync — serves every request that arrived while the
// previous one ran (group commit). Under every policy a change is in the
// operating system's page cache before it is acknowledged, so killing the
// process loses nothing acknowledged; the policies differ on power loss:
// FsyncAlways loses nothing, FsyncEverySecond up to a second,
// FsyncNever what the kernel had not written back (about 30 s on Linux).
//
// # Snapshots and compaction
//
// A snapshot is taken with writes paused only while ExportState copies
// the metadata and each shard's bounds; the checkpoint it reports cuts the
// journal, so the snapshot holds exactly the changes of earlier segments.
// It is written to a temporary file, forced to disk, renamed into place
// and the directory forced, and only then are the segments and snapshot
// it replaces removed.
//
// Snapshots are written for garbage, not for size. The store accounts for
// every entry as it is written: a record's bytes turn to garbage when its
// retention ends, a deleted stream's all at once, a stream's metadata when
// newer metadata replaces it. Each Options.CompactInterval, once at least
// Options.CompactBytes and half of the directory is garbage, a snapshot
// reclaims it: retention, resharding (closed shards expire too) and
// deletes shrink the disk, which stays under about twice the live data.
// A directory of live records is never rewritten just for being large:
// that would copy them, and replaying a snapshot costs what replaying the
// journal does.
//
// # Recovery
//
// Open loads the newest snapshot and replays the segments after it. Only
// the last segment can end in a torn entry — segments are forced to disk
// before the next begins — and a bad entry there with no valid entry
// after it is what a crash leaves mid-write: it was never acknowledged,
// and it is cut. Any other bad entry, a missing segment or a damaged
// snapshot stops Open with a *CorruptError naming the file and offset;
// Options.RecoverCorrupt instead keeps the state up to it, sets the rest
// aside as *.corrupt files and writes a fresh snapshot.
//
// # Why hand-written
//
// The account lives in memory and the disk is only ever appended to and
// read back whole at start-up: no lookups, no updates in place. An
// embedded store (bbolt's copy-on-write B+tree, Pebble's LSM) would index
// and compact what nothing reads, and pay a commit per batch for it; a
// write-ahead-log library such as tidwall/wal frames entries as a length
// and the data, without a checksum, fails to open on a torn tail, reports
// damage without a file or offset, and fsyncs each write: the torn-tail
// rule, the error naming file and offset, and group commit would still be
// ours to write. The journal here is a few hundred lines of
// standard library.
package persist
