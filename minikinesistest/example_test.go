package minikinesistest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/minikinesis/minikinesis/minikinesistest"
)

// A test gets its own server and an SDK client for it; code under test
// talks to Kinesis through the client, and the test checks what the model
// stored. In a test function, pass t; here, outside one, a Standalone
// stands in for it, and Close ends the server as the test's end would.
func Example() {
	var t minikinesistest.Standalone // in a test: the *testing.T
	defer t.Close()

	srv := minikinesistest.NewServer(&t,
		minikinesistest.WithManualClock(time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)))
	srv.CreateStream("orders", 2)

	ctx := context.Background()
	out, err := srv.Client.PutRecords(ctx, &kinesis.PutRecordsInput{
		StreamName: aws.String("orders"),
		Records: []types.PutRecordsRequestEntry{
			{PartitionKey: aws.String("alice"), Data: []byte(`{"item":"book"}`)},
			{PartitionKey: aws.String("bob"), Data: []byte(`{"item":"pen"}`)},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("failed:", aws.ToInt32(out.FailedRecordCount))
	for _, r := range out.Records {
		fmt.Println(aws.ToString(r.ShardId))
	}

	records, _ := srv.Stream("orders").ReadAll(ctx)
	for _, r := range records {
		fmt.Println(r.PartitionKey, string(r.Data), r.ApproximateArrivalTimestamp.Format(time.TimeOnly))
	}
	// Output:
	// failed: 0
	// shardId-000000000000
	// shardId-000000000001
	// alice {"item":"book"} 01:22:02
	// bob {"item":"pen"} 01:22:02
}
