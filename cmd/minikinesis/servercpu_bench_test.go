package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// The server-CPU benchmarks run the real binary (throttling off, request
// logging at its default) and drive it with the aws-sdk-go-v2 client over
// loopback. What they report is the server process's own CPU time per
// record, user plus system, read from /proc/<pid>/stat: the client's cost
// and the wall clock do not count. Run each alone, e.g.
//
//	go test -run '^$' -bench '^BenchmarkServerCPUPutRecords$' -count 5 ./cmd/minikinesis

// clockTicks is the kernel's USER_HZ, the unit of /proc/<pid>/stat's times.
const clockTicks = 100

// processCPU is a process's user plus system CPU time in seconds.
func processCPU(b *testing.B, pid int) float64 {
	b.Helper()
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		b.Skipf("no /proc here: %v", err)
	}
	// The command name may hold spaces: fields count from after its ')'.
	fields := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	return (utime + stime) / clockTicks
}

// benchFlagsEnv holds more flags for the benchmarks' server, to compare
// settings: MINIKINESIS_BENCH_FLAGS=-fast-http1=false.
const benchFlagsEnv = "MINIKINESIS_BENCH_FLAGS"

// benchServer starts the binary with a 4-shard stream "bench".
func benchServer(b *testing.B) (*process, *kinesis.Client) {
	b.Helper()
	args := []string{"-addr", "127.0.0.1:0", "-throttle=false", "-stream", "bench:4"}
	p := startBinary(b, append(args, strings.Fields(os.Getenv(benchFlagsEnv))...)...)
	url := p.log.waitURL(b, p.exited)
	return p, benchClient(url)
}

// benchClient is the SDK's client as applications build it: the standard
// retryer, with its backoff, which carries the SDK over its own
// closed-connection race (aws/aws-sdk-go-v2#2737) that a server this
// close meets now and then.
func benchClient(url string) *kinesis.Client {
	return kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("x", "x", "")})
}

func reportServerCPU(b *testing.B, pid int, start float64, records int) {
	used := processCPU(b, pid) - start
	b.ReportMetric(used*1e6/float64(records), "server-µs/record")
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkServerCPUPutRecords: PutRecords of 500 records of 100 bytes to
// 4 shards (issue 11's target: at most 1.5 µs of server CPU a record).
func BenchmarkServerCPUPutRecords(b *testing.B) {
	p, c := benchServer(b)
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", i)), Data: make([]byte, 100)}
	}
	in := &kinesis.PutRecordsInput{StreamName: aws.String("bench"), Records: entries}
	put := func() {
		out, err := c.PutRecords(context.Background(), in)
		if err != nil || aws.ToInt32(out.FailedRecordCount) != 0 {
			b.Fatalf("PutRecords: %v", err)
		}
	}
	put() // connections and the server's first pages
	start := processCPU(b, p.cmd.Process.Pid)
	records := 0
	for b.Loop() {
		put()
		records += len(entries)
	}
	reportServerCPU(b, p.cmd.Process.Pid, start, records)
}

// BenchmarkServerCPUPutRecord: single-record PutRecord calls (issue 11's
// bound: at most 40 µs of server CPU a call).
func BenchmarkServerCPUPutRecord(b *testing.B) {
	p, c := benchServer(b)
	benchPutRecordCalls(b, p.cmd.Process.Pid, c)
}

// benchPutRecordCalls makes single-record PutRecord calls and reports the
// server process's CPU a call.
func benchPutRecordCalls(b *testing.B, pid int, c *kinesis.Client) {
	in := &kinesis.PutRecordInput{StreamName: aws.String("bench"), PartitionKey: aws.String("k"), Data: make([]byte, 100)}
	if _, err := c.PutRecord(context.Background(), in); err != nil {
		b.Fatal(err)
	}
	start := processCPU(b, pid)
	calls := 0
	for b.Loop() {
		if _, err := c.PutRecord(context.Background(), in); err != nil {
			b.Fatal(err)
		}
		calls++
	}
	reportServerCPU(b, pid, start, calls)
}

// BenchmarkServerCPUGetRecords: GetRecords of 10,000 records of 100 bytes
// (issue 11's target: at most 1.5 µs of server CPU a record).
func BenchmarkServerCPUGetRecords(b *testing.B) {
	p, c := benchServer(b)
	ctx := context.Background()
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("0"), Data: make([]byte, 100)}
	}
	for range 20 { // 10,000 records on shard 0
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("bench"), Records: entries}); err != nil {
			b.Fatal(err)
		}
	}
	iterator := func() *string {
		it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("bench"),
			ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			b.Fatal(err)
		}
		return it.ShardIterator
	}
	it := iterator()
	start := processCPU(b, p.cmd.Process.Pid)
	records := 0
	for b.Loop() {
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil || len(out.Records) != 10000 {
			b.Fatalf("GetRecords: %v", err)
		}
		records += len(out.Records)
	}
	reportServerCPU(b, p.cmd.Process.Pid, start, records)
}
