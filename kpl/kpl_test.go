package kpl

import (
	"crypto/md5"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// frame wraps a protobuf message as an aggregated record: magic, message,
// MD5 of the message.
func frame(msg ...byte) []byte {
	sum := md5.Sum(msg)
	out := append([]byte{0xF3, 0x89, 0x9A, 0xC2}, msg...)
	return append(out, sum[:]...)
}

// fixtureMessage is an AggregatedRecord written byte by byte from the
// format's .proto, independently of Aggregate: two partition keys, one
// explicit hash key, three records (one with a tag, one with empty data).
var fixtureMessage = []byte{
	0x0A, 0x05, 'a', 'l', 'i', 'c', 'e', // partition_key_table[0] = "alice"
	0x0A, 0x03, 'b', 'o', 'b', // partition_key_table[1] = "bob"
	0x12, 0x03, '1', '2', '3', // explicit_hash_key_table[0] = "123"
	0x1A, 0x06, // records[0], 6 bytes
	0x08, 0x00, //   partition_key_index = 0
	0x1A, 0x02, 'h', 'i', //   data = "hi"
	0x1A, 0x10, // records[1], 16 bytes
	0x08, 0x01, //   partition_key_index = 1
	0x10, 0x00, //   explicit_hash_key_index = 0
	0x1A, 0x02, 'y', 'o', //   data = "yo"
	0x22, 0x06, //   tags[0], 6 bytes
	0x0A, 0x01, 'k', //     key = "k"
	0x12, 0x01, 'v', //     value = "v"
	0x1A, 0x04, // records[2], 4 bytes
	0x08, 0x00, //   partition_key_index = 0
	0x1A, 0x00, //   data = ""
}

var fixtureRecords = []Record{
	{PartitionKey: "alice", Data: []byte("hi")},
	{PartitionKey: "bob", ExplicitHashKey: "123", Data: []byte("yo"), Tags: []Tag{{Key: "k", Value: "v"}}},
	{PartitionKey: "alice", Data: []byte{}},
}

func TestDeaggregateHandBuiltFixture(t *testing.T) {
	t.Parallel()
	got, aggregated, err := Deaggregate(frame(fixtureMessage...))
	require.NoError(t, err)
	assert.True(t, aggregated)
	assert.Equal(t, fixtureRecords, got)
}

func TestDeaggregateTablesAfterRecords(t *testing.T) {
	t.Parallel()
	// Protobuf fields may come in any order, and unknown fields are skipped.
	msg := []byte{
		0x1A, 0x05, 0x08, 0x01, 0x1A, 0x01, 'x', // records[0]: key 1, data "x"
		0x28, 0x96, 0x01, // unknown field 5, varint 150
		0x0A, 0x01, 'a', // partition_key_table[0] = "a"
		0x0A, 0x01, 'b', // partition_key_table[1] = "b"
		0x3D, 1, 2, 3, 4, // unknown field 7, fixed32
	}
	got, aggregated, err := Deaggregate(frame(msg...))
	require.NoError(t, err)
	assert.True(t, aggregated)
	assert.Equal(t, []Record{{PartitionKey: "b", Data: []byte("x")}}, got)
}

func TestAggregateWritesTheSpecBytes(t *testing.T) {
	t.Parallel()
	got, err := Aggregate(fixtureRecords)
	require.NoError(t, err)
	assert.Equal(t, frame(fixtureMessage...), got)
}

func TestAggregateRoundTrip(t *testing.T) {
	t.Parallel()
	records := []Record{
		{PartitionKey: "user-1", Data: []byte(`{"n":1}`)},
		{PartitionKey: "user-2", ExplicitHashKey: "340282366920938463463374607431768211455", Data: make([]byte, 300)},
		{PartitionKey: "user-1", ExplicitHashKey: "0", Data: []byte(`{"n":3}`)},
		{PartitionKey: "ключ", Data: []byte{0xF3, 0x89, 0x9A, 0xC2}},
	}
	data, err := Aggregate(records)
	require.NoError(t, err)
	assert.True(t, IsAggregated(data))
	got, aggregated, err := Deaggregate(data)
	require.NoError(t, err)
	assert.True(t, aggregated)
	assert.Equal(t, records, got)

	_, err = Aggregate(nil)
	assert.ErrorIs(t, err, ErrNothingToAggregate)
}

func TestPlainRecords(t *testing.T) {
	t.Parallel()
	good := frame(fixtureMessage...)
	badSum := append([]byte(nil), good...)
	badSum[len(badSum)-1] ^= 1
	cases := map[string][]byte{
		"empty":                 nil,
		"short":                 {0xF3, 0x89},
		"magic alone":           {0xF3, 0x89, 0x9A, 0xC2},
		"magic and a checksum":  frame(),
		"checksum mismatch":     badSum,
		"another prefix":        append([]byte{0xF3, 0x89, 0x9A, 0xC3}, good[4:]...),
		"text":                  []byte(`{"item":"book"}`),
		"message without magic": append(append([]byte(nil), fixtureMessage...), good[len(good)-16:]...),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.False(t, IsAggregated(data))
			got, aggregated, err := Deaggregate(data)
			require.NoError(t, err)
			assert.False(t, aggregated)
			assert.Nil(t, got)
		})
	}
}

func TestMalformedMessages(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		msg    []byte
		offset int
		reason string
	}{
		{"truncated tag", []byte{0x80}, 4, "truncated varint"},
		{"overlong varint", []byte{0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 5, "varint overflows 64 bits"},
		{"varint past 64 bits", []byte{0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}, 5, "varint overflows 64 bits"},
		{"length past the end", []byte{0x0A, 0x05, 'a'}, 5, "length 5 runs past the end of the message"},
		{"huge length", []byte{0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 5, "length 18446744073709551615 runs past the end of the message"},
		{"field number 0", []byte{0x02, 0x00}, 4, "field number 0"},
		{"group", []byte{0x0B}, 4, "groups are not supported"},
		{"wire type 7", []byte{0x0F}, 4, "invalid wire type 7"},
		{"truncated fixed64", []byte{0x09, 1, 2, 3}, 4, "truncated fixed-width field"},
		{"record without key index", []byte{0x0A, 0x01, 'a', 0x1A, 0x02, 0x1A, 0x00}, 9, "record without its required partition_key_index"},
		{"record without data", []byte{0x0A, 0x01, 'a', 0x1A, 0x02, 0x08, 0x00}, 9, "record without its required data"},
		{"key index outside the table", []byte{0x0A, 0x01, 'a', 0x1A, 0x04, 0x08, 0x01, 0x1A, 0x00}, 7, "record 0: partition_key_index 1 outside a table of 1"},
		{"hash key index outside the table", []byte{0x0A, 0x01, 'a', 0x1A, 0x06, 0x08, 0x00, 0x10, 0x00, 0x1A, 0x00}, 7, "record 0: explicit_hash_key_index 0 outside a table of 0"},
		{"tag without key", []byte{0x0A, 0x01, 'a', 0x1A, 0x08, 0x08, 0x00, 0x1A, 0x00, 0x22, 0x02, 0x12, 0x00}, 15, "tag without its required key"},
		{"truncated record", []byte{0x0A, 0x01, 'a', 0x1A, 0x03, 0x08, 0x00, 0x1A}, 12, "truncated varint"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, aggregated, err := Deaggregate(frame(tc.msg...))
			assert.True(t, aggregated, "magic and checksum are right")
			assert.Nil(t, got)
			var fe *FormatError
			require.True(t, errors.As(err, &fe), "want a *FormatError, got %v", err)
			assert.Equal(t, tc.reason, fe.Reason)
			assert.Equal(t, tc.offset, fe.Offset)
		})
	}
}

func FuzzDeaggregate(f *testing.F) {
	f.Add(frame(fixtureMessage...), "pk", "")
	f.Add([]byte("plain"), "k", "42")
	f.Add(frame(0x0A, 0x01, 'a', 0x1A, 0x04, 0x08, 0x00, 0x1A, 0x00), "", "")
	f.Add(frame(0x1A, 0x05, 0x08, 0x01, 0x1A, 0x01, 'x', 0x28, 0x96, 0x01, 0x0A, 0x01, 'a', 0x0A, 0x01, 'b'), "ключ", "1")
	f.Fuzz(func(t *testing.T, data []byte, pk, ehk string) {
		// As a record's data, and as the message of a well-framed record
		// (random bytes almost never carry their own MD5).
		for _, d := range [][]byte{data, frame(data...)} {
			records, aggregated, err := Deaggregate(d)
			if !aggregated {
				require.NoError(t, err)
				require.Nil(t, records)
			}
			if aggregated && err == nil && len(records) > 0 {
				// What was read is written back and read again unchanged.
				again, err := Aggregate(records)
				require.NoError(t, err)
				back, ok, err := Deaggregate(again)
				require.NoError(t, err)
				require.True(t, ok)
				require.Equal(t, normalise(records), normalise(back))
			}
		}

		// Any records survive Aggregate → Deaggregate.
		in := []Record{{PartitionKey: pk, ExplicitHashKey: ehk, Data: data}, {PartitionKey: pk + "2", Data: data[:len(data)/2]}}
		packed, err := Aggregate(in)
		require.NoError(t, err)
		out, ok, err := Deaggregate(packed)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, normalise(in), normalise(out))
	})
}

// normalise makes records comparable across nil and empty slices.
func normalise(records []Record) []Record {
	out := make([]Record, len(records))
	for i, r := range records {
		out[i] = r
		if len(r.Data) == 0 {
			out[i].Data = nil
		}
		if len(r.Tags) == 0 {
			out[i].Tags = nil
		}
	}
	return out
}
