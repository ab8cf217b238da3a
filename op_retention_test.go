package minikinesis

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetentionPeriodChanges(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		start    int // hours set before the call (via increase), 0 for default
		increase bool
		hours    int
		wantMsg  string
		want     int
	}{
		{name: "increase to 48", increase: true, hours: 48, want: 48},
		{name: "increase to max", increase: true, hours: 8760, want: 8760},
		{name: "increase to same", increase: true, hours: 24, want: 24},
		{name: "increase below minimum", increase: true, hours: 23,
			wantMsg: "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short."},
		{name: "increase beyond maximum", increase: true, hours: 9999,
			wantMsg: "Maximum allowed retention period is 8760 hours. Requested retention period (9999 hours) is too long."},
		{name: "increase below current", start: 25, increase: true, hours: 24,
			wantMsg: "Requested retention period (24 hours) for stream s can not be shorter than existing retention period (25 hours). Use DecreaseRetentionPeriod API."},
		{name: "decrease to minimum", start: 100, hours: 24, want: 24},
		{name: "decrease above current", hours: 25,
			wantMsg: "Requested retention period (25 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API."},
		{name: "decrease below minimum", hours: 1,
			wantMsg: "Minimum allowed retention period is 24 hours. Requested retention period (1 hours) is too short."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			s := createStream(t, k, "s", 1)
			if tc.start != 0 {
				require.NoError(t, k.IncreaseStreamRetentionPeriod(t.Context(), &IncreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: tc.start}))
			}
			var err error
			if tc.increase {
				err = k.IncreaseStreamRetentionPeriod(t.Context(), &IncreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: tc.hours})
			} else {
				err = k.DecreaseStreamRetentionPeriod(t.Context(), &DecreaseStreamRetentionPeriodInput{StreamARN: s.ARN(), RetentionPeriodHours: tc.hours})
			}
			if tc.wantMsg == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, s.RetentionPeriodHours())
				return
			}
			ia := requireAPIError[*InvalidArgumentException](t, err)
			assert.Equal(t, tc.wantMsg, ia.ErrorMessage())
		})
	}
}

func TestRetentionOnMissingStream(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	err := k.IncreaseStreamRetentionPeriod(t.Context(), &IncreaseStreamRetentionPeriodInput{StreamName: "nope", RetentionPeriodHours: 48})
	requireAPIError[*ResourceNotFoundException](t, err)
	err = k.DecreaseStreamRetentionPeriod(t.Context(), nil)
	requireAPIError[*InvalidArgumentException](t, err)
}

func TestRecordsExpireAfterRetention(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	put := func(data string) {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte(data)})
		require.NoError(t, err)
	}
	put("old")
	clock.Advance(12 * time.Hour)
	put("newer")
	clock.Advance(12 * time.Hour) // "old" is exactly 24 h old: still kept
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, recs, 2)

	clock.Advance(time.Millisecond)
	recs, err = s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Equal(t, "newer", string(recs[0].Data))

	// Decreasing retention hides what the new period excludes.
	require.NoError(t, k.IncreaseStreamRetentionPeriod(t.Context(), &IncreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: 48}))
	put("latest")
	clock.Advance(30 * time.Hour)
	recs, err = s.ShardRecords("0")
	require.NoError(t, err)
	assert.Len(t, recs, 2, "48 h retention keeps a 42 h old record")
	require.NoError(t, k.DecreaseStreamRetentionPeriod(t.Context(), &DecreaseStreamRetentionPeriodInput{StreamName: "s", RetentionPeriodHours: 24}))
	recs, err = s.ShardRecords("0")
	require.NoError(t, err)
	assert.Empty(t, recs)
}

func TestRetentionTrimsMemory(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 1)
	for hour := 0; hour < 72; hour++ {
		_, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: entries(500, "p", 10)})
		require.NoError(t, err)
		clock.Advance(time.Hour)
	}
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	assert.Len(t, recs, 24*500)
	sh := s.shards[0]
	sh.mu.Lock()
	kept, held := sh.log.Len(), sh.log.Footprint()
	sh.mu.Unlock()
	const chunkLen, slabSize = 1 << 12, 64 << 10 // internal/recordlog's sizes
	assert.Equal(t, 24*500, kept, "one day of records is kept")
	assert.LessOrEqual(t, held.IndexEntries, 24*500+2*chunkLen, "trimmed records are released, not just hidden")
	assert.LessOrEqual(t, held.Slabs, (24*500*11)/slabSize+2, "and so are their payloads")
}

func TestArrivalNeverGoesBackwards(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("1")})
	require.NoError(t, err)
	clock.Set(testEpoch.Add(-time.Hour))
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("2")})
	require.NoError(t, err)
	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.False(t, recs[1].ApproximateArrivalTimestamp.Before(recs[0].ApproximateArrivalTimestamp))
}

func TestRecordsHandedOutSurviveMemoryReuse(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 1)
	old := make([]PutRecordsRequestEntry, 500)
	for i := range old {
		old[i] = PutRecordsRequestEntry{PartitionKey: "old-" + itoa(i), Data: bytes.Repeat([]byte{'o'}, 2000)}
	}
	for range 20 {
		_, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: old})
		require.NoError(t, err)
	}
	handedOut, err := s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, handedOut, 10000)
	clock.Advance(25 * time.Hour) // everything expires; its memory is recycled ...
	fresh := make([]PutRecordsRequestEntry, 500)
	for i := range fresh {
		fresh[i] = PutRecordsRequestEntry{PartitionKey: "new-" + itoa(i), Data: bytes.Repeat([]byte{'n'}, 2000)}
	}
	for range 20 { // ... and written over
		_, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: fresh})
		require.NoError(t, err)
	}
	for i, r := range handedOut {
		require.Equal(t, "old-"+itoa(i%500), r.PartitionKey, "a key handed out is the caller's own")
		require.Equal(t, bytes.Repeat([]byte{'o'}, 2000), r.Data)
	}
}
