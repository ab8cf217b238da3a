package kinesishttp

import (
	"context"
	"net/http"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFastDecodersDecline: the hand-written PutRecords decoders take only
// bodies the generic decoder reads alike, and hand it the rest: a member
// given twice (the generic decoder keeps the last), a member given empty,
// Records [] and no stream at all (the generic path reports them through
// the model as present but empty, or absent), a null where the member may
// not be left out, text that is not UTF-8 and base64 with spare bits set.
func TestFastDecodersDecline(t *testing.T) {
	t.Parallel()
	good := `{"PartitionKey":"a","Data":"eA=="}`
	taken := `{"StreamName":"s","Records":[` + good + `,{"PartitionKey":"b","Data":"eQ==","ExplicitHashKey":"0"}]}`
	_, ok := freshPutRecords(jsonCodec{}, []byte(taken))
	require.True(t, ok, "a plain body is taken")
	// A null where the member may be left out is as if it were, to the
	// generic decoder too.
	in, ok := freshPutRecords(jsonCodec{}, []byte(`{"StreamName":"s","StreamARN":null,"Records":[`+good+`]}`))
	require.True(t, ok, "a null StreamARN beside a StreamName is taken")
	assert.Equal(t, "s", in.StreamName)
	in, ok = freshPutRecords(jsonCodec{}, []byte(`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":null}]}`))
	require.True(t, ok, "a null ExplicitHashKey is taken")
	assert.Empty(t, in.Records[0].ExplicitHashKey)
	in, ok = freshPutRecords(newCBORCodec(), cat(seedHead(5, 2), seedText("StreamName"), seedText("s"), seedText("Records"), seedHead(4, 1),
		seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), seedText("ExplicitHashKey"), []byte{cborNull}))
	require.True(t, ok, "a null ExplicitHashKey is taken in CBOR")
	assert.Empty(t, in.Records[0].ExplicitHashKey)
	for name, body := range map[string]string{
		"Records twice":                    `{"StreamName":"s","Records":[` + good + `],"Records":[` + good + `]}`,
		"StreamName twice":                 `{"StreamName":"t","StreamName":"s","Records":[` + good + `]}`,
		"StreamARN twice":                  `{"StreamARN":"a","StreamARN":"b","Records":[` + good + `]}`,
		"PartitionKey twice":               `{"StreamName":"s","Records":[{"PartitionKey":"a","PartitionKey":"b","Data":"eA=="}]}`,
		"Data twice":                       `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","Data":"eQ=="}]}`,
		"ExplicitHashKey twice":            `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":"0","ExplicitHashKey":"1"}]}`,
		"empty StreamName":                 `{"StreamName":"","Records":[` + good + `]}`,
		"empty StreamARN":                  `{"StreamARN":"","Records":[` + good + `]}`,
		"empty PartitionKey":               `{"StreamName":"s","Records":[{"PartitionKey":"","Data":"eA=="}]}`,
		"empty Data":                       `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":""}]}`,
		"empty ExplicitHashKey":            `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eA==","ExplicitHashKey":""}]}`,
		"null StreamName alone":            `{"StreamName":null,"Records":[` + good + `]}`,
		"null StreamName, empty StreamARN": `{"StreamName":null,"StreamARN":"","Records":[` + good + `]}`,
		"null PartitionKey":                `{"StreamName":"s","Records":[{"PartitionKey":null,"Data":"eA=="}]}`,
		"null Data":                        `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":null}]}`,
		"no stream":                        `{"Records":[` + good + `]}`,
		"null Records":                     `{"StreamName":"s","Records":null}`,
		"Records []":                       `{"StreamName":"s","Records":[]}`,
		"StreamName not UTF-8":             "{\"StreamName\":\"s\xff\",\"Records\":[" + good + "]}",
		"spare bits":                       `{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"eB=="}]}`,
	} {
		_, ok := freshPutRecords(jsonCodec{}, []byte(body))
		assert.False(t, ok, "JSON: %s", name)
	}

	entry := func(members ...[]byte) []byte {
		return cat(append([][]byte{seedHead(5, uint64(len(members)/2))}, members...)...)
	}
	goodEntry := entry(seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"))
	body := func(members ...[]byte) []byte { return entry(members...) }
	list := func(entries ...[]byte) []byte {
		return cat(append([][]byte{seedHead(4, uint64(len(entries)))}, entries...)...)
	}
	stream, records := seedText("StreamName"), seedText("Records")
	_, ok = freshPutRecords(newCBORCodec(), body(stream, seedText("s"), records, list(goodEntry)))
	require.True(t, ok, "a plain CBOR body is taken")
	for name, b := range map[string][]byte{
		"Records twice":                   body(stream, seedText("s"), records, list(goodEntry), records, list(goodEntry)),
		"StreamName twice":                body(stream, seedText("t"), stream, seedText("s"), records, list(goodEntry)),
		"PartitionKey twice":              body(stream, seedText("s"), records, list(entry(seedText("PartitionKey"), seedText("a"), seedText("PartitionKey"), seedText("b"), seedText("Data"), seedBlob("x")))),
		"Data twice":                      body(stream, seedText("s"), records, list(entry(seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("x"), seedText("Data"), seedBlob("y")))),
		"empty StreamName":                body(stream, seedText(""), records, list(goodEntry)),
		"empty PartitionKey":              body(stream, seedText("s"), records, list(entry(seedText("PartitionKey"), seedText(""), seedText("Data"), seedBlob("x")))),
		"empty Data":                      body(stream, seedText("s"), records, list(entry(seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("")))),
		"null StreamName":                 body(stream, []byte{cborNull}, records, list(goodEntry)),
		"null PartitionKey":               body(stream, seedText("s"), records, list(entry(seedText("PartitionKey"), []byte{cborNull}, seedText("Data"), seedBlob("x")))),
		"no stream":                       body(records, list(goodEntry)),
		"Records []":                      body(stream, seedText("s"), records, list()),
		"Records [] of indefinite length": body(stream, seedText("s"), records, []byte{0x9f, cborBreak}),
		"StreamName not UTF-8":            body(stream, cat(seedHead(3, 2), []byte{'s', 0xff}), records, list(goodEntry)),
	} {
		_, ok := freshPutRecords(newCBORCodec(), b)
		assert.False(t, ok, "CBOR: %s", name)
	}
}

// TestDuplicatedRecordsKeepTheLast: Records given twice stores the last
// list alone, in JSON and in CBOR, as the generic decoder reads it.
func TestDuplicatedRecordsKeepTheLast(t *testing.T) {
	t.Parallel()
	bodies := map[string][]byte{
		contentTypeJSON: []byte(`{"StreamName":"s","Records":[{"PartitionKey":"a","Data":"Zmlyc3Q=","ExplicitHashKey":"0"}],"Records":[{"PartitionKey":"b","Data":"bGFzdA==","ExplicitHashKey":"0"}]}`),
		contentTypeCBOR: cat(seedHead(5, 3), seedText("StreamName"), seedText("s"),
			seedText("Records"), seedHead(4, 1), seedHead(5, 3), seedText("PartitionKey"), seedText("a"), seedText("Data"), seedBlob("first"), seedText("ExplicitHashKey"), seedText("0"),
			seedText("Records"), seedHead(4, 1), seedHead(5, 3), seedText("PartitionKey"), seedText("b"), seedText("Data"), seedBlob("last"), seedText("ExplicitHashKey"), seedText("0")),
	}
	for contentType, body := range bodies {
		h, _ := wireServer(t)
		resp := post(t, h, contentType, targetPrefix+minikinesis.OpPutRecords, body)
		require.Equal(t, http.StatusOK, resp.status, string(resp.body))
		s, err := h.k.Stream("s")
		require.NoError(t, err)
		recs, err := s.ReadAll(context.Background())
		require.NoError(t, err)
		require.Len(t, recs, 1, contentType)
		assert.Equal(t, "b", recs[0].PartitionKey, contentType)
		assert.Equal(t, []byte("last"), recs[0].Data, contentType)
	}
}

// freshPutRecords decodes a PutRecords body into a new input.
func freshPutRecords(c fastCodec, body []byte) (*minikinesis.PutRecordsInput, bool) {
	in := new(minikinesis.PutRecordsInput)
	ok := c.decodePutRecords(body, in)
	return in, ok
}
