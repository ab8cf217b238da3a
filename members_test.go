package minikinesis

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmptyMembersAreNotAbsent quotes AWS's answers, as kinesalite's tests
// recorded them against the real service, for members a request carried
// empty, and checks members left out are reported once, as null.
func TestEmptyMembersAreNotAbsent(t *testing.T) {
	t.Parallel()
	const (
		namePat = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
		minLen  = "Member must have length greater than or equal to 1"
	)
	cases := []struct {
		name    string
		members Members
		call    func(context.Context, *Kinesis) error
		want    []string // "path: constraint", in order
	}{
		{
			name:    "PutRecord with every member empty (AWS-recorded)",
			members: Members{Empty: []string{"streamName", "partitionKey", "explicitHashKey", "sequenceNumberForOrdering"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.PutRecord(ctx, &PutRecordInput{Data: []byte{}})
				return err
			},
			want: []string{
				"partitionKey: " + minLen,
				"explicitHashKey: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
				"sequenceNumberForOrdering: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
				"streamName: " + namePat,
				"streamName: " + minLen,
			},
		},
		{
			name:    "GetShardIterator with every member empty (AWS-recorded)",
			members: Members{Empty: []string{"streamName", "shardId", "shardIteratorType", "startingSequenceNumber"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.GetShardIterator(ctx, &GetShardIteratorInput{})
				return err
			},
			want: []string{
				"shardId: " + namePat,
				"shardId: " + minLen,
				"shardIteratorType: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
				"startingSequenceNumber: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
				"streamName: " + namePat,
				"streamName: " + minLen,
			},
		},
		{
			name:    "PutRecords without Records: reported once",
			members: Members{Absent: []string{"records"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.PutRecords(ctx, &PutRecordsInput{StreamName: "s"})
				return err
			},
			want: []string{"records: Member must not be null"},
		},
		{
			name:    "PutRecords with an empty list",
			members: Members{Empty: []string{"records"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.PutRecords(ctx, &PutRecordsInput{StreamName: "s", Records: []PutRecordsRequestEntry{}})
				return err
			},
			want: []string{"records: " + minLen},
		},
		{
			name: "PutRecords entries: an empty explicit hash key, a key and data left out",
			members: Members{Empty: []string{"records.1.member.explicitHashKey"},
				Absent: []string{"records.2.member.partitionKey", "records.2.member.data"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.PutRecords(ctx, &PutRecordsInput{StreamName: "s", Records: []PutRecordsRequestEntry{
					{PartitionKey: "a", Data: []byte("x")}, {}}})
				return err
			},
			want: []string{
				"records.1.member.explicitHashKey: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
				"records.2.member.partitionKey: Member must not be null",
				"records.2.member.data: Member must not be null",
			},
		},
		{
			name:    "an empty StreamName beside a good StreamARN",
			members: Members{Empty: []string{"streamName"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.DescribeStreamSummary(ctx, &DescribeStreamSummaryInput{StreamARN: k.StreamARN("s")})
				return err
			},
			want: []string{"streamName: " + namePat, "streamName: " + minLen},
		},
		{
			name:    "retention hours left out",
			members: Members{Absent: []string{"retentionPeriodHours"}},
			call: func(ctx context.Context, k *Kinesis) error {
				return k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{StreamName: "s"})
			},
			want: []string{"retentionPeriodHours: Member must not be null"},
		},
		{
			name:    "an empty NextToken and ExclusiveStartShardId",
			members: Members{Empty: []string{"exclusiveStartShardId", "nextToken"}},
			call: func(ctx context.Context, k *Kinesis) error {
				_, err := k.ListShards(ctx, &ListShardsInput{StreamName: "s"})
				return err
			},
			want: []string{"exclusiveStartShardId: " + namePat, "exclusiveStartShardId: " + minLen, "nextToken: " + minLen},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			err := c.call(WithMembers(t.Context(), c.members), k)
			v := requireAPIError[*ValidationException](t, err)
			var got []string
			for _, x := range v.Violations {
				got = append(got, x.Path+": "+x.Constraint)
			}
			assert.Equal(t, c.want, got)
			if len(c.want) > 1 {
				assert.True(t, strings.HasPrefix(v.ErrorMessage(), itoa(len(c.want))+" validation errors detected: "), v.ErrorMessage())
			}
			all, err := k.Stream("s")
			require.NoError(t, err)
			recs, err := all.ReadAll(t.Context())
			require.NoError(t, err)
			assert.Empty(t, recs, "nothing stored by a refused request")
		})
	}
}

func TestWithoutMembersEmptyStringsReadAsAbsent(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	_, err := k.GetShardIterator(t.Context(), &GetShardIteratorInput{StreamName: "s"})
	v := requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "2 validation errors detected: Value null at 'shardId' failed to satisfy constraint: Member must not be null; "+
		"Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null", v.ErrorMessage())
	assert.Equal(t, context.Background(), WithMembers(context.Background(), Members{}), "no members, no new context")
}
