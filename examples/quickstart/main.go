// Command quickstart is the shortest tour of minikinesis: it creates a
// stream, writes records, and prints which shard each landed on, with its
// sequence number — then shows a throttled batch and a typed AWS error.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/minikinesis/minikinesis"
)

func main() {
	ctx := context.Background()
	clock := minikinesis.NewManualClock(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	k := minikinesis.New(minikinesis.WithClock(clock))

	if err := k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "orders", ShardCount: 3}); err != nil {
		log.Fatal(err)
	}
	fmt.Println("created stream orders with 3 shards:")
	s, err := k.Stream("orders")
	if err != nil {
		log.Fatal(err)
	}
	for _, sh := range s.Shards() {
		fmt.Printf("  %s  hash keys %s .. %s\n", sh.ShardId, sh.HashKeyRange.StartingHashKey, sh.HashKeyRange.EndingHashKey)
	}

	var batch []minikinesis.PutRecordsRequestEntry
	for _, customer := range []string{"alice", "bob", "carol", "dave", "erin"} {
		batch = append(batch, minikinesis.PutRecordsRequestEntry{
			PartitionKey: customer,
			Data:         []byte(`{"customer":"` + customer + `","total":42}`),
		})
	}
	out, err := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "orders", Records: batch})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\nput %d records, %d failed:\n", len(out.Records), out.FailedRecordCount)
	for i, r := range out.Records {
		fmt.Printf("  %-6s -> %s  seq %s\n", batch[i].PartitionKey, r.ShardId, r.SequenceNumber)
	}

	// Each shard takes 1,000 records per second; the clock decides when.
	flood := make([]minikinesis.PutRecordsRequestEntry, 500)
	for i := range flood {
		flood[i] = minikinesis.PutRecordsRequestEntry{PartitionKey: "alice", Data: []byte("x")}
	}
	fmt.Println("\nflooding alice's shard with 500-record batches:")
	for i := 1; i <= 3; i++ {
		out, err := k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "orders", Records: flood})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("  batch %d: %d throttled\n", i, out.FailedRecordCount)
		if out.FailedRecordCount > 0 {
			last := out.Records[len(out.Records)-1]
			fmt.Printf("    %s: %s\n", last.ErrorCode, last.ErrorMessage)
		}
	}
	clock.Advance(time.Second)
	out, err = k.PutRecords(ctx, &minikinesis.PutRecordsInput{StreamName: "orders", Records: flood})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("  one second later: %d throttled\n", out.FailedRecordCount)

	_, err = k.PutRecord(ctx, &minikinesis.PutRecordInput{StreamName: "no-such-stream", PartitionKey: "k", Data: []byte("x")})
	var notFound *minikinesis.ResourceNotFoundException
	if errors.As(err, &notFound) {
		fmt.Printf("\n%s: %s\n", notFound.ErrorCode(), notFound.ErrorMessage())
	}
}
