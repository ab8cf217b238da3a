package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The floor benchmarks measure what a PutRecord call costs a server that
// does no work at all, with the same client, the same loopback and the
// same /proc reading as BenchmarkServerCPUPutRecord: the test binary runs
// again as a server that answers every request with one fixed PutRecord
// response. "nethttp" serves it through net/http, as minikinesis does;
// "rawtcp" parses the request by hand on a goroutine a connection and
// answers with one write. Their difference from the real server is what
// the handler and the model cost; their own figure is what this machine
// charges for a request at all.

// floorServerEnv names the floor server a re-run test binary is to be.
const floorServerEnv = "MINIKINESIS_FLOOR_SERVER"

// floorResponse is a PutRecord answer the SDK accepts.
const floorResponse = `{"SequenceNumber":"49546986683135544286507457936321625675700192471156785154","ShardId":"shardId-000000000000"}`

// runFloorServer serves on a free loopback port, printing the address on
// stdout, until killed.
func runFloorServer(mode string) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(ln.Addr().String())
	switch mode {
	case "nethttp":
		err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.Header().Set("Content-Length", strconv.Itoa(len(floorResponse)))
			_, _ = io.WriteString(w, floorResponse)
		}))
	case "rawtcp":
		err = serveRawFloor(ln)
	default:
		err = fmt.Errorf("no floor server %q", mode)
	}
	fmt.Fprintln(os.Stderr, err)
	return 1
}

func serveRawFloor(ln net.Listener) error {
	answer := []byte("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: " +
		strconv.Itoa(len(floorResponse)) + "\r\n\r\n" + floorResponse)
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer c.Close()
			r := bufio.NewReaderSize(c, 64<<10)
			for {
				length := 0
				for {
					line, err := r.ReadSlice('\n')
					if err != nil {
						return
					}
					if len(line) <= 2 {
						break
					}
					if name, value, ok := bytes.Cut(line, []byte(":")); ok && strings.EqualFold(string(name), "Content-Length") {
						length, _ = strconv.Atoi(string(bytes.TrimSpace(value)))
					}
				}
				if _, err := r.Discard(length); err != nil {
					return
				}
				if _, err := c.Write(answer); err != nil {
					return
				}
			}
		}()
	}
}

// startFloorServer runs the test binary as the floor server mode.
func startFloorServer(b *testing.B, mode string) (pid int, url string) {
	b.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), floorServerEnv+"="+mode)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(b, err)
	require.NoError(b, cmd.Start())
	b.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(b, err)
	return cmd.Process.Pid, "http://" + strings.TrimSpace(addr)
}

func benchFloor(b *testing.B, mode string) {
	pid, url := startFloorServer(b, mode)
	benchPutRecordCalls(b, pid, benchClient(url))
}

// BenchmarkServerCPUFloorNetHTTP: a PutRecord call to a net/http server
// whose handler does nothing.
func BenchmarkServerCPUFloorNetHTTP(b *testing.B) { benchFloor(b, "nethttp") }

// BenchmarkServerCPUFloorRawTCP: a PutRecord call to a hand-written
// HTTP/1.1 loop that does nothing.
func BenchmarkServerCPUFloorRawTCP(b *testing.B) { benchFloor(b, "rawtcp") }
