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
	// Input is the request as the caller passed it (e.g. *ListShardsInput),
	// except for PutRecord and PutRecords: their inputs carry payloads the
	// caller owns and may reuse, so the log keeps only Records, Bytes and
	// PartitionKey of them.
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
	// Err is the error the call returned, nil on success.
	Err error
}

// DefaultCallLogSize is how many recent calls the log keeps unless
// WithCallLogSize says otherwise.
const DefaultCallLogSize = 1000

// WithCallLogSize sets how many recent calls the call log keeps; 0 turns
// the log off. Default DefaultCallLogSize.
func WithCallLogSize(n int) Option {
	return func(cfg *config) { cfg.callLogSize = max(0, n) }
}

// callLog keeps the most recent calls in a ring, and the hooks.
type callLog struct {
	mu    sync.Mutex
	size  int
	ring  []Call
	next  int // where the next call goes once the ring is full
	hooks map[int]func(Call)
	seq   int
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

// ResetCalls empties the call log.
func (k *Kinesis) ResetCalls() {
	l := &k.calls
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ring, l.next = nil, 0
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
			c.Records, c.Bytes, c.PartitionKey = 1, len(v.Data)+len(v.PartitionKey), v.PartitionKey
		}
	default:
		c.Input = in
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
