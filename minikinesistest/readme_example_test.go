package minikinesistest_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis/kpl"
	"github.com/minikinesis/minikinesis/minikinesistest"
	"github.com/stretchr/testify/require"
)

// This file is the README's minikinesistest example, word for word after
// the imports (TestReadmeExampleIsThisFile keeps them equal).

func TestProducer(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t,
		minikinesistest.WithManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	s := srv.CreateStream("orders", 2)

	orders := []order{{"alice", "book"}, {"bob", "pen"}, {"alice", "lamp"}}
	require.NoError(t, sendOrders(t.Context(), srv.Client, orders)) // the code under test

	// The stream holds exactly these records, in any order ...
	minikinesistest.CheckRecords(t, s,
		minikinesistest.Rec{PartitionKey: "alice", Data: []byte("book")},
		minikinesistest.Rec{PartitionKey: "bob", Data: []byte("pen")},
		minikinesistest.Rec{PartitionKey: "alice", Data: []byte("lamp")})
	// ... and alice's arrive in the order she placed them.
	minikinesistest.CheckKeyOrder(t, s, "alice", []byte("book"), []byte("lamp"))
	minikinesistest.CheckWriteThrottled(t, s, "shardId-000000000000", 0)
	minikinesistest.CheckCalls(t, srv.Kinesis, "PutRecords", "orders", 1)
}

type order struct{ customer, item string }

// sendOrders stands for the code under test: one PutRecords call, keyed
// by customer so that each customer's orders stay in order.
func sendOrders(ctx context.Context, client *kinesis.Client, orders []order) error {
	entries := make([]types.PutRecordsRequestEntry, len(orders))
	for i, o := range orders {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(o.customer), Data: []byte(o.item)}
	}
	_, err := client.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("orders"), Records: entries})
	return err
}

func TestAggregatingProducer(t *testing.T) {
	t.Parallel()
	srv := minikinesistest.NewServer(t)
	s := srv.CreateStream("events", 1)

	// A producer that aggregates as the KPL does: two user records, one
	// Kinesis record.
	data, err := kpl.Aggregate([]kpl.Record{
		{PartitionKey: "alice", Data: []byte("login")},
		{PartitionKey: "alice", Data: []byte("logout")},
	})
	require.NoError(t, err)
	_, err = srv.Client.PutRecord(t.Context(), &kinesis.PutRecordInput{
		StreamName: aws.String("events"), PartitionKey: aws.String("alice"), Data: data})
	require.NoError(t, err)

	// What a KCL consumer's record processor receives.
	users := minikinesistest.UserRecords(s)
	minikinesistest.CheckRecords(t, users,
		minikinesistest.Rec{PartitionKey: "alice", Data: []byte("login")},
		minikinesistest.Rec{PartitionKey: "alice", Data: []byte("logout")})
	minikinesistest.CheckKeyOrder(t, users, "alice", []byte("login"), []byte("logout"))
	minikinesistest.CheckRecords(t, s, minikinesistest.Rec{PartitionKey: "alice", Data: data})
}
