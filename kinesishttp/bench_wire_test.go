package kinesishttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// timedHandler adds up the time spent serving requests.
type timedHandler struct {
	next http.Handler
	ns   atomic.Int64
}

func (t *timedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	t.next.ServeHTTP(w, r)
	t.ns.Add(int64(time.Since(start)))
}

// BenchmarkWirePutRecords drives the real aws-sdk-go-v2 client over
// loopback: PutRecords of 500 × 100 B into 4 shards, throttling off. It
// reports what a user sees (records/s) and how much of each record's time
// the server spent (server-ns/record) against the whole (ns/record).
func BenchmarkWirePutRecords(b *testing.B) {
	h, clock := benchHandler(b)
	timed := &timedHandler{next: h}
	srv := httptest.NewServer(timed)
	defer srv.Close()
	client := kinesis.New(kinesis.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 3, // tolerate the SDK's occasional closed-connection error (aws-sdk-go-v2#2737)
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		HTTPClient:  srv.Client(),
	})
	entries := make([]types.PutRecordsRequestEntry, 500)
	data := make([]byte, 100)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("partition-" + strconv.Itoa(i)), Data: data}
	}
	in := &kinesis.PutRecordsInput{StreamName: aws.String("bench"), Records: entries}
	ctx := context.Background()
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		out, err := client.PutRecords(ctx, in)
		if err != nil || *out.FailedRecordCount != 0 {
			b.Fatal(err)
		}
		records += len(entries)
		if records%(1<<20) < 500 {
			clock.Advance(25 * time.Hour)
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(records), "ns/record")
	b.ReportMetric(float64(timed.ns.Load())/float64(records), "server-ns/record")
}
