//go:build unix

package main

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// journalEntries lists where the entries of a journal segment begin: each
// is a 4-byte length, a 4-byte checksum and the payload.
func journalEntries(t *testing.T, path string) []int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var offsets []int64
	for off := 0; off+8 <= len(b); off += 8 + int(binary.LittleEndian.Uint32(b[off:])) {
		offsets = append(offsets, int64(off))
	}
	return offsets
}

// writeRecords starts the binary on dir, writes n records one PutRecord
// each, and stops it with SIGTERM.
func writeRecords(t *testing.T, dir string, n int) {
	t.Helper()
	p := startBinary(t, "-addr", "127.0.0.1:0", "-data-dir", dir, "-stream", "s:1")
	c := &wire{url: p.log.waitURL(t, p.exited), http: &http.Client{Timeout: 5 * time.Second}, stream: "s"}
	for i := range n {
		require.NoError(t, c.call("PutRecord", map[string]string{"StreamName": "s", "PartitionKey": "k", "Data": "cg==" /* "r" */}, nil), "record %d", i)
	}
	c.http.CloseIdleConnections()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	require.Equal(t, 0, p.waitExit(t), p.log.String())
}

func TestBinaryCutsATornJournalTail(t *testing.T) {
	dir := t.TempDir()
	writeRecords(t, dir, 10)
	segs, err := filepath.Glob(filepath.Join(dir, "journal-*.log"))
	require.NoError(t, err)
	path := segs[len(segs)-1]
	offsets := journalEntries(t, path)
	last := offsets[len(offsets)-1]
	require.NoError(t, os.Truncate(path, last+5))

	p := startBinary(t, "-addr", "127.0.0.1:0", "-data-dir", dir, "-stream", "s:1")
	c := &wire{url: p.log.waitURL(t, p.exited), http: &http.Client{Timeout: 5 * time.Second}, stream: "s"}
	assert.Contains(t, p.log.String(), fmt.Sprintf(`msg="cut a torn journal tail left by a crash" file=%s offset=%d bytes=5`, path, last))
	records, err := c.readShard("shardId-000000000000")
	require.NoError(t, err)
	assert.Len(t, records, 9, "the torn record was never acknowledged")
	c.http.CloseIdleConnections()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, 0, p.waitExit(t))
}

func TestBinaryRefusesADamagedJournalUnlessTold(t *testing.T) {
	dir := t.TempDir()
	writeRecords(t, dir, 10)
	segs, err := filepath.Glob(filepath.Join(dir, "journal-*.log"))
	require.NoError(t, err)
	path := segs[len(segs)-1]
	offsets := journalEntries(t, path)
	bad := offsets[5] // after the header, the stream and three records
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b[bad+9] ^= 0xff
	require.NoError(t, os.WriteFile(path, b, 0o644))

	p := startBinary(t, "-addr", "127.0.0.1:0", "-data-dir", dir)
	assert.Equal(t, 1, p.waitExit(t))
	assert.Equal(t, "minikinesis: opening -data-dir "+dir+": persist: "+path+" at byte offset "+strconv.FormatInt(bad, 10)+
		": checksum mismatch (recovery, -recover-corrupt or Options.RecoverCorrupt, starts with the state up to it)\n", p.log.String())

	p = startBinary(t, "-addr", "127.0.0.1:0", "-data-dir", dir, "-recover-corrupt")
	c := &wire{url: p.log.waitURL(t, p.exited), http: &http.Client{Timeout: 5 * time.Second}, stream: "s"}
	assert.Contains(t, p.log.String(), fmt.Sprintf(`msg="recovered past damage: changes after it are lost" file=%s offset=%d reason="checksum mismatch"`, path, bad))
	records, err := c.readShard("shardId-000000000000")
	require.NoError(t, err)
	assert.Len(t, records, 3, "the records before the damaged one")
	assert.FileExists(t, path+".corrupt")
	c.http.CloseIdleConnections()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, 0, p.waitExit(t))
}
