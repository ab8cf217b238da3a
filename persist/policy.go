package persist

import "fmt"

// FsyncPolicy is when the journal is forced to disk, as Redis names its
// appendfsync policies. Every policy hands each change to the operating
// system before WaitDurable returns, so a crash of the process alone
// loses nothing acknowledged; they differ on a crash of the machine.
type FsyncPolicy int

const (
	// FsyncEverySecond (the default) forces the journal to disk once a
	// second: a power loss may lose the last second of acknowledged
	// changes.
	FsyncEverySecond FsyncPolicy = iota
	// FsyncAlways forces every acknowledged change to disk before
	// WaitDurable returns. Concurrent writers share each fsync (group
	// commit), so throughput holds while latency grows by one fsync.
	FsyncAlways
	// FsyncNever leaves flushing to the operating system (Linux: within
	// about 30 s): a power loss may lose that much.
	FsyncNever
)

// String is the policy as the -fsync flag spells it.
func (p FsyncPolicy) String() string {
	switch p {
	case FsyncAlways:
		return "always"
	case FsyncEverySecond:
		return "1s"
	case FsyncNever:
		return "never"
	}
	return fmt.Sprintf("FsyncPolicy(%d)", int(p))
}

// ParseFsyncPolicy reads "always", "1s" (also "everysec") or "never".
func ParseFsyncPolicy(s string) (FsyncPolicy, error) {
	switch s {
	case "always":
		return FsyncAlways, nil
	case "1s", "everysec":
		return FsyncEverySecond, nil
	case "never", "no":
		return FsyncNever, nil
	}
	return 0, fmt.Errorf("want always, 1s or never, not %q", s)
}
