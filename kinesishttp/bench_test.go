package kinesishttp

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
)

// benchHandler returns a handler over a 4-shard stream "bench" with
// throttling off and a frozen clock.
func benchHandler(b *testing.B) (*Handler, *minikinesis.ManualClock) {
	b.Helper()
	clock := minikinesis.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	k := minikinesis.New(minikinesis.WithClock(clock), minikinesis.WithoutWriteThrottling(), minikinesis.WithoutReadThrottling())
	if err := k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "bench", ShardCount: 4}); err != nil {
		b.Fatal(err)
	}
	return NewHandler(k), clock
}

func putRecordsBody(c codec, n, size int) []byte {
	in := putRecordsIn{StreamName: ptr("bench"), Records: make([]putRecordsEntryIn, n)}
	data := bytes.Repeat([]byte{'x'}, size)
	for i := range in.Records {
		in.Records[i] = putRecordsEntryIn{PartitionKey: ptr("partition-" + strconv.Itoa(i)), Data: data}
	}
	body, err := c.encode(in)
	if err != nil {
		panic(err)
	}
	return body
}

// discard is a ResponseWriter that keeps nothing, so the benchmark measures
// the handler, not a recorder's buffer.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header { return d.h }

func (d *discard) Write(p []byte) (int, error) { return len(p), nil }

func (d *discard) WriteHeader(int) {}

func servePutRecords(b *testing.B, c codec) {
	h, clock := benchHandler(b)
	body := putRecordsBody(c, 500, 100)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	records := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", c.contentType())
		req.Header.Set("X-Amz-Target", targetPrefix+minikinesis.OpPutRecords)
		h.ServeHTTP(w, withCredentials(req))
		records += 500
		if records%(1<<20) < 500 {
			clock.Advance(25 * time.Hour) // keep memory bounded: everything expires
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(records), "ns/record")
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkHandlerPutRecords replays a JSON PutRecords of 500 × 100 B into
// the handler: the server's own cost per record.
func BenchmarkHandlerPutRecords(b *testing.B) { servePutRecords(b, jsonCodec{}) }

// BenchmarkHandlerPutRecordsCBOR is the same request in CBOR.
func BenchmarkHandlerPutRecordsCBOR(b *testing.B) { servePutRecords(b, newCBORCodec()) }

func serveGetRecords(b *testing.B, c codec) {
	h, _ := benchHandler(b)
	k := h.Kinesis()
	s, _ := k.Stream("bench")
	entries := make([]minikinesis.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = minikinesis.PutRecordsRequestEntry{PartitionKey: "p", ExplicitHashKey: "0", Data: bytes.Repeat([]byte{'x'}, 100)}
	}
	for i := 0; i < 20; i++ { // 10,000 records on shard 0
		if _, err := s.PutRecords(context.Background(), &minikinesis.PutRecordsInput{Records: entries}); err != nil {
			b.Fatal(err)
		}
	}
	it, err := k.GetShardIterator(context.Background(), &minikinesis.GetShardIteratorInput{StreamName: "bench", ShardId: "0", ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
	if err != nil {
		b.Fatal(err)
	}
	body, _ := c.encode(getRecordsIn{ShardIterator: &it.ShardIterator})
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", c.contentType())
		req.Header.Set("X-Amz-Target", targetPrefix+minikinesis.OpGetRecords)
		h.ServeHTTP(w, withCredentials(req))
		records += 10000
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(records), "ns/record")
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkHandlerGetRecords serves a JSON GetRecords of 10,000 × 100 B.
func BenchmarkHandlerGetRecords(b *testing.B) { serveGetRecords(b, jsonCodec{}) }

// BenchmarkHandlerGetRecordsCBOR is the same in CBOR.
func BenchmarkHandlerGetRecordsCBOR(b *testing.B) { serveGetRecords(b, newCBORCodec()) }

var _ = json.Marshal
