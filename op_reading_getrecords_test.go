package minikinesis

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func trimHorizon(t *testing.T, k *Kinesis, stream, shardID string) string {
	t.Helper()
	it, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: stream, ShardId: shardID, ShardIteratorType: ShardIteratorTypeTrimHorizon})
	require.NoError(t, err)
	return it.ShardIterator
}

func TestGetRecordsLimitOneWalksRecordByRecord(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutReadThrottling())
	s := createStream(t, k, "s", 1)
	var want []SequenceNumber
	for i := 0; i < 5; i++ {
		out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k" + itoa(i), Data: []byte{byte(i)}})
		require.NoError(t, err)
		want = append(want, out.SequenceNumber)
		clock.Advance(time.Second)
	}
	it := trimHorizon(t, k, "s", "0")
	for i := 0; i < 5; i++ {
		out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it, Limit: 1})
		require.NoError(t, err)
		require.Len(t, out.Records, 1)
		r := out.Records[0]
		assert.Equal(t, want[i], r.SequenceNumber)
		assert.Equal(t, "k"+itoa(i), r.PartitionKey)
		assert.Equal(t, []byte{byte(i)}, r.Data)
		assert.Equal(t, testEpoch.Add(time.Duration(i)*time.Second), r.ApproximateArrivalTimestamp)
		assert.Empty(t, r.EncryptionType, "AWS leaves the member out of unencrypted records")
		if i < 4 {
			assert.Equal(t, int64(5-i-1)*1000, out.MillisBehindLatest, "behind by the next unread record's age")
		} else {
			assert.Zero(t, out.MillisBehindLatest, "caught up")
		}
		assert.NotEmpty(t, out.NextShardIterator)
		it = out.NextShardIterator
	}
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
	require.NoError(t, err)
	assert.Empty(t, out.Records)
	assert.NotNil(t, out.Records)
	assert.NotEmpty(t, out.NextShardIterator, "an open shard always gives a next iterator")
	assert.Empty(t, out.ChildShards)
}

func TestGetRecordsLimitValidation(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	it := trimHorizon(t, k, "s", "0")
	_, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it, Limit: 10001})
	v := requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000", v.ErrorMessage())
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it, Limit: -1})
	v = requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", v.ErrorMessage())
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{})
	v = requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null", v.ErrorMessage())
}

func TestGetRecordsStopsAtTenMiB(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithoutWriteThrottling(), WithoutReadThrottling())
	s := createStream(t, k, "s", 1)
	// 12 records of 1 MiB (data + key): ten fit in one call.
	for i := 0; i < 12; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: make([]byte, mebibyte-1)})
		require.NoError(t, err)
	}
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: trimHorizon(t, k, "s", "0")})
	require.NoError(t, err)
	assert.Len(t, out.Records, 10)
	out, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: out.NextShardIterator})
	require.NoError(t, err)
	assert.Len(t, out.Records, 2)
}

func TestReadThrottlingAndPenalty(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 1)
	it := trimHorizon(t, k, "s", "0")
	const msg = "Rate exceeded for Shard - 000000000000/s/shardId-000000000000"

	// Five calls a second.
	for i := 0; i < 5; i++ {
		out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
		require.NoError(t, err, "call %d", i)
		it = out.NextShardIterator
	}
	_, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
	pt := requireAPIError[*ProvisionedThroughputExceededException](t, err)
	assert.Equal(t, msg, pt.ErrorMessage())
	clock.Advance(time.Second)

	// A call that returns 10 MiB blocks the shard for five seconds.
	for i := 0; i < 10; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: make([]byte, mebibyte-1)})
		require.NoError(t, err)
	}
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
	require.NoError(t, err)
	require.Len(t, out.Records, 10)
	it = out.NextShardIterator
	for _, wait := range []time.Duration{0, time.Second, 4*time.Second - time.Millisecond} {
		clock.Set(out.Records[0].ApproximateArrivalTimestamp.Add(time.Second + wait))
		_, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
		pt := requireAPIError[*ProvisionedThroughputExceededException](t, err)
		assert.Equal(t, msg, pt.ErrorMessage())
	}
	clock.Set(out.Records[0].ApproximateArrivalTimestamp.Add(time.Second + 5*time.Second))
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
	require.NoError(t, err, "after five seconds the shard serves reads again")
}

func TestReadThrottlingBytesPerSecond(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutWriteThrottling(), WithReadThroughput(ReadThroughput{BytesPerSecond: 2 * mebibyte}))
	s := createStream(t, k, "s", 1)
	for i := 0; i < 4; i++ {
		_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: make([]byte, mebibyte-1)})
		require.NoError(t, err)
	}
	// 4 MiB read from a full 2 MiB bucket leaves a 2 MiB debt: one second
	// to repay it, and reads are refused until then.
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: trimHorizon(t, k, "s", "0")})
	require.NoError(t, err)
	require.Len(t, out.Records, 4)
	clock.Advance(999 * time.Millisecond)
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: out.NextShardIterator})
	requireAPIError[*ProvisionedThroughputExceededException](t, err)
	clock.Advance(2 * time.Millisecond)
	_, err = k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: out.NextShardIterator})
	require.NoError(t, err)
}

func TestGetRecordsSkipsExpiredRecords(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("old")})
	require.NoError(t, err)
	clock.Advance(20 * time.Hour)
	_, err = s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("new")})
	require.NoError(t, err)
	clock.Advance(4*time.Hour + time.Second) // "old" is now past 24 h
	got, _ := readData(t, k, trimHorizon(t, k, "s", "0"))
	assert.Equal(t, "new", got, "TRIM_HORIZON starts at the oldest record kept")

	at, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s", ShardId: "0", ShardIteratorType: ShardIteratorTypeAtTimestamp, Timestamp: testEpoch})
	require.NoError(t, err)
	got, _ = readData(t, k, at.ShardIterator)
	assert.Equal(t, "new", got, "AT_TIMESTAMP before the horizon starts there too")
}

func TestEncryptedRecordsReportKMS(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("plain")})
	require.NoError(t, err)
	require.NoError(t, k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS, KeyId: "alias/aws/kinesis"}))
	out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: []byte("secret")})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeKMS, out.EncryptionType)
	_, recs := readData(t, k, trimHorizon(t, k, "s", "0"))
	require.Len(t, recs.Records, 2)
	assert.Empty(t, recs.Records[0].EncryptionType, "written before encryption: no member")
	assert.Equal(t, EncryptionTypeKMS, recs.Records[1].EncryptionType)
}

// TestReadingAcrossReshards writes before and after a split and a merge and
// reads everything by following ChildShards, checking the KCL contract
// (NextShardIterator if and only if ChildShards is empty) on every response.
func TestReadingAcrossReshards(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithoutReadThrottling(), WithoutWriteThrottling())
	s := createStream(t, k, "s", 1)
	written := map[string]bool{}
	write := func(phase string) {
		for i := 0; i < 50; i++ {
			key := phase + "-" + itoa(i)
			_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: key, Data: []byte(key)})
			require.NoError(t, err)
			written[key] = true
		}
		clock.Advance(time.Second)
	}
	write("initial")
	mid := SplitHashKeySpace(2)[1].StartingHashKey.String()
	require.NoError(t, k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: mid}))
	write("split")
	require.NoError(t, k.MergeShards(t.Context(), &MergeShardsInput{StreamName: "s", ShardToMerge: "1", AdjacentShardToMerge: "2"}))
	write("merged")

	read := map[string]int{}
	done := map[string]bool{}
	queue := []string{"shardId-000000000000"}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if done[id] {
			continue
		}
		done[id] = true
		it := trimHorizon(t, k, "s", id)
		for {
			out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it, Limit: 7})
			require.NoError(t, err)
			require.True(t, (out.NextShardIterator == "") == (len(out.ChildShards) > 0), "KCL contract on %s", id)
			for _, r := range out.Records {
				read[string(r.Data)]++
			}
			if out.NextShardIterator == "" {
				for _, c := range out.ChildShards {
					assert.Contains(t, c.ParentShards, id)
					queue = append(queue, c.ShardId)
				}
				break
			}
			if len(out.Records) == 0 {
				break // caught up on an open shard
			}
			it = out.NextShardIterator
		}
	}
	assert.Len(t, read, len(written))
	for key := range written {
		assert.Equal(t, 1, read[key], "record %s read exactly once", key)
	}
	assert.True(t, done["shardId-000000000003"], "the merged child was reached")

	all, err := s.ReadAll(t.Context())
	require.NoError(t, err)
	assert.Len(t, all, len(written))
}

func TestGetRecordsAtClosedShardEndWithNoRecords(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	it := trimHorizon(t, k, "s", "0")
	require.NoError(t, k.SplitShard(t.Context(), &SplitShardInput{StreamName: "s", ShardToSplit: "0", NewStartingHashKey: "1000"}))
	out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it})
	require.NoError(t, err)
	assert.Empty(t, out.Records)
	assert.Empty(t, out.NextShardIterator)
	require.Len(t, out.ChildShards, 2)
	assert.Equal(t, ChildShard{ShardId: "shardId-000000000001", ParentShards: []string{"shardId-000000000000"},
		HashKeyRange: HashKeyRange{EndingHashKey: HashKey{Lo: 999}}}, out.ChildShards[0])
	assert.Equal(t, "shardId-000000000002", out.ChildShards[1].ShardId)
}

// TestConcurrentProducersAndConsumers: producers write while consumers
// read; every record is read exactly once, in order per shard.
func TestConcurrentProducersAndConsumers(t *testing.T) {
	t.Parallel()
	const producers, perProducer, shards = 4, 2000, 4
	k, _ := newTestKinesis(t, WithoutWriteThrottling(), WithoutReadThrottling())
	s := createStream(t, k, "s", shards)
	var wg sync.WaitGroup
	var producing sync.WaitGroup
	for p := 0; p < producers; p++ {
		producing.Add(1)
		wg.Go(func() {
			defer producing.Done()
			for i := 0; i < perProducer; i += 100 {
				var in PutRecordsInput
				for j := i; j < i+100; j++ {
					in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "p" + itoa(p) + "-" + itoa(j%13), Data: []byte(itoa(p*perProducer + j))})
				}
				out, err := s.PutRecords(t.Context(), &in)
				if !assert.NoError(t, err) || !assert.Zero(t, out.FailedRecordCount) {
					return
				}
			}
		})
	}
	stop := make(chan struct{})
	results := make([][]Record, shards)
	for sh := 0; sh < shards; sh++ {
		wg.Go(func() {
			it := trimHorizon(t, k, "s", itoa(sh))
			finishing := false
			for {
				out, err := k.GetRecords(t.Context(), &GetRecordsInput{ShardIterator: it, Limit: 50})
				if !assert.NoError(t, err) {
					return
				}
				results[sh] = append(results[sh], out.Records...)
				it = out.NextShardIterator
				if len(out.Records) == 0 {
					if finishing {
						return
					}
					select {
					case <-stop:
						finishing = true // one more pass after producers finish
					default:
					}
				}
			}
		})
	}
	producing.Wait()
	close(stop)
	wg.Wait()

	seen := map[string]bool{}
	for sh, recs := range results {
		for i, r := range recs {
			if i > 0 {
				require.Equal(t, -1, recs[i-1].SequenceNumber.Compare(r.SequenceNumber), "shard %d in order", sh)
			}
			require.False(t, seen[string(r.Data)], "record read twice")
			seen[string(r.Data)] = true
		}
	}
	assert.Len(t, seen, producers*perProducer)
}
