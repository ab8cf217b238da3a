// Package minikinesis is an in-process model of Amazon Kinesis Data
// Streams for tests and benchmarks: streams, shards, 128-bit hash-key
// routing, AWS's sequence numbers, per-shard throughput limits, retention,
// resharding, enhanced fan-out and the exact AWS errors, all on a clock the
// caller controls. It does no I/O and starts no goroutines; the wire
// protocol lives in package kinesishttp and a standalone server in
// cmd/minikinesis.
//
//	k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(time.Now())))
//	_ = k.CreateStream(ctx, &minikinesis.CreateStreamInput{StreamName: "orders", ShardCount: 2})
//	out, _ := k.PutRecord(ctx, &minikinesis.PutRecordInput{StreamName: "orders", PartitionKey: "alice", Data: []byte("hi")})
//	it, _ := k.GetShardIterator(ctx, &minikinesis.GetShardIteratorInput{StreamName: "orders", ShardId: out.ShardId, ShardIteratorType: minikinesis.ShardIteratorTypeTrimHorizon})
//	recs, _ := k.GetRecords(ctx, &minikinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
//
// Every operation is a method named as AWS names it, taking an input
// struct that mirrors AWS's request (see Operations for the list, grouped
// by family in OperationFamilies); the model's files are named after those
// families (op_streams.go, op_records.go, ...). Errors are typed, one type
// per AWS exception, and work with errors.As and errors.Is.
package minikinesis
