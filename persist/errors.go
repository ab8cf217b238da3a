package persist

import (
	"fmt"
	"strconv"
)

// CorruptError is damage found on start-up: an entry whose checksum,
// length or content is wrong with valid entries after it, so it is not
// the torn tail a crash leaves (which is cut without an error), or a
// file that is missing. Options.RecoverCorrupt starts with the state up
// to it instead.
type CorruptError struct {
	// File is the damaged file's path.
	File string
	// Offset is where the bad entry begins, in bytes from the file's start.
	Offset int64
	// Reason says what is wrong.
	Reason string
}

// Error names the file, the offset and the fault.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("persist: %s at byte offset %d: %s (recovery, -recover-corrupt or Options.RecoverCorrupt, starts with the state up to it)", e.File, e.Offset, e.Reason)
}

// MismatchError is a data directory that holds another account than the
// one the store was opened for: its ARNs and messages would not match.
type MismatchError struct {
	Dir                      string
	StoredRegion, Region     string
	StoredAccount, AccountID string
}

// Error names both accounts.
func (e *MismatchError) Error() string {
	return "persist: " + e.Dir + " holds account " + e.StoredAccount + " in region " + e.StoredRegion +
		", not account " + e.AccountID + " in region " + e.Region
}

// LockedError is a data directory another store holds open.
type LockedError struct {
	Dir string
	Err error
}

// Error names the directory.
func (e *LockedError) Error() string {
	return "persist: " + e.Dir + " is in use by another process: " + e.Err.Error()
}

// Unwrap returns the locking error.
func (e *LockedError) Unwrap() error { return e.Err }

// WriteError is a write, fsync or file operation that failed while the
// store ran. The store stops taking changes to disk after it: every
// WaitDurable then returns it, so nothing more is acknowledged as durable.
type WriteError struct {
	Op   string // "write", "fsync", "create", "snapshot", ...
	File string
	Err  error
}

// Error names the operation and the file.
func (e *WriteError) Error() string {
	return "persist: " + e.Op + " " + e.File + ": " + e.Err.Error()
}

// Unwrap returns the I/O error.
func (e *WriteError) Unwrap() error { return e.Err }

func segmentName(n uint64) string  { return "journal-" + pad(n) + ".log" }
func snapshotName(n uint64) string { return "snapshot-" + pad(n) + ".snap" }

func pad(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for len(s) < 20 {
		s = "0" + s
	}
	return s
}
