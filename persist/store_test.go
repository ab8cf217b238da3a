package persist

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
)

func TestReopenContinuesExactly(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		snapshot bool // a snapshot midway, so the journal replays after it
		segment  int64
	}{
		{"journal only", false, 0},
		{"snapshot and journal", true, 0},
		{"many small segments", true, 512},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			clock := minikinesis.NewManualClock(epoch)
			opts := Options{SegmentBytes: tt.segment}
			s := testStore(t, dir, clock, opts)
			k := s.Kinesis()
			history(t, k, clock)
			if tt.snapshot {
				require.NoError(t, s.Snapshot())
			}
			for i := range 5 {
				putN(t, k, "orders", 60+5*i, 5)
				require.NoError(t, s.WaitDurable(context.Background())) // a write each, so small segments rotate
			}
			want := stateOf(t, k)
			require.NoError(t, s.Close())
			if tt.segment > 0 {
				assert.Greater(t, len(segments(t, dir)), 2, "the journal rotated by size")
			}

			s2 := testStore(t, dir, clock, opts)
			assert.Equal(t, want, stateOf(t, s2.Kinesis()))
			rec := s2.Recovery()
			assert.Nil(t, rec.TornTail)
			assert.Nil(t, rec.Corrupt)
			assert.Equal(t, int64(85), rec.Records)

			// Sequence numbers go on increasing in every shard.
			putN(t, s2.Kinesis(), "orders", 85, 25)
			stream, err := s2.Kinesis().Stream("orders")
			require.NoError(t, err)
			total := 0
			for _, sh := range stream.Shards() {
				recs, err := stream.ShardRecords(sh.ShardId)
				require.NoError(t, err)
				for i := 1; i < len(recs); i++ {
					assert.Equal(t, 1, recs[i].SequenceNumber.Compare(recs[i-1].SequenceNumber))
				}
				total += len(recs)
			}
			assert.Equal(t, 110, total)
		})
	}
}

func TestAcknowledgedChangesSurviveAProcessCrash(t *testing.T) {
	t.Parallel()
	for _, policy := range []FsyncPolicy{FsyncAlways, FsyncEverySecond, FsyncNever} {
		t.Run(policy.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			clock := minikinesis.NewManualClock(epoch)
			s := testStore(t, dir, clock, Options{Fsync: policy})
			history(t, s.Kinesis(), clock)
			require.NoError(t, s.WaitDurable(context.Background()))
			want := stateOf(t, s.Kinesis())

			s2 := testStore(t, crashImage(t, dir), clock, Options{})
			assert.Equal(t, want, stateOf(t, s2.Kinesis()))
		})
	}
}

func TestGroupCommitSharesFsyncs(t *testing.T) {
	t.Parallel()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, t.TempDir(), clock, Options{Fsync: FsyncAlways})
	k := s.Kinesis()
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 4}))
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 20 {
				putN(t, k, "s", 0, 10)
				assert.NoError(t, s.WaitDurable(context.Background()))
			}
		})
	}
	wg.Wait()
	st := s.Stats()
	assert.Equal(t, int64(16*20+1), st.Entries/10+1, "every record journaled")
	assert.Equal(t, int64(320), st.Waits)
	assert.Less(t, st.Syncs, st.Waits, "concurrent waits share fsyncs")
	assert.Equal(t, st.Entries, st.SyncedEntries, "everything waited for is on disk")
}

func TestTornTailIsCut(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		tear  func(t *testing.T, path string, lastEntry, end int64)
		lost  int // records lost with the torn entry
		bytes func(lastEntry, end int64) int64
	}{
		{"entry cut short", func(t *testing.T, path string, lastEntry, end int64) {
			require.NoError(t, os.Truncate(path, lastEntry+(end-lastEntry)/2))
		}, 1, func(lastEntry, end int64) int64 { return (end - lastEntry) / 2 }},
		{"header cut short", func(t *testing.T, path string, lastEntry, end int64) {
			require.NoError(t, os.Truncate(path, lastEntry+3))
		}, 1, func(int64, int64) int64 { return 3 }},
		{"zeros after the last entry", func(t *testing.T, path string, _, _ int64) {
			appendBytes(t, path, make([]byte, 4096))
		}, 0, func(int64, int64) int64 { return 4096 }},
		{"garbage in the last entry", func(t *testing.T, path string, lastEntry, end int64) {
			flipByte(t, path, end-2)
		}, 1, func(lastEntry, end int64) int64 { return end - lastEntry }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			clock := minikinesis.NewManualClock(epoch)
			s := testStore(t, dir, clock, Options{})
			history(t, s.Kinesis(), clock)
			putN(t, s.Kinesis(), "orders", 60, 1) // the last entry is a record
			require.NoError(t, s.Close())
			segs := segments(t, dir)
			path := segs[len(segs)-1]
			offsets, end := entryOffsets(t, path)
			last := offsets[len(offsets)-1]
			tt.tear(t, path, last, end)

			s2 := testStore(t, dir, clock, Options{})
			rec := s2.Recovery()
			require.NotNil(t, rec.TornTail)
			assert.Equal(t, TornTail{File: path, Offset: map[bool]int64{true: last, false: end}[tt.lost == 1], Bytes: tt.bytes(last, end)}, *rec.TornTail)
			assert.Equal(t, int64(61-tt.lost), rec.Records)
			stream, err := s2.Kinesis().Stream("orders")
			require.NoError(t, err)
			all, err := stream.ReadAll(context.Background())
			require.NoError(t, err)
			assert.Equal(t, 61-tt.lost, len(all))

			// Written after the cut, read back after another restart.
			putN(t, s2.Kinesis(), "orders", 100, 5)
			want := stateOf(t, s2.Kinesis())
			require.NoError(t, s2.Close())
			s3 := testStore(t, dir, clock, Options{})
			assert.Nil(t, s3.Recovery().TornTail)
			assert.Equal(t, want, stateOf(t, s3.Kinesis()))
		})
	}
}

func TestDamageInTheMiddleStopsStartUp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, dir, clock, Options{})
	history(t, s.Kinesis(), clock)
	require.NoError(t, s.Close())
	path := segments(t, dir)[0]
	offsets, _ := entryOffsets(t, path)
	bad := offsets[len(offsets)/2]
	flipByte(t, path, bad+frameHeader+3)

	_, err := Open(dir, Options{Model: []minikinesis.Option{minikinesis.WithClock(clock)}})
	var corrupt *CorruptError
	require.ErrorAs(t, err, &corrupt)
	assert.Equal(t, CorruptError{File: path, Offset: bad, Reason: "checksum mismatch"}, *corrupt)
	assert.Contains(t, err.Error(), path+" at byte offset "+strconv.FormatInt(bad, 10)+": checksum mismatch")

	// With recovery, start-up keeps every change before the damage.
	s2 := testStore(t, dir, clock, Options{RecoverCorrupt: true})
	rec := s2.Recovery()
	require.NotNil(t, rec.Corrupt)
	assert.Equal(t, *corrupt, *rec.Corrupt)
	assert.Equal(t, []string{path + ".corrupt"}, rec.SetAside)
	assert.Equal(t, int64(len(offsets)/2-1), rec.Entries, "the entries before the bad one, less the segment header")
	assert.FileExists(t, path+".corrupt")
	putN(t, s2.Kinesis(), "orders", 200, 3)
	want := stateOf(t, s2.Kinesis())
	require.NoError(t, s2.Close())

	s3 := testStore(t, dir, clock, Options{})
	assert.Nil(t, s3.Recovery().Corrupt, "recovery wrote a clean snapshot")
	assert.Equal(t, want, stateOf(t, s3.Kinesis()))
}

func TestDamageInASnapshot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, dir, clock, Options{})
	history(t, s.Kinesis(), clock)
	require.NoError(t, s.Snapshot())
	require.NoError(t, s.Close())
	files, err := listDir(dir)
	require.NoError(t, err)
	path := filepath.Join(dir, snapshotName(files.snapshots[0]))
	offsets, _ := entryOffsets(t, path)
	flipByte(t, path, offsets[10]+frameHeader)

	_, err = Open(dir, Options{Model: []minikinesis.Option{minikinesis.WithClock(clock)}})
	var corrupt *CorruptError
	require.ErrorAs(t, err, &corrupt)
	assert.Equal(t, CorruptError{File: path, Offset: offsets[10], Reason: "checksum mismatch"}, *corrupt)

	s2 := testStore(t, dir, clock, Options{RecoverCorrupt: true})
	assert.Equal(t, int64(9), s2.Recovery().Entries, "the snapshot's entries before the damage")
}

func TestMissingSegment(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, dir, clock, Options{SegmentBytes: 512})
	history(t, s.Kinesis(), clock)
	for i := range 5 {
		putN(t, s.Kinesis(), "orders", 60+5*i, 5)
		require.NoError(t, s.WaitDurable(context.Background()))
	}
	require.NoError(t, s.Close())
	segs := segments(t, dir)
	require.Greater(t, len(segs), 2)
	require.NoError(t, os.Remove(segs[1]))

	_, err := Open(dir, Options{Model: []minikinesis.Option{minikinesis.WithClock(clock)}})
	var corrupt *CorruptError
	require.ErrorAs(t, err, &corrupt)
	assert.Equal(t, segs[1], corrupt.File)
	assert.Contains(t, corrupt.Reason, "missing: the journal goes on at "+filepath.Base(segs[2]))
}

func TestOpenRefusesADirectoryInUseOrOfAnotherAccount(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, dir, clock, Options{})
	_, err := Open(dir, Options{})
	var locked *LockedError
	require.ErrorAs(t, err, &locked)
	assert.Equal(t, dir, locked.Dir)
	require.NoError(t, s.Close())

	_, err = Open(dir, Options{Model: []minikinesis.Option{minikinesis.WithRegion("eu-west-1")}})
	var mismatch *MismatchError
	require.ErrorAs(t, err, &mismatch)
	assert.Equal(t, "persist: "+dir+" holds account 000000000000 in region us-east-1, not account 000000000000 in region eu-west-1", err.Error())
	testStore(t, dir, clock, Options{}) // and the directory is free again
}

func TestSnapshotsShrinkTheDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, dir, clock, Options{CompactBytes: 4 << 10})
	k := s.Kinesis()
	ctx := context.Background()
	require.NoError(t, k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "keep", ShardCount: 1}))
	require.NoError(t, k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "drop", ShardCount: 2}))
	putN(t, k, "drop", 0, 500)
	putN(t, k, "keep", 0, 100)
	require.NoError(t, s.Sync(ctx))
	full := dirBytes(t, dir)
	assert.False(t, s.worthCompacting(), "every record is live: a snapshot would only copy them")

	require.NoError(t, k.DeleteStream(ctx, &minikinesis.DeleteStreamInput{StreamName: "drop"}))
	assert.True(t, s.worthCompacting(), "most of the directory is a deleted stream")
	require.NoError(t, s.Snapshot())
	afterDelete := dirBytes(t, dir)
	assert.Less(t, afterDelete, full/3, "the deleted stream's records left the disk")
	assert.False(t, s.worthCompacting())

	clock.Advance(2 * time.Minute)
	putN(t, k, "keep", 100, 100)
	clock.Advance(24*time.Hour + 2*time.Minute)
	assert.True(t, s.worthCompacting(), "every record expired")
	require.NoError(t, s.Snapshot())
	assert.Less(t, dirBytes(t, dir), afterDelete/3, "expired records left the disk")
	assert.Len(t, segments(t, dir), 1, "the snapshot replaced the journal")
	assert.False(t, s.worthCompacting())
}

func TestWritesGoOnDuringASnapshot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clock := minikinesis.NewManualClock(epoch)
	s := testStore(t, dir, clock, Options{SegmentBytes: 4096})
	k := s.Kinesis()
	require.NoError(t, k.CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 3}))
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 30 {
				putN(t, k, "s", w*1000+i*10, 10)
			}
		})
	}
	wg.Go(func() {
		for range 5 {
			assert.NoError(t, s.Snapshot())
		}
	})
	wg.Wait()
	want := stateOf(t, k)
	require.NoError(t, s.Close())
	s2 := testStore(t, dir, clock, Options{})
	assert.Equal(t, want, stateOf(t, s2.Kinesis()))
	assert.Equal(t, int64(600), s2.Recovery().Records)
}

func TestClosedStore(t *testing.T) {
	t.Parallel()
	s := testStore(t, t.TempDir(), minikinesis.NewManualClock(epoch), Options{})
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice is harmless")
	assert.ErrorIs(t, s.WaitDurable(context.Background()), ErrClosed)
	assert.ErrorIs(t, s.Snapshot(), ErrClosed)
}

func TestWaitDurableHonoursItsContext(t *testing.T) {
	t.Parallel()
	s := testStore(t, t.TempDir(), minikinesis.NewManualClock(epoch), Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.NoError(t, s.Kinesis().CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1}))
	err := s.WaitDurable(ctx)
	if err != nil { // the flusher may have been quicker than the check
		assert.True(t, errors.Is(err, context.Canceled))
	}
}

func TestParseFsyncPolicy(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want FsyncPolicy
	}{{"always", FsyncAlways}, {"1s", FsyncEverySecond}, {"everysec", FsyncEverySecond}, {"never", FsyncNever}, {"no", FsyncNever}} {
		got, err := ParseFsyncPolicy(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
	}
	_, err := ParseFsyncPolicy("sometimes")
	assert.EqualError(t, err, `want always, 1s or never, not "sometimes"`)
	assert.Equal(t, "FsyncPolicy(7)", FsyncPolicy(7).String())
}

func flipByte(t *testing.T, path string, off int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	b := make([]byte, 1)
	_, err = f.ReadAt(b, off)
	require.NoError(t, err)
	b[0] ^= 0x5a
	_, err = f.WriteAt(b, off)
	require.NoError(t, err)
}

func appendBytes(t *testing.T, path string, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.Write(b)
	require.NoError(t, err)
}

func TestImportedAccountIsKept(t *testing.T) {
	t.Parallel()
	clock := minikinesis.NewManualClock(epoch)
	src := minikinesis.New(minikinesis.WithClock(clock), minikinesis.WithoutWriteThrottling())
	history(t, src, clock)
	dir := t.TempDir()
	s := testStore(t, dir, clock, Options{})
	require.NoError(t, s.Kinesis().CreateStream(context.Background(), &minikinesis.CreateStreamInput{StreamName: "replaced", ShardCount: 1}))
	require.NoError(t, s.Kinesis().ImportState(src.ExportState()))
	require.NoError(t, s.Snapshot()) // the iterator key lives in snapshots
	want := stateOf(t, src)
	require.NoError(t, s.Close())

	s2 := testStore(t, dir, clock, Options{})
	assert.Equal(t, want, stateOf(t, s2.Kinesis()))
}
