//go:build !unix

package persist

import (
	"os"
	"path/filepath"
)

// lockDir opens the directory's LOCK file. Without flock, two stores on
// one directory are not prevented here: do not start two.
func lockDir(dir string) (*os.File, error) {
	return os.OpenFile(filepath.Join(dir, "LOCK"), os.O_CREATE|os.O_RDWR, 0o644)
}

// syncDir does nothing where directories cannot be opened for fsync:
// there the file system orders metadata itself.
func syncDir(string) error { return nil }
