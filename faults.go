package minikinesis

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// FaultRule describes a fault to inject: which calls it matches (scope),
// when among them it fires (count or seeded probability), and what it does.
// Zero fields do not narrow the scope.
type FaultRule struct {
	// Operation is the AWS operation name ("PutRecords"); "" matches all.
	Operation string
	// Stream is the stream name; "" matches every stream.
	Stream string
	// Shard is a shard id in any accepted spelling; it scopes entry faults,
	// PutRecord, GetShardIterator and GetRecords. "" matches every shard.
	Shard string
	// PartitionKey, when set, scopes the rule to records whose partition
	// key it accepts (PutRecord, and PutRecords entries).
	PartitionKey func(string) bool

	// Skip lets the first Skip matching calls (or entries) through.
	Skip int
	// Times is how often the rule fires at most; 0 means no limit.
	Times int
	// Nth fires the rule only on the Nth matching call (1-based), once.
	Nth int
	// Probability, when between 0 and 1 exclusive, fires the rule on each
	// matching call with that probability, drawn from the account's seeded
	// generator (see WithFaultSeed), so a seed replays the same faults.
	Probability float64

	// Err fails the whole call with this error (any AWS exception type).
	Err error
	// EntryErrorCode fails each matching PutRecords entry with this
	// ErrorCode: ErrorCodeProvisionedThroughputExceeded or
	// ErrorCodeInternalFailure. The call's other entries are stored and
	// FailedRecordCount counts the failed ones. Counting (Skip, Times, Nth)
	// is per entry.
	EntryErrorCode string
	// Latency delays the call by real time (honouring the context).
	Latency time.Duration
	// ClockLatency moves a *ManualClock forward before the call runs, so
	// the model sees the call arrive late.
	ClockLatency time.Duration
	// HTTPStatus makes the wire layer answer with this status (500 or 503)
	// instead of serving the call.
	HTTPStatus int
	// DropConnection makes the wire layer close the connection unanswered.
	DropConnection bool
}

// Fault is an installed FaultRule. It is safe for concurrent use.
type Fault struct {
	rule    FaultRule
	k       *Kinesis
	shard   int // parsed FaultRule.Shard, or -1
	seen    atomic.Int64
	fired   atomic.Int64
	removed atomic.Bool
}

// Fired reports how many times the fault has fired.
func (f *Fault) Fired() int { return int(f.fired.Load()) }

// Remove uninstalls the fault; calls from then on are unaffected.
func (f *Fault) Remove() {
	f.removed.Store(true)
	f.k.faults.remove(f)
}

// faultSet holds an account's installed faults.
type faultSet struct {
	mu     sync.Mutex
	rules  []*Fault
	rng    *rand.Rand
	active atomic.Bool // any rule installed: the hot path checks only this
	entry  atomic.Bool // any rule with EntryErrorCode
}

// WithFaultSeed seeds the generator that probabilistic faults draw from.
// Default seed: 1, so runs are reproducible unless a test asks otherwise.
func WithFaultSeed(seed uint64) Option {
	return func(cfg *config) { cfg.faultSeed = seed }
}

// AddFault installs a fault rule and returns its handle. Rules can be added
// and removed while other goroutines call the model.
func (k *Kinesis) AddFault(rule FaultRule) *Fault {
	f := &Fault{rule: rule, k: k, shard: -1}
	if rule.Shard != "" {
		if idx, ok := parseShardIndex(rule.Shard); ok {
			f.shard = idx
		} else {
			f.shard = -2 // names no shard: never matches a shard-scoped call
		}
	}
	fs := &k.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.rules = append(fs.rules, f)
	fs.refreshLocked()
	return f
}

// ClearFaults removes every installed fault.
func (k *Kinesis) ClearFaults() {
	fs := &k.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.rules {
		f.removed.Store(true)
	}
	fs.rules = nil
	fs.refreshLocked()
}

func (fs *faultSet) remove(f *Fault) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, r := range fs.rules {
		if r == f {
			fs.rules = append(fs.rules[:i:i], fs.rules[i+1:]...)
			break
		}
	}
	fs.refreshLocked()
}

func (fs *faultSet) refreshLocked() {
	entry := false
	for _, f := range fs.rules {
		entry = entry || f.rule.EntryErrorCode != ""
	}
	fs.active.Store(len(fs.rules) > 0)
	fs.entry.Store(entry)
}

// faultTarget is what a call or entry is, for matching.
type faultTarget struct {
	op, stream   string
	shard        int // -1: the call names no shard
	partitionKey string
	hasKey       bool
}

func (f *Fault) scopes(t faultTarget) bool {
	r := &f.rule
	if f.removed.Load() || (r.Operation != "" && r.Operation != t.op) || (r.Stream != "" && r.Stream != t.stream) {
		return false
	}
	if f.shard != -1 && f.shard != t.shard {
		return false
	}
	if r.PartitionKey != nil && (!t.hasKey || !r.PartitionKey(t.partitionKey)) {
		return false
	}
	return true
}

// fire counts a matching call and decides whether the rule fires on it.
// Caller holds fs.mu (for the generator).
func (fs *faultSet) fireLocked(f *Fault) bool {
	r := &f.rule
	n := int(f.seen.Add(1))
	switch {
	case n <= r.Skip:
		return false
	case r.Nth > 0 && n != r.Nth:
		return false
	case r.Times > 0 && int(f.fired.Load()) >= r.Times:
		return false
	case r.Probability > 0 && r.Probability < 1 && fs.rng.Float64() >= r.Probability:
		return false
	}
	f.fired.Add(1)
	return true
}

// callFaults returns the rules (not entry rules) that fire on a call.
func (fs *faultSet) callFaults(t faultTarget, wire bool) []FaultRule {
	if !fs.active.Load() {
		return nil
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var fired []FaultRule
	for _, f := range fs.rules {
		r := &f.rule
		isWire := r.HTTPStatus != 0 || r.DropConnection
		if r.EntryErrorCode != "" || isWire != wire || !f.scopes(t) {
			continue
		}
		if fs.fireLocked(f) {
			fired = append(fired, *r)
		}
	}
	return fired
}

// entryFault returns the ErrorCode an entry is failed with, or "".
func (fs *faultSet) entryFault(t faultTarget) string {
	if !fs.entry.Load() {
		return ""
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.rules {
		if f.rule.EntryErrorCode != "" && f.scopes(t) && fs.fireLocked(f) {
			return f.rule.EntryErrorCode
		}
	}
	return ""
}

// applyCallFaults runs the faults that fire on a call before it reaches the
// model: latency first, then a clock jump, then an error.
func (k *Kinesis) applyCallFaults(ctx context.Context, t faultTarget) error {
	for _, r := range k.faults.callFaults(t, false) {
		if r.Latency > 0 {
			timer := time.NewTimer(r.Latency)
			select {
			case <-ctx.Done():
				timer.Stop()
				return ctx.Err()
			case <-timer.C:
			}
		}
		if r.ClockLatency > 0 {
			if mc, ok := k.cfg.clock.(*ManualClock); ok {
				mc.Advance(r.ClockLatency)
			}
		}
		if r.Err != nil {
			return r.Err
		}
	}
	return nil
}

// FaultsInstalled reports whether any fault rule is installed, so a caller
// can skip work that only matching would need.
func (k *Kinesis) FaultsInstalled() bool { return k.faults.active.Load() }

// WireFault is what the wire layer must do instead of serving a call.
type WireFault struct {
	HTTPStatus     int
	DropConnection bool
}

// MatchWireFault reports the wire-level fault (HTTP status or dropped
// connection) that fires on a call of op to stream, if any. It is for the
// wire layer (package kinesishttp); a fault fires once per call it returns.
func (k *Kinesis) MatchWireFault(op, stream string) (WireFault, bool) {
	for _, r := range k.faults.callFaults(faultTarget{op: op, stream: stream, shard: -1}, true) {
		return WireFault{HTTPStatus: r.HTTPStatus, DropConnection: r.DropConnection}, true
	}
	return WireFault{}, false
}
