//go:build unix

package main

import (
	"crypto/tls"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The binary is built once, on first use, into binDir; TestMain removes it.
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(floorServerEnv); mode != "" {
		os.Exit(runFloorServer(mode))
	}
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary builds this command with the go tool and returns its path.
func buildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH to build the binary with")
	}
	binOnce.Do(func() {
		binDir, binError = os.MkdirTemp("", "minikinesis-test-")
		if binError != nil {
			return
		}
		binPath = filepath.Join(binDir, "minikinesis")
		out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binError = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	require.NoError(t, binError)
	return binPath
}

// process is the binary running.
type process struct {
	cmd    *exec.Cmd
	log    *logSink
	stdout *logSink
	exited chan struct{}
	err    error // from Wait, once exited is closed
}

// startBinary runs the built binary with args. The test's cleanup kills it
// if it is still running.
func startBinary(t testing.TB, args ...string) *process {
	t.Helper()
	cmd := exec.Command(buildBinary(t), args...)
	p := &process{cmd: cmd, log: newLogSink(), stdout: newLogSink(), exited: make(chan struct{})}
	cmd.Stderr, cmd.Stdout = p.log, p.stdout
	require.NoError(t, cmd.Start())
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// waitExit waits, bounded, for the process to exit and returns its status.
func (p *process) waitExit(t *testing.T) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		t.Fatalf("minikinesis did not exit within %v; its log:\n%s", stopTimeout, p.log)
	}
	var exitErr *exec.ExitError
	if p.err != nil && !errors.As(p.err, &exitErr) {
		t.Fatalf("waiting for minikinesis: %v", p.err)
	}
	return p.cmd.ProcessState.ExitCode()
}

func TestBinaryServesAndStopsOnSIGTERM(t *testing.T) {
	p := startBinary(t, "-addr", "127.0.0.1:0", "-stream", "boot:2")
	url := p.log.waitURL(t, p.exited)
	client := &http.Client{Timeout: 5 * time.Second}
	waitReady(t, client, url)

	resp, body := postTarget(t, client, url, "ListStreams", "{}")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Equal(t, "application/x-amz-json-1.1", resp.Header.Get("Content-Type"))
	assert.Contains(t, body, `"StreamNames":["boot"]`, "the -stream stream exists")

	ctx := t.Context()
	c := sdkClient(url, client)
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(2)})
	require.NoError(t, err)
	put, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("hi")})
	require.NoError(t, err)
	assert.NotEmpty(t, aws.ToString(put.SequenceNumber))
	list, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	require.NoError(t, err)
	assert.Equal(t, []string{"boot", "s"}, list.StreamNames)

	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, 0, p.waitExit(t), p.log.String())
	log := p.log.String()
	assert.Contains(t, log, `msg="shutting down" cause="terminated signal received"`)
	assert.Contains(t, log, "msg=stopped")
	assert.Contains(t, log, "msg=request operation=PutRecord status=200")
	assert.Empty(t, p.stdout.String())
}

func TestBinaryTLSServesHTTP2AndStopsOnSIGINT(t *testing.T) {
	p := startBinary(t, "-addr", "127.0.0.1:0", "-tls", "-stream", "s:1")
	url := p.log.waitURL(t, p.exited)
	require.True(t, strings.HasPrefix(url, "https://127.0.0.1:"), url)
	assert.Contains(t, p.log.String(), `msg="generated a self-signed certificate" hosts="[127.0.0.1 ::1 localhost]" sha256=`)

	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // the server's certificate is self-signed
		ForceAttemptHTTP2: true,
	}}
	waitReady(t, client, url)
	resp, body := postTarget(t, client, url, "ListStreams", "{}")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Equal(t, 2, resp.ProtoMajor, "HTTP/2 over TLS")
	assert.Contains(t, body, `"StreamNames":["s"]`)
	require.NotNil(t, resp.TLS)
	assert.Equal(t, "h2", resp.TLS.NegotiatedProtocol)
	assert.Equal(t, []string{"127.0.0.1", "::1"}, ipStrings(resp.TLS.PeerCertificates[0].IPAddresses))
	assert.Equal(t, []string{"localhost"}, resp.TLS.PeerCertificates[0].DNSNames)

	c := sdkClient(url, client)
	_, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
	require.NoError(t, err)

	client.CloseIdleConnections() // or the shutdown waits a second for the HTTP/2 client to go
	require.NoError(t, p.cmd.Process.Signal(os.Interrupt))
	assert.Equal(t, 0, p.waitExit(t), p.log.String())
	assert.Contains(t, p.log.String(), `msg="shutting down" cause="interrupt signal received"`)
	assert.Contains(t, p.log.String(), "msg=stopped")
}

func TestBinaryExitStatus(t *testing.T) {
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"bad -stream", []string{"-stream", "orders"}, 2,
			"minikinesis: invalid value \"orders\" for flag -stream: want name:shards, e.g. orders:2\nRun 'minikinesis -h' for usage.\n"},
		{"bad -log-level", []string{"-log-level", "loud"}, 2,
			"minikinesis: invalid value \"loud\" for flag -log-level: want debug, info, warn or error\nRun 'minikinesis -h' for usage.\n"},
		{"help", []string{"-h"}, 0, ""},
		{"cannot listen", []string{"-addr", "127.0.0.1:99999"}, 1, "minikinesis: listen tcp: address 99999: invalid port\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := startBinary(t, tt.args...)
			assert.Equal(t, tt.code, p.waitExit(t))
			assert.Equal(t, tt.stderr, p.log.String())
			if tt.name == "help" {
				assert.Contains(t, p.stdout.String(), "Usage: minikinesis [flags]")
			}
		})
	}
}

func ipStrings[T interface{ String() string }](ips []T) []string {
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	return out
}
