package minikinesis

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// Kinesis is one AWS account in one region: a registry of streams by name
// and ARN, with the account's limits, clock and options. It is safe for
// concurrent use; two Kinesis values share nothing.
type Kinesis struct {
	cfg config

	mu         sync.RWMutex
	streams    map[string]*Stream
	openShards int // counted against cfg.shardLimit
}

// New returns an empty account configured by opts.
func New(opts ...Option) *Kinesis {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	return &Kinesis{cfg: cfg, streams: make(map[string]*Stream)}
}

// Clock returns the clock the model reads.
func (k *Kinesis) Clock() Clock { return k.cfg.clock }

// Region returns the account's region, as used in ARNs.
func (k *Kinesis) Region() string { return k.cfg.region }

// AccountID returns the account's 12-digit id, as used in ARNs and messages.
func (k *Kinesis) AccountID() string { return k.cfg.accountID }

// StreamARN returns the ARN a stream of this name has in this account.
func (k *Kinesis) StreamARN(name string) string {
	return "arn:aws:kinesis:" + k.cfg.region + ":" + k.cfg.accountID + ":stream/" + name
}

// streamNameFromARN returns the stream name an ARN names, and whether the
// ARN belongs to this account and region at all.
func (k *Kinesis) streamNameFromARN(arn string) (string, bool) {
	const marker = ":stream/"
	i := strings.LastIndex(arn, marker)
	if i < 0 {
		return "", false
	}
	name := arn[i+len(marker):]
	return name, arn == k.StreamARN(name)
}

// Stream returns the stream named by a stream name or a stream ARN.
func (k *Kinesis) Stream(nameOrARN string) (*Stream, error) {
	if strings.HasPrefix(nameOrARN, "arn:") {
		return k.resolve("", nameOrARN)
	}
	return k.resolve(nameOrARN, "")
}

// resolve finds the stream a request names by StreamName, StreamARN or both,
// as every AWS operation accepts either.
func (k *Kinesis) resolve(name, arn string) (*Stream, error) {
	if name == "" && arn == "" {
		return nil, emptyStreamIdentifier()
	}
	if arn != "" {
		arnName, ours := k.streamNameFromARN(arn)
		if name != "" && name != arnName {
			return nil, streamNameARNMismatch(name, arn)
		}
		if !ours {
			return nil, streamNotFound(arnName, k.cfg.accountID)
		}
		name = arnName
	}
	k.mu.RLock()
	s := k.streams[name]
	k.mu.RUnlock()
	if s == nil {
		return nil, streamNotFound(name, k.cfg.accountID)
	}
	return s, nil
}

// CreateStreamInput mirrors the AWS CreateStream request.
type CreateStreamInput struct {
	// StreamName names the stream: 1..128 characters of [a-zA-Z0-9_.-].
	StreamName string
	// ShardCount is the number of shards the stream starts with (at least 1).
	ShardCount int
}

// CreateStream creates a provisioned stream whose shards divide the hash key
// space equally (see SplitHashKeySpace).
func (k *Kinesis) CreateStream(ctx context.Context, in *CreateStreamInput) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if in == nil {
		in = &CreateStreamInput{}
	}
	var v violations
	if in.ShardCount < 1 {
		v = append(v, minValueViolation("shardCount", in.ShardCount, 1))
	}
	if in.StreamName == "" {
		v = append(v, nullViolation("streamName"))
	} else {
		v.checkName("streamName", in.StreamName)
	}
	if err := v.err(); err != nil {
		return err
	}

	k.mu.Lock()
	defer k.mu.Unlock()
	if _, exists := k.streams[in.StreamName]; exists {
		return streamAlreadyExists(in.StreamName, k.cfg.accountID)
	}
	if k.openShards+in.ShardCount > k.cfg.shardLimit {
		return shardLimitExceeded(k.cfg.accountID, k.cfg.region, k.openShards, k.cfg.shardLimit, in.ShardCount)
	}
	k.streams[in.StreamName] = newStream(k, in.StreamName, in.ShardCount)
	k.openShards += in.ShardCount
	return nil
}

// DeleteStreamInput mirrors the AWS DeleteStream request.
type DeleteStreamInput struct {
	StreamName string
	StreamARN  string
}

// DeleteStream removes a stream and all its records.
func (k *Kinesis) DeleteStream(ctx context.Context, in *DeleteStreamInput) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if in == nil {
		in = &DeleteStreamInput{}
	}
	var v violations
	v.checkStreamRef(in.StreamName, in.StreamARN)
	if err := v.err(); err != nil {
		return err
	}
	s, err := k.resolve(in.StreamName, in.StreamARN)
	if err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.streams[s.name] != s {
		return streamNotFound(s.name, k.cfg.accountID)
	}
	delete(k.streams, s.name)
	k.openShards -= s.markDeleted()
	return nil
}

// StreamNames lists the account's streams in name order.
func (k *Kinesis) StreamNames() []string {
	k.mu.RLock()
	names := make([]string, 0, len(k.streams))
	for name := range k.streams {
		names = append(names, name)
	}
	k.mu.RUnlock()
	slices.Sort(names)
	return names
}
