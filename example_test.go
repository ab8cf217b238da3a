package minikinesis_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/minikinesis/minikinesis"
)

// The README's first example: a stream, a batch of records, where they went.
func Example() {
	ctx := context.Background()
	k := minikinesis.New()
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "orders", ShardCount: 2})

	out, _ := k.PutRecords(ctx, &minikinesis.PutRecordsInput{
		StreamName: "orders",
		Records: []minikinesis.PutRecordsRequestEntry{
			{PartitionKey: "alice", Data: []byte(`{"item":"book"}`)},
			{PartitionKey: "bob", Data: []byte(`{"item":"pen"}`)},
		},
	})
	for _, r := range out.Records {
		fmt.Println(r.ShardId)
	}
	// Output:
	// shardId-000000000000
	// shardId-000000000001
}

// Throttling follows the clock you give it: 1,000 records per second per
// shard, and a second later the bucket is full again.
func ExampleManualClock() {
	ctx := context.Background()
	clock := minikinesis.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	k := minikinesis.New(minikinesis.WithClock(clock))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1})

	batch := make([]minikinesis.PutRecordsRequestEntry, 500)
	for i := range batch {
		batch[i] = minikinesis.PutRecordsRequestEntry{PartitionKey: "k", Data: []byte("x")}
	}
	for i := 0; i < 3; i++ {
		out, _ := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "s", Records: batch})
		fmt.Println("failed:", out.FailedRecordCount)
	}
	clock.Advance(time.Second)
	out, _ := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "s", Records: batch})
	fmt.Println("after a second, failed:", out.FailedRecordCount)
	fmt.Println(out.Records[0].ErrorCode == "")
	// Output:
	// failed: 0
	// failed: 0
	// failed: 500
	// after a second, failed: 0
	// true
}

// Errors are typed like the AWS exceptions and carry AWS's messages.
func ExampleKinesis_PutRecord_errors() {
	ctx := context.Background()
	k := minikinesis.New()
	_, err := k.PutRecord(ctx, &minikinesis.PutRecordInput{StreamName: "missing", PartitionKey: "k", Data: []byte("x")})
	var notFound *minikinesis.ResourceNotFoundException
	fmt.Println(errors.As(err, &notFound))
	fmt.Println(notFound.ErrorMessage())
	// Output:
	// true
	// Stream missing under account 000000000000 not found.
}

// Records older than the retention period disappear; ShardRecords shows
// what a shard holds now.
func ExampleStream_ShardRecords() {
	ctx := context.Background()
	clock := minikinesis.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	k := minikinesis.New(minikinesis.WithClock(clock))
	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "s", ShardCount: 1})
	s, _ := k.Stream("s")

	_, _ = s.PutRecord(ctx, &minikinesis.PutRecordInput{PartitionKey: "k", Data: []byte("yesterday")})
	clock.Advance(23 * time.Hour)
	_, _ = s.PutRecord(ctx, &minikinesis.PutRecordInput{PartitionKey: "k", Data: []byte("today")})
	clock.Advance(2 * time.Hour) // the first record is now 25 hours old

	recs, _ := s.ShardRecords("shardId-000000000000")
	for _, r := range recs {
		fmt.Println(string(r.Data), r.ApproximateArrivalTimestamp.Format(time.Kitchen))
	}
	// Output:
	// today 11:00PM
}
