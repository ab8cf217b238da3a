package kinesishttp

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFastPutRecordDecoders: the hand-written PutRecord decoders read a
// plain body, nulls where a member may be left out, and decline what the
// PutRecords ones decline, leaving it to the generic decoder.
func TestFastPutRecordDecoders(t *testing.T) {
	t.Parallel()
	in, ok := jsonCodec{}.decodePutRecord([]byte(`{"StreamName":"s","PartitionKey":"k","Data":"aGk=","ExplicitHashKey":"7","SequenceNumberForOrdering":"12"}`))
	require.True(t, ok, "a plain JSON body is taken")
	assert.Equal(t, minikinesis.PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("hi"), ExplicitHashKey: "7", SequenceNumberForOrdering: "12"}, *in)
	in, ok = jsonCodec{}.decodePutRecord([]byte(`{"StreamARN":"arn","StreamName":null,"PartitionKey":"k","Data":"aGk=","ExplicitHashKey":null}`))
	require.True(t, ok, "nulls where members may be left out are taken")
	assert.Equal(t, minikinesis.PutRecordInput{StreamARN: "arn", PartitionKey: "k", Data: []byte("hi")}, *in)
	in, ok = newCBORCodec().decodePutRecord(cat(seedHead(5, 3), seedText("StreamName"), seedText("s"), seedText("PartitionKey"), seedText("k"), seedText("Data"), seedBlob("hi")))
	require.True(t, ok, "a plain CBOR body is taken")
	assert.Equal(t, minikinesis.PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("hi")}, *in)

	for name, body := range map[string]string{
		"PartitionKey twice":              `{"StreamName":"s","PartitionKey":"a","PartitionKey":"b","Data":"aGk="}`,
		"empty PartitionKey":              `{"StreamName":"s","PartitionKey":"","Data":"aGk="}`,
		"empty Data":                      `{"StreamName":"s","PartitionKey":"k","Data":""}`,
		"empty SequenceNumberForOrdering": `{"StreamName":"s","PartitionKey":"k","Data":"aGk=","SequenceNumberForOrdering":""}`,
		"null Data":                       `{"StreamName":"s","PartitionKey":"k","Data":null}`,
		"null PartitionKey":               `{"StreamName":"s","PartitionKey":null,"Data":"aGk="}`,
		"no Data":                         `{"StreamName":"s","PartitionKey":"k"}`,
		"no stream":                       `{"PartitionKey":"k","Data":"aGk="}`,
		"unknown member":                  `{"StreamName":"s","PartitionKey":"k","Data":"aGk=","Extra":1}`,
		"escape":                          `{"StreamName":"s","PartitionKey":"\u006b","Data":"aGk="}`,
		"not UTF-8":                       "{\"StreamName\":\"s\",\"PartitionKey\":\"k\xff\",\"Data\":\"aGk=\"}",
		"spare bits":                      `{"StreamName":"s","PartitionKey":"k","Data":"eB=="}`,
		"trailing bytes":                  `{"StreamName":"s","PartitionKey":"k","Data":"aGk="}x`,
	} {
		_, ok := jsonCodec{}.decodePutRecord([]byte(body))
		assert.False(t, ok, "JSON: %s", name)
	}
	for name, body := range map[string][]byte{
		"base64 text for Data": cat(seedHead(5, 3), seedText("StreamName"), seedText("s"), seedText("PartitionKey"), seedText("k"), seedText("Data"), seedText("aGk=")),
		"empty Data":           cat(seedHead(5, 3), seedText("StreamName"), seedText("s"), seedText("PartitionKey"), seedText("k"), seedText("Data"), seedBlob("")),
		"no stream":            cat(seedHead(5, 2), seedText("PartitionKey"), seedText("k"), seedText("Data"), seedBlob("hi")),
	} {
		_, ok := newCBORCodec().decodePutRecord(body)
		assert.False(t, ok, "CBOR: %s", name)
	}
}

// oneByteReader hands out its bytes one Read at a time, as a slow socket
// might.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) { return o.r.Read(p[:min(len(p), 1)]) }

func TestReadBody(t *testing.T) {
	t.Parallel()
	payload := []byte(strings.Repeat("body", 3000))
	tests := map[string]struct {
		r             io.Reader
		length        int64
		want          []byte
		wantRecycled  bool
		wantErrReturn bool
	}{
		"sized":                      {r: bytes.NewReader(payload), length: int64(len(payload)), want: payload, wantRecycled: true},
		"sized, read in pieces":      {r: oneByteReader{bytes.NewReader(payload)}, length: int64(len(payload)), want: payload, wantRecycled: true},
		"unknown length":             {r: bytes.NewReader(payload), length: -1, want: payload},
		"longer than Content-Length": {r: bytes.NewReader(payload), length: 10, want: payload},
		"shorter than its length":    {r: bytes.NewReader(payload[:10]), length: 20, wantErrReturn: true},
		"over the limit":             {r: bytes.NewReader(payload), length: 1 << 30, want: payload},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			body, buf, err := readBody(tt.r, tt.length, DefaultMaxBodyBytes)
			defer buf.release()
			if tt.wantErrReturn {
				require.Error(t, err)
				assert.Nil(t, buf)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, body)
			assert.Equal(t, tt.wantRecycled, buf != nil)
			if tt.wantRecycled {
				assert.GreaterOrEqual(t, int64(cap(spare(body))), decodeRoom(tt.length), "room to decode into")
			}
		})
	}
}

func TestRequestBufferClasses(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 4096, 4097, 100_000, 16 << 20, 32 << 20} {
		rb := getRequestBuffer(n)
		assert.GreaterOrEqual(t, len(rb.b), n)
		assert.Less(t, len(rb.b), max(2*n, 1<<minBufferShift+1), "a power of two at most twice the size")
		rb.release()
	}
	huge := getRequestBuffer(32<<20 + 1)
	assert.Equal(t, -1, huge.class, "too large to keep")
	huge.release()
}

// TestRecycledBuffersKeepStoredRecordsIntact: bodies, decoded data and
// responses reuse memory from request to request; what the model stored
// from each request stays as it was sent.
func TestRecycledBuffersKeepStoredRecordsIntact(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t, minikinesis.WithoutWriteThrottling())
	var want [][]byte
	for i := range 40 {
		data := bytes.Repeat([]byte{byte(i)}, 100+i*37)
		want = append(want, data)
		encoded := base64.StdEncoding.EncodeToString(data)
		var res rawResponse
		if i%2 == 0 {
			res = post(t, h, contentTypeJSON, targetPrefix+minikinesis.OpPutRecord,
				[]byte(`{"StreamName":"s","PartitionKey":"k","ExplicitHashKey":"0","Data":"`+encoded+`"}`))
		} else {
			res = post(t, h, contentTypeJSON, targetPrefix+minikinesis.OpPutRecords,
				[]byte(`{"StreamName":"s","Records":[{"PartitionKey":"k","ExplicitHashKey":"0","Data":"`+encoded+`"}]}`))
		}
		require.Equal(t, http.StatusOK, res.status, "%s", res.body)
	}
	s, err := h.Kinesis().Stream("s")
	require.NoError(t, err)
	got, err := s.ReadAll(context.Background())
	require.NoError(t, err)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i], got[i].Data, "record %d", i)
	}
}

// TestFastResponseSizes: the sizes the hand-written encoders are given
// hold their responses, in both codecs, for keys and messages that need
// no escaping.
func TestFastResponseSizes(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t, minikinesis.WithoutWriteThrottling(), minikinesis.WithoutReadThrottling())
	k := h.Kinesis()
	ctx := context.Background()
	var entries []minikinesis.PutRecordsRequestEntry
	for i := range 500 {
		entries = append(entries, minikinesis.PutRecordsRequestEntry{PartitionKey: fmt.Sprint("key-", i), Data: make([]byte, i%7*50)})
	}
	put, err := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "s", Records: entries})
	require.NoError(t, err)
	failed := &minikinesis.PutRecordsOutput{FailedRecordCount: 1, Records: []minikinesis.PutRecordsResultEntry{{
		ErrorCode: minikinesis.ErrorCodeProvisionedThroughputExceeded, ErrorMessage: strings.Repeat("m", 300)}}}
	one, err := k.PutRecord(ctx, &minikinesis.PutRecordInput{StreamName: "s", PartitionKey: "k", Data: []byte("x")})
	require.NoError(t, err)
	it, err := k.GetShardIterator(ctx, &minikinesis.GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	read, err := k.GetRecords(ctx, &minikinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.NotEmpty(t, read.Records)
	empty := &minikinesis.GetRecordsOutput{NextShardIterator: it.ShardIterator}

	for name, c := range map[string]fastCodec{"JSON": jsonCodec{}, "CBOR": newCBORCodec()} {
		for _, tt := range []struct {
			what string
			fast *fastPath
			out  any
		}{
			{"PutRecords", putRecordsFast(), put},
			{"PutRecords, failed", putRecordsFast(), failed},
			{"PutRecord", putRecordFast(), one},
			{"GetRecords", getRecordsFast(), read},
			{"GetRecords, no records", getRecordsFast(), empty},
		} {
			encoded := tt.fast.encode(c, nil, tt.out)
			assert.LessOrEqual(t, len(encoded), tt.fast.size(tt.out), "%s %s", name, tt.what)
		}
	}
}

// TestResponsesCarryContentLength: answers are sized, not chunked, over a
// real connection: large hand-encoded ones, generic ones and errors.
func TestResponsesCarryContentLength(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t, minikinesis.WithoutWriteThrottling())
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	records := make([]string, 500)
	for i := range records {
		records[i] = `{"PartitionKey":"k` + fmt.Sprint(i) + `","Data":"` + base64.StdEncoding.EncodeToString(make([]byte, 100)) + `"}`
	}
	for name, req := range map[string]struct{ op, body string }{
		"PutRecords": {minikinesis.OpPutRecords, `{"StreamName":"s","Records":[` + strings.Join(records, ",") + `]}`},
		"PutRecord":  {minikinesis.OpPutRecord, `{"StreamName":"s","PartitionKey":"k","Data":"eA=="}`},
		"generic":    {minikinesis.OpListShards, `{"StreamName":"s"}`},
		"error":      {minikinesis.OpDescribeStream, `{"StreamName":"nope"}`},
	} {
		r, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(req.body))
		require.NoError(t, err)
		r.Header.Set("Content-Type", contentTypeJSON)
		r.Header.Set("X-Amz-Target", targetPrefix+req.op)
		resp, err := srv.Client().Do(withCredentials(r))
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Empty(t, resp.TransferEncoding, "%s: not chunked", name)
		assert.Equal(t, int64(len(body)), resp.ContentLength, "%s", name)
		assert.NotEmpty(t, resp.Header.Get("x-amzn-RequestId"), name)
	}
}

func TestRequestIDsAreUUIDs(t *testing.T) {
	t.Parallel()
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := newRequestID()
		require.Regexp(t, uuid, id)
		require.False(t, seen[id], "request IDs repeat: %s", id)
		seen[id] = true
	}
}

// TestRequestLogIsSkippedBelowItsLevel: a logger that drops Info lines
// gets no request line for a success, and still one for a failure.
func TestRequestLogIsSkippedBelowItsLevel(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer // the handler is called from this goroutine alone
	h, _ := wireServer(t)
	h.logger = slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelWarn}))
	post(t, h, contentTypeJSON, targetPrefix+minikinesis.OpListStreams, []byte(`{}`))
	post(t, h, contentTypeJSON, targetPrefix+minikinesis.OpDescribeStream, []byte(`{"StreamName":"nope"}`))
	log := out.String()
	assert.NotContains(t, log, "operation=ListStreams")
	assert.Contains(t, log, "level=WARN msg=request operation=DescribeStream status=400 duration=")
}
