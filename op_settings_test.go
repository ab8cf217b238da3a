package minikinesis

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func summaryOf(t *testing.T, k *Kinesis, name string) StreamDescriptionSummary {
	t.Helper()
	out, err := k.DescribeStreamSummary(t.Context(), &DescribeStreamSummaryInput{StreamName: name})
	require.NoError(t, err)
	return out.StreamDescriptionSummary
}

// allShardLevelMetrics is every metric "ALL" stands for, in AWS's order.
var allShardLevelMetrics = []string{
	"IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
	"WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
	"IteratorAgeMilliseconds",
}

func TestUpdateStreamMode(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 2)
	assert.Equal(t, StreamModeProvisioned, summaryOf(t, k, "s").StreamModeDetails.StreamMode)

	require.NoError(t, k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}}))
	sum := summaryOf(t, k, "s")
	assert.Equal(t, StreamModeOnDemand, sum.StreamModeDetails.StreamMode)
	assert.Equal(t, 2, sum.OpenShardCount, "switching mode keeps the shards")
	assert.Equal(t, StreamStatusActive, sum.StreamStatus, "no delay configured: ACTIVE at once")
	limits, err := k.DescribeLimits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, limits.OnDemandStreamCount)
	streams, err := k.ListStreams(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, streams.StreamSummaries, 1)
	assert.Equal(t, StreamModeOnDemand, streams.StreamSummaries[0].StreamModeDetails.StreamMode)

	err = k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}})
	ia := requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 is already in ON_DEMAND mode.", ia.ErrorMessage())

	require.NoError(t, k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeProvisioned}}))
	d, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Equal(t, StreamModeProvisioned, d.StreamDescription.StreamModeDetails.StreamMode)
	assert.Len(t, d.StreamDescription.Shards, 2)
	err = k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: s.ARN(), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeProvisioned}})
	ia = requireAPIError[*InvalidArgumentException](t, err)
	assert.Equal(t, "Stream s under account 000000000000 is already in PROVISIONED mode.", ia.ErrorMessage())
}

func TestUpdateStreamModeErrors(t *testing.T) {
	t.Parallel()
	arn := "arn:aws:kinesis:us-east-1:000000000000:stream/s"
	onDemand := &StreamModeDetails{StreamMode: StreamModeOnDemand}
	cases := []struct {
		name     string
		in       *UpdateStreamModeInput
		wantType string
		wantMsg  string
	}{
		{name: "nil input", in: nil, wantType: "ValidationException",
			wantMsg: "2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null; Value null at 'streamModeDetails' failed to satisfy constraint: Member must not be null"},
		{name: "no mode details", in: &UpdateStreamModeInput{StreamARN: arn}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'streamModeDetails' failed to satisfy constraint: Member must not be null"},
		{name: "unknown mode", in: &UpdateStreamModeInput{StreamARN: arn, StreamModeDetails: &StreamModeDetails{StreamMode: "FAST"}}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
		{name: "malformed ARN", in: &UpdateStreamModeInput{StreamARN: "s", StreamModeDetails: onDemand}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 's' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
		{name: "missing stream", in: &UpdateStreamModeInput{StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/nope", StreamModeDetails: onDemand},
			wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			err := k.UpdateStreamMode(t.Context(), tc.in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, StreamModeProvisioned, summaryOf(t, k, "s").StreamModeDetails.StreamMode)
		})
	}
}

func TestUpdateMaxRecordSizeRaisesTheRecordLimit(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "s", 1)
	assert.Equal(t, 1024, summaryOf(t, k, "s").MaxRecordSizeInKiB)
	put := func(size int) error {
		_, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "k", Data: bytes.Repeat([]byte{'x'}, size-1)})
		return err
	}
	// size counts data and key; the message shows it, never a length within
	// the limit it says was broken.
	tooBig := func(size, limit int) string {
		return "1 validation error detected: Value '" + blobValue(size) + "' at 'data' failed to satisfy constraint: Member must have length less than or equal to " + itoa(limit)
	}

	v := requireAPIError[*ValidationException](t, put(mebibyte+1))
	assert.Equal(t, tooBig(mebibyte+1, mebibyte), v.ErrorMessage())

	require.NoError(t, k.UpdateMaxRecordSize(t.Context(), &UpdateMaxRecordSizeInput{StreamARN: s.ARN(), MaxRecordSizeInKiB: 2048}))
	assert.Equal(t, 2048, summaryOf(t, k, "s").MaxRecordSizeInKiB)
	require.NoError(t, put(mebibyte+1), "just above the old limit")
	require.NoError(t, put(2*mebibyte), "exactly the new limit, key included")
	v = requireAPIError[*ValidationException](t, put(2*mebibyte+1))
	assert.Equal(t, tooBig(2*mebibyte+1, 2*mebibyte), v.ErrorMessage())

	// The Stream's own methods and PutRecords honour the new limit too.
	_, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "k", Data: make([]byte, 2*mebibyte-1)})
	require.NoError(t, err)
	out, err := s.PutRecords(t.Context(), &PutRecordsInput{Records: []PutRecordsRequestEntry{{PartitionKey: "k", Data: make([]byte, 2*mebibyte-1)}}})
	require.NoError(t, err)
	assert.Zero(t, out.FailedRecordCount)
	_, err = k.PutRecords(t.Context(), &PutRecordsInput{StreamName: "s", Records: []PutRecordsRequestEntry{{PartitionKey: "k", Data: make([]byte, 2*mebibyte)}}})
	v = requireAPIError[*ValidationException](t, err)
	assert.Equal(t, "1 validation error detected: Value '"+blobValue(2*mebibyte+1)+"' at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 2097152", v.ErrorMessage())

	recs, err := s.ShardRecords("0")
	require.NoError(t, err)
	require.Len(t, recs, 4)
	assert.Len(t, recs[0].Data, mebibyte)
	assert.Len(t, recs[1].Data, 2*mebibyte-1)

	// Up to 10 MiB, and back down again.
	require.NoError(t, k.UpdateMaxRecordSize(t.Context(), &UpdateMaxRecordSizeInput{StreamARN: s.ARN(), MaxRecordSizeInKiB: 10240}))
	assert.Equal(t, 10240, summaryOf(t, k, "s").MaxRecordSizeInKiB)
	require.NoError(t, put(10*mebibyte))
	v = requireAPIError[*ValidationException](t, put(10*mebibyte+1))
	assert.Equal(t, tooBig(10*mebibyte+1, 10*mebibyte), v.ErrorMessage())
	require.NoError(t, k.UpdateMaxRecordSize(t.Context(), &UpdateMaxRecordSizeInput{StreamARN: s.ARN(), MaxRecordSizeInKiB: 1024}))
	v = requireAPIError[*ValidationException](t, put(mebibyte+1))
	assert.Equal(t, tooBig(mebibyte+1, mebibyte), v.ErrorMessage())
}

// A shard that has been idle for an hour can take one record of the
// stream's maximum size at once, whether the stream was created with that
// maximum or raised to it later: AWS describes the write allowance as a
// tank that large records drain and that refills over time.
func TestLargeRecordAfterUpdateMaxRecordSizeWithDefaultThrottling(t *testing.T) {
	t.Parallel()
	k, clock := newTestKinesis(t) // write throttling on, as by default
	require.NoError(t, k.CreateStream(t.Context(), &CreateStreamInput{StreamName: "created", ShardCount: 1, MaxRecordSizeInKiB: 10240}))
	updated := createStream(t, k, "updated", 1)
	clock.Advance(time.Hour)
	require.NoError(t, k.UpdateMaxRecordSize(t.Context(), &UpdateMaxRecordSizeInput{StreamARN: updated.ARN(), MaxRecordSizeInKiB: 10240}))

	for _, name := range []string{"created", "updated"} {
		_, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: name, PartitionKey: "k", Data: make([]byte, 10*mebibyte-1)})
		assert.NoError(t, err, "stream %s: a 10 MiB record on an idle shard", name)
	}
}

func TestUpdateMaxRecordSizeErrors(t *testing.T) {
	t.Parallel()
	arn := "arn:aws:kinesis:us-east-1:000000000000:stream/s"
	cases := []struct {
		name     string
		in       *UpdateMaxRecordSizeInput
		wantType string
		wantMsg  string
	}{
		{name: "nil input", in: nil, wantType: "ValidationException",
			wantMsg: "2 validation errors detected: Value null at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must not be null; Value null at 'streamARN' failed to satisfy constraint: Member must not be null"},
		{name: "below 1024", in: &UpdateMaxRecordSizeInput{StreamARN: arn, MaxRecordSizeInKiB: 1023}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
		{name: "above 10240", in: &UpdateMaxRecordSizeInput{StreamARN: arn, MaxRecordSizeInKiB: 10241}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
		{name: "no ARN", in: &UpdateMaxRecordSizeInput{MaxRecordSizeInKiB: 2048}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null"},
		{name: "missing stream", in: &UpdateMaxRecordSizeInput{StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/nope", MaxRecordSizeInKiB: 2048},
			wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			err := k.UpdateMaxRecordSize(t.Context(), tc.in)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, 1024, summaryOf(t, k, "s").MaxRecordSizeInKiB)
		})
	}
}

func TestStreamEncryption(t *testing.T) {
	t.Parallel()
	const key = "arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012"
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	sum := summaryOf(t, k, "s")
	assert.Equal(t, EncryptionTypeNone, sum.EncryptionType)
	assert.Empty(t, sum.KeyId)

	before, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("plain")})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeNone, before.EncryptionType)

	require.NoError(t, k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS, KeyId: key}))
	sum = summaryOf(t, k, "s")
	assert.Equal(t, EncryptionTypeKMS, sum.EncryptionType)
	assert.Equal(t, key, sum.KeyId)
	d, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamARN: s.ARN()})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeKMS, d.StreamDescription.EncryptionType)
	assert.Equal(t, key, d.StreamDescription.KeyId)

	one, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("secret")})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeKMS, one.EncryptionType)
	viaStream, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("secret2")})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeKMS, viaStream.EncryptionType)
	batch, err := k.PutRecords(t.Context(), &PutRecordsInput{StreamName: "s", Records: []PutRecordsRequestEntry{{PartitionKey: "p", Data: []byte("secret3")}}})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeKMS, batch.EncryptionType)

	// Stopping applies to records written from then on.
	require.NoError(t, k.StopStreamEncryption(t.Context(), &StopStreamEncryptionInput{StreamARN: s.ARN(), EncryptionType: EncryptionTypeKMS, KeyId: key}))
	sum = summaryOf(t, k, "s")
	assert.Equal(t, EncryptionTypeNone, sum.EncryptionType)
	assert.Empty(t, sum.KeyId)
	after, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("plain again")})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeNone, after.EncryptionType)
	batch, err = s.PutRecords(t.Context(), &PutRecordsInput{Records: []PutRecordsRequestEntry{{PartitionKey: "p", Data: []byte("plain batch")}}})
	require.NoError(t, err)
	assert.Equal(t, EncryptionTypeNone, batch.EncryptionType)

	recs, err := s.ShardRecords("shardId-000000000000")
	require.NoError(t, err)
	var got []EncryptionType
	for _, r := range recs {
		got = append(got, r.EncryptionType)
	}
	assert.Equal(t, []EncryptionType{"", EncryptionTypeKMS, EncryptionTypeKMS, EncryptionTypeKMS, "", ""}, got, "records say KMS or nothing")
	assert.Equal(t, "secret", string(recs[1].Data), "the model keeps the data readable")
}

func TestStreamEncryptionErrors(t *testing.T) {
	t.Parallel()
	const key = "alias/aws/kinesis"
	cases := []struct {
		name     string
		call     func(k *Kinesis) error
		wantType string
		wantMsg  string
	}{
		{name: "start without anything", call: func(k *Kinesis) error { return k.StartStreamEncryption(t.Context(), nil) },
			wantType: "ValidationException",
			wantMsg:  "2 validation errors detected: Value null at 'encryptionType' failed to satisfy constraint: Member must not be null; Value null at 'keyId' failed to satisfy constraint: Member must not be null"},
		{name: "start with an unknown type", call: func(k *Kinesis) error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: "AES", KeyId: key})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]"},
		{name: "start with a long key id", call: func(k *Kinesis) error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS, KeyId: strings.Repeat("k", 2049)})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '" + strings.Repeat("k", 2049) + "' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048"},
		{name: "start with type NONE", call: func(k *Kinesis) error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeNone, KeyId: key})
		}, wantType: "InvalidArgumentException", wantMsg: "Encryption type NONE is not supported for StartStreamEncryption; use KMS."},
		{name: "start without a stream", call: func(k *Kinesis) error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{EncryptionType: EncryptionTypeKMS, KeyId: key})
		}, wantType: "InvalidArgumentException", wantMsg: "Stream arn and stream name can't be empty at the same time"},
		{name: "start on a missing stream", call: func(k *Kinesis) error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "nope", EncryptionType: EncryptionTypeKMS, KeyId: key})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "stop without key id", call: func(k *Kinesis) error {
			return k.StopStreamEncryption(t.Context(), &StopStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS})
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null"},
		{name: "stop with type NONE", call: func(k *Kinesis) error {
			return k.StopStreamEncryption(t.Context(), &StopStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeNone, KeyId: key})
		}, wantType: "InvalidArgumentException", wantMsg: "Encryption type NONE is not supported for StopStreamEncryption; use KMS."},
		{name: "stop on a missing stream", call: func(k *Kinesis) error {
			return k.StopStreamEncryption(t.Context(), &StopStreamEncryptionInput{StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/nope", EncryptionType: EncryptionTypeKMS, KeyId: key})
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			err := tc.call(k)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			sum := summaryOf(t, k, "s")
			assert.Equal(t, EncryptionTypeNone, sum.EncryptionType)
			assert.Equal(t, StreamStatusActive, sum.StreamStatus)
		})
	}
}

func TestEnhancedMonitoring(t *testing.T) {
	t.Parallel()
	k, _ := newTestKinesis(t)
	s := createStream(t, k, "s", 1)
	sum := summaryOf(t, k, "s")
	require.Len(t, sum.EnhancedMonitoring, 1)
	assert.Empty(t, sum.EnhancedMonitoring[0].ShardLevelMetrics)

	out, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"OutgoingBytes", "IncomingBytes"}})
	require.NoError(t, err)
	assert.Equal(t, "s", out.StreamName)
	assert.Equal(t, s.ARN(), out.StreamARN)
	assert.Empty(t, out.CurrentShardLevelMetrics)
	assert.Equal(t, []string{"IncomingBytes", "OutgoingBytes"}, out.DesiredShardLevelMetrics)
	d, err := k.DescribeStream(t.Context(), &DescribeStreamInput{StreamName: "s"})
	require.NoError(t, err)
	assert.Equal(t, []EnhancedMetrics{{ShardLevelMetrics: []string{"IncomingBytes", "OutgoingBytes"}}}, d.StreamDescription.EnhancedMonitoring)

	// Enabling again what is on already changes nothing.
	out, err = k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamARN: s.ARN(), ShardLevelMetrics: []string{"IncomingBytes"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"IncomingBytes", "OutgoingBytes"}, out.CurrentShardLevelMetrics)
	assert.Equal(t, []string{"IncomingBytes", "OutgoingBytes"}, out.DesiredShardLevelMetrics)

	out, err = k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"ALL"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"IncomingBytes", "OutgoingBytes"}, out.CurrentShardLevelMetrics)
	assert.Equal(t, allShardLevelMetrics, out.DesiredShardLevelMetrics)
	assert.Equal(t, []EnhancedMetrics{{ShardLevelMetrics: allShardLevelMetrics}}, summaryOf(t, k, "s").EnhancedMonitoring)

	dis, err := k.DisableEnhancedMonitoring(t.Context(), &DisableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"IncomingBytes", "IteratorAgeMilliseconds"}})
	require.NoError(t, err)
	assert.Equal(t, "s", dis.StreamName)
	assert.Equal(t, s.ARN(), dis.StreamARN)
	assert.Equal(t, allShardLevelMetrics, dis.CurrentShardLevelMetrics)
	want := []string{"IncomingRecords", "OutgoingBytes", "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded"}
	assert.Equal(t, want, dis.DesiredShardLevelMetrics)
	assert.Equal(t, want, summaryOf(t, k, "s").EnhancedMonitoring[0].ShardLevelMetrics)

	dis, err = k.DisableEnhancedMonitoring(t.Context(), &DisableEnhancedMonitoringInput{StreamARN: s.ARN(), ShardLevelMetrics: []string{"ALL"}})
	require.NoError(t, err)
	assert.Equal(t, want, dis.CurrentShardLevelMetrics)
	assert.Empty(t, dis.DesiredShardLevelMetrics)
	assert.Empty(t, summaryOf(t, k, "s").EnhancedMonitoring[0].ShardLevelMetrics)

	// The outputs are copies.
	out, err = k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"IncomingBytes"}})
	require.NoError(t, err)
	out.DesiredShardLevelMetrics[0] = "changed"
	assert.Equal(t, []string{"IncomingBytes"}, summaryOf(t, k, "s").EnhancedMonitoring[0].ShardLevelMetrics)
}

func TestEnhancedMonitoringErrors(t *testing.T) {
	t.Parallel()
	enumConstraint := "Member must satisfy constraint: [Member must satisfy enum value set: [" + strings.Join(allShardLevelMetrics, ", ") + ", ALL]]"
	eight := append(append([]string{}, allShardLevelMetrics...), "ALL")
	cases := []struct {
		name     string
		call     func(k *Kinesis) error
		wantType string
		wantMsg  string
	}{
		{name: "enable without metrics", call: func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s"})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value null at 'shardLevelMetrics' failed to satisfy constraint: Member must not be null"},
		{name: "enable with no metrics", call: func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{}})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "enable an unknown metric", call: func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"IncomingBytes", "Latency"}})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[IncomingBytes, Latency]' at 'shardLevelMetrics' failed to satisfy constraint: " + enumConstraint},
		{name: "enable eight metrics", call: func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: eight})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[" + strings.Join(eight, ", ") + "]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length less than or equal to 7"},
		{name: "enable with a bad stream name too", call: func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "a b"})
			return err
		}, wantType: "ValidationException",
			wantMsg: "2 validation errors detected: Value null at 'shardLevelMetrics' failed to satisfy constraint: Member must not be null; Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{name: "enable on a missing stream", call: func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "nope", ShardLevelMetrics: []string{"ALL"}})
			return err
		}, wantType: "ResourceNotFoundException", wantMsg: "Stream nope under account 000000000000 not found."},
		{name: "disable an unknown metric", call: func(k *Kinesis) error {
			_, err := k.DisableEnhancedMonitoring(t.Context(), &DisableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"all"}})
			return err
		}, wantType: "ValidationException",
			wantMsg: "1 validation error detected: Value '[all]' at 'shardLevelMetrics' failed to satisfy constraint: " + enumConstraint},
		{name: "disable without a stream", call: func(k *Kinesis) error {
			_, err := k.DisableEnhancedMonitoring(t.Context(), &DisableEnhancedMonitoringInput{ShardLevelMetrics: []string{"ALL"}})
			return err
		}, wantType: "InvalidArgumentException", wantMsg: "Stream arn and stream name can't be empty at the same time"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			createStream(t, k, "s", 1)
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"IncomingRecords"}})
			require.NoError(t, err)
			err = tc.call(k)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantMsg, apiErr.ErrorMessage())
			assert.Equal(t, []string{"IncomingRecords"}, summaryOf(t, k, "s").EnhancedMonitoring[0].ShardLevelMetrics)
		})
	}
}

func TestSettingsRefusedWhileUpdating(t *testing.T) {
	t.Parallel()
	const notActive = "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING"
	const key = "alias/aws/kinesis"
	ops := []struct {
		name string
		call func(k *Kinesis) error
	}{
		{"UpdateStreamMode", func(k *Kinesis) error {
			return k.UpdateStreamMode(t.Context(), &UpdateStreamModeInput{StreamARN: k.StreamARN("s"), StreamModeDetails: &StreamModeDetails{StreamMode: StreamModeOnDemand}})
		}},
		{"UpdateMaxRecordSize", func(k *Kinesis) error {
			return k.UpdateMaxRecordSize(t.Context(), &UpdateMaxRecordSizeInput{StreamARN: k.StreamARN("s"), MaxRecordSizeInKiB: 2048})
		}},
		{"StartStreamEncryption", func(k *Kinesis) error {
			return k.StartStreamEncryption(t.Context(), &StartStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS, KeyId: key})
		}},
		{"StopStreamEncryption", func(k *Kinesis) error {
			return k.StopStreamEncryption(t.Context(), &StopStreamEncryptionInput{StreamName: "s", EncryptionType: EncryptionTypeKMS, KeyId: key})
		}},
		{"EnableEnhancedMonitoring", func(k *Kinesis) error {
			_, err := k.EnableEnhancedMonitoring(t.Context(), &EnableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"ALL"}})
			return err
		}},
		{"DisableEnhancedMonitoring", func(k *Kinesis) error {
			_, err := k.DisableEnhancedMonitoring(t.Context(), &DisableEnhancedMonitoringInput{StreamName: "s", ShardLevelMetrics: []string{"ALL"}})
			return err
		}},
	}
	for _, first := range ops {
		t.Run(first.name, func(t *testing.T) {
			t.Parallel()
			k, clock := newTestKinesis(t, WithStateDelays(StateDelays{Updating: time.Minute}))
			s := createStream(t, k, "s", 1)
			require.Equal(t, StreamStatusActive, s.Status(), "no creation delay")
			require.NoError(t, first.call(k))
			assert.Equal(t, StreamStatusUpdating, s.Status())
			assert.Equal(t, StreamStatusUpdating, summaryOf(t, k, "s").StreamStatus)
			before := summaryOf(t, k, "s")

			for _, op := range ops {
				err := op.call(k)
				riu := requireAPIError[*ResourceInUseException](t, err)
				assert.Equal(t, notActive, riu.ErrorMessage(), "%s while UPDATING", op.name)
			}
			assert.Equal(t, before, summaryOf(t, k, "s"), "refused changes change nothing")

			// Writes go on while UPDATING.
			_, err := k.PutRecord(t.Context(), &PutRecordInput{StreamName: "s", PartitionKey: "p", Data: []byte("d")})
			require.NoError(t, err)

			clock.Advance(time.Minute - time.Nanosecond)
			assert.Equal(t, StreamStatusUpdating, s.Status())
			requireAPIError[*ResourceInUseException](t, first.call(k))
			clock.Advance(time.Nanosecond)
			assert.Equal(t, StreamStatusActive, s.Status())
			assert.Equal(t, StreamStatusActive, summaryOf(t, k, "s").StreamStatus)

			// ACTIVE again: another change is accepted and starts a new wait.
			require.NoError(t, k.UpdateMaxRecordSize(t.Context(), &UpdateMaxRecordSizeInput{StreamARN: s.ARN(), MaxRecordSizeInKiB: 4096}))
			assert.Equal(t, StreamStatusUpdating, s.Status())
			assert.Equal(t, 4096, summaryOf(t, k, "s").MaxRecordSizeInKiB)
		})
	}
}
