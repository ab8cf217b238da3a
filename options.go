package minikinesis

import "time"

const (
	mebibyte = 1 << 20

	// DefaultRegion is the region used in ARNs and messages unless WithRegion says otherwise.
	DefaultRegion = "us-east-1"
	// DefaultAccountID is the account used in ARNs and messages unless WithAccountID says otherwise.
	DefaultAccountID = "000000000000"

	// MinRetentionHours is the shortest retention period AWS allows.
	MinRetentionHours = 24
	// MaxRetentionHours is the longest retention period AWS allows (365 days).
	MaxRetentionHours = 8760
	// DefaultRetentionHours is a new stream's retention period.
	DefaultRetentionHours = 24

	// DefaultShardLimit is the open-shard quota of an account unless
	// WithShardLimit says otherwise.
	DefaultShardLimit = 20000
)

// Limits are the request-size quotas the model enforces. The zero value of a
// field means "use the default".
type Limits struct {
	// MaxRecordsPerRequest caps the entries of one PutRecords call. Default 500.
	MaxRecordsPerRequest int
	// MaxRecordSize caps one record's data plus partition key, in bytes, for
	// streams that do not set their own. Default 1 MiB; AWS lets a stream
	// raise it to 10 MiB.
	MaxRecordSize int
	// MaxRequestSize caps a PutRecords call's data plus partition keys, in
	// bytes. Default 5 MiB; AWS raised it to 10 MiB in late 2025.
	MaxRequestSize int
	// MaxPartitionKeyLength caps a partition key, in Unicode characters.
	// Default 256.
	MaxPartitionKeyLength int
}

// DefaultLimits returns the quotas our users asked for: 500 records,
// 1 MiB records, 5 MiB requests, 256-character partition keys.
func DefaultLimits() Limits {
	return Limits{
		MaxRecordsPerRequest:  500,
		MaxRecordSize:         mebibyte,
		MaxRequestSize:        5 * mebibyte,
		MaxPartitionKeyLength: 256,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxRecordsPerRequest <= 0 {
		l.MaxRecordsPerRequest = d.MaxRecordsPerRequest
	}
	if l.MaxRecordSize <= 0 {
		l.MaxRecordSize = d.MaxRecordSize
	}
	if l.MaxRequestSize <= 0 {
		l.MaxRequestSize = d.MaxRequestSize
	}
	if l.MaxPartitionKeyLength <= 0 {
		l.MaxPartitionKeyLength = d.MaxPartitionKeyLength
	}
	return l
}

type config struct {
	clock           Clock
	region          string
	accountID       string
	limits          Limits
	shardLimit      int
	writeThroughput Throughput
	writeThrottling bool
	readThroughput  ReadThroughput
	readThrottling  bool
	delays          StateDelays
	faultSeed       uint64
	callLogSize     int
	controlRates    map[string]ControlPlaneRate // nil: not enforced
	countOnly       bool                        // WithoutRecordPayloads (counting.go)
	feed            *changeFeed                 // nil: no change observer
}

func defaultConfig() config {
	return config{
		clock:           WallClock{},
		region:          DefaultRegion,
		accountID:       DefaultAccountID,
		limits:          DefaultLimits(),
		shardLimit:      DefaultShardLimit,
		writeThroughput: DefaultWriteThroughput(),
		writeThrottling: true,
		readThroughput:  DefaultReadThroughput(),
		readThrottling:  true,
		faultSeed:       1,
		callLogSize:     DefaultCallLogSize,
	}
}

// Option configures a Kinesis at construction.
type Option func(*config)

// WithClock makes the model read time from c. Default: WallClock. Pass a
// *ManualClock to control arrival times, throttling and retention in tests.
func WithClock(c Clock) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.clock = c
		}
	}
}

// WithRegion sets the region named in ARNs and messages. Default "us-east-1".
func WithRegion(region string) Option {
	return func(cfg *config) { cfg.region = region }
}

// WithAccountID sets the 12-digit account id named in ARNs and messages.
// Default "000000000000".
func WithAccountID(id string) Option {
	return func(cfg *config) { cfg.accountID = id }
}

// WithLimits replaces the request-size quotas; zero fields keep their
// defaults (see DefaultLimits).
func WithLimits(l Limits) Option {
	return func(cfg *config) { cfg.limits = l.withDefaults() }
}

// WithShardLimit sets how many open shards the account may have. Default
// DefaultShardLimit (20,000); AWS's own default quota is lower in small
// regions.
func WithShardLimit(n int) Option {
	return func(cfg *config) { cfg.shardLimit = n }
}

func hoursToDuration(h int) time.Duration { return time.Duration(h) * time.Hour }
