//go:build unix

package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

// BenchmarkBodyDeadline measures what -body-timeout costs a small request:
// PutRecord of one 100-byte record over loopback, with the deadline off
// and at its default, over HTTP/1.1 and h2c, from 8 concurrent clients. It
// reports records/s and the process's CPU time per record (server and
// client). Run it alone:
//
//	go test -run '^$' -bench '^BenchmarkBodyDeadline$' -count 5 ./cmd/minikinesis
func BenchmarkBodyDeadline(b *testing.B) {
	for _, proto := range []string{"http1", "h2c"} {
		for _, timeout := range []string{"off", "30s"} {
			b.Run(proto+"/"+timeout, func(b *testing.B) {
				k := minikinesis.New(minikinesis.WithoutWriteThrottling())
				if _, err := k.AddStream(&minikinesis.CreateStreamInput{StreamName: "bench", ShardCount: 4}); err != nil {
					b.Fatal(err)
				}
				var handler http.Handler = kinesishttp.NewHandler(k, kinesishttp.WithAuthentication(kinesishttp.AuthOff))
				if timeout != "off" {
					handler = boundBodies(handler, defaultBodyTimeout, kinesishttp.DefaultMaxBodyBytes, slog.New(slog.DiscardHandler))
				}
				srv := httptest.NewUnstartedServer(handler)
				protocols := new(http.Protocols)
				protocols.SetHTTP1(true)
				protocols.SetUnencryptedHTTP2(true)
				srv.Config.Protocols = protocols
				srv.Start()
				defer srv.Close()
				transport := &http.Transport{MaxIdleConnsPerHost: 64, Protocols: new(http.Protocols)}
				if proto == "h2c" {
					transport.Protocols.SetUnencryptedHTTP2(true)
				} else {
					transport.Protocols.SetHTTP1(true)
				}
				defer transport.CloseIdleConnections()
				client := &http.Client{Transport: transport}
				body := `{"StreamName":"bench","PartitionKey":"k","Data":"` + strings.Repeat("QUFB", 33) + `"}`
				b.SetParallelism(4) // 8 clients on 2 cores
				cpu := cpuTime()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
						req.Header.Set("X-Amz-Target", "Kinesis_20131202.PutRecord")
						req.Header.Set("Content-Type", "application/x-amz-json-1.1")
						resp, err := client.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						_, _ = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							b.Errorf("status %d", resp.StatusCode)
							return
						}
					}
				})
				b.StopTimer()
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/record")
			})
		}
	}
}
