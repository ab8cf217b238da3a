package minikinesis_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/minikinesis/minikinesis"
)

var start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Recipe: test that a producer retries the entries PutRecords refused. A
// fault fails two chosen entries; the producer resends only those.
func Example_producerRetriesPartialFailures() {
	ctx := context.Background()
	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(start)))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "orders", ShardCount: 2})
	fault := k.AddFault(minikinesis.FaultRule{Operation: "PutRecords", Skip: 1, Times: 2,
		EntryErrorCode: minikinesis.ErrorCodeProvisionedThroughputExceeded})

	// The producer under test: resend failed entries until none fail.
	pending := []minikinesis.PutRecordsRequestEntry{
		{PartitionKey: "a", Data: []byte("1")}, {PartitionKey: "b", Data: []byte("2")},
		{PartitionKey: "c", Data: []byte("3")}, {PartitionKey: "d", Data: []byte("4")},
	}
	for attempt := 1; len(pending) > 0; attempt++ {
		out, _ := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "orders", Records: pending})
		fmt.Printf("attempt %d: %d of %d failed\n", attempt, out.FailedRecordCount, len(pending))
		var retry []minikinesis.PutRecordsRequestEntry
		for i, r := range out.Records {
			if r.Failed() {
				retry = append(retry, pending[i])
			}
		}
		pending = retry
	}

	s, _ := k.Stream("orders")
	all, _ := s.ReadAll(ctx)
	fmt.Println("stored:", len(all), "fault fired:", fault.Fired())
	// Output:
	// attempt 1: 2 of 4 failed
	// attempt 2: 0 of 2 failed
	// stored: 4 fault fired: 2
}

// Recipe: test a consumer across a split. It follows ChildShards from the
// parent and reads every record once, parents first.
func Example_consumerAcrossASplit() {
	ctx := context.Background()
	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(start)))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "events", ShardCount: 1})
	put := func(key string) {
		_, _ = k.PutRecord(ctx, &minikinesis.PutRecordInput{StreamName: "events", PartitionKey: key, Data: []byte(key)})
	}
	put("before-1")
	put("before-2")
	_ = k.SplitShard(ctx, &minikinesis.SplitShardInput{StreamName: "events", ShardToSplit: "shardId-000000000000",
		NewStartingHashKey: "170141183460469231731687303715884105728"})
	put("after-1")
	put("after-2")

	// The consumer under test, reading shard by shard.
	queue := []string{"shardId-000000000000"}
	for len(queue) > 0 {
		shard := queue[0]
		queue = queue[1:]
		it, _ := k.GetShardIterator(ctx, &minikinesis.GetShardIteratorInput{StreamName: "events", ShardId: shard,
			ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
		iterator := it.ShardIterator
		for iterator != "" {
			out, _ := k.GetRecords(ctx, &minikinesis.GetRecordsInput{ShardIterator: iterator})
			for _, r := range out.Records {
				fmt.Println(shard, string(r.Data))
			}
			for _, child := range out.ChildShards {
				queue = append(queue, child.ShardId)
			}
			iterator = out.NextShardIterator
			if len(out.Records) == 0 && len(out.ChildShards) == 0 {
				break // caught up on an open shard
			}
		}
	}
	// Output:
	// shardId-000000000000 before-1
	// shardId-000000000000 before-2
	// shardId-000000000002 after-1
	// shardId-000000000002 after-2
}

// Recipe: test that records expire after the retention period.
func Example_recordsExpireAfterRetention() {
	ctx := context.Background()
	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(start)))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "audit", ShardCount: 1})
	s, _ := k.Stream("audit")
	_, _ = s.PutRecord(ctx, &minikinesis.PutRecordInput{PartitionKey: "k", Data: []byte("old")})

	_, _ = k.FastForward(24 * time.Hour)
	all, _ := s.ReadAll(ctx)
	fmt.Println("after 24 h:", len(all))
	_, _ = k.FastForward(time.Millisecond)
	all, _ = s.ReadAll(ctx)
	fmt.Println("after 24 h and 1 ms:", len(all))
	// Output:
	// after 24 h: 1
	// after 24 h and 1 ms: 0
}

// Recipe: test what a consumer does when its iterator expires.
func Example_iteratorExpiry() {
	ctx := context.Background()
	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(start)))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1})
	it, _ := k.GetShardIterator(ctx, &minikinesis.GetShardIteratorInput{StreamName: "s", ShardId: "shardId-000000000000",
		ShardIteratorType: minikinesis.ShardIteratorTypeLatest})

	_, _ = k.FastForward(301 * time.Second) // the consumer stalled for five minutes
	_, err := k.GetRecords(ctx, &minikinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	var expired *minikinesis.ExpiredIteratorException
	fmt.Println(errors.As(err, &expired))
	fmt.Println(expired.ErrorMessage())
	// Output:
	// true
	// Iterator expired. The iterator was created at time Thu Jan 01 00:00:00 UTC 2026 while right now it is Thu Jan 01 00:05:01 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.
}

// Recipe: simulate an hour of traffic against a 4-shard stream in well
// under a second of real time, and see what the write limits let through.
func Example_simulateAnHour() {
	ctx := context.Background()
	clock := minikinesis.NewManualClock(start)
	k := minikinesis.New(minikinesis.WithClock(clock))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "telemetry", ShardCount: 4})
	s, _ := k.Stream("telemetry")

	// 100 devices report every second: 6,000 reports a minute, spread
	// by partition key over the four shards.
	batch := make([]minikinesis.PutRecordsRequestEntry, 100)
	for i := range batch {
		batch[i] = minikinesis.PutRecordsRequestEntry{PartitionKey: fmt.Sprintf("device-%03d", i), Data: []byte("temp=21.5")}
	}
	accepted, throttled := 0, 0
	for second := 0; second < 3600; second++ {
		out, _ := s.PutRecords(ctx, &minikinesis.PutRecordsInput{Records: batch})
		accepted += len(batch) - out.FailedRecordCount
		throttled += out.FailedRecordCount
		clock.Advance(time.Second)
	}
	fmt.Println("accepted:", accepted, "throttled:", throttled)
	fmt.Println("simulated:", clock.Now().Sub(start))
	// Output:
	// accepted: 360000 throttled: 0
	// simulated: 1h0m0s
}
