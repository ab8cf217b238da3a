package minikinesis

import "slices"

// Faults lists the installed fault rules, oldest first, for tools that
// show or remove them (the console's admin API).
func (k *Kinesis) Faults() []*Fault {
	fs := &k.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return slices.Clone(fs.rules)
}

// Rule returns the rule the fault was installed with.
func (f *Fault) Rule() FaultRule { return f.rule }

// Seen reports how many matching calls (or entries) the fault has counted,
// fired or not.
func (f *Fault) Seen() int { return int(f.seen.Load()) }

// Removed reports whether the fault was removed (Remove, ClearFaults or
// Reset).
func (f *Fault) Removed() bool { return f.removed.Load() }
