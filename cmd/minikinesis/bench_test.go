//go:build unix

package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
	"github.com/minikinesis/minikinesis/persist"
)

// BenchmarkServerPutRecords drives the server's own wiring (the model,
// -data-dir's store and the answer that waits for durability) with the
// real aws-sdk-go-v2 client over loopback: PutRecords of 500 × 100 B into
// 4 shards, throttling off, from 8 concurrent clients, in memory and with
// each -fsync policy. Besides records/s it reports the CPU time the
// process (server and clients) spent per record, which other work on a
// shared machine disturbs less than elapsed time; with a data directory
// it reports the group commit: fsyncs per second and requests and
// records per fsync.
func BenchmarkServerPutRecords(b *testing.B) {
	for _, mode := range []string{"memory", "never", "1s", "always"} {
		b.Run(mode, func(b *testing.B) {
			args := []string{"-throttle=false"}
			if mode != "memory" {
				args = append(args, "-data-dir", b.TempDir(), "-fsync", mode)
			}
			cfg, err := parseConfig(args, &bytes.Buffer{})
			if err != nil {
				b.Fatal(err)
			}
			logger := slog.New(slog.DiscardHandler)
			accounts, err := openAccounts(cfg, logger)
			if err != nil {
				b.Fatal(err)
			}
			defer accounts.close()
			k := accounts.accounts.Default()
			store := accounts.store(cfg.accountID)
			var handler http.Handler = kinesishttp.NewHandler(k)
			if store != nil {
				handler = answerWhenDurable(handler, accounts.storeFor, logger)
			}
			if _, err := k.AddStream(&minikinesis.CreateStreamInput{StreamName: "bench", ShardCount: 4}); err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(handler)
			defer srv.Close()
			transport := srv.Client().Transport.(*http.Transport).Clone()
			transport.MaxIdleConnsPerHost = 64
			client := kinesis.New(kinesis.Options{
				Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 3, // aws-sdk-go-v2#2737
				Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
				HTTPClient:  &http.Client{Transport: transport},
			})
			entries := make([]types.PutRecordsRequestEntry, 500)
			data := make([]byte, 100)
			for i := range entries {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("partition-" + strconv.Itoa(i)), Data: data}
			}
			in := &kinesis.PutRecordsInput{StreamName: aws.String("bench"), Records: entries}
			before := minikinesisStats(store)
			b.SetParallelism(4) // 8 clients on 2 cores
			cpu := cpuTime()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					out, err := client.PutRecords(context.Background(), in)
					if err != nil || *out.FailedRecordCount != 0 {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			records := float64(b.N * len(entries))
			b.ReportMetric(records/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(cpuTime()-cpu)/records, "cpu-ns/record")
			if store != nil {
				after := minikinesisStats(store)
				syncs := float64(after.Syncs - before.Syncs)
				if syncs > 0 {
					b.ReportMetric(syncs/b.Elapsed().Seconds(), "fsyncs/s")
					b.ReportMetric(float64(after.Waits-before.Waits)/syncs, "requests/fsync")
					b.ReportMetric(records/syncs, "records/fsync")
				}
			}
		})
	}
}

// minikinesisStats are the store's counters, zero without one.
func minikinesisStats(store *persist.Store) persist.Stats {
	if store == nil {
		return persist.Stats{}
	}
	return store.Stats()
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
