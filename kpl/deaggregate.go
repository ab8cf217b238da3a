package kpl

import (
	"bytes"
	"crypto/md5"
	"strconv"
)

// IsAggregated reports whether data is framed as an aggregated record:
// it starts with Magic, holds a message of at least one byte, and ends
// with that message's MD5. The KCL de-aggregates exactly these records.
func IsAggregated(data []byte) bool {
	_, ok := message(data)
	return ok
}

// message returns the protobuf message inside an aggregated record's data.
func message(data []byte) ([]byte, bool) {
	if len(data) <= len(Magic)+ChecksumSize || !bytes.Equal(data[:len(Magic)], Magic[:]) {
		return nil, false
	}
	msg := data[len(Magic) : len(data)-ChecksumSize]
	sum := md5.Sum(msg)
	return msg, bytes.Equal(sum[:], data[len(data)-ChecksumSize:])
}

// Deaggregate unpacks the user records of an aggregated record's data, in
// the order they were packed; a user record's position is its
// SubSequenceNumber, as the KCL numbers them. For data that is not
// aggregated (see IsAggregated) it answers aggregated false and no
// records: the Kinesis record is itself the user record. For aggregated
// data whose message is malformed — a truncated or overlong field, a
// missing required field, a key index outside its table — it answers a
// *FormatError. The records own their memory.
func Deaggregate(data []byte) (records []Record, aggregated bool, err error) {
	msg, ok := message(data)
	if !ok {
		return nil, false, nil
	}
	d := decoder{buf: msg, base: len(Magic)}
	records, err = d.aggregatedRecord()
	if err != nil {
		return nil, true, err
	}
	return records, true, nil
}

// decoder reads protobuf fields from buf; base is buf's offset in the
// record's data, for error positions.
type decoder struct {
	buf  []byte
	pos  int
	base int
}

func (d *decoder) fail(at int, reason string) error {
	return &FormatError{Offset: d.base + at, Reason: reason}
}

func (d *decoder) done() bool { return d.pos >= len(d.buf) }

// varint reads a base-128 varint of at most 10 bytes that fits in 64 bits.
func (d *decoder) varint() (uint64, error) {
	start := d.pos
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if d.pos >= len(d.buf) {
			return 0, d.fail(start, "truncated varint")
		}
		b := d.buf[d.pos]
		d.pos++
		if shift == 63 && b > 1 {
			return 0, d.fail(start, "varint overflows 64 bits")
		}
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v, nil
		}
	}
}

// field reads a field's tag: its number and wire type.
func (d *decoder) field() (num uint64, wire byte, at int, err error) {
	at = d.pos
	tag, err := d.varint()
	if err != nil {
		return 0, 0, at, err
	}
	if tag>>3 == 0 {
		return 0, 0, at, d.fail(at, "field number 0")
	}
	return tag >> 3, byte(tag & 7), at, nil
}

// bytesValue reads a length-delimited value.
func (d *decoder) bytesValue() ([]byte, error) {
	at := d.pos
	n, err := d.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(d.buf)-d.pos) {
		return nil, d.fail(at, "length "+strconv.FormatUint(n, 10)+" runs past the end of the message")
	}
	v := d.buf[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return v, nil
}

// sub returns a decoder for an embedded message.
func (d *decoder) sub(msg []byte) decoder {
	return decoder{buf: msg, base: d.base + d.pos - len(msg)}
}

// skip passes over a field this package does not know, as protobuf
// parsers do. Groups (deprecated since proto2's early days, never written
// by any KPL) are refused rather than parsed.
func (d *decoder) skip(wire byte, at int) error {
	switch wire {
	case wireVarint:
		_, err := d.varint()
		return err
	case wireFixed64, wireFixed32:
		n := 8
		if wire == wireFixed32 {
			n = 4
		}
		if len(d.buf)-d.pos < n {
			return d.fail(at, "truncated fixed-width field")
		}
		d.pos += n
		return nil
	case wireBytes:
		_, err := d.bytesValue()
		return err
	case wireStartGroup, wireEndGroup:
		return d.fail(at, "groups are not supported")
	default:
		return d.fail(at, "invalid wire type "+strconv.Itoa(int(wire)))
	}
}

// rawRecord is a Record before its key indexes are resolved: the tables
// may follow the records in the message.
type rawRecord struct {
	pkIndex, ehkIndex uint64
	hasEHK            bool
	data              []byte
	tags              []Tag
	at                int
}

func (d *decoder) aggregatedRecord() ([]Record, error) {
	var pks, ehks []string
	var raws []rawRecord
	for !d.done() {
		num, wire, at, err := d.field()
		if err != nil {
			return nil, err
		}
		if wire != wireBytes || num > 3 {
			if err := d.skip(wire, at); err != nil {
				return nil, err
			}
			continue
		}
		v, err := d.bytesValue()
		if err != nil {
			return nil, err
		}
		switch num {
		case 1:
			pks = append(pks, string(v))
		case 2:
			ehks = append(ehks, string(v))
		case 3:
			sub := d.sub(v)
			r, err := sub.record()
			if err != nil {
				return nil, err
			}
			r.at = d.base + at
			raws = append(raws, r)
		}
	}
	out := make([]Record, len(raws))
	for i, r := range raws {
		if r.pkIndex >= uint64(len(pks)) {
			return nil, &FormatError{Offset: r.at, Reason: "record " + strconv.Itoa(i) + ": partition_key_index " + strconv.FormatUint(r.pkIndex, 10) + " outside a table of " + strconv.Itoa(len(pks))}
		}
		out[i] = Record{PartitionKey: pks[r.pkIndex], Data: r.data, Tags: r.tags}
		if r.hasEHK {
			if r.ehkIndex >= uint64(len(ehks)) {
				return nil, &FormatError{Offset: r.at, Reason: "record " + strconv.Itoa(i) + ": explicit_hash_key_index " + strconv.FormatUint(r.ehkIndex, 10) + " outside a table of " + strconv.Itoa(len(ehks))}
			}
			out[i].ExplicitHashKey = ehks[r.ehkIndex]
		}
	}
	return out, nil
}

func (d *decoder) record() (rawRecord, error) {
	var r rawRecord
	var hasPK, hasData bool
	for !d.done() {
		num, wire, at, err := d.field()
		if err != nil {
			return r, err
		}
		switch {
		case num == 1 && wire == wireVarint:
			if r.pkIndex, err = d.varint(); err != nil {
				return r, err
			}
			hasPK = true
		case num == 2 && wire == wireVarint:
			if r.ehkIndex, err = d.varint(); err != nil {
				return r, err
			}
			r.hasEHK = true
		case num == 3 && wire == wireBytes:
			v, err := d.bytesValue()
			if err != nil {
				return r, err
			}
			r.data = append(make([]byte, 0, len(v)), v...) // the last one wins, as for any proto2 scalar
			hasData = true
		case num == 4 && wire == wireBytes:
			v, err := d.bytesValue()
			if err != nil {
				return r, err
			}
			sub := d.sub(v)
			t, err := sub.tag()
			if err != nil {
				return r, err
			}
			r.tags = append(r.tags, t)
		default:
			if err := d.skip(wire, at); err != nil {
				return r, err
			}
		}
	}
	switch {
	case !hasPK:
		return r, d.fail(0, "record without its required partition_key_index")
	case !hasData:
		return r, d.fail(0, "record without its required data")
	}
	return r, nil
}

func (d *decoder) tag() (Tag, error) {
	var t Tag
	var hasKey bool
	for !d.done() {
		num, wire, at, err := d.field()
		if err != nil {
			return t, err
		}
		if wire != wireBytes || (num != 1 && num != 2) {
			if err := d.skip(wire, at); err != nil {
				return t, err
			}
			continue
		}
		v, err := d.bytesValue()
		if err != nil {
			return t, err
		}
		if num == 1 {
			t.Key, hasKey = string(v), true
		} else {
			t.Value = string(v)
		}
	}
	if !hasKey {
		return t, d.fail(0, "tag without its required key")
	}
	return t, nil
}
