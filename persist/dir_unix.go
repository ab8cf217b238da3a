//go:build unix

package persist

import (
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes the directory's LOCK file, so that two stores never
// write one directory; the lock ends with the process, however it ends.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, &LockedError{Dir: dir, Err: err}
	}
	return f, nil
}

// syncDir makes the directory's entries (new, renamed and removed files)
// durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
