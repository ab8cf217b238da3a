package minikinesis

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzHashKeyRoundTrip: any string either fails to parse with a typed error,
// or parses to the value math/big reads and formats back to itself.
func FuzzHashKeyRoundTrip(f *testing.F) {
	for _, s := range []string{"0", "1", "0001", " 1", "1e3", "-1", "", "340282366920938463463374607431768211455", "340282366920938463463374607431768211456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHashKey(s)
		if err != nil {
			var v *ValidationException
			var ia *InvalidArgumentException
			if !errors.As(err, &v) && !errors.As(err, &ia) {
				t.Fatalf("untyped error %v", err)
			}
			if ia != nil {
				if b, ok := new(big.Int).SetString(s, 10); !ok || b.Cmp(two128) < 0 {
					t.Fatalf("%q refused as out of range", s)
				}
			}
			return
		}
		if h.String() != s {
			t.Fatalf("round trip %q -> %q", s, h.String())
		}
		if b, _ := new(big.Int).SetString(s, 10); b.Cmp(bigOf(h)) != 0 {
			t.Fatalf("%q parsed to %s", s, h)
		}
	})
}

// FuzzSequenceNumberRoundTrip: every number the model can issue formats to
// 56 digits and parses back to its parts; every string that parses formats
// back to itself.
func FuzzSequenceNumberRoundTrip(f *testing.F) {
	f.Add(uint64(1553568712), uint32(0), uint64(195), uint64(1553568735), "49594189147623985939251953501666965394405037144469929986")
	f.Add(uint64(maxSeqSeconds), uint32(maxShardIndex), uint64(maxSeqCounter), uint64(maxSeqSeconds), "0")
	f.Fuzz(func(t *testing.T, created uint64, index uint32, counter, arrival uint64, text string) {
		seq := SequenceNumber{shardCreated: created & maxSeqSeconds, shardIndex: uint64(index), counter: counter & maxSeqCounter, arrival: arrival & maxSeqSeconds}
		s := seq.String()
		back, ok := ParseSequenceNumber(s)
		if len(s) != seqNumberWidth || !ok || back != seq {
			t.Fatalf("%+v -> %q -> %+v (%v)", seq, s, back, ok)
		}
		if parsed, ok := ParseSequenceNumber(text); ok && parsed.String() != text {
			t.Fatalf("round trip %q -> %q", text, parsed.String())
		}
	})
}

// FuzzPutRecordsValidation: whatever the entries, PutRecords answers with a
// typed error and stores nothing, or stores exactly the entries it reports
// as successful.
func FuzzPutRecordsValidation(f *testing.F) {
	f.Add("key", []byte("data"), "", uint16(1))
	f.Add("", []byte{}, "0001", uint16(3))
	f.Add("ключ", make([]byte, 100), "340282366920938463463374607431768211456", uint16(501))
	f.Fuzz(func(t *testing.T, key string, data []byte, ehk string, count uint16) {
		k := New(WithClock(NewManualClock(testEpoch)))
		if err := k.CreateStream(context.Background(), &CreateStreamInput{StreamName: "f", ShardCount: 3}); err != nil {
			t.Fatal(err)
		}
		n := int(count % 600)
		in := &PutRecordsInput{StreamName: "f", Records: make([]PutRecordsRequestEntry, n)}
		for i := range in.Records {
			in.Records[i] = PutRecordsRequestEntry{PartitionKey: key, Data: data, ExplicitHashKey: ehk}
		}
		out, err := k.PutRecords(context.Background(), in)
		s, _ := k.Stream("f")
		stored := 0
		for _, sh := range s.Shards() {
			recs, rerr := s.ShardRecords(sh.ShardId)
			if rerr != nil {
				t.Fatal(rerr)
			}
			stored += len(recs)
		}
		if err != nil {
			var apiErr APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorMessage() == "" {
				t.Fatalf("untyped error %v", err)
			}
			if stored != 0 {
				t.Fatalf("failed request stored %d records", stored)
			}
			return
		}
		if len(out.Records) != n {
			t.Fatalf("answered %d of %d entries", len(out.Records), n)
		}
		if stored != n-out.FailedRecordCount {
			t.Fatalf("stored %d, reported %d failures of %d", stored, out.FailedRecordCount, n)
		}
	})
}

// FuzzIntegerInputs feeds any integer to every integer member the model
// takes: the call answers nil or a typed AWS error, never panics, and the
// account's open-shard count stays within its limit.
func FuzzIntegerInputs(f *testing.F) {
	for _, n := range []int64{0, 1, -1, 4, 100000, 100001, 1 << 31, 1<<62 + 1, 1<<63 - 1, -1 << 63, 10000, 10001, 24, 8760, 8761} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		k, _ := newTestKinesis(t, WithShardLimit(50))
		ctx := t.Context()
		require.NoError(t, k.CreateStream(ctx, &CreateStreamInput{StreamName: "base", ShardCount: 2}))
		it, err := k.GetShardIterator(ctx, &GetShardIteratorInput{StreamName: "base", ShardId: "0", ShardIteratorType: ShardIteratorTypeTrimHorizon})
		require.NoError(t, err)
		v := int(n)
		errOf := func(_ any, err error) error { return err }
		calls := map[string]error{
			"CreateStream":        k.CreateStream(ctx, &CreateStreamInput{StreamName: "fuzz", ShardCount: v}),
			"CreateStreamKiB":     k.CreateStream(ctx, &CreateStreamInput{StreamName: "fuzz2", ShardCount: 1, MaxRecordSizeInKiB: v}),
			"UpdateShardCount":    errOf(k.UpdateShardCount(ctx, &UpdateShardCountInput{StreamName: "base", TargetShardCount: v, ScalingType: ScalingTypeUniformScaling})),
			"GetRecords":          errOf(k.GetRecords(ctx, &GetRecordsInput{ShardIterator: it.ShardIterator, Limit: v})),
			"ListShards":          errOf(k.ListShards(ctx, &ListShardsInput{StreamName: "base", MaxResults: v})),
			"ListStreams":         errOf(k.ListStreams(ctx, &ListStreamsInput{Limit: v})),
			"DescribeStream":      errOf(k.DescribeStream(ctx, &DescribeStreamInput{StreamName: "base", Limit: v})),
			"ListTagsForStream":   errOf(k.ListTagsForStream(ctx, &ListTagsForStreamInput{StreamName: "base", Limit: v})),
			"ListStreamConsumers": errOf(k.ListStreamConsumers(ctx, &ListStreamConsumersInput{StreamARN: k.StreamARN("base"), MaxResults: v})),
			"IncreaseRetention":   k.IncreaseStreamRetentionPeriod(ctx, &IncreaseStreamRetentionPeriodInput{StreamName: "base", RetentionPeriodHours: v}),
			"DecreaseRetention":   k.DecreaseStreamRetentionPeriod(ctx, &DecreaseStreamRetentionPeriodInput{StreamName: "base", RetentionPeriodHours: v}),
			"UpdateMaxRecordSize": k.UpdateMaxRecordSize(ctx, &UpdateMaxRecordSizeInput{StreamARN: k.StreamARN("base"), MaxRecordSizeInKiB: v}),
		}
		for name, err := range calls {
			if err != nil {
				var apiErr APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("%s(%d): untyped error %v", name, n, err)
				}
			}
		}
		limits, err := k.DescribeLimits(ctx)
		require.NoError(t, err)
		if limits.OpenShardCount > limits.ShardLimit || limits.OpenShardCount < 0 {
			t.Fatalf("open shards %d, limit %d", limits.OpenShardCount, limits.ShardLimit)
		}
	})
}
