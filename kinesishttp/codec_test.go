package kinesishttp

import (
	"bytes"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twin runs every request against two identical models, one spoken to in
// JSON and one in CBOR, and checks both answer the same thing.
type twin struct {
	t      *testing.T
	json   *Handler
	cbor   *Handler
	codecs [2]codec
}

func newTwin(t *testing.T) *twin {
	mk := func() *Handler {
		k := minikinesis.New(minikinesis.WithClock(minikinesis.NewManualClock(wireEpoch)))
		return NewHandler(k)
	}
	return &twin{t: t, json: mk(), cbor: mk(), codecs: [2]codec{jsonCodec{}, newCBORCodec()}}
}

// call sends in (one value, or one per codec) to both and decodes the
// answers into values of out's type; it returns them (JSON first).
func (w *twin) call(op string, in [2]any, out any) [2]any {
	w.t.Helper()
	var got [2]any
	for i, h := range []*Handler{w.json, w.cbor} {
		c := w.codecs[i]
		body, err := c.encode(in[i])
		require.NoError(w.t, err)
		resp := post(w.t, h, c.contentType(), targetPrefix+op, body)
		require.Equal(w.t, http.StatusOK, resp.status, "%s over %s: %s", op, c.contentType(), resp.body)
		if out == nil {
			assert.Empty(w.t, resp.body, op)
			continue
		}
		v := reflect.New(reflect.TypeOf(out).Elem()).Interface()
		require.NoError(w.t, c.decode(resp.body, v), "%s over %s", op, c.contentType())
		got[i] = v
	}
	return got
}

// same sends one input to both and checks the answers are equal.
func (w *twin) same(op string, in any, out any) any {
	w.t.Helper()
	got := w.call(op, [2]any{in, in}, out)
	if out != nil {
		assert.Equal(w.t, got[0], got[1], "%s answers differ between JSON and CBOR", op)
	}
	return got[0]
}

// TestCBORRoundTripsEveryOperation drives every operation in JSON and in
// CBOR (timestamps as tag 1 around milliseconds) and compares the answers.
func TestCBORRoundTripsEveryOperation(t *testing.T) {
	t.Parallel()
	w := newTwin(t)
	stream := streamRef{StreamName: ptr("c")}
	arn := "arn:aws:kinesis:us-east-1:000000000000:stream/c"

	w.same(minikinesis.OpCreateStream, createStreamIn{StreamName: ptr("c"), ShardCount: ptr(2), Tags: map[string]string{"team": "data"}}, nil)
	desc := w.same(minikinesis.OpDescribeStream, describeStreamIn{streamRef: stream}, &struct{ StreamDescription streamDescriptionOut }{}).(*struct{ StreamDescription streamDescriptionOut })
	assert.Equal(t, wireEpoch, time.Time(desc.StreamDescription.StreamCreationTimestamp).UTC())
	assert.Len(t, desc.StreamDescription.Shards, 2)
	w.same(minikinesis.OpDescribeStreamSummary, stream, &struct{ StreamDescriptionSummary streamSummaryOut }{})
	w.same(minikinesis.OpListStreams, listStreamsIn{}, &listStreamsOut{})
	w.same(minikinesis.OpDescribeLimits, struct{}{}, &describeLimitsOut{})

	put := w.same(minikinesis.OpPutRecord, putRecordIn{StreamName: ptr("c"), PartitionKey: ptr("k"), Data: []byte("one"), ExplicitHashKey: ptr("0")}, &putRecordOut{}).(*putRecordOut)
	assert.Equal(t, "shardId-000000000000", put.ShardId)
	w.same(minikinesis.OpPutRecords, putRecordsIn{StreamName: ptr("c"), Records: []putRecordsEntryIn{{PartitionKey: ptr("k"), Data: []byte("two"), ExplicitHashKey: ptr("0")}}}, &putRecordsOut{})

	// Iterators are sealed with each model's own key: fetch one per side.
	its := w.call(minikinesis.OpGetShardIterator, [2]any{
		getShardIteratorIn{StreamName: ptr("c"), ShardId: ptr("0"), ShardIteratorType: ptr("AT_TIMESTAMP"), Timestamp: stamp(wireEpoch)},
		getShardIteratorIn{StreamName: ptr("c"), ShardId: ptr("0"), ShardIteratorType: ptr("AT_TIMESTAMP"), Timestamp: stamp(wireEpoch)},
	}, &getShardIteratorOut{})
	recs := w.call(minikinesis.OpGetRecords, [2]any{
		getRecordsIn{ShardIterator: &its[0].(*getShardIteratorOut).ShardIterator},
		getRecordsIn{ShardIterator: &its[1].(*getShardIteratorOut).ShardIterator},
	}, &getRecordsOut{})
	for _, r := range recs {
		out := r.(*getRecordsOut)
		require.Len(t, out.Records, 2)
		assert.Equal(t, "one", string(out.Records[0].Data))
		assert.Equal(t, wireEpoch, time.Time(out.Records[0].ApproximateArrivalTimestamp).UTC(), "arrival time survives the codec")
		out.NextShardIterator = nil
	}
	assert.Equal(t, recs[0], recs[1])

	w.same(minikinesis.OpListShards, listShardsIn{streamRef: stream, ShardFilter: &shardFilterIn{Type: ptr("AT_TIMESTAMP"), Timestamp: stamp(wireEpoch.Add(-time.Hour))}}, &listShardsOut{})
	w.same(minikinesis.OpSplitShard, splitShardIn{streamRef: stream, ShardToSplit: ptr("shardId-000000000000"), NewStartingHashKey: ptr("1000")}, nil)
	w.same(minikinesis.OpMergeShards, mergeShardsIn{streamRef: stream, ShardToMerge: ptr("shardId-000000000002"), AdjacentShardToMerge: ptr("shardId-000000000003")}, nil)
	w.same(minikinesis.OpUpdateShardCount, updateShardCountIn{streamRef: stream, TargetShardCount: ptr(4), ScalingType: ptr("UNIFORM_SCALING")}, &updateShardCountOut{})
	shards := w.same(minikinesis.OpListShards, listShardsIn{streamRef: stream, StreamCreationTimestamp: stamp(wireEpoch)}, &listShardsOut{}).(*listShardsOut)
	assert.NotEmpty(t, shards.Shards[0].SequenceNumberRange.EndingSequenceNumber, "closed shards report their end")

	w.same(minikinesis.OpAddTagsToStream, addTagsIn{streamRef: stream, Tags: map[string]string{"env": "test"}}, nil)
	w.same(minikinesis.OpListTagsForStream, listTagsIn{streamRef: stream}, &listTagsOut{})
	w.same(minikinesis.OpRemoveTagsFromStream, removeTagsIn{streamRef: stream, TagKeys: []string{"env"}}, nil)
	w.same(minikinesis.OpTagResource, tagResourceIn{ResourceARN: &arn, Tags: map[string]string{"x": "y"}}, nil)
	w.same(minikinesis.OpUntagResource, untagResourceIn{ResourceARN: &arn, TagKeys: []string{"x"}}, nil)
	w.same(minikinesis.OpListTagsForResource, listTagsForResourceIn{ResourceARN: &arn}, &struct{ Tags []tagOut }{})

	w.same(minikinesis.OpIncreaseStreamRetentionPeriod, retentionIn{streamRef: stream, RetentionPeriodHours: ptr(48)}, nil)
	w.same(minikinesis.OpDecreaseStreamRetentionPeriod, retentionIn{streamRef: stream, RetentionPeriodHours: ptr(24)}, nil)
	w.same(minikinesis.OpStartStreamEncryption, encryptionIn{streamRef: stream, EncryptionType: ptr("KMS"), KeyId: ptr("alias/aws/kinesis")}, nil)
	w.same(minikinesis.OpStopStreamEncryption, encryptionIn{streamRef: stream, EncryptionType: ptr("KMS"), KeyId: ptr("alias/aws/kinesis")}, nil)
	w.same(minikinesis.OpEnableEnhancedMonitoring, monitoringIn{streamRef: stream, ShardLevelMetrics: []string{"ALL"}}, &monitoringOutput{})
	w.same(minikinesis.OpDisableEnhancedMonitoring, monitoringIn{streamRef: stream, ShardLevelMetrics: []string{"IncomingBytes"}}, &monitoringOutput{})
	w.same(minikinesis.OpUpdateMaxRecordSize, updateMaxRecordSizeIn{StreamARN: &arn, MaxRecordSizeInKiB: ptr(2048)}, nil)
	w.same(minikinesis.OpUpdateStreamMode, updateStreamModeIn{StreamARN: &arn, StreamModeDetails: &streamModeDetailsIn{StreamMode: ptr("ON_DEMAND")}}, nil)

	reg := w.same(minikinesis.OpRegisterStreamConsumer, consumerRefIn{StreamARN: &arn, ConsumerName: ptr("app")}, &struct{ Consumer consumerOut }{}).(*struct{ Consumer consumerOut })
	assert.Equal(t, wireEpoch, time.Time(reg.Consumer.ConsumerCreationTimestamp).UTC())
	w.same(minikinesis.OpDescribeStreamConsumer, consumerRefIn{ConsumerARN: &reg.Consumer.ConsumerARN}, &struct{ ConsumerDescription consumerOut }{})
	w.same(minikinesis.OpListStreamConsumers, listStreamConsumersIn{StreamARN: &arn}, &listStreamConsumersOut{})
	w.same(minikinesis.OpDeregisterStreamConsumer, consumerRefIn{StreamARN: &arn, ConsumerName: ptr("app")}, nil)
	w.same(minikinesis.OpDeleteStream, deleteStreamIn{streamRef: stream, EnforceConsumerDeletion: ptr(true)}, nil)
	w.same(minikinesis.OpListStreams, listStreamsIn{}, &listStreamsOut{})
	assert.Empty(t, w.json.k.StreamNames())
}

func TestCBORRequestsAndErrors(t *testing.T) {
	t.Parallel()
	h, _ := wireServer(t)
	c := newCBORCodec()
	// An indefinite-length map, as the Java SDKs write.
	var buf bytes.Buffer
	enc := cbor.NewEncoder(&buf)
	require.NoError(t, enc.StartIndefiniteMap())
	require.NoError(t, enc.Encode("StreamName"))
	require.NoError(t, enc.Encode("s"))
	require.NoError(t, enc.Encode("Records"))
	require.NoError(t, enc.Encode([]map[string]any{{"PartitionKey": "p", "Data": []byte("cbor!")}}))
	require.NoError(t, enc.EndIndefinite())
	resp := post(t, h, contentTypeCBOR, targetPrefix+minikinesis.OpPutRecords, buf.Bytes())
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, contentTypeCBOR, resp.header.Get("Content-Type"))
	var out putRecordsOut
	require.NoError(t, c.decode(resp.body, &out))
	assert.Zero(t, out.FailedRecordCount)
	require.Len(t, out.Records, 1)

	bad := post(t, h, contentTypeCBOR, targetPrefix+minikinesis.OpDescribeStream, []byte{0xa1, 0x6a, 'S', 't', 'r', 'e', 'a', 'm', 'N', 'a', 'm', 'e', 0x05})
	assert.Equal(t, http.StatusBadRequest, bad.status)
	var eb map[string]any
	require.NoError(t, cbor.Unmarshal(bad.body, &eb))
	assert.Equal(t, "SerializationException", eb["__type"])

	nf := post(t, h, contentTypeCBOR, targetPrefix+minikinesis.OpDescribeStream, mustCBOR(t, map[string]any{"StreamName": "nope"}))
	require.NoError(t, cbor.Unmarshal(nf.body, &eb))
	assert.Equal(t, "ResourceNotFoundException", eb["__type"])
	assert.Equal(t, "Stream nope under account 000000000000 not found.", eb["message"])
}
