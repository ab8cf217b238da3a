package kinesishttp

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// escapedSurrogate matches a \u escape of a UTF-16 surrogate.
var escapedSurrogate = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

// FuzzParseJSON is a differential test of the JSON parser against
// encoding/json: it takes exactly the JSON encoding/json takes, less text
// that is not UTF-8 and escaped surrogates that are not pairs (which
// encoding/json turns into U+FFFD), and reads the same values from it.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0.5e+10`, `"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`,
		`{"a":[1,{"b":null}],"a":2}`, ` { "x" : [ ] } `, `01`, `1.`, `.5`, `1e`, `-`, `"\x01"`, `"\ud800"`, `"\udc00\ud800"`,
		"\"\xff\"", `{"a":1,}`, `[1,]`, `{"a" 1}`, `tru`, `nul`, `{} {}`, `"\u12"`, `"\q"`, `1e400`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := parseJSON(body)
		valid := json.Valid(body)
		if !ok {
			if valid {
				deep := bytes.Count(body, []byte("["))+bytes.Count(body, []byte("{")) > maxNesting
				assert.True(t, !utf8.Valid(body) || escapedSurrogate.Match(body) || deep, "refused valid JSON %q", body)
			}
			return
		}
		require.True(t, valid, "took invalid JSON %q", body)
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var want any
		require.NoError(t, dec.Decode(&want))
		assert.Equal(t, want, jsonAny(&got), "%q", body)
	})
}

// jsonAny is a parsed JSON value as encoding/json decodes it with
// UseNumber: a member given twice keeps its last value.
func jsonAny(w *wireValue) any {
	switch w.kind {
	case wireBool:
		return w.num == 1
	case wireString:
		return string(w.text)
	case wireNumber:
		return json.Number(w.text)
	case wireArray:
		out := make([]any, len(w.items))
		for i := range w.items {
			out[i] = jsonAny(&w.items[i])
		}
		return out
	case wireMap:
		out := map[string]any{}
		for i := 0; i < len(w.items); i += 2 {
			out[string(w.items[i].text)] = jsonAny(&w.items[i+1])
		}
		return out
	}
	return nil
}

// FuzzParseCBOR is a differential test of the CBOR parser against
// fxamacker/cbor: what it takes is well-formed, and what it refuses is
// not well-formed or not valid (text that is not UTF-8, above all).
func FuzzParseCBOR(f *testing.F) {
	for _, b := range [][]byte{
		{0xa0}, {0x80}, {0xf6}, {0xf7}, {0xf4}, {0xf9, 0x7e, 0x00}, {0xfa, 0x7f, 0x80, 0, 0}, {0xfb, 0, 0, 0, 0, 0, 0, 0, 0},
		{0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, {0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		{0x5f, 0x41, 'a', 0x41, 'b', 0xff}, {0x7f, 0x61, 'a', 0xff}, {0x7f, 0x41, 'a', 0xff}, {0x62, 'a', 0xff},
		{0xbf, 0x61, 'a', 0x01, 0xff}, {0xbf, 0x61, 'a', 0xff}, {0x9f, 0x01, 0x9f, 0xff, 0xff}, {0xc1, 0x1a, 0, 0, 0, 1},
		{0xff}, {0x1c}, {0xf8, 0x10}, {0xf8, 0x20}, {0xe0}, {0xfc}, {0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		{0xa1, 0x61, 'a', 0x01, 0x00},
	} {
		f.Add(b)
	}
	dm, err := cbor.DecOptions{MaxNestedLevels: 65535, MaxArrayElements: math.MaxInt32, MaxMapPairs: math.MaxInt32}.DecMode()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 900 { // deeper than maxNesting it cannot nest
			return
		}
		_, ok := parseCBOR(body)
		wellformed := dm.Wellformed(body) == nil
		if ok {
			assert.True(t, wellformed, "took malformed CBOR %x", body)
			return
		}
		var v any
		assert.True(t, !wellformed || dm.Unmarshal(body, &v) != nil, "refused valid CBOR %x: %s", body, strconv.Quote(string(body)))
	})
}
