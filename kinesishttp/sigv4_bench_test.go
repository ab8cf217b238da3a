package kinesishttp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/minikinesis/minikinesis"
)

// BenchmarkVerifySignature verifies the SDK-signed signature of a JSON
// PutRecords of 500 × 100 B: what -auth verify adds to each request (the
// body's SHA-256 is most of it).
func BenchmarkVerifySignature(b *testing.B) {
	at := time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)
	body := putRecordsBody(jsonCodec{}, 500, 100)
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:4567/", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentTypeJSON)
	req.Header.Set("X-Amz-Target", targetPrefix+minikinesis.OpPutRecords)
	req.Header.Set("Amz-Sdk-Invocation-Id", "5b6c8a1e-4cbb-4c5e-9b43-0e3f3f1d2a11")
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "kinesis", "us-east-1", at); err != nil {
		b.Fatal(err)
	}
	v := &verifier{keys: map[string]Credential{"AKIDEXAMPLE": {AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}},
		clock: minikinesis.NewManualClock(at)}
	if err := v.verify(req, body, "us-east-1"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	requests := 0
	for b.Loop() {
		if err := v.verify(req, body, "us-east-1"); err != nil {
			b.Fatal(err)
		}
		requests++
	}
	b.ReportMetric(float64(requests)/b.Elapsed().Seconds(), "requests/s")
	b.ReportMetric(float64(requests*500)/b.Elapsed().Seconds(), "records/s")
}
