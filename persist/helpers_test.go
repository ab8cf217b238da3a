package persist

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
)

var epoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testStore opens dir on a manual clock, closing the store when the test
// ends (unless the test closed it).
func testStore(t *testing.T, dir string, clock *minikinesis.ManualClock, opts Options) *Store {
	t.Helper()
	opts.Model = append([]minikinesis.Option{minikinesis.WithClock(clock), minikinesis.WithoutWriteThrottling()}, opts.Model...)
	if opts.CompactInterval == 0 {
		opts.CompactInterval = -1 // the tests snapshot when they mean to
	}
	s, err := Open(dir, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// history gives the account records, a split with records after it, a
// consumer and tags.
func history(t *testing.T, k *minikinesis.Kinesis, clock *minikinesis.ManualClock) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "orders", ShardCount: 2, Tags: map[string]string{"team": "shop"}}))
	putN(t, k, "orders", 0, 30)
	clock.Advance(time.Second)
	require.NoError(t, k.SplitShard(ctx, &minikinesis.SplitShardInput{StreamName: "orders", ShardToSplit: "shardId-000000000001", NewStartingHashKey: "255211775190703847597530955573826158592"}))
	putN(t, k, "orders", 30, 30)
	s, err := k.Stream("orders")
	require.NoError(t, err)
	_, err = k.RegisterStreamConsumer(ctx, &minikinesis.RegisterStreamConsumerInput{StreamARN: s.ARN(), ConsumerName: "app"})
	require.NoError(t, err)
	require.NoError(t, k.IncreaseStreamRetentionPeriod(ctx, &minikinesis.IncreaseStreamRetentionPeriodInput{StreamName: "orders", RetentionPeriodHours: 72}))
}

// putN writes records "r<from>" … one PutRecords per ten.
func putN(t *testing.T, k *minikinesis.Kinesis, stream string, from, n int) []minikinesis.PutRecordsResultEntry {
	t.Helper()
	var out []minikinesis.PutRecordsResultEntry
	for i := from; i < from+n; i += 10 {
		entries := make([]minikinesis.PutRecordsRequestEntry, 0, 10)
		for j := i; j < min(i+10, from+n); j++ {
			entries = append(entries, minikinesis.PutRecordsRequestEntry{PartitionKey: "key-" + strconv.Itoa(j), Data: []byte("r" + strconv.Itoa(j))})
		}
		res, err := k.PutRecords(context.Background(), &minikinesis.PutRecordsInput{StreamName: stream, Records: entries})
		require.NoError(t, err)
		require.Zero(t, res.FailedRecordCount)
		out = append(out, res.Records...)
	}
	return out
}

// stateOf is the account's state as JSON, without its checkpoint.
func stateOf(t *testing.T, k *minikinesis.Kinesis) string {
	t.Helper()
	st := k.ExportState()
	st.Checkpoint = 0
	b, err := json.Marshal(st)
	require.NoError(t, err)
	return string(b)
}

// crashImage copies what a store has handed to the operating system into
// a new directory, as a machine that lost the process but not its page
// cache would find it.
func crashImage(t *testing.T, dir string) string {
	t.Helper()
	img := t.TempDir()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Name() == "LOCK" {
			continue
		}
		src, err := os.Open(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		dst, err := os.Create(filepath.Join(img, e.Name()))
		require.NoError(t, err)
		_, err = io.Copy(dst, src)
		require.NoError(t, err)
		require.NoError(t, src.Close())
		require.NoError(t, dst.Close())
	}
	return img
}

// segments lists a directory's journal segments, oldest first.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	files, err := listDir(dir)
	require.NoError(t, err)
	var out []string
	for _, n := range files.segments {
		out = append(out, filepath.Join(dir, segmentName(n)))
	}
	return out
}

// entryOffsets lists where each entry of a file begins, and its end.
func entryOffsets(t *testing.T, path string) (offsets []int64, end int64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	fr := newFrameReader(f)
	for {
		_, off, err := fr.next()
		if err == io.EOF {
			return offsets, off
		}
		require.NoError(t, err)
		offsets = append(offsets, off)
	}
}

// dirBytes is the size of the snapshots and segments in dir.
func dirBytes(t *testing.T, dir string) int64 {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var n int64
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		n += info.Size()
	}
	return n
}
