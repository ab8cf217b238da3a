package kinesishttp

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONTimestampsAndBlobs(t *testing.T) {
	t.Parallel()
	h, clock := wireServer(t)
	resp := postJSON(t, h, minikinesis.OpPutRecord, `{"StreamName":"s","PartitionKey":"p","Data":"aGVsbG8=","ExplicitHashKey":"0"}`)
	require.Equal(t, http.StatusOK, resp.status, string(resp.body))
	var put struct{ ShardId, SequenceNumber, EncryptionType string }
	require.NoError(t, json.Unmarshal(resp.body, &put))
	assert.Equal(t, "shardId-000000000000", put.ShardId)
	assert.Len(t, put.SequenceNumber, 56)
	assert.Equal(t, "NONE", put.EncryptionType)

	clock.Advance(time.Second)
	it := postJSON(t, h, minikinesis.OpGetShardIterator, `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":1772600767.89}`)
	require.Equal(t, http.StatusOK, it.status, string(it.body))
	var iter struct{ ShardIterator string }
	require.NoError(t, json.Unmarshal(it.body, &iter))
	recs := postJSON(t, h, minikinesis.OpGetRecords, `{"ShardIterator":"`+iter.ShardIterator+`"}`)
	require.Equal(t, http.StatusOK, recs.status)
	assert.Contains(t, string(recs.body), `"ApproximateArrivalTimestamp":1772600767.89,`, "epoch seconds with millis, no exponent")
	assert.Contains(t, string(recs.body), `"Data":"aGVsbG8="`)
	assert.Contains(t, string(recs.body), `"MillisBehindLatest":0`)

	desc := postJSON(t, h, minikinesis.OpDescribeStreamSummary, `{"StreamName":"s"}`)
	assert.Contains(t, string(desc.body), `"StreamCreationTimestamp":1772600767.89`)
}

func TestEpochFormatting(t *testing.T) {
	t.Parallel()
	cases := map[time.Time]string{
		time.Unix(1459799926, 480_000_000): "1459799926.48",
		time.Unix(1459799926, 0):           "1459799926",
		time.Unix(1459799926, 7_000_000):   "1459799926.007",
		time.Unix(1459799926, 999_999_999): "1459799926.999",
		time.UnixMilli(-500):               "-0.5",
		time.UnixMilli(-1500):              "-1.5",
	}
	for tm, want := range cases {
		got, err := epochTime(tm).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
		var back struct{ T epochTime }
		require.NoError(t, jsonCodec{}.decode([]byte(`{"T":`+string(got)+`}`), &back))
		assert.Equal(t, tm.UnixMilli(), time.Time(back.T).UnixMilli())
	}
}

// TestTimestampsOutOfRange: a Timestamp member never overflows into a
// valid time. A huge finite value saturates, as AWS's Java service turns a
// number into a long, so the model refuses it as a future time with its
// own text (and a hugely negative one is the far past: an AT_TIMESTAMP
// iterator from the trim horizon); what is not a finite number — JSON's
// NaN and Infinity are not JSON at all, CBOR can carry them as floats —
// is a SerializationException.
func TestTimestampsOutOfRange(t *testing.T) {
	t.Parallel()
	future := `{"__type":"InvalidArgumentException","message":"The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: 9223372036854775807, currentTimestampInMillis: 1772600767890"}`
	serialization := `{"__type":"SerializationException"}`
	tag := func(content []byte) []byte { return cat(seedHead(6, 1), content) }
	float := func(bits uint64) []byte { return binary.BigEndian.AppendUint64([]byte{0xfb}, bits) }
	cases := []struct {
		name string
		json string // the Timestamp member in JSON, or
		cbor []byte // in CBOR
		want string // "" for an iterator that reads from the trim horizon
	}{
		{name: "1e300", json: "1e300", want: future},
		{name: "1e19", json: "1e19", want: future},
		{name: "2^64-1", json: "18446744073709551615", want: future},
		{name: "1e400", json: "1e400", want: future},
		{name: "NaN", json: "NaN", want: serialization},
		{name: "Infinity", json: "Infinity", want: serialization},
		{name: "-Infinity", json: "-Infinity", want: serialization},
		{name: "-1e300", json: "-1e300"},
		{name: "-2^64", json: "-18446744073709551616"},
		{name: "CBOR 2^64-1 ms", cbor: tag(cat([]byte{0x1b}, binary.BigEndian.AppendUint64(nil, math.MaxUint64))), want: future},
		{name: "CBOR bare 2^64-1 ms", cbor: cat([]byte{0x1b}, binary.BigEndian.AppendUint64(nil, math.MaxUint64)), want: future},
		{name: "CBOR 1e300 s", cbor: tag(float(math.Float64bits(1e300))), want: future},
		{name: "CBOR NaN", cbor: tag(float(math.Float64bits(math.NaN()))), want: serialization},
		{name: "CBOR half-precision NaN", cbor: tag([]byte{0xf9, 0x7e, 0x00}), want: serialization},
		{name: "CBOR +Inf", cbor: tag(float(math.Float64bits(math.Inf(1)))), want: serialization},
		{name: "CBOR -Inf", cbor: float(math.Float64bits(math.Inf(-1))), want: serialization},
		{name: "CBOR -2^64 ms", cbor: tag(cat([]byte{0x3b}, binary.BigEndian.AppendUint64(nil, math.MaxUint64)))},
		{name: "CBOR -1e300 s", cbor: tag(float(math.Float64bits(-1e300)))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, _ := wireServer(t)
			put := postJSON(t, h, minikinesis.OpPutRecord, `{"StreamName":"s","PartitionKey":"p","Data":"eA==","ExplicitHashKey":"0"}`)
			require.Equal(t, http.StatusOK, put.status, string(put.body))
			var resp rawResponse
			c := codec(jsonCodec{})
			if tc.cbor != nil {
				c = newCBORCodec()
				resp = post(t, h, contentTypeCBOR, targetPrefix+minikinesis.OpGetShardIterator, cat(seedHead(5, 4),
					seedText("StreamName"), seedText("s"), seedText("ShardId"), seedText("0"),
					seedText("ShardIteratorType"), seedText("AT_TIMESTAMP"), seedText("Timestamp"), tc.cbor))
			} else {
				resp = postJSON(t, h, minikinesis.OpGetShardIterator, `{"StreamName":"s","ShardId":"0","ShardIteratorType":"AT_TIMESTAMP","Timestamp":`+tc.json+`}`)
			}
			if tc.want != "" {
				assert.Equal(t, http.StatusBadRequest, resp.status)
				var want, got map[string]any
				require.NoError(t, json.Unmarshal([]byte(tc.want), &want))
				require.NoError(t, decodeAny(c, resp.body, &got))
				assert.Equal(t, want, got)
				return
			}
			require.Equal(t, http.StatusOK, resp.status, string(resp.body))
			var it getShardIteratorOut
			require.NoError(t, c.decode(resp.body, &it))
			recs := postJSON(t, h, minikinesis.OpGetRecords, `{"ShardIterator":"`+it.ShardIterator+`"}`)
			require.Equal(t, http.StatusOK, recs.status, string(recs.body))
			var out getRecordsOut
			require.NoError(t, jsonCodec{}.decode(recs.body, &out))
			require.Len(t, out.Records, 1, "the far past reads from the trim horizon")
			assert.Equal(t, []byte("x"), out.Records[0].Data)
		})
	}
}

// TestTimestampClampFormats: the times out-of-range timestamps are
// clamped to give back their milliseconds, as messages print them, and
// write as JSON and CBOR, without overflow.
func TestTimestampClampFormats(t *testing.T) {
	t.Parallel()
	for _, w := range []wireValue{
		{kind: wireNumber, text: []byte("1e300")}, {kind: wireNumber, text: []byte("-1e300")},
		{kind: wireUint, num: math.MaxUint64}, {kind: wireNegInt, num: math.MaxUint64},
		{kind: wireFloat, num: math.Float64bits(-math.MaxFloat64)},
	} {
		ms, err := timestampMillis(&w)
		require.NoError(t, err)
		e := epochFromMillis(ms)
		assert.Equal(t, ms, time.Time(e).UnixMilli(), "%s", w.text)
		if ms > 0 {
			assert.Equal(t, int64(math.MaxInt64), ms)
		} else {
			assert.Equal(t, int64(minEpochMillis), ms)
		}
		b, err := e.MarshalJSON()
		require.NoError(t, err)
		var back struct{ T epochTime }
		require.NoError(t, jsonCodec{}.decode([]byte(`{"T":`+string(b)+`}`), &back))
		assert.Equal(t, ms, time.Time(back.T).UnixMilli())
		_, err = e.MarshalCBOR()
		require.NoError(t, err)
	}
}
