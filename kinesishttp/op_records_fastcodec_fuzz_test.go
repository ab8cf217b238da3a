package kinesishttp

import (
	"bytes"
	"context"
	"encoding/binary"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzFastCodecs is a differential test of the hand-written PutRecords and
// GetRecords codecs: every body goes to a handler that uses them and to
// one that has only the generic codecs, and both must answer alike — the
// same status and headers, the same error code and message, the same
// decoded response, the same records stored.
//
// call picks the request: 0 PutRecords in JSON, 1 in CBOR, 2 GetRecords in
// JSON, 3 in CBOR, 4 PutRecord in JSON, 5 in CBOR (bit 4 set: PutRecord). In a GetRecords body, the string "@IT@" stands for a
// valid shard iterator (iterators are sealed with a key of each model's
// own, so no seed could hold one); key and data are a record stored
// before it is read, so the response encoders meet every kind of
// partition key and data.
func FuzzFastCodecs(f *testing.F) {
	for _, s := range fastCodecSeeds() {
		f.Add(s.call, s.body, s.key, []byte(s.data))
	}
	f.Fuzz(func(t *testing.T, call uint8, body []byte, key string, data []byte) {
		useCBOR := call&1 == 1
		if call&4 != 0 {
			comparePutRecord(t, useCBOR, body)
			return
		}
		if call&2 == 0 {
			comparePutRecords(t, useCBOR, body)
			return
		}
		if !utf8.ValidString(key) {
			// Known and left so (issue 10, invalid UTF-8): a key stored
			// over the wire is always valid UTF-8, one stored through the
			// Go API need not be, and the two CBOR encoders then disagree
			// (the hand-written one replaces the bad bytes, the generic one
			// sends them as they are).
			t.Logf("excluded: issue 10: a stored partition key that is not valid UTF-8")
			return
		}
		compareGetRecords(t, useCBOR, body, key, data)
	})
}

// fuzzModel is a model with a stream "s" of two shards and its clock
// frozen, so two of them given the same calls answer the same.
func fuzzModel(t *testing.T) *minikinesis.Kinesis {
	t.Helper()
	h, _ := wireServer(t, minikinesis.WithoutReadThrottling())
	return h.Kinesis()
}

// genericOnly is a codec without the hand-written paths: a Handler given
// it answers everything the generic way.
type genericOnly struct{ codec }

// genericHandler serves k with the generic codecs alone.
func genericHandler(k *minikinesis.Kinesis) *Handler {
	h := NewHandler(k)
	h.json, h.cbor = genericOnly{h.json}, genericOnly{h.cbor}
	return h
}

func comparePutRecords(t *testing.T, useCBOR bool, body []byte) {
	fastModel, genericModel := fuzzModel(t), fuzzModel(t)
	c := fuzzCodec(useCBOR)
	fast := post(t, NewHandler(fastModel), c.contentType(), targetPrefix+minikinesis.OpPutRecords, body)
	generic := post(t, genericHandler(genericModel), c.contentType(), targetPrefix+minikinesis.OpPutRecords, body)
	if !sameAnswer(t, c, fast, generic, func(*putRecordsOut) {}) {
		return
	}
	assertSameStored(t, fastModel, genericModel, body)
}

func comparePutRecord(t *testing.T, useCBOR bool, body []byte) {
	fastModel, genericModel := fuzzModel(t), fuzzModel(t)
	c := fuzzCodec(useCBOR)
	fast := post(t, NewHandler(fastModel), c.contentType(), targetPrefix+minikinesis.OpPutRecord, body)
	generic := post(t, genericHandler(genericModel), c.contentType(), targetPrefix+minikinesis.OpPutRecord, body)
	if !sameAnswer(t, c, fast, generic, func(*putRecordOut) {}) {
		return
	}
	assertSameStored(t, fastModel, genericModel, body)
}

func compareGetRecords(t *testing.T, useCBOR bool, body []byte, key string, data []byte) {
	k := fuzzModel(t)
	s, err := k.Stream("s")
	require.NoError(t, err)
	for _, in := range []*minikinesis.PutRecordInput{
		{PartitionKey: "first", ExplicitHashKey: "0", Data: []byte("one")},
		{PartitionKey: key, ExplicitHashKey: "0", Data: data},
	} {
		// A key or data the model refuses is simply not there to read.
		_, _ = s.PutRecord(context.Background(), in)
	}
	it, err := k.GetShardIterator(context.Background(), &minikinesis.GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	c := fuzzCodec(useCBOR)
	body = withIterator(useCBOR, body, it.ShardIterator)
	// One model for both: reading changes nothing, and the iterator is
	// sealed with this model's key.
	fast := post(t, NewHandler(k), c.contentType(), targetPrefix+minikinesis.OpGetRecords, body)
	generic := post(t, genericHandler(k), c.contentType(), targetPrefix+minikinesis.OpGetRecords, body)
	sameAnswer(t, c, fast, generic, func(out *getRecordsOut) {
		if out.NextShardIterator != nil { // each answer seals a fresh one
			out.NextShardIterator = ptr("next")
		}
	})
}

// sameAnswer checks two answers agree: status, content type, error type
// header, and the body decoded into an Out (after normalize) or, for an
// error, its code and message. It reports whether both succeeded.
func sameAnswer[Out any](t *testing.T, c codec, fast, generic rawResponse, normalize func(*Out)) bool {
	t.Helper()
	require.Equal(t, generic.status, fast.status, "status: generic answered %s, fast %s", generic.body, fast.body)
	assert.Equal(t, generic.header.Get("Content-Type"), fast.header.Get("Content-Type"))
	assert.Equal(t, generic.header.Get("x-amzn-ErrorType"), fast.header.Get("x-amzn-ErrorType"))
	if generic.status != http.StatusOK {
		var want, got errorBody
		require.NoError(t, c.decode(generic.body, &want))
		require.NoError(t, c.decode(fast.body, &got))
		assert.Equal(t, want, got, "the errors differ")
		return false
	}
	want, got := new(Out), new(Out)
	require.NoError(t, c.decode(generic.body, want), "generic answer %q", generic.body)
	require.NoError(t, c.decode(fast.body, got), "fast answer %q", fast.body)
	normalize(want)
	normalize(got)
	assert.Equal(t, want, got, "the responses differ")
	return true
}

func fuzzCodec(useCBOR bool) codec {
	if useCBOR {
		return newCBORCodec()
	}
	return jsonCodec{}
}

// iteratorMark stands for the shard iterator in GetRecords seeds.
const iteratorMark = "@IT@"

// withIterator puts iterator where the body holds iteratorMark: as JSON
// text, or as a CBOR text string (whose head grows with it).
func withIterator(useCBOR bool, body []byte, iterator string) []byte {
	if !useCBOR {
		return bytes.ReplaceAll(body, []byte(iteratorMark), []byte(iterator))
	}
	mark := append([]byte{0x60 | byte(len(iteratorMark))}, iteratorMark...)
	text := binary.BigEndian.AppendUint16([]byte{0x79}, uint16(len(iterator)))
	return bytes.ReplaceAll(body, mark, append(text, iterator...))
}

// fastCodecSeed is one seed of FuzzFastCodecs.
type fastCodecSeed struct {
	call      uint8
	body      []byte
	key, data string
}

// fastCodecSeeds is the seed corpus: bodies the hand-written decoders take
// and bodies they must hand to the generic path, in JSON and CBOR.
func fastCodecSeeds() []fastCodecSeed {
	var seeds []fastCodecSeed
	putJSON := []string{
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":"0"},{"PartitionKey":"b","Data":""}]}`,
		// escapes
		`{"StreamName":"s","Records":[{"PartitionKey":"a\u00e9","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a\/b","Data":"eA=="}]}`,
		`{"StreamName":"\u0073","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA\u003d\u003d"}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\"<&>\"","Data":"eA=="}]}`,
		// duplicate members
		`{"StreamName":"t","StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","PartitionKey":"b","Data":"eA==","Data":"eQ=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":"0","ExplicitHashKey":null}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA=="}],"Records":[{"PartitionKey":"b","Data":"eQ=="}]}`,
		// unknown members
		`{"StreamName":"s","Extra":1,"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","Extra":{"x":[1]}}]}`,
		// wrong types
		`{"StreamName":"s","Records":"x"}`,
		`{"StreamName":"s","Records":5}`,
		`{"StreamName":"s","Records":[5]}`,
		`{"StreamName":5,"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":5,"Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":true}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":0}]}`,
		`{"StreamName":[],"Records":[]}`,
		// null members
		`{"StreamName":null,"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":null}`,
		`{"StreamName":"s","Records":[{"PartitionKey":null,"Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":null}]}`,
		`{"StreamName":"s","Records":[null]}`,
		`null`,
		// absent members
		`{"StreamName":"s"}`,
		`{"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"Data":"eA=="},{"PartitionKey":"b"}]}`,
		`{}`,
		// bad base64
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"!!!!"}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"e A=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA\r\n=="}]}`,
		"{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"a\",\"Data\":\"eA\r\n==\"}]}",
		// huge numbers
		`{"StreamName":"s","Extra":1e999,"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":123456789012345678901234567890,"Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":"340282366920938463463374607431768211456"}]}`,
		// empty lists and objects
		`{"StreamName":"s","Records":[]}`,
		`{"StreamName":"s","Records":[{}]}`,
		`[]`,
		// nested garbage
		`{"StreamName":"s","Records":[[[[{}]]]]}`,
		`{"StreamName":{"a":{"b":[1,{"c":null}]}},"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA=="}]}}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA=="},]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA=="}`,
		// white space, control characters, limits
		" {\n\t\"StreamName\" : \"s\" ,\r\n \"Records\" : [ { \"PartitionKey\" : \"a\" , \"Data\" : \"eA==\" } ] } ",
		"{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"a\x01\",\"Data\":\"eA==\"}]}",
		`{"StreamName":"s","Records":[{"PartitionKey":"","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"` + strings.Repeat("k", 257) + `","Data":"eA=="}]}`,
		`{"StreamName":"nope","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"bad name!","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		// not UTF-8
		"{\"StreamName\":\"s\xff\",\"Records\":[{\"PartitionKey\":\"a\",\"Data\":\"eA==\"}]}",
		"{\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\xc3\",\"Records\":[{\"PartitionKey\":\"a\",\"Data\":\"eA==\"}]}",
		"{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"a\xff\",\"Data\":\"eA==\",\"ExplicitHashKey\":\"0\xe2\x82\"}]}",
		"{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"\xc0\xaf\",\"Data\":\"eA==\"}]}",     // overlong '/'
		"{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"\xed\xa0\x80\",\"Data\":\"eA==\"}]}", // a surrogate in UTF-8
		`{"StreamName":"s","Records":[{"PartitionKey":"\ud800","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\udc00","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\ud800x","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\ud800\u0041","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\ud800\ud800","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\ud83d\ude00","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"\\ud800","Data":"eA=="}]}`,
		`{"StreamName":"s\udfff","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		// empty members
		`{"StreamName":"","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamARN":"","Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":""}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":""}]}`,
		`{"StreamName":"s","StreamARN":null,"Records":[{"PartitionKey":"a","Data":"eA=="}]}`,
		// base64 AWS refuses
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eB=="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"=+/="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"+/+="}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"23456"}]}`,
		`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"===="}]}`,
	}
	for _, b := range putJSON {
		seeds = append(seeds, fastCodecSeed{call: 0, body: []byte(b)})
	}

	entry := func(key, data []byte) []byte {
		return cat(seedHead(5, 2), seedText("PartitionKey"), key, seedText("Data"), data)
	}
	put := func(members ...[]byte) []byte {
		return cat(append([][]byte{seedHead(5, uint64(len(members)/2))}, members...)...)
	}
	stream := seedText("StreamName")
	records := seedText("Records")
	list := func(entries ...[]byte) []byte {
		return cat(append([][]byte{seedHead(4, uint64(len(entries)))}, entries...)...)
	}
	good := entry(seedText("a"), seedBlob("x"))
	putCBOR := [][]byte{
		put(stream, seedText("s"), records, list(good)),
		put(stream, seedText("s"), records, list(good, entry(seedText("b"), seedBlob("")))),
		// the Java SDKs' indefinite-length maps
		cat([]byte{0xbf}, stream, seedText("s"), records, list(cat([]byte{0xbf}, seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), []byte{0xff})), []byte{0xff}),
		cat([]byte{0xbf}, stream, seedText("s"), records, []byte{0x9f}, good, []byte{0xff, 0xff}),
		// duplicate and unknown members
		put(stream, seedText("t"), stream, seedText("s"), records, list(good)),
		put(stream, seedText("s"), records, list(good), records, list(entry(seedText("b"), seedBlob("y")))),
		put(stream, seedText("s"), seedText("Extra"), seedHead(0, 1), records, list(good)),
		put(stream, seedText("s"), records, list(cat(seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), seedText("Extra"), seedHead(0, 1)))),
		// wrong types
		put(stream, seedText("s"), records, list(entry(seedText("a"), seedText("x")))),
		put(stream, seedText("s"), records, list(entry(seedBlob("a"), seedBlob("x")))),
		put(stream, seedHead(0, 5), records, list(good)),
		put(stream, seedText("s"), records, seedText("x")),
		put(stream, seedText("s"), records, list(seedHead(0, 5))),
		put(stream, seedText("s"), records, list(entry(seedText("a"), cat([]byte{0xc1}, seedHead(0, 5))))),
		put(stream, seedText("s"), records, list(entry(seedText("a"), []byte{0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0}))),
		// null members
		put(stream, []byte{0xf6}, records, list(good)),
		put(stream, seedText("s"), records, []byte{0xf6}),
		put(stream, seedText("s"), records, list(entry([]byte{0xf6}, seedBlob("x")))),
		put(stream, seedText("s"), records, list(cat(seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), seedText("ExplicitHashKey"), []byte{0xf6}))),
		put(stream, seedText("s"), records, list([]byte{0xf7})),
		// absent members
		put(stream, seedText("s")),
		put(stream, seedText("s"), records, list(cat(seedHead(5, 1), seedText("Data"), seedBlob("x")))),
		put(),
		// huge numbers, empty lists, nested garbage, trailing and missing bytes
		put(stream, seedText("s"), seedText("Extra"), []byte{0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, records, list(good)),
		put(stream, seedText("s"), records, cat(seedHead(4, 1<<32), good)),
		put(stream, seedText("s"), records, list()),
		put(stream, seedText("s"), records, list(list(list(put())))),
		cat(put(stream, seedText("s"), records, list(good)), []byte{0x00}),
		put(stream, seedText("s"), records, list(good))[:20],
		// strings of indefinite length, and text that is not UTF-8
		put(stream, seedText("s"), records, list(entry(cat([]byte{0x7f}, seedText("a"), []byte{0xff}), seedBlob("x")))),
		put(stream, cat(seedHead(3, 2), []byte{'s', 0xff}), records, list(good)),
		put(stream, seedText("s"), records, list(entry(cat(seedHead(3, 1), []byte{0xff}), seedBlob("x")))),
		put(stream, seedText("s"), records, list(entry(cat(seedHead(3, 2), []byte{0xc0, 0xaf}), seedBlob("x")))),
		put(stream, seedText("s"), records, list(entry(cat(seedHead(3, 3), []byte{0xed, 0xa0, 0x80}), seedBlob("x")))),
		// empty members, repeated entry members
		put(stream, seedText(""), records, list(good)),
		put(stream, seedText("s"), records, list(entry(seedText(""), seedBlob("x")))),
		put(stream, seedText("s"), records, list(entry(seedText("a"), seedBlob("")))),
		put(stream, seedText("s"), records, list(cat(seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), seedText("ExplicitHashKey"), seedText("")))),
		put(stream, seedText("s"), records, list(cat(seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), seedText("Data"), seedBlob("y")))),
		put(stream, seedText("s"), records, list(cat(seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("PartitionKey"), seedText("b"), seedText("Data"), seedBlob("x")))),
		// base64 text for a blob, as kinesalite takes it
		put(stream, seedText("s"), records, list(entry(seedText("a"), seedText("eA==")))),
	}
	for _, b := range putCBOR {
		seeds = append(seeds, fastCodecSeed{call: 1, body: b})
	}

	putOneJSON := []string{
		`{"StreamName":"s","PartitionKey":"a","Data":"eA=="}`,
		`{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","PartitionKey":"a","Data":"eA==","ExplicitHashKey":"0"}`,
		`{"StreamName":"s","StreamARN":null,"PartitionKey":"a","Data":"eA==","ExplicitHashKey":null,"SequenceNumberForOrdering":null}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eA==","SequenceNumberForOrdering":"1"}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eA==","SequenceNumberForOrdering":"49671111111111111111111111111111111111111111111111111111"}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eA==","SequenceNumberForOrdering":""}`,
		`{"StreamName":"s","PartitionKey":"a\u00e9","Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"a","PartitionKey":"b","Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eA==","Extra":1}`,
		`{"StreamName":"s","PartitionKey":5,"Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"a","Data":null}`,
		`{"StreamName":"s","PartitionKey":null,"Data":"eA=="}`,
		`{"StreamName":"s","Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"a"}`,
		`{"PartitionKey":"a","Data":"eA=="}`,
		`{"StreamName":"","PartitionKey":"a","Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"","Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"a","Data":""}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eB=="}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eA="}`,
		"{\"StreamName\":\"s\",\"PartitionKey\":\"a\",\"Data\":\"eA\r\n==\"}",
		"{\"StreamName\":\"s\",\"PartitionKey\":\"a\xff\",\"Data\":\"eA==\"}",
		`{"StreamName":"s","PartitionKey":"a","Data":"eA==","ExplicitHashKey":"340282366920938463463374607431768211456"}`,
		`{"StreamName":"nope","PartitionKey":"a","Data":"eA=="}`,
		`{"StreamName":"s","PartitionKey":"` + strings.Repeat("k", 257) + `","Data":"eA=="}`,
		" {\n\"StreamName\" : \"s\" , \"PartitionKey\" : \"a\" , \"Data\" : \"eA==\" } ",
		`{"StreamName":"s","PartitionKey":"a","Data":"eA=="}}`,
		`{"StreamName":"s","PartitionKey":"a","Data":"eA=="`,
		`[]`,
		`{}`,
	}
	for _, b := range putOneJSON {
		seeds = append(seeds, fastCodecSeed{call: 4, body: []byte(b)})
	}
	one := func(members ...[]byte) []byte { return put(members...) }
	key, data := seedText("PartitionKey"), seedText("Data")
	putOneCBOR := [][]byte{
		one(stream, seedText("s"), key, seedText("a"), data, seedBlob("x")),
		one(stream, seedText("s"), key, seedText("a"), data, seedBlob("x"), seedText("ExplicitHashKey"), seedText("0")),
		one(stream, seedText("s"), key, seedText("a"), data, seedBlob("x"), seedText("SequenceNumberForOrdering"), []byte{cborNull}),
		cat([]byte{0xbf}, stream, seedText("s"), key, seedText("a"), data, seedBlob("x"), []byte{0xff}),
		one(stream, seedText("s"), key, seedText("a"), data, seedText("eA==")),
		one(stream, seedText("s"), key, seedText("a"), data, seedBlob("")),
		one(stream, seedText("s"), key, seedText(""), data, seedBlob("x")),
		one(stream, seedText("s"), key, seedBlob("a"), data, seedBlob("x")),
		one(stream, seedText("s"), key, cat(seedHead(3, 1), []byte{0xff}), data, seedBlob("x")),
		one(stream, seedText("s"), key, seedText("a"), data, seedBlob("x"), key, seedText("b")),
		one(stream, seedText("s"), key, seedText("a")),
		one(key, seedText("a"), data, seedBlob("x")),
		cat(one(stream, seedText("s"), key, seedText("a"), data, seedBlob("x")), []byte{0}),
	}
	for _, b := range putOneCBOR {
		seeds = append(seeds, fastCodecSeed{call: 5, body: b})
	}

	getJSON := []string{
		`{"ShardIterator":"@IT@"}`,
		`{"ShardIterator":"@IT@","Limit":1}`,
		`{"ShardIterator":"@IT@","Limit":0}`,
		`{"ShardIterator":"@IT@","Limit":-1}`,
		`{"ShardIterator":"@IT@","Limit":1e3}`,
		`{"ShardIterator":"@IT@","Limit":99999999999999999999}`,
		`{"ShardIterator":"@IT@","Limit":"5"}`,
		`{"ShardIterator":"@IT@","Limit":null}`,
		`{"ShardIterator":"@IT@","Limit":1.5}`,
		`{"ShardIterator":"@IT@","StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s"}`,
		`{"ShardIterator":"@IT@","Extra":[{}]}`,
		`{"ShardIterator":"garbage","ShardIterator":"@IT@"}`,
		`{"ShardIterator":null}`,
		`{"ShardIterator":"\u0040IT@"}`,
		`{"ShardIterator":5}`,
		`{}`,
	}
	keys := []struct{ key, data string }{{"k", "data"}, {"a\"b\\c\n\t\u0001", ""}, {"<&>\u2028ключ", "\x00\xff"}, {strings.Repeat("k", 256), strings.Repeat("x", 1000)}}
	for i, b := range getJSON {
		kd := keys[i%len(keys)]
		seeds = append(seeds, fastCodecSeed{call: 2, body: []byte(b), key: kd.key, data: kd.data})
	}
	it := seedText(iteratorMark)
	get := func(members ...[]byte) []byte { return put(members...) }
	shardIterator := seedText("ShardIterator")
	limit := seedText("Limit")
	getCBOR := [][]byte{
		get(shardIterator, it),
		get(shardIterator, it, limit, seedHead(0, 1)),
		get(shardIterator, it, limit, seedHead(0, 0)),
		get(shardIterator, it, limit, seedHead(1, 0)),
		get(shardIterator, it, limit, []byte{0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}),
		get(shardIterator, it, limit, seedText("5")),
		get(shardIterator, it, limit, []byte{0xf6}),
		get(shardIterator, it, limit, []byte{0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0}),
		cat([]byte{0xbf}, shardIterator, it, []byte{0xff}),
		get(shardIterator, seedBlob("x")),
		get(),
	}
	for i, b := range getCBOR {
		kd := keys[i%len(keys)]
		seeds = append(seeds, fastCodecSeed{call: 3, body: b, key: kd.key, data: kd.data})
	}
	return seeds
}

// seedHead is a CBOR item head.
func seedHead(major byte, n uint64) []byte { return cborWriter(nil).head(major, n) }

func seedText(s string) []byte   { return append(seedHead(3, uint64(len(s))), s...) }
func seedBlob(s string) []byte   { return append(seedHead(2, uint64(len(s))), s...) }
func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// assertSameStored checks that the fast and the generic path stored the
// same records from body.
func assertSameStored(t *testing.T, fastModel, genericModel *minikinesis.Kinesis, body []byte) {
	fastStored, err := fastModel.Stream("s")
	require.NoError(t, err)
	genericStored, err := genericModel.Stream("s")
	require.NoError(t, err)
	want, err := genericStored.ReadAll(context.Background())
	require.NoError(t, err)
	got, err := fastStored.ReadAll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, want, got, "the records stored differ for %q", body)
}
