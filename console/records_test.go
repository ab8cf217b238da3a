package console_test

import (
	"crypto/md5"
	"encoding/binary"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/console"
)

type recordsPage struct {
	Records []struct {
		ShardId, SequenceNumber, PartitionKey string
		ArrivalTime                           time.Time
		Data                                  []byte
		Size                                  int
		UserRecords                           []console.UserRecord
	}
	Cursor string
	Kept   int
}

func (p recordsPage) data() []string {
	out := make([]string, len(p.Records))
	for i, r := range p.Records {
		out[i] = string(r.Data)
	}
	return out
}

func TestRecordsBrowseFromEveryStart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 1)
	var seqs []string
	for i, d := range []string{"a", "b", "c", "d", "e"} {
		seqs = append(seqs, f.put("orders", "k"+d, d).SequenceNumber.String())
		if i == 2 {
			f.clock.Advance(time.Minute)
		}
	}
	get := func(q string) recordsPage {
		t.Helper()
		var p recordsPage
		require.Equal(t, http.StatusOK, f.do("GET", "streams/orders/records?"+q, nil, &p), q)
		return p
	}
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, get("").data(), "TRIM_HORIZON by default")
	assert.Equal(t, 5, get("").Kept)
	first := get("from=TRIM_HORIZON&limit=2")
	assert.Equal(t, []string{"a", "b"}, first.data())
	assert.Equal(t, "shardId-000000000000:"+seqs[1], first.Cursor)
	assert.Equal(t, []string{"c", "d", "e"}, get("from=TRIM_HORIZON&cursor="+url.QueryEscape(first.Cursor)).data(), "the cursor goes on")
	assert.Equal(t, []string{"d", "e"}, get("from=LATEST&limit=2").data(), "LATEST answers the tail")
	assert.Equal(t, []string{"c", "d", "e"}, get("from=AT_SEQUENCE_NUMBER&seq="+seqs[2]).data())
	assert.Equal(t, []string{"d", "e"}, get("from=AFTER_SEQUENCE_NUMBER&seq="+seqs[2]+"&shard=shardId-000000000000").data())
	assert.Equal(t, []string{"d", "e"}, get("from=AT_TIMESTAMP&ts="+url.QueryEscape(start.Add(time.Minute).Format(time.RFC3339))).data())
	assert.Equal(t, []string{"c"}, get("key=kc").data(), "search by partition key")

	p := get("key=kc&limit=1")
	rec := p.Records[0]
	assert.Equal(t, "shardId-000000000000", rec.ShardId)
	assert.Equal(t, "kc", rec.PartitionKey)
	assert.Equal(t, seqs[2], rec.SequenceNumber)
	assert.True(t, start.Equal(rec.ArrivalTime))
	assert.Equal(t, 3, rec.Size)

	tail := get("from=LATEST&limit=1")
	f.put("orders", "kf", "f")
	assert.Equal(t, []string{"f"}, get("from=LATEST&cursor="+url.QueryEscape(tail.Cursor)).data(), "a tail follows with its cursor")
	assert.Empty(t, get("from=LATEST&cursor="+url.QueryEscape(get("from=LATEST&limit=1").Cursor)).data())
}

func TestRecordsAcrossShardsInArrivalOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 4)
	var want []string
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8"} {
		f.put("orders", "key-"+d, d)
		want = append(want, d)
		f.clock.Advance(time.Millisecond)
	}
	var p recordsPage
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders/records?limit=5", nil, &p))
	assert.Equal(t, want[:5], p.data())
	var rest recordsPage
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders/records?cursor="+url.QueryEscape(p.Cursor), nil, &rest))
	assert.Equal(t, want[5:], rest.data(), "the cursor of every shard resumes after what was shown")
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders/records?from=LATEST&limit=3", nil, &p))
	assert.Equal(t, want[5:], p.data())
}

func TestRecordsRefuseBadQueries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 1)
	for q, msg := range map[string]string{
		"limit=0":                   `limit "0": want a whole number from 1 to 1000`,
		"from=AT_TIMESTAMP":         "from=AT_TIMESTAMP needs ts=",
		"from=AT_TIMESTAMP&ts=noon": `ts "noon" is not an RFC 3339 time`,
		"from=NEWEST":               "Unknown start type NEWEST",
		"cursor=zzz":                `cursor "zzz": want shardId:sequenceNumber pairs`,
		"shard=shardId-000000000000&from=AT_SEQUENCE_NUMBER&seq=12": "Sequence number 12 does not belong to shardId-000000000000",
	} {
		var e apiErr
		status := f.do("GET", "streams/orders/records?"+q, nil, &e)
		assert.Contains(t, e.Message, msg, q)
		assert.Equal(t, http.StatusBadRequest, status, q)
	}
	var e apiErr
	require.Equal(t, http.StatusNotFound, f.do("GET", "streams/orders/records?shard=shardId-000000000009", nil, &e))
	assert.Equal(t, "ResourceNotFoundException", e.Type)
}

func TestPutRecordFromThePage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 1)
	var out struct{ ShardId, SequenceNumber string }
	require.Equal(t, http.StatusOK, f.do("POST", "streams/orders/records", map[string]string{"PartitionKey": "alice", "Data": `{"n":1}`}, &out))
	assert.Equal(t, "shardId-000000000000", out.ShardId)
	require.Equal(t, http.StatusOK, f.do("POST", "streams/orders/records", map[string]string{"PartitionKey": "bob", "DataBase64": "AAEC"}, nil))
	s, err := f.k.Stream("orders")
	require.NoError(t, err)
	recs, err := s.ShardRecords(out.ShardId)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, out.SequenceNumber, recs[0].SequenceNumber.String())
	assert.Equal(t, `{"n":1}`, string(recs[0].Data))
	assert.Equal(t, []byte{0, 1, 2}, recs[1].Data)

	var e apiErr
	require.Equal(t, http.StatusBadRequest, f.do("POST", "streams/orders/records", map[string]string{"Data": "x"}, &e))
	assert.Equal(t, "ValidationException", e.Type, "PutRecord's own checks answer")
	require.Equal(t, http.StatusBadRequest, f.do("POST", "streams/orders/records", map[string]string{"PartitionKey": "a", "Data": "x", "DataBase64": "eA=="}, &e))
	assert.Contains(t, e.Message, "Give Data or DataBase64, not both")
	require.Equal(t, http.StatusNotFound, f.do("POST", "streams/nope/records", map[string]string{"PartitionKey": "a", "Data": "x"}, &e))
}

// aggregate builds a KPL aggregated record the way the KPL does.
func aggregate(keys []string, hashKeys []string, records [][3]any) []byte {
	field := func(b []byte, num int, payload []byte) []byte {
		b = binary.AppendUvarint(b, uint64(num<<3|2))
		b = binary.AppendUvarint(b, uint64(len(payload)))
		return append(b, payload...)
	}
	var body []byte
	for _, k := range keys {
		body = field(body, 1, []byte(k))
	}
	for _, h := range hashKeys {
		body = field(body, 2, []byte(h))
	}
	for _, r := range records {
		var rec []byte
		rec = binary.AppendUvarint(rec, 1<<3)
		rec = binary.AppendUvarint(rec, uint64(r[0].(int)))
		if h, ok := r[1].(int); ok {
			rec = binary.AppendUvarint(rec, 2<<3)
			rec = binary.AppendUvarint(rec, uint64(h))
		}
		rec = field(rec, 3, []byte(r[2].(string)))
		body = field(body, 3, rec)
	}
	sum := md5.Sum(body)
	out := append([]byte{0xF3, 0x89, 0x9A, 0xC2}, body...)
	return append(out, sum[:]...)
}

func TestDeaggregateUnpacksKPLRecords(t *testing.T) {
	t.Parallel()
	agg := aggregate([]string{"alice", "bob"}, []string{"42"}, [][3]any{{0, nil, "one"}, {1, 0, "two"}, {0, nil, "three"}})
	users, ok := console.Deaggregate(agg)
	require.True(t, ok)
	assert.Equal(t, []console.UserRecord{
		{PartitionKey: "alice", Data: []byte("one")},
		{PartitionKey: "bob", ExplicitHashKey: "42", Data: []byte("two")},
		{PartitionKey: "alice", Data: []byte("three")},
	}, users)

	bad := append([]byte(nil), agg...)
	bad[len(bad)-1] ^= 1
	for name, data := range map[string][]byte{
		"plain":        []byte("hello"),
		"bad checksum": bad,
		"bad index":    aggregate([]string{"a"}, nil, [][3]any{{3, nil, "x"}}),
		"empty":        aggregate([]string{"a"}, nil, nil),
	} {
		_, ok := console.Deaggregate(data)
		assert.False(t, ok, name)
	}

	f := newFixture(t)
	f.stream("orders", 1)
	_, err := f.k.PutRecord(t.Context(), &minikinesis.PutRecordInput{StreamName: "orders", PartitionKey: "agg", Data: agg})
	require.NoError(t, err)
	var p recordsPage
	require.Equal(t, http.StatusOK, f.do("GET", "streams/orders/records", nil, &p))
	require.Len(t, p.Records, 1)
	assert.Len(t, p.Records[0].UserRecords, 3, "the page gets the user records")
}
