package console_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/console"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

func TestHealthNamesAccountsAndClock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 1)
	var h struct {
		Status   string
		Clock    string
		Now      time.Time
		Accounts []struct {
			ID, AccountID, Region string
			Streams               int
		}
	}
	require.Equal(t, http.StatusOK, f.do("GET", "health", nil, &h))
	assert.Equal(t, "ok", h.Status)
	assert.Equal(t, "manual", h.Clock)
	assert.True(t, start.Equal(h.Now))
	require.Len(t, h.Accounts, 1)
	assert.Equal(t, minikinesis.DefaultAccountID, h.Accounts[0].ID)
	assert.Equal(t, minikinesis.DefaultRegion, h.Accounts[0].Region)
	assert.Equal(t, 1, h.Accounts[0].Streams)
}

func TestClockAdvancesAndSets(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var c struct {
		Now    time.Time
		Manual bool
	}
	require.Equal(t, http.StatusOK, f.do("POST", "clock/advance", map[string]string{"By": "90s"}, &c))
	assert.True(t, start.Add(90*time.Second).Equal(c.Now))
	assert.True(t, c.Manual)
	assert.True(t, start.Add(90*time.Second).Equal(f.k.Clock().Now()), "the model sees the new time")

	require.Equal(t, http.StatusOK, f.do("POST", "clock/advance?by=1h", nil, &c))
	assert.True(t, start.Add(time.Hour+90*time.Second).Equal(c.Now))

	to := time.Date(2027, 3, 4, 5, 6, 7, 0, time.UTC)
	require.Equal(t, http.StatusOK, f.do("POST", "clock/set", map[string]string{"To": to.Format(time.RFC3339)}, &c))
	assert.True(t, to.Equal(c.Now))
	require.Equal(t, http.StatusOK, f.do("GET", "clock", nil, &c))
	assert.True(t, to.Equal(c.Now))
}

func TestClockRefusesBadInputAndWallClock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		path string
		body any
		msg  string
	}{
		{"clock/advance", map[string]string{"By": "soon"}, `By "soon" is not a duration`},
		{"clock/advance", `{"by":`, "The request body is not the JSON expected"},
		{"clock/advance", map[string]string{"Duration": "1s"}, `unknown field "Duration"`},
		{"clock/set", map[string]string{"To": "tomorrow"}, `To "tomorrow" is not an RFC 3339 time`},
	} {
		var e apiErr
		require.Equal(t, http.StatusBadRequest, f.do("POST", tc.path, tc.body, &e), tc.path)
		assert.Equal(t, "InvalidArgumentException", e.Type)
		assert.Contains(t, e.Message, tc.msg)
	}
	assert.True(t, start.Equal(f.k.Clock().Now()), "refused changes move nothing")

	wall := minikinesis.New()
	srv := httptest.NewServer(console.New(console.SingleAccount(wall)))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/_minikinesis/api/clock/advance?by=1s", "application/json", nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	var e apiErr
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
	assert.Equal(t, http.StatusConflict, resp.StatusCode)
	assert.Equal(t, "ClockNotManual", e.Type)
	assert.Contains(t, e.Message, "-clock manual")
}

func TestWithManualClockControlsTheGivenClock(t *testing.T) {
	t.Parallel()
	clock := minikinesis.NewManualClock(start)
	k := minikinesis.New(minikinesis.WithClock(clock))
	srv := httptest.NewServer(console.New(console.SingleAccount(k), console.WithManualClock(clock), console.WithPath("/admin")))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/admin/api/clock/advance?by=10m", "", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, start.Add(10*time.Minute).Equal(clock.Now()))
}

func TestResetEmptiesTheAccount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 2)
	f.k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpPutRecord, Err: &minikinesis.InternalFailureException{Message: "x"}})
	require.Equal(t, http.StatusOK, f.do("POST", "reset", nil, nil))
	assert.Empty(t, f.k.StreamNames())
	assert.Empty(t, f.k.Faults())
}

func TestSnapshotDownloadsAndRestores(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 2)
	first := f.put("orders", "alice", "one")
	f.put("orders", "bob", "two")

	req, err := http.NewRequest("GET", f.url+"snapshot", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var raw json.RawMessage
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&raw))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Disposition"), `attachment; filename="minikinesis-000000000000-20260102T150405Z.json"`)

	f.k.Reset()
	f.stream("other", 1)
	var restored struct {
		Status  string
		Streams []string
	}
	require.Equal(t, http.StatusOK, f.do("POST", "snapshot", string(raw), &restored))
	assert.Equal(t, []string{"orders"}, restored.Streams)
	s, err := f.k.Stream("orders")
	require.NoError(t, err)
	recs, err := s.ShardRecords(first.ShardId)
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	assert.Equal(t, first.SequenceNumber, recs[0].SequenceNumber, "sequence numbers survive the round trip")
	all, err := s.ReadAll(t.Context())
	require.NoError(t, err)
	assert.Len(t, all, 2)

	var e apiErr
	require.Equal(t, http.StatusBadRequest, f.do("POST", "snapshot", `{"Streams":[{"Name":"x","Shards":[]}]}`, &e))
	assert.Contains(t, e.Message, "stream x")
	assert.Equal(t, []string{"orders"}, f.k.StreamNames(), "a refused snapshot changes nothing")
}

// twoAccounts is an AccountSet of two accounts, as kinesishttp's
// multi-account set is.
type twoAccounts map[string]*minikinesis.Kinesis

func (a twoAccounts) IDs() []string { return []string{"111111111111", "222222222222"} }
func (a twoAccounts) Lookup(id string) (*minikinesis.Kinesis, bool) {
	k, ok := a[id]
	return k, ok
}

func TestRequestsChooseTheirAccount(t *testing.T) {
	t.Parallel()
	one := minikinesis.New(minikinesis.WithAccountID("111111111111"))
	two := minikinesis.New(minikinesis.WithAccountID("222222222222"))
	_, err := two.AddStream(&minikinesis.CreateStreamInput{StreamName: "second", ShardCount: 1})
	require.NoError(t, err)
	srv := httptest.NewServer(kinesishttp.NewHandler(one, kinesishttp.WithAdminHandler(console.New(twoAccounts{"111111111111": one, "222222222222": two}))))
	defer srv.Close()
	names := func(req *http.Request) (int, string) {
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(b)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/_minikinesis/api/streams", nil)
	status, body := names(req)
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `[]`, body, "the first account is the default")

	req, _ = http.NewRequest("GET", srv.URL+"/_minikinesis/api/streams?account=222222222222", nil)
	_, body = names(req)
	assert.Contains(t, body, `"Name": "second"`)

	req, _ = http.NewRequest("GET", srv.URL+"/_minikinesis/api/streams", nil)
	req.Header.Set(console.AccountHeader, "222222222222")
	_, body = names(req)
	assert.Contains(t, body, `"Name": "second"`)

	req, _ = http.NewRequest("GET", srv.URL+"/_minikinesis/api/streams?account=333333333333", nil)
	status, body = names(req)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, `"__type": "UnknownAccount"`)
}

func TestUnknownAdminPathAnswersJSON404(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var e apiErr
	require.Equal(t, http.StatusNotFound, f.do("GET", "nothing-here", nil, &e))
	assert.Equal(t, "UnknownOperation", e.Type)
	require.Equal(t, http.StatusNotFound, f.do("PUT", "reset", nil, &e), "reset is POST only")
	assert.Contains(t, e.Message, "No admin API at PUT /_minikinesis/api/reset")
}
