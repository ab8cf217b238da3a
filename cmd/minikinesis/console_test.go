package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConsoleFlags(t *testing.T) {
	t.Parallel()
	cfg, err := parseConfig([]string{"-clock", "manual", "-clock-start", "2026-01-02T15:04:05Z", "-ui=false"}, io.Discard)
	require.NoError(t, err)
	require.NotNil(t, cfg.manualClock)
	assert.True(t, time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC).Equal(cfg.manualClock.Now()))
	assert.False(t, cfg.ui)
	assert.True(t, cfg.admin)
	assert.Same(t, cfg.manualClock, cfg.clockOr(nil), "every account reads the one manual clock")

	before := time.Now()
	cfg, err = parseConfig([]string{"-clock", "manual"}, io.Discard)
	require.NoError(t, err)
	assert.False(t, cfg.manualClock.Now().Before(before.Truncate(time.Second)), "a manual clock starts at the server's start by default")

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-clock", "fake"}, `-clock "fake": want wall or manual`},
		{[]string{"-clock-start", "2026-01-02T15:04:05Z"}, "-clock-start needs -clock manual"},
		{[]string{"-clock", "manual", "-clock-start", "noon"}, `-clock-start "noon": want an RFC 3339 time`},
	} {
		_, err := parseConfig(tc.args, io.Discard)
		var usage *usageError
		require.ErrorAs(t, err, &usage, tc.args)
		assert.Contains(t, err.Error(), tc.want)
	}
}

// getJSON fetches an admin API URL and decodes its answer.
func getJSON(t *testing.T, method, url string, out any) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if out != nil {
		require.NoError(t, json.Unmarshal(body, out), "%s", body)
	}
	return resp.StatusCode
}

func TestRunServesTheConsoleOnAManualClock(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-stream", "orders:1", "-clock", "manual", "-clock-start", "2026-01-02T15:04:05Z")
	assert.Contains(t, p.log.String(), "console="+p.url+"/_minikinesis/ clock=manual", "the listening line names the page")

	page := getJSON(t, "GET", p.url+"/_minikinesis/", nil)
	assert.Equal(t, http.StatusOK, page)

	c := sdkClient(p.url, nil)
	put, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("hi")})
	require.NoError(t, err)

	var clock struct{ Now time.Time }
	require.Equal(t, http.StatusOK, getJSON(t, "POST", p.url+"/_minikinesis/api/clock/advance?by=25h", &clock))
	assert.True(t, time.Date(2026, 1, 3, 16, 4, 5, 0, time.UTC).Equal(clock.Now))

	it, err := c.GetShardIterator(t.Context(), &kinesis.GetShardIteratorInput{StreamName: aws.String("orders"), ShardId: put.ShardId, ShardIteratorType: "TRIM_HORIZON"})
	require.NoError(t, err)
	got, err := c.GetRecords(t.Context(), &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	assert.Empty(t, got.Records, "the record aged past the 24 h retention on the server's clock")
	require.NoError(t, p.stop(t))
}

func TestRunWithoutUIOrAdmin(t *testing.T) {
	p := startRun(t, "-addr", "127.0.0.1:0", "-ui=false")
	assert.Contains(t, p.log.String(), "admin="+p.url+"/_minikinesis/api/ clock=wall")
	assert.Equal(t, http.StatusNotFound, getJSON(t, "GET", p.url+"/_minikinesis/", nil))
	var h struct{ Status, Clock string }
	require.Equal(t, http.StatusOK, getJSON(t, "GET", p.url+"/_minikinesis/api/health", &h))
	assert.Equal(t, "wall", h.Clock)
	require.NoError(t, p.stop(t))

	p = startRun(t, "-addr", "127.0.0.1:0", "-admin=false")
	assert.NotContains(t, p.log.String(), "_minikinesis")
	req, err := http.NewRequestWithContext(t.Context(), "GET", p.url+"/_minikinesis/api/health", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(withCredentials(req))
	require.NoError(t, err)
	var body bytes.Buffer
	_, _ = body.ReadFrom(resp.Body)
	resp.Body.Close()
	assert.NotEqual(t, http.StatusOK, resp.StatusCode, "without -admin the path is the Kinesis API's, which refuses it")
	assert.True(t, strings.Contains(body.String(), "__type") || strings.Contains(body.String(), "Exception"), body.String())
	require.NoError(t, p.stop(t))
}
