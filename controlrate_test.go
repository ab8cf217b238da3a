package minikinesis

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func describeStreamErr(t *testing.T, k *Kinesis, name string) error {
	t.Helper()
	_, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: name})
	return err
}

func listStreamsErr(t *testing.T, k *Kinesis) error {
	t.Helper()
	_, err := k.ListStreams(t.Context(), nil)
	return err
}

func requireRateExceeded(t *testing.T, err error, wantMsg string) {
	t.Helper()
	le := requireAPIError[*LimitExceededException](t, err)
	assert.Equal(t, "LimitExceededException", le.ErrorCode())
	assert.Equal(t, wantMsg, le.ErrorMessage())
}

func TestControlPlaneRateDescribeStream(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithControlPlaneRateLimits())
	createStream(t, k, "s", 1)
	createStream(t, k, "t", 1)

	for i := 0; i < 10; i++ {
		require.NoError(t, describeStreamErr(t, k, "s"), "call %d of 10", i+1)
	}
	requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 000000000000.")
	// The quota is per account: another stream shares it, and is named.
	requireRateExceeded(t, describeStreamErr(t, k, "t"), "Rate exceeded for stream t under account 000000000000.")
	// Other operations have buckets of their own.
	_, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "s"})
	require.NoError(t, err)

	// 10 per second: a tenth of a second buys one call.
	clock.Advance(100 * time.Millisecond)
	require.NoError(t, describeStreamErr(t, k, "t"))
	requireRateExceeded(t, describeStreamErr(t, k, "t"), "Rate exceeded for stream t under account 000000000000.")

	// A full second refills the bucket, and no more than that.
	clock.Advance(time.Second)
	for i := 0; i < 10; i++ {
		require.NoError(t, describeStreamErr(t, k, "s"), "call %d of 10 after a second", i+1)
	}
	requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 000000000000.")

	// An idle minute still holds only one second's worth.
	clock.Advance(time.Minute)
	for i := 0; i < 10; i++ {
		require.NoError(t, describeStreamErr(t, k, "s"))
	}
	requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 000000000000.")
}

func TestControlPlaneRateAccountLevelOperations(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		perSec  int
		call    func(t *testing.T, k *Kinesis) error
		wantMsg string
	}{
		{name: "ListStreams", perSec: 5, call: listStreamsErr, wantMsg: "Rate exceeded for account 000000000000."},
		{name: "DescribeLimits", perSec: 1, call: func(t *testing.T, k *Kinesis) error {
			_, err := k.DescribeLimits(t.Context())
			return err
		}, wantMsg: "Rate exceeded for account 000000000000."},
		{name: "DescribeStreamSummary", perSec: 20, call: func(t *testing.T, k *Kinesis) error {
			_, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "s"})
			return err
		}, wantMsg: "Rate exceeded for stream s under account 000000000000."},
		{name: "ListTagsForStream", perSec: 5, call: func(t *testing.T, k *Kinesis) error {
			_, err := k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s"})
			return err
		}, wantMsg: "Rate exceeded for stream s under account 000000000000."},
		{name: "AddTagsToStream", perSec: 5, call: func(t *testing.T, k *Kinesis) error {
			return k.AddTagsToStream(t.Context(), &AddTagsToStreamInput{StreamName: "s", Tags: map[string]string{"a": "b"}})
		}, wantMsg: "Rate exceeded for stream s under account 000000000000."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, clock := newTestKinesis(t, WithControlPlaneRateLimits())
			createStream(t, k, "s", 1)
			for round := 0; round < 2; round++ {
				for i := 0; i < tc.perSec; i++ {
					require.NoError(t, tc.call(t, k), "round %d call %d", round, i+1)
				}
				requireRateExceeded(t, tc.call(t, k), tc.wantMsg)
				clock.Advance(time.Second)
			}
		})
	}
}

func TestControlPlaneRateCreateStream(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithControlPlaneRateLimits())
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		createStream(t, k, name, 1)
	}
	err := k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "f", ShardCount: 1})
	requireRateExceeded(t, err, "Rate exceeded for stream f under account 000000000000.")
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, k.StreamNames(), "a throttled CreateStream creates nothing")
	clock.Advance(time.Second)
	createStream(t, k, "f", 1)
}

func TestControlPlaneRateListShardsIsPerStream(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t, WithControlPlaneRateLimits())
	createStream(t, k, "a", 2)
	createStream(t, k, "b", 1)
	var token string
	for i := 0; i < 1000; i++ {
		out, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "a", MaxResults: 1})
		require.NoError(t, err, "call %d of 1000", i+1)
		token = out.NextToken
	}
	_, err := k.ListShards(t.Context(), &ListShardsInput{StreamName: "a"})
	requireRateExceeded(t, err, "Rate exceeded for stream a under account 000000000000.")
	_, err = k.ListShards(t.Context(), &ListShardsInput{NextToken: token})
	requireRateExceeded(t, err, "Rate exceeded for stream a under account 000000000000.")
	_, err = k.ListShards(t.Context(), &ListShardsInput{StreamName: "b"})
	require.NoError(t, err, "stream b has its own quota")
	clock.Advance(time.Millisecond)
	_, err = k.ListShards(t.Context(), &ListShardsInput{NextToken: token})
	require.NoError(t, err, "a millisecond buys one call at 1000 per second")
}

func TestControlPlaneRateOverrides(t *testing.T) {
	t.Parallel()
	t.Run("lower rate", func(t *testing.T) {
		t.Parallel()
		k, clock := newTestKinesis(t, WithControlPlaneRateLimits(map[string]ControlPlaneRate{"DescribeStream": {PerSecond: 2}}))
		createStream(t, k, "s", 1)
		require.NoError(t, describeStreamErr(t, k, "s"))
		require.NoError(t, describeStreamErr(t, k, "s"))
		requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 000000000000.")
		clock.Advance(500 * time.Millisecond)
		require.NoError(t, describeStreamErr(t, k, "s"))
		requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 000000000000.")
		// Operations the map does not name keep their defaults.
		for i := 0; i < 5; i++ {
			require.NoError(t, listStreamsErr(t, k))
		}
		requireRateExceeded(t, listStreamsErr(t, k), "Rate exceeded for account 000000000000.")
	})
	t.Run("zero turns a quota off", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t, WithControlPlaneRateLimits(map[string]ControlPlaneRate{"ListStreams": {}}))
		createStream(t, k, "s", 1)
		for i := 0; i < 100; i++ {
			require.NoError(t, listStreamsErr(t, k))
		}
		for i := 0; i < 10; i++ {
			require.NoError(t, describeStreamErr(t, k, "s"))
		}
		requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 000000000000.")
	})
	t.Run("fractional rate", func(t *testing.T) {
		t.Parallel()
		k, clock := newTestKinesis(t, WithControlPlaneRateLimits(map[string]ControlPlaneRate{"DescribeLimits": {PerSecond: 0.5}}))
		_, err := k.DescribeLimits(t.Context())
		require.NoError(t, err)
		_, err = k.DescribeLimits(t.Context())
		requireRateExceeded(t, err, "Rate exceeded for account 000000000000.")
		clock.Advance(time.Second)
		_, err = k.DescribeLimits(t.Context())
		requireRateExceeded(t, err, "Rate exceeded for account 000000000000.")
		clock.Advance(time.Second)
		_, err = k.DescribeLimits(t.Context())
		require.NoError(t, err, "one call per two seconds")
	})
	t.Run("per stream", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t, WithControlPlaneRateLimits(map[string]ControlPlaneRate{"DescribeStreamSummary": {PerSecond: 1, PerStream: true}}))
		createStream(t, k, "a", 1)
		createStream(t, k, "b", 1)
		for _, name := range []string{"a", "b"} {
			_, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: name})
			require.NoError(t, err, name)
		}
		_, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamARN: k.StreamARN("a")})
		requireRateExceeded(t, err, "Rate exceeded for stream a under account 000000000000.")
		_, err = k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: "b"})
		requireRateExceeded(t, err, "Rate exceeded for stream b under account 000000000000.")
	})
	t.Run("later maps win", func(t *testing.T) {
		t.Parallel()
		k, _ := newTestKinesis(t, WithControlPlaneRateLimits(
			map[string]ControlPlaneRate{"ListStreams": {PerSecond: 1}},
			map[string]ControlPlaneRate{"ListStreams": {PerSecond: 3}},
		))
		for i := 0; i < 3; i++ {
			require.NoError(t, listStreamsErr(t, k))
		}
		requireRateExceeded(t, listStreamsErr(t, k), "Rate exceeded for account 000000000000.")
	})
}

func TestControlPlaneRateOffByDefault(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	createStream(t, k, "s", 1)
	for i := 0; i < 100; i++ {
		require.NoError(t, describeStreamErr(t, k, "s"))
		require.NoError(t, listStreamsErr(t, k))
		_, err := k.DescribeLimits(t.Context())
		require.NoError(t, err)
		_, err = k.ListTagsForStream(t.Context(), &ListTagsForStreamInput{StreamName: "s"})
		require.NoError(t, err)
	}
	for i := 0; i < 20; i++ {
		createStream(t, k, "t"+itoa(i), 1)
	}
}

func TestControlPlaneRateMessagesNameTheAccount(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithAccountID("123456789012"), WithControlPlaneRateLimits())
	createStream(t, k, "s", 1)
	for i := 0; i < 10; i++ {
		require.NoError(t, describeStreamErr(t, k, "s"))
	}
	requireRateExceeded(t, describeStreamErr(t, k, "s"), "Rate exceeded for stream s under account 123456789012.")
	for i := 0; i < 5; i++ {
		require.NoError(t, listStreamsErr(t, k))
	}
	requireRateExceeded(t, listStreamsErr(t, k), "Rate exceeded for account 123456789012.")
}

func TestControlPlaneRatesAreNotShared(t *testing.T) {
	t.Parallel()
	one, _ := newTestKinesis(t, WithControlPlaneRateLimits())
	two, _ := newTestKinesis(t, WithControlPlaneRateLimits())
	for i := 0; i < 5; i++ {
		require.NoError(t, listStreamsErr(t, one))
	}
	requireRateExceeded(t, listStreamsErr(t, one), "Rate exceeded for account 000000000000.")
	require.NoError(t, listStreamsErr(t, two), "another Kinesis has its own buckets")
}
