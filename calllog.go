package minikinesis

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Call is one operation as the call log records it.
type Call struct {
	// Time is when the call arrived, on the model's clock.
	Time time.Time
	// Operation is the AWS operation name, e.g. "PutRecords".
	Operation string
	// Stream is the stream the call named ("" for account-wide calls).
	Stream string
	// Input is a copy of the request (e.g. *ListShardsInput) with every
	// string clipped to MaxLoggedStringBytes and every map or list to
	// MaxLoggedEntries, so a hostile request cannot grow the log. PutRecord
	// and PutRecords inputs carry payloads the caller owns: the log keeps
	// only Records, Bytes and PartitionKey of them.
	Input any
	// Records is how many records the call carried: entries written by
	// PutRecord(s), records returned by GetRecords.
	Records int
	// Bytes is the data plus partition keys the call carried or returned.
	Bytes int
	// PartitionKey is PutRecord's partition key.
	PartitionKey string
	// FailedRecordCount is PutRecords' count of refused entries.
	FailedRecordCount int
	// ErrorCode is the AWS exception name when the call failed, "" if not.
	ErrorCode string
	// Err is the error the call returned, nil on success. An error whose
	// message is longer than MaxLoggedErrorBytes is kept as a *LoggedError
	// of the same code with its message clipped.
	Err error
}

// DefaultCallLogSize is how many recent calls the log keeps unless
// WithCallLogSize says otherwise.
const DefaultCallLogSize = 1000

// What one logged call keeps at most, whatever the request carried: with
// these bounds a call costs at most about 8 KiB of strings (an input's few
// strings and 10 map entries of two, plus the error), so the default log
// of 1,000 calls stays under 8 MiB.
const (
	// MaxLoggedStringBytes bounds each string the log keeps.
	MaxLoggedStringBytes = 128
	// MaxLoggedEntries bounds each map or list the log keeps.
	MaxLoggedEntries = 10
	// MaxLoggedErrorBytes bounds the message of an error the log keeps.
	MaxLoggedErrorBytes = 2048
)

// WithCallLogSize sets how many recent calls the call log keeps; 0 turns
// the log off. Default DefaultCallLogSize.
func WithCallLogSize(n int) Option {
	return func(cfg *config) { cfg.callLogSize = max(0, n) }
}

// MaxCountedStreams bounds how many stream names the call counts keep
// apart (see CallCounts), so that requests naming ever new streams cannot
// grow them without end.
const MaxCountedStreams = 10000

// callLog keeps the most recent calls in a ring, the hooks, and counts of
// every call since the last reset.
type callLog struct {
	mu    sync.Mutex
	size  int
	ring  []Call
	next  int // where the next call goes once the ring is full
	hooks map[int]func(Call)
	seq   int

	byOp      map[string]int
	byStream  map[string]map[string]int // stream → operation → calls
	untracked int
}

func (l *callLog) init(size int) { l.size = size }

func (l *callLog) record(c Call) {
	l.mu.Lock()
	if l.size > 0 {
		if len(l.ring) < l.size {
			l.ring = append(l.ring, c)
		} else {
			l.ring[l.next] = c
			l.next = (l.next + 1) % l.size
		}
		l.count(c)
	}
	hooks := make([]func(Call), 0, len(l.hooks))
	for _, h := range l.hooks {
		hooks = append(hooks, h)
	}
	l.mu.Unlock()
	for _, h := range hooks {
		h(c)
	}
}

// count adds the call to the counts; l.mu is held.
func (l *callLog) count(c Call) {
	if l.byOp == nil {
		l.byOp, l.byStream = map[string]int{}, map[string]map[string]int{}
	}
	l.byOp[c.Operation]++
	if c.Stream == "" {
		return
	}
	ops := l.byStream[c.Stream]
	if ops == nil {
		if len(l.byStream) >= MaxCountedStreams {
			l.untracked++
			return
		}
		ops = map[string]int{}
		l.byStream[c.Stream] = ops
	}
	ops[c.Operation]++
}

// wanted reports whether anything listens: a log or a hook.
func (l *callLog) wanted() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.size > 0 || len(l.hooks) > 0
}

// Summary describes the call in one line, e.g.
// "PutRecords orders: 500 records, 51500 bytes, 3 failed -> OK".
func (c Call) Summary() string {
	var b strings.Builder
	b.WriteString(c.Operation)
	if c.Stream != "" {
		b.WriteString(" " + c.Stream)
	}
	if c.Records > 0 || c.Operation == OpPutRecords || c.Operation == OpGetRecords {
		fmt.Fprintf(&b, ": %d records, %d bytes", c.Records, c.Bytes)
	}
	if c.PartitionKey != "" {
		fmt.Fprintf(&b, ", key %q", c.PartitionKey)
	}
	if c.FailedRecordCount > 0 {
		fmt.Fprintf(&b, ", %d failed", c.FailedRecordCount)
	}
	outcome := "OK"
	if c.ErrorCode != "" {
		outcome = c.ErrorCode
	}
	return b.String() + " -> " + outcome
}

// Calls returns the logged calls, oldest first.
func (k *Kinesis) Calls() []Call {
	l := &k.calls
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Call, 0, len(l.ring))
	out = append(out, l.ring[l.next:]...)
	return append(out, l.ring[:l.next]...)
}

// ResetCalls empties the call log and sets its counts to zero.
func (k *Kinesis) ResetCalls() {
	l := &k.calls
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ring, l.next = nil, 0
	l.byOp, l.byStream, l.untracked = nil, nil, 0
}

// CallCounts counts every call an account served since it was created or
// since ResetCalls (or Reset) last ran, however few of them the call log
// keeps: the calls the log and the OnCall hooks saw, failed ones included.
// It is kept while the call log is on; WithCallLogSize(0) turns both off.
type CallCounts struct {
	// ByOperation counts calls per operation name, e.g. "PutRecords".
	ByOperation map[string]int
	// ByStream counts calls per stream, then operation:
	// ByStream["orders"]["PutRecords"]. A stream is named as in
	// Call.Stream; calls naming no stream are only in ByOperation.
	ByStream map[string]map[string]int
	// Untracked counts the calls that named a stream after
	// MaxCountedStreams other stream names had been counted: they are in
	// ByOperation only.
	Untracked int
}

// Count is how many calls of operation were counted, only those naming
// stream when stream is not "".
func (c CallCounts) Count(operation, stream string) int {
	if stream == "" {
		return c.ByOperation[operation]
	}
	return c.ByStream[stream][operation]
}

// CallCounts returns a copy of the call counts.
func (k *Kinesis) CallCounts() CallCounts {
	l := &k.calls
	l.mu.Lock()
	defer l.mu.Unlock()
	out := CallCounts{ByOperation: make(map[string]int, len(l.byOp)), ByStream: make(map[string]map[string]int, len(l.byStream)), Untracked: l.untracked}
	for op, n := range l.byOp {
		out.ByOperation[op] = n
	}
	for stream, ops := range l.byStream {
		m := make(map[string]int, len(ops))
		for op, n := range ops {
			m[op] = n
		}
		out.ByStream[stream] = m
	}
	return out
}

// OnCall registers a hook run after every operation, in the calling
// goroutine, with the call as logged. It returns a function that removes
// the hook. Hooks must not call back into the same Kinesis's OnCall.
func (k *Kinesis) OnCall(hook func(Call)) (remove func()) {
	l := &k.calls
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hooks == nil {
		l.hooks = map[int]func(Call){}
	}
	l.seq++
	id := l.seq
	l.hooks[id] = hook
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(l.hooks, id)
	}
}

// countRecords fills in what a call carried. Record-carrying inputs are
// summarised, not kept: they hold payloads the caller owns.
func countRecords(c *Call, in, out any) {
	switch v := in.(type) {
	case *PutRecordsInput:
		if v != nil {
			c.Records = len(v.Records)
			for i := range v.Records {
				c.Bytes += len(v.Records[i].Data) + len(v.Records[i].PartitionKey)
			}
		}
	case *PutRecordInput:
		if v != nil {
			c.Records, c.Bytes, c.PartitionKey = 1, len(v.Data)+len(v.PartitionKey), clip(v.PartitionKey)
		}
	case interface{ clipped() any }:
		c.Input = v.clipped()
	}
	switch v := out.(type) {
	case *PutRecordsOutput:
		if v != nil {
			c.FailedRecordCount = v.FailedRecordCount
		}
	case *GetRecordsOutput:
		if v != nil {
			c.Records = len(v.Records)
			for i := range v.Records {
				c.Bytes += len(v.Records[i].Data) + len(v.Records[i].PartitionKey)
			}
		}
	case *GetRecordCountsOutput: // counting mode (counting.go)
		if v != nil {
			c.Records, c.Bytes = v.Records, v.Bytes
		}
	}
}

// clip cuts s to MaxLoggedStringBytes, marking the cut with the length.
func clip(s string) string {
	if len(s) <= MaxLoggedStringBytes {
		return s
	}
	return strings.ToValidUTF8(s[:MaxLoggedStringBytes], "") + "…(" + itoa(len(s)) + " bytes)"
}

// clipMap copies m with at most MaxLoggedEntries entries, keys and values
// clipped.
func clipMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, min(len(m), MaxLoggedEntries))
	for key, value := range m {
		if len(out) == MaxLoggedEntries {
			break
		}
		out[clip(key)] = clip(value)
	}
	return out
}

// clipList copies l with at most MaxLoggedEntries entries, each clipped.
func clipList(l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, 0, min(len(l), MaxLoggedEntries))
	for _, s := range l[:min(len(l), MaxLoggedEntries)] {
		out = append(out, clip(s))
	}
	return out
}

func (f *ShardFilter) clipped() *ShardFilter {
	if f == nil {
		return nil
	}
	c := *f
	c.Type, c.ShardId = ShardFilterType(clip(string(c.Type))), clip(c.ShardId)
	return &c
}

func (d *StreamModeDetails) clipped() *StreamModeDetails {
	if d == nil {
		return nil
	}
	return &StreamModeDetails{StreamMode: StreamMode(clip(string(d.StreamMode)))}
}

// LoggedError stands in the call log for an error whose message was longer
// than MaxLoggedErrorBytes: the same AWS code, the message clipped.
type LoggedError struct {
	Code    string
	Message string
}

// ErrorCode returns the original error's AWS code.
func (e *LoggedError) ErrorCode() string { return e.Code }

// ErrorMessage returns the clipped message.
func (e *LoggedError) ErrorMessage() string { return e.Message }

// Error formats the code and the clipped message.
func (e *LoggedError) Error() string { return formatAPIError(e.Code, e.Message) }

// clipError bounds what the log keeps of err.
func clipError(err error) error {
	apiErr, ok := err.(APIError)
	if !ok || len(apiErr.ErrorMessage()) <= MaxLoggedErrorBytes {
		return err
	}
	msg := apiErr.ErrorMessage()
	return &LoggedError{Code: apiErr.ErrorCode(), Message: strings.ToValidUTF8(msg[:MaxLoggedErrorBytes], "") + "…(" + itoa(len(msg)) + " bytes)"}
}
