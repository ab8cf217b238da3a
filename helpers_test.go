package minikinesis

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testEpoch is the fake clock's starting point in tests: a fixed instant so
// sequence numbers and messages are reproducible.
var testEpoch = time.Date(2026, 1, 22, 1, 22, 2, 0, time.UTC)

func newTestKinesis(t testing.TB, opts ...Option) (*Kinesis, *ManualClock) {
	t.Helper()
	clock := NewManualClock(testEpoch)
	return New(append([]Option{WithClock(clock)}, opts...)...), clock
}

func createStream(t testing.TB, k *Kinesis, name string, shards int) *Stream {
	t.Helper()
	require.NoError(t, k.CreateStream(context.Background(), &CreateStreamInput{StreamName: name, ShardCount: shards}))
	s, err := k.Stream(name)
	require.NoError(t, err)
	return s
}

// apiErr asserts err is the given AWS exception type and returns its message.
func requireAPIError[T APIError](t testing.TB, err error) T {
	t.Helper()
	var target T
	require.ErrorAs(t, err, &target)
	return target
}

func contextWithCancel(t testing.TB) (context.Context, context.CancelFunc) {
	return context.WithCancel(t.Context())
}

func replaceAll(s, old, new string) string { return strings.ReplaceAll(s, old, new) }
