package persist

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/minikinesis/minikinesis"
)

// entryKind is a payload's first byte: what the entry holds.
type entryKind byte

const (
	// Changes of the account, in the journal and in snapshots alike.
	entryRecord        entryKind = 1 // stream, shard, counter, arrival, flags, key, data
	entryStream        entryKind = 2 // the stream's metadata, JSON
	entryStreamDeleted entryKind = 3 // the stream's name
	entryReset         entryKind = 4
	entryAccount       entryKind = 5 // the account's own state (settings, channels), JSON
	// Framing of files.
	entrySegment      entryKind = 10 // first entry of a journal segment: its header
	entrySnapshot     entryKind = 11 // first entry of a snapshot: its header
	entrySnapshotDone entryKind = 12 // last entry of a snapshot: what it held
)

// formatVersion is written in every file header; a reader refuses others.
const formatVersion = 1

const flagEncrypted = 1

// appendChange encodes a change as a payload; false for a change that
// is not written (a checkpoint: the segment boundary records it).
func appendChange(b []byte, c minikinesis.Change) ([]byte, bool, error) {
	switch c.Kind {
	case minikinesis.ChangeRecord:
		r := &c.Record
		b = append(b, byte(entryRecord))
		b = appendString(b, c.Stream)
		b = binary.AppendUvarint(b, uint64(c.Shard))
		b = binary.AppendUvarint(b, r.Counter)
		b = binary.AppendVarint(b, r.Arrival.UnixNano())
		flags := byte(0)
		if r.Encrypted {
			flags |= flagEncrypted
		}
		b = append(b, flags)
		b = appendString(b, r.PartitionKey)
		b = binary.AppendUvarint(b, uint64(len(r.Data)))
		return append(b, r.Data...), true, nil
	case minikinesis.ChangeStream:
		meta, err := json.Marshal(c.State)
		if err != nil {
			return b, false, err
		}
		return append(append(b, byte(entryStream)), meta...), true, nil
	case minikinesis.ChangeStreamDeleted:
		return appendString(append(b, byte(entryStreamDeleted)), c.Stream), true, nil
	case minikinesis.ChangeReset:
		return append(b, byte(entryReset)), true, nil
	case minikinesis.ChangeAccount:
		acc, err := json.Marshal(c.Account)
		if err != nil {
			return b, false, err
		}
		return append(append(b, byte(entryAccount)), acc...), true, nil
	}
	return b, false, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errMalformed = errors.New("malformed entry")

// decodeChange decodes a change payload. A record's key and data point
// into p: State.Apply copies them. stream is the stream name of the
// record decoded before, reused when it is the same so a replay does not
// allocate a name per record.
func decodeChange(p []byte, stream *string) (minikinesis.Change, error) {
	d := decoder{b: p[1:]}
	var c minikinesis.Change
	switch entryKind(p[0]) {
	case entryRecord:
		c.Kind = minikinesis.ChangeRecord
		if name := d.bytes(); string(name) != *stream {
			*stream = string(name)
		}
		c.Stream = *stream
		c.Shard = int(d.uvarint())
		c.Record.Counter = d.uvarint()
		c.Record.Arrival = time.Unix(0, d.varint()).UTC()
		c.Record.Encrypted = d.byte()&flagEncrypted != 0
		c.Record.PartitionKey = d.string()
		c.Record.Data = d.bytes()
	case entryStream:
		c.Kind = minikinesis.ChangeStream
		c.State = new(minikinesis.StreamState)
		if err := json.Unmarshal(d.b, c.State); err != nil {
			return c, err
		}
		c.Stream, d.b = c.State.Name, nil
	case entryStreamDeleted:
		c.Kind = minikinesis.ChangeStreamDeleted
		c.Stream = d.string()
	case entryReset:
		c.Kind = minikinesis.ChangeReset
	case entryAccount:
		c.Kind = minikinesis.ChangeAccount
		c.Account = new(minikinesis.AccountState)
		if err := json.Unmarshal(d.b, c.Account); err != nil {
			return c, err
		}
		d.b = nil
	default:
		return c, errUnexpectedKind
	}
	if d.bad || len(d.b) != 0 {
		return c, errMalformed
	}
	return c, nil
}

var errUnexpectedKind = errors.New("unexpected entry kind")

// decoder reads a payload's fields; a short or bad field sets bad, and
// every later read yields zero.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	d.skip(n)
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	d.skip(n)
	return v
}

// skip moves past a varint of n bytes; n <= 0 (binary's "short" or
// "overflow", whose value is 0) spoils the payload.
func (d *decoder) skip(n int) {
	if n <= 0 {
		d.bad, d.b = true, nil
		return
	}
	d.b = d.b[n:]
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }

// fileHeader is the first entry of a journal segment or a snapshot.
type fileHeader struct {
	Version int
	// Segment is a journal segment's number; in a snapshot, the first
	// segment whose changes follow it.
	Segment uint64
	// Region, AccountID and IteratorKey are a snapshot's account.
	Region      string `json:",omitempty"`
	AccountID   string `json:",omitempty"`
	IteratorKey []byte `json:",omitempty"`
}

// snapshotDone is a snapshot's last entry: a snapshot without it, or
// whose counts differ, is incomplete.
type snapshotDone struct {
	Streams int
	Records int64
}

func appendJSONEntry(b []byte, kind entryKind, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		panic("persist: encoding a file header: " + err.Error()) // plain structs always encode
	}
	return append(append(b, byte(kind)), j...)
}

func decodeJSONEntry(p []byte, kind entryKind, v any) error {
	if len(p) == 0 || entryKind(p[0]) != kind {
		return errUnexpectedKind
	}
	return json.Unmarshal(p[1:], v)
}
