package main

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis/kinesishttp"
)

// manualTimer is a flushTimer the test fires by hand.
type manualTimer struct {
	mu    sync.Mutex
	f     func()
	armed bool
}

func (m *manualTimer) Reset(time.Duration) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	was := m.armed
	m.armed = true
	return was
}

func (m *manualTimer) Stop() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	was := m.armed
	m.armed = false
	return was
}

// fire runs the flush if the timer is armed, as time would.
func (m *manualTimer) fire() {
	m.mu.Lock()
	armed := m.armed
	m.armed = false
	m.mu.Unlock()
	if armed {
		m.f()
	}
}

func (m *manualTimer) isArmed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.armed
}

func batchedLogger(t *testing.T) (*slog.Logger, *bytes.Buffer, *manualTimer, *batchedWriter) {
	t.Helper()
	var sink bytes.Buffer
	timer := &manualTimer{}
	out := newBatchedWriter(&sink, func(_ time.Duration, f func()) flushTimer { timer.f = f; return timer })
	logger := slog.New(batchingHandler{slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelInfo}), out})
	return logger, &sink, timer, out
}

func TestRequestLinesWaitForTheBatch(t *testing.T) {
	t.Parallel()
	logger, sink, timer, _ := batchedLogger(t)
	logger.Info(kinesishttp.RequestLogMessage, "operation", "PutRecord")
	logger.Warn(kinesishttp.RequestLogMessage, "operation", "DescribeStream")
	assert.Empty(t, sink.String(), "request lines are held")
	require.True(t, timer.isArmed(), "and a flush is scheduled")
	timer.fire()
	lines := strings.Split(strings.TrimSpace(sink.String()), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[0], "level=INFO msg=request operation=PutRecord")
	assert.Contains(t, lines[1], "level=WARN msg=request operation=DescribeStream")
	assert.False(t, timer.isArmed())
}

func TestOtherLinesFlushTheBatchInOrder(t *testing.T) {
	t.Parallel()
	logger, sink, timer, _ := batchedLogger(t)
	logger.Info(kinesishttp.RequestLogMessage, "operation", "ListShards")
	logger.With("account", "1").Info("listening", "addr", "127.0.0.1:1")
	lines := strings.Split(strings.TrimSpace(sink.String()), "\n")
	require.Len(t, lines, 2, "a line that is not a request's is written at once, after the held ones")
	assert.Contains(t, lines[0], "msg=request operation=ListShards")
	assert.Contains(t, lines[1], "msg=listening account=1 addr=127.0.0.1:1")
	assert.False(t, timer.isArmed(), "nothing is left to flush")
}

func TestFullBatchIsWrittenThrough(t *testing.T) {
	t.Parallel()
	logger, sink, _, out := batchedLogger(t)
	line := strings.Repeat("x", 1000)
	n := 0
	for sink.Len() == 0 {
		logger.Info(kinesishttp.RequestLogMessage, "operation", line)
		n++
		require.Less(t, n, 100, "the batch never wrote")
	}
	lineLen := sink.Len() / n
	assert.GreaterOrEqual(t, sink.Len(), logBatchBytes)
	assert.Less(t, sink.Len()-lineLen, logBatchBytes, "written when it reaches logBatchBytes, not before")
	logger.Info(kinesishttp.RequestLogMessage, "operation", "last")
	out.Flush()
	assert.True(t, strings.HasSuffix(sink.String(), "msg=request operation=last\n"))
}
