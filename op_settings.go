package minikinesis

import (
	"context"
	"slices"
	"strings"
)

// UpdateStreamModeInput mirrors the AWS UpdateStreamMode request.
type UpdateStreamModeInput struct {
	StreamARN         string
	StreamModeDetails *StreamModeDetails
}

func (in *UpdateStreamModeInput) target() callTarget { return callTarget{arn: in.StreamARN} }

func (in *UpdateStreamModeInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	c.StreamModeDetails = c.StreamModeDetails.clipped()
	return &c
}

// UpdateStreamMode switches a stream between PROVISIONED and ON_DEMAND. Its
// shards stay as they are; the stream is UPDATING for the configured delay.
func (k *Kinesis) UpdateStreamMode(ctx context.Context, in *UpdateStreamModeInput) error {
	return callErr(k, ctx, OpUpdateStreamMode, in, k.opUpdateStreamMode)
}

// opUpdateStreamMode is UpdateStreamMode without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateStreamMode(ctx context.Context, in *UpdateStreamModeInput) error {
	var v violations
	if in.StreamARN == "" {
		v = append(v, nullViolation("streamARN"))
	}
	if in.StreamModeDetails == nil {
		v = append(v, nullViolation("streamModeDetails"))
	} else {
		v.checkStreamMode("streamModeDetails.streamMode", in.StreamModeDetails.StreamMode)
	}
	s, err := k.streamFor(ctx, OpUpdateStreamMode, "", in.StreamARN, v)
	if err != nil {
		return err
	}
	mode := in.StreamModeDetails.StreamMode
	if mode == StreamModeOnDemand {
		if err := k.checkOnDemandQuota(s); err != nil {
			return err
		}
	}
	return s.update(func() error {
		if s.mode == mode {
			return &InvalidArgumentException{Message: "Stream " + s.name + " under account " + k.cfg.accountID + " is already in " + string(mode) + " mode."}
		}
		s.mode = mode
		return nil
	})
}

func (k *Kinesis) checkOnDemandQuota(except *Stream) error {
	count := 0
	for _, s := range k.liveStreams() {
		s.mu.RLock()
		if s != except && s.mode == StreamModeOnDemand {
			count++
		}
		s.mu.RUnlock()
	}
	if count >= OnDemandStreamCountLimit {
		return &LimitExceededException{Message: "Account " + k.cfg.accountID + " already has " + itoa(count) + " streams in ON_DEMAND mode, the most it may have."}
	}
	return nil
}

// update applies change to an ACTIVE stream under its lock and leaves it
// UPDATING for the configured delay.
func (s *Stream) update(change func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.k.cfg.clock.Now()
	if err := s.requireActiveLocked(now); err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	s.enterLocked(StreamStatusUpdating, now, s.k.cfg.delays.Updating)
	return nil
}

// UpdateMaxRecordSizeInput mirrors the AWS UpdateMaxRecordSize request.
type UpdateMaxRecordSizeInput struct {
	StreamARN          string
	MaxRecordSizeInKiB int
}

func (in *UpdateMaxRecordSizeInput) target() callTarget { return callTarget{arn: in.StreamARN} }

func (in *UpdateMaxRecordSizeInput) clipped() any {
	c := *in
	c.StreamARN = clip(c.StreamARN)
	return &c
}

// UpdateMaxRecordSize sets the largest record (data plus partition key) the
// stream accepts, 1024..10240 KiB.
func (k *Kinesis) UpdateMaxRecordSize(ctx context.Context, in *UpdateMaxRecordSizeInput) error {
	return callErr(k, ctx, OpUpdateMaxRecordSize, in, k.opUpdateMaxRecordSize)
}

// opUpdateMaxRecordSize is UpdateMaxRecordSize without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateMaxRecordSize(ctx context.Context, in *UpdateMaxRecordSizeInput) error {
	var v violations
	if in.MaxRecordSizeInKiB == 0 {
		v = append(v, nullViolation("maxRecordSizeInKiB"))
	} else {
		v.checkMaxRecordSizeInKiB(in.MaxRecordSizeInKiB)
	}
	if in.StreamARN == "" {
		v = append(v, nullViolation("streamARN"))
	}
	s, err := k.streamFor(ctx, OpUpdateMaxRecordSize, "", in.StreamARN, v)
	if err != nil {
		return err
	}
	size := in.MaxRecordSizeInKiB * 1024
	return s.update(func() error {
		s.maxRecordSize.Store(int64(size))
		now := s.k.cfg.clock.Now()
		for _, sh := range s.shards {
			sh.fitBytesBucket(size, now)
		}
		return nil
	})
}

// StartStreamEncryptionInput mirrors the AWS StartStreamEncryption request.
type StartStreamEncryptionInput struct {
	StreamName     string
	StreamARN      string
	EncryptionType EncryptionType
	KeyId          string
}

func (in *StartStreamEncryptionInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *StartStreamEncryptionInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.EncryptionType = EncryptionType(clip(string(c.EncryptionType)))
	c.KeyId = clip(c.KeyId)
	return &c
}

// StopStreamEncryptionInput mirrors the AWS StopStreamEncryption request.
type StopStreamEncryptionInput struct {
	StreamName     string
	StreamARN      string
	EncryptionType EncryptionType
	KeyId          string
}

func (in *StopStreamEncryptionInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *StopStreamEncryptionInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.EncryptionType = EncryptionType(clip(string(c.EncryptionType)))
	c.KeyId = clip(c.KeyId)
	return &c
}

// StartStreamEncryption records server-side encryption with a KMS key:
// records written from now on report EncryptionType KMS. No cryptography
// is done; the model only keeps and reports the settings.
func (k *Kinesis) StartStreamEncryption(ctx context.Context, in *StartStreamEncryptionInput) error {
	return callErr(k, ctx, OpStartStreamEncryption, in, k.opStartStreamEncryption)
}

// opStartStreamEncryption is StartStreamEncryption without the observation layer (faults, call log, hooks).
func (k *Kinesis) opStartStreamEncryption(ctx context.Context, in *StartStreamEncryptionInput) error {
	s, err := k.streamFor(ctx, OpStartStreamEncryption, in.StreamName, in.StreamARN, encryptionViolations(in.EncryptionType, in.KeyId))
	if err != nil {
		return err
	}
	if in.EncryptionType != EncryptionTypeKMS {
		return &InvalidArgumentException{Message: "Encryption type " + string(in.EncryptionType) + " is not supported for StartStreamEncryption; use KMS."}
	}
	return s.update(func() error {
		s.encryption, s.keyID = EncryptionTypeKMS, in.KeyId
		return nil
	})
}

// StopStreamEncryption turns server-side encryption off: records written
// from now on report EncryptionType NONE.
func (k *Kinesis) StopStreamEncryption(ctx context.Context, in *StopStreamEncryptionInput) error {
	return callErr(k, ctx, OpStopStreamEncryption, in, k.opStopStreamEncryption)
}

// opStopStreamEncryption is StopStreamEncryption without the observation layer (faults, call log, hooks).
func (k *Kinesis) opStopStreamEncryption(ctx context.Context, in *StopStreamEncryptionInput) error {
	s, err := k.streamFor(ctx, OpStopStreamEncryption, in.StreamName, in.StreamARN, encryptionViolations(in.EncryptionType, in.KeyId))
	if err != nil {
		return err
	}
	if in.EncryptionType != EncryptionTypeKMS {
		return &InvalidArgumentException{Message: "Encryption type " + string(in.EncryptionType) + " is not supported for StopStreamEncryption; use KMS."}
	}
	return s.update(func() error {
		s.encryption, s.keyID = EncryptionTypeNone, ""
		return nil
	})
}

func encryptionViolations(t EncryptionType, keyID string) violations {
	var v violations
	switch t {
	case "":
		v = append(v, nullViolation("encryptionType"))
	case EncryptionTypeKMS, EncryptionTypeNone:
	default:
		v = append(v, enumViolation("encryptionType", string(t), "NONE, KMS"))
	}
	if keyID == "" {
		v = append(v, nullViolation("keyId"))
	} else {
		v.checkLength("keyId", keyID, 1, 2048)
	}
	return v
}

// The shard-level metrics enhanced monitoring can report; "ALL" names them
// all.
var shardLevelMetricNames = []string{
	"IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
	"WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
	"IteratorAgeMilliseconds",
}

// EnableEnhancedMonitoringInput mirrors the AWS EnableEnhancedMonitoring request.
type EnableEnhancedMonitoringInput struct {
	StreamName        string
	StreamARN         string
	ShardLevelMetrics []string
}

func (in *EnableEnhancedMonitoringInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *EnableEnhancedMonitoringInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ShardLevelMetrics = clipList(c.ShardLevelMetrics)
	return &c
}

// DisableEnhancedMonitoringInput mirrors the AWS DisableEnhancedMonitoring request.
type DisableEnhancedMonitoringInput struct {
	StreamName        string
	StreamARN         string
	ShardLevelMetrics []string
}

func (in *DisableEnhancedMonitoringInput) target() callTarget {
	return callTarget{name: in.StreamName, arn: in.StreamARN}
}

func (in *DisableEnhancedMonitoringInput) clipped() any {
	c := *in
	c.StreamName = clip(c.StreamName)
	c.StreamARN = clip(c.StreamARN)
	c.ShardLevelMetrics = clipList(c.ShardLevelMetrics)
	return &c
}

// EnhancedMonitoringOutput mirrors the AWS response of both enhanced
// monitoring operations.
type EnhancedMonitoringOutput struct {
	StreamName               string
	StreamARN                string
	CurrentShardLevelMetrics []string
	DesiredShardLevelMetrics []string
}

// EnableEnhancedMonitoring turns on shard-level metrics. The model records
// and reports them; it publishes nothing.
func (k *Kinesis) EnableEnhancedMonitoring(ctx context.Context, in *EnableEnhancedMonitoringInput) (*EnhancedMonitoringOutput, error) {
	return call(k, ctx, OpEnableEnhancedMonitoring, in, k.opEnableEnhancedMonitoring)
}

// opEnableEnhancedMonitoring is EnableEnhancedMonitoring without the observation layer (faults, call log, hooks).
func (k *Kinesis) opEnableEnhancedMonitoring(ctx context.Context, in *EnableEnhancedMonitoringInput) (*EnhancedMonitoringOutput, error) {
	return k.changeMonitoring(ctx, OpEnableEnhancedMonitoring, in.StreamName, in.StreamARN, in.ShardLevelMetrics, true)
}

// DisableEnhancedMonitoring turns shard-level metrics off.
func (k *Kinesis) DisableEnhancedMonitoring(ctx context.Context, in *DisableEnhancedMonitoringInput) (*EnhancedMonitoringOutput, error) {
	return call(k, ctx, OpDisableEnhancedMonitoring, in, k.opDisableEnhancedMonitoring)
}

// opDisableEnhancedMonitoring is DisableEnhancedMonitoring without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDisableEnhancedMonitoring(ctx context.Context, in *DisableEnhancedMonitoringInput) (*EnhancedMonitoringOutput, error) {
	return k.changeMonitoring(ctx, OpDisableEnhancedMonitoring, in.StreamName, in.StreamARN, in.ShardLevelMetrics, false)
}

func (k *Kinesis) changeMonitoring(ctx context.Context, op, name, arn string, metrics []string, enable bool) (*EnhancedMonitoringOutput, error) {
	var v violations
	switch {
	case metrics == nil:
		v = append(v, nullViolation("shardLevelMetrics"))
	case len(metrics) == 0:
		v = append(v, minLengthViolation("shardLevelMetrics", "[]", 1))
	case len(metrics) > len(shardLevelMetricNames):
		v = append(v, maxLengthViolation("shardLevelMetrics", "["+joinStrings(metrics)+"]", len(shardLevelMetricNames)))
	}
	for _, m := range metrics {
		if m != "ALL" && !slices.Contains(shardLevelMetricNames, m) {
			v = append(v, Violation{Path: "shardLevelMetrics", Value: "[" + joinStrings(metrics) + "]",
				Constraint: "Member must satisfy constraint: [Member must satisfy enum value set: [" + joinStrings(shardLevelMetricNames) + ", ALL]]"})
			break
		}
	}
	s, err := k.streamFor(ctx, op, name, arn, v)
	if err != nil {
		return nil, err
	}
	wanted := metrics
	if slices.Contains(metrics, "ALL") {
		wanted = shardLevelMetricNames
	}
	out := &EnhancedMonitoringOutput{StreamName: s.name, StreamARN: s.arn}
	err = s.update(func() error {
		out.CurrentShardLevelMetrics = append([]string{}, s.shardLevelMetrics...)
		next := make([]string, 0, len(shardLevelMetricNames))
		for _, m := range shardLevelMetricNames { // keep AWS's canonical order
			on := slices.Contains(s.shardLevelMetrics, m)
			if slices.Contains(wanted, m) {
				on = enable
			}
			if on {
				next = append(next, m)
			}
		}
		s.shardLevelMetrics = next
		out.DesiredShardLevelMetrics = append([]string{}, next...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func joinStrings(s []string) string { return strings.Join(s, ", ") }
