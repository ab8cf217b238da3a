package kinesishttp

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// AWS's SerializationException texts, as kinesalite's tests recorded them
// against AWS (test/helpers.js assertType, validations/index.js).
const (
	numberToString  = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"
	numberToBlob    = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob"
	numberToBoolean = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean"
	booleanToString = "class java.lang.Boolean can not be converted to an String"
	booleanToBlob   = "class java.lang.Boolean can not be converted to a Blob"
	stringToInteger = "class java.lang.String can not be converted to an Integer"
	booleanToInt    = "class java.lang.Boolean can not be converted to an Integer"
	stringToTime    = "class java.lang.String can not be converted to milliseconds since epoch"
	booleanToTime   = "class java.lang.Boolean can not be converted to milliseconds since epoch"
	listFound       = "Start of list found where not expected"
	structureFound  = "Start of structure or map found where not expected."
	expectedList    = "Expected list or null"
	expectedMap     = "Expected map or null"
	expectedNull    = "Expected null"
)

// TestSerializationExceptionTexts: a member of the wrong type is refused
// with AWS's SerializationException and its text, under a capital
// "Message" (SPEC §3), alike in JSON and in CBOR, for every shape of
// member: strings, integers, booleans, blobs (base64 included),
// timestamps, lists, maps and structures.
func TestSerializationExceptionTexts(t *testing.T) {
	t.Parallel()
	type member = map[string]any
	cases := []struct {
		name string
		op   string
		body member // written in JSON and in CBOR
		want string
	}{
		{"boolean for a string", minikinesis.OpDescribeStream, member{"StreamName": true}, booleanToString},
		{"integer for a string", minikinesis.OpDescribeStream, member{"StreamName": 23}, numberToString},
		{"-2^31 for a string", minikinesis.OpDescribeStream, member{"StreamName": -2147483648}, numberToString},
		{"2^31 for a string", minikinesis.OpDescribeStream, member{"StreamName": 2147483648}, numberToString},
		{"double for a string", minikinesis.OpDescribeStream, member{"StreamName": 34.56}, numberToString},
		{"list for a string", minikinesis.OpDescribeStream, member{"StreamName": []any{}}, listFound},
		{"object for a string", minikinesis.OpDescribeStream, member{"StreamName": member{}}, structureFound},
		{"string for an integer", minikinesis.OpCreateStream, member{"StreamName": "x", "ShardCount": "23"}, stringToInteger},
		{"boolean for an integer", minikinesis.OpListStreams, member{"Limit": true}, booleanToInt},
		{"list for an integer", minikinesis.OpListStreams, member{"Limit": []any{}}, listFound},
		{"object for an integer", minikinesis.OpListStreams, member{"Limit": member{}}, structureFound},
		{"string for a boolean", minikinesis.OpDeleteStream, member{"StreamName": "s", "EnforceConsumerDeletion": "23"}, "'23' can not be converted to an Boolean"},
		{"a word for a boolean, in capitals", minikinesis.OpDeleteStream, member{"StreamName": "s", "EnforceConsumerDeletion": "hello"}, "'HELLO' can not be converted to an Boolean"},
		{"integer for a boolean", minikinesis.OpDeleteStream, member{"StreamName": "s", "EnforceConsumerDeletion": 23}, numberToBoolean},
		{"list for a boolean", minikinesis.OpDeleteStream, member{"StreamName": "s", "EnforceConsumerDeletion": []any{}}, listFound},
		{"boolean for a blob", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": true}, booleanToBlob},
		{"integer for a blob", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": 23}, numberToBlob},
		{"2^31 for a blob", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": 2147483648}, numberToBlob},
		{"double for a blob", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": 34.56}, numberToBlob},
		{"object for a blob", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": member{}}, structureFound},
		{"base64 of a bad length", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": "23456"},
			"'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
		{"base64 with = inside", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": "=+/="},
			"'=+/=' can not be converted to a Blob: Invalid Base64 character: '='"},
		{"base64 with a bad character", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": "!!!!"},
			"'!!!!' can not be converted to a Blob: Invalid Base64 character: '!'"},
		{"base64 with spare bits", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": "+/+="},
			"'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"},
		{"base64 that is all padding", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": "===="},
			"'====' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"},
		{"base64 length in UTF-16 units", minikinesis.OpPutRecord, member{"StreamName": "s", "PartitionKey": "p", "Data": "é😀"},
			"'é😀' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
		{"string for a timestamp", minikinesis.OpGetShardIterator, member{"StreamName": "s", "ShardId": "0", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": "23"}, stringToTime},
		{"boolean for a timestamp", minikinesis.OpGetShardIterator, member{"StreamName": "s", "ShardId": "0", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": true}, booleanToTime},
		{"list for a timestamp", minikinesis.OpGetShardIterator, member{"StreamName": "s", "ShardId": "0", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": []any{}}, listFound},
		{"object for a timestamp", minikinesis.OpGetShardIterator, member{"StreamName": "s", "ShardId": "0", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": member{}}, structureFound},
		{"string for a list", minikinesis.OpPutRecords, member{"StreamName": "s", "Records": "23"}, expectedList},
		{"boolean for a list", minikinesis.OpPutRecords, member{"StreamName": "s", "Records": true}, expectedList},
		{"double for a list", minikinesis.OpRemoveTagsFromStream, member{"StreamName": "s", "TagKeys": 34.56}, expectedList},
		{"object for a list", minikinesis.OpPutRecords, member{"StreamName": "s", "Records": member{}}, structureFound},
		{"integer in a list of strings", minikinesis.OpRemoveTagsFromStream, member{"StreamName": "s", "TagKeys": []any{5}}, numberToString},
		{"integer in a list of structures", minikinesis.OpPutRecords, member{"StreamName": "s", "Records": []any{5}}, expectedNull},
		{"integer in a structure in a list", minikinesis.OpPutRecords, member{"StreamName": "s", "Records": []any{member{"PartitionKey": 5, "Data": "eA=="}}}, numberToString},
		{"string for a map", minikinesis.OpAddTagsToStream, member{"StreamName": "s", "Tags": "23"}, expectedMap},
		{"integer for a map", minikinesis.OpAddTagsToStream, member{"StreamName": "s", "Tags": 23}, expectedMap},
		{"list for a map", minikinesis.OpAddTagsToStream, member{"StreamName": "s", "Tags": []any{}}, listFound},
		{"integer in a map of strings", minikinesis.OpAddTagsToStream, member{"StreamName": "s", "Tags": member{"k": 5}}, numberToString},
		{"string for a structure", minikinesis.OpCreateStream, member{"StreamName": "x", "StreamModeDetails": "23"}, expectedNull},
		{"integer for a structure", minikinesis.OpCreateStream, member{"StreamName": "x", "StreamModeDetails": 23}, expectedNull},
		{"list for a structure", minikinesis.OpCreateStream, member{"StreamName": "x", "StreamModeDetails": []any{}}, listFound},
	}
	for _, tc := range cases {
		for _, c := range []codec{jsonCodec{}, newCBORCodec()} {
			t.Run(tc.name+" in "+c.contentType(), func(t *testing.T) {
				t.Parallel()
				h, _ := wireServer(t)
				body, err := c.encode(tc.body)
				require.NoError(t, err)
				resp := post(t, h, c.contentType(), targetPrefix+tc.op, body)
				assert.Equal(t, http.StatusBadRequest, resp.status)
				assert.Equal(t, "SerializationException", resp.header.Get("x-amzn-ErrorType"))
				var got map[string]any
				require.NoError(t, decodeAny(c, resp.body, &got))
				assert.Equal(t, map[string]any{"__type": "SerializationException", "Message": tc.want}, got)
			})
		}
	}
}

// decodeAny decodes a response body with the encoding's reference library.
func decodeAny(c codec, body []byte, v any) error {
	if c.contentType() == contentTypeCBOR {
		return cbor.Unmarshal(body, v)
	}
	return json.Unmarshal(body, v)
}

// TestSerializationBodies: a body that is not an object is a
// SerializationException: null, true, a string or a number without a
// message, a list with AWS's text; bodies that do not parse alike.
func TestSerializationBodies(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	for body, want := range map[string]string{
		`null`:               `{"__type":"SerializationException"}`,
		`true`:               `{"__type":"SerializationException"}`,
		`"s"`:                `{"__type":"SerializationException"}`,
		`5`:                  `{"__type":"SerializationException"}`,
		`[]`:                 `{"__type":"SerializationException","Message":"Start of list found where not expected"}`,
		`[{}]`:               `{"__type":"SerializationException","Message":"Start of list found where not expected"}`,
		`{`:                  `{"__type":"SerializationException"}`,
		`{"Limit":01}`:       `{"__type":"SerializationException"}`,
		`{"Limit":1,}`:       `{"__type":"SerializationException"}`,
		`{'Limit':1}`:        `{"__type":"SerializationException"}`,
		`{} x`:               `{"__type":"SerializationException"}`,
		`NaN`:                `{"__type":"SerializationException"}`,
		`{"Limit":NaN}`:      `{"__type":"SerializationException"}`,
		`{"Limit":Infinity}`: `{"__type":"SerializationException"}`,
	} {
		resp := postJSON(t, h, minikinesis.OpListStreams, body)
		assert.Equal(t, http.StatusBadRequest, resp.status, body)
		assert.Equal(t, want, string(resp.body), body)
	}
	// Nesting deeper than AWS's parser takes is refused, not a crash.
	resp := postJSON(t, h, minikinesis.OpListStreams, `{"Extra":`+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)+`}`)
	assert.Equal(t, `{"__type":"SerializationException"}`, string(resp.body))
	// A CBOR list that claims more items than the body holds is refused
	// before anything is allocated for them.
	_, ok := parseCBOR([]byte{0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	assert.False(t, ok)

	// Unknown members are skipped whatever they hold, and a member given
	// twice takes its last value.
	resp = postJSON(t, h, minikinesis.OpListStreams, `{"Extra":[1e999,{"a":null}],"Limit":"x","Limit":1}`)
	assert.Equal(t, http.StatusOK, resp.status, string(resp.body))
	resp = postJSON(t, h, minikinesis.OpListStreams, `{"Limit":1,"Limit":"x"}`)
	assert.Equal(t, `{"__type":"SerializationException","Message":"`+stringToInteger+`"}`, string(resp.body))
}

// TestIntegerMembersSaturate: an integer member is read as AWS's Java
// service reads a number into an Integer, its fraction cut off and out of
// range saturated, so the model's own limits word it. AWS answers
// ShardCount 100000000000 with "Value '2147483647' at 'shardCount' ... less
// than or equal to 100000" (kinesalite's test/createStream.js).
func TestIntegerMembersSaturate(t *testing.T) {
	t.Parallel()
	tooMany := `{"__type":"ValidationException","message":"1 validation error detected: Value '2147483647' at 'shardCount' failed to satisfy constraint: Member must have value less than or equal to 100000"}`
	cases := []struct {
		name, op string
		body     map[string]any
		json     string // the same body in JSON, where CBOR cannot say it
		want     string
	}{
		{name: "ShardCount 10^11", op: minikinesis.OpCreateStream, body: map[string]any{"StreamName": "x", "ShardCount": 100000000000}, want: tooMany},
		{name: "ShardCount 2^31", op: minikinesis.OpCreateStream, body: map[string]any{"StreamName": "x", "ShardCount": 2147483648}, want: tooMany},
		{name: "ShardCount 2^63-1", op: minikinesis.OpCreateStream, body: map[string]any{"StreamName": "x", "ShardCount": uint64(1<<63 - 1)}, want: tooMany},
		{name: "ShardCount 2^64-1", op: minikinesis.OpCreateStream, body: map[string]any{"StreamName": "x", "ShardCount": uint64(1<<64 - 1)}, want: tooMany},
		{name: "ShardCount 1e300", op: minikinesis.OpCreateStream, body: map[string]any{"StreamName": "x", "ShardCount": 1e300}, want: tooMany},
		{name: "ShardCount 1e400", op: minikinesis.OpCreateStream, json: `{"StreamName":"x","ShardCount":1e400}`, want: tooMany},
		{name: "ShardCount -2^63", op: minikinesis.OpCreateStream, body: map[string]any{"StreamName": "x", "ShardCount": int64(-1 << 63)},
			want: `{"__type":"ValidationException","message":"1 validation error detected: Value '-2147483648' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{name: "Limit 0.5 is 0", op: minikinesis.OpGetRecords, body: map[string]any{"ShardIterator": "x", "Limit": 0.5},
			want: `{"__type":"ValidationException","message":"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{name: "Limit -1.5 is -1", op: minikinesis.OpListStreams, body: map[string]any{"Limit": -1.5},
			want: `{"__type":"ValidationException","message":"1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{name: "Limit 1e20", op: minikinesis.OpListStreams, body: map[string]any{"Limit": 1e20},
			want: `{"__type":"ValidationException","message":"1 validation error detected: Value '2147483647' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"}`},
	}
	for _, tc := range cases {
		for _, c := range []codec{jsonCodec{}, newCBORCodec()} {
			if tc.body == nil && c.contentType() == contentTypeCBOR {
				continue
			}
			t.Run(tc.name+" in "+c.contentType(), func(t *testing.T) {
				t.Parallel()
				h, _ := wireServer(t)
				body := []byte(tc.json)
				if tc.body != nil {
					var err error
					body, err = c.encode(tc.body)
					require.NoError(t, err)
				}
				resp := post(t, h, c.contentType(), targetPrefix+tc.op, body)
				assert.Equal(t, http.StatusBadRequest, resp.status)
				var want, got map[string]any
				require.NoError(t, json.Unmarshal([]byte(tc.want), &want))
				require.NoError(t, decodeAny(c, resp.body, &got))
				assert.Equal(t, want, got)
			})
		}
	}
	h, _ := wireServer(t)
	resp := postJSON(t, h, minikinesis.OpListStreams, `{"Limit":1.9}`)
	assert.Equal(t, http.StatusOK, resp.status, "1.9 is 1: %s", resp.body)
}

// TestInvalidUTF8IsRefused: a string member that is not valid UTF-8 — a
// raw byte that begins no character, an overlong encoding, a surrogate
// encoded in UTF-8, an escaped surrogate that is not half of a pair — is
// a SerializationException in JSON and in CBOR, on the hand-written path
// and on the generic one; nothing is stored with U+FFFD in its place, so
// two distinct keys never become one.
func TestInvalidUTF8IsRefused(t *testing.T) {
	t.Parallel()
	serialization := `{"__type":"SerializationException"}`
	keys := map[string]string{
		"raw 0xff":                 "\"a\xff\"",
		"raw 0xfe":                 "\"a\xfe\"",
		"overlong":                 "\"\xc0\xaf\"",
		"surrogate in UTF-8":       "\"\xed\xa0\x80\"",
		"truncated":                "\"a\xe2\x82\"",
		"lone high surrogate":      `"\ud800"`,
		"lone low surrogate":       `"\udc00"`,
		"high then a letter":       `"\ud800x"`,
		"high then not a low":      `"\ud800\u0041"`,
		"two highs":                `"\ud800\ud800"`,
		"low then high":            `"\udc00\ud800"`,
		"high at the end":          `"a\ud83d"`,
		"high, low of another key": `"\ud83d\\ude00"`,
	}
	for name, key := range keys {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t)
			for op, body := range map[string]string{
				minikinesis.OpPutRecords:     `{"StreamName":"s","Records":[{"PartitionKey":` + key + `,"Data":"eA=="}]}`,
				minikinesis.OpPutRecord:      `{"StreamName":"s","PartitionKey":` + key + `,"Data":"eA=="}`,
				minikinesis.OpDescribeStream: `{"StreamName":` + key + `}`,
			} {
				resp := postJSON(t, h, op, body)
				assert.Equal(t, http.StatusBadRequest, resp.status, op)
				assert.Equal(t, serialization, string(resp.body), op)
			}
			s, err := h.k.Stream("s")
			require.NoError(t, err)
			recs, err := s.ReadAll(t.Context())
			require.NoError(t, err)
			assert.Empty(t, recs, "nothing stored")
		})
	}

	// CBOR text strings likewise, on both paths.
	c := newCBORCodec()
	for name, bad := range map[string][]byte{"0xff": {'a', 0xff}, "overlong": {0xc0, 0xaf}, "surrogate": {0xed, 0xa0, 0x80}, "truncated": {'a', 0xe2, 0x82}} {
		text := append(seedHead(3, uint64(len(bad))), bad...)
		for _, call := range []struct {
			op   string
			body []byte
		}{
			{minikinesis.OpPutRecords, cat(seedHead(5, 2), seedText("StreamName"), seedText("s"), seedText("Records"), seedHead(4, 1), seedHead(5, 2), seedText("PartitionKey"), text, seedText("Data"), seedBlob("x"))},
			{minikinesis.OpPutRecords, cat(seedHead(5, 2), seedText("StreamName"), text, seedText("Records"), seedHead(4, 1), seedHead(5, 2), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"))},
			{minikinesis.OpDescribeStream, cat(seedHead(5, 1), seedText("StreamName"), text)},
			{minikinesis.OpPutRecord, cat(seedHead(5, 3), seedText("StreamName"), seedText("s"), seedText("PartitionKey"), text, seedText("Data"), seedBlob("x"))},
		} {
			op, body := call.op, call.body
			h, _ := wireServer(t)
			resp := post(t, h, contentTypeCBOR, targetPrefix+op, body)
			assert.Equal(t, http.StatusBadRequest, resp.status, "%s %s", name, op)
			var got map[string]any
			require.NoError(t, cbor.Unmarshal(resp.body, &got))
			assert.Equal(t, map[string]any{"__type": "SerializationException"}, got, "%s %s", name, op)
		}
		_, ok := freshPutRecords(c, cat(seedHead(5, 2), seedText("StreamName"), text, seedText("Records"), seedHead(4, 1), seedHead(5, 2), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x")))
		assert.False(t, ok, "the hand-written CBOR decoder leaves a stream name that is not UTF-8 to the generic one")
	}

	// Escaped pairs, escaped backslashes and valid UTF-8 are taken.
	h, _ := wireServer(t)
	for _, key := range []string{`"\ud83d\ude00"`, `"\\ud800"`, `"é😀"`, `"\u00e9"`} {
		resp := postJSON(t, h, minikinesis.OpPutRecord, `{"StreamName":"s","PartitionKey":`+key+`,"Data":"eA=="}`)
		assert.Equal(t, http.StatusOK, resp.status, "%s: %s", key, resp.body)
	}
	s, err := h.k.Stream("s")
	require.NoError(t, err)
	recs, err := s.ReadAll(t.Context())
	require.NoError(t, err)
	var stored []string
	for _, r := range recs {
		stored = append(stored, r.PartitionKey)
	}
	assert.ElementsMatch(t, []string{"😀", `\ud800`, "é😀", "é"}, stored)
	assert.False(t, strings.ContainsRune(strings.Join(stored, ""), '\uFFFD'))
}
