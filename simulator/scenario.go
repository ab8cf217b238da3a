package simulator

// Scenario is one simulated run: a stream, the producers writing to it and
// the consumers reading it, for a span of virtual time. Files (JSON or
// YAML, see Load) use the field names in the tags; Go code builds the same
// values. Zero fields take the defaults named on them.
type Scenario struct {
	// Name labels the reports.
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// Seed drives every random draw (keys, sizes, retry jitter): the same
	// scenario and seed give the same reports, byte for byte. Default 1.
	Seed uint64 `json:"seed,omitempty" yaml:"seed,omitempty"`
	// Duration is how much virtual time to simulate. Required.
	Duration Duration `json:"duration" yaml:"duration"`
	// Tick is the step of virtual time: each producer offers a tick's
	// records at once. Default 100ms; at most 1s.
	Tick Duration `json:"tick,omitempty" yaml:"tick,omitempty"`
	// Warmup is the opening span that the sweep's criteria and the
	// "after warm-up" figures leave out. Default 0.
	Warmup Duration `json:"warmup,omitempty" yaml:"warmup,omitempty"`
	// Storing runs the model in its normal mode, storing every record's
	// key and data, through PutRecords/PutRecord and GetRecords. Default
	// false: counting mode (minikinesis.WithoutRecordPayloads), whose
	// memory does not grow with the record count.
	Storing bool `json:"storing,omitempty" yaml:"storing,omitempty"`
	// Stream is the stream under test.
	Stream StreamSpec `json:"stream" yaml:"stream"`
	// Producers write to the stream. At least one.
	Producers []ProducerSpec `json:"producers" yaml:"producers"`
	// Consumers read it. Optional.
	Consumers []ConsumerSpec `json:"consumers,omitempty" yaml:"consumers,omitempty"`
}

// StreamSpec is the stream's capacity: provisioned shards or on-demand,
// and resharding events.
type StreamSpec struct {
	// Shards is the provisioned shard count (1..10000). Required unless
	// OnDemand is set.
	Shards int `json:"shards,omitempty" yaml:"shards,omitempty"`
	// OnDemand scales the stream as AWS's on-demand mode does (see
	// OnDemandSpec) instead of keeping Shards.
	OnDemand *OnDemandSpec `json:"onDemand,omitempty" yaml:"onDemand,omitempty"`
	// Reshards are resharding events at given times (provisioned only).
	Reshards []ReshardSpec `json:"reshards,omitempty" yaml:"reshards,omitempty"`
}

// OnDemandSpec tunes the on-demand scaling rules (see ondemand.go).
type OnDemandSpec struct {
	// InitialShards is the starting capacity. Default 4 (AWS: 4 MiB/s of
	// write capacity for a new on-demand stream).
	InitialShards int `json:"initialShards,omitempty" yaml:"initialShards,omitempty"`
	// ScaleUpDelay is how long a scale-up to double a new peak takes.
	// Default 15m: AWS warns that traffic growing past double the
	// previous peak within 15 minutes can be throttled.
	ScaleUpDelay Duration `json:"scaleUpDelay,omitempty" yaml:"scaleUpDelay,omitempty"`
}

// ReshardSpec is one resharding event. Exactly one of SplitHottest and
// ShardCount is set.
type ReshardSpec struct {
	// At is when it happens, from the start.
	At Duration `json:"at" yaml:"at"`
	// SplitHottest splits that many of the hottest open shards (most
	// records offered in the last minute) at the middle of their range.
	SplitHottest int `json:"splitHottest,omitempty" yaml:"splitHottest,omitempty"`
	// ShardCount calls UpdateShardCount (UNIFORM_SCALING) with this target.
	ShardCount int `json:"shardCount,omitempty" yaml:"shardCount,omitempty"`
}

// ProducerSpec is one producer: how many records it writes over time, how
// large, with which keys, in which calls, and how it retries.
type ProducerSpec struct {
	// Name labels the producer in reports. Default "producer-N".
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// Rate is the records per second it offers over time.
	Rate RateSpec `json:"rate" yaml:"rate"`
	// Size is each record's data size. Default fixed 100 bytes.
	Size SizeSpec `json:"size,omitempty" yaml:"size,omitempty"`
	// Keys picks each record's partition key (or explicit hash key).
	Keys KeySpec `json:"keys" yaml:"keys"`
	// Batch says which calls carry the records.
	Batch BatchSpec `json:"batch,omitempty" yaml:"batch,omitempty"`
	// Retry is what the producer does with throttled records.
	Retry RetrySpec `json:"retry,omitempty" yaml:"retry,omitempty"`
}

// RateSpec is records per second over time: a base (Constant, Ramp or
// Daily, exactly one) plus any Bursts on top.
type RateSpec struct {
	// Constant is a steady rate.
	Constant float64 `json:"constant,omitempty" yaml:"constant,omitempty"`
	// Ramp goes linearly from one rate to another.
	Ramp *RampSpec `json:"ramp,omitempty" yaml:"ramp,omitempty"`
	// Daily follows a 24-hour sine between a low and a peak.
	Daily *DailySpec `json:"daily,omitempty" yaml:"daily,omitempty"`
	// Bursts add records per second for a while.
	Bursts []BurstSpec `json:"bursts,omitempty" yaml:"bursts,omitempty"`
}

// RampSpec goes from From records/s at Start to To at End, constant
// before and after.
type RampSpec struct {
	From  float64  `json:"from" yaml:"from"`
	To    float64  `json:"to" yaml:"to"`
	Start Duration `json:"start,omitempty" yaml:"start,omitempty"`
	// End defaults to the scenario's Duration.
	End Duration `json:"end,omitempty" yaml:"end,omitempty"`
}

// DailySpec is a day's traffic curve: a sine with a 24-hour period between
// Low and Peak records/s, at its peak PeakAt after the start.
type DailySpec struct {
	Low    float64  `json:"low" yaml:"low"`
	Peak   float64  `json:"peak" yaml:"peak"`
	PeakAt Duration `json:"peakAt,omitempty" yaml:"peakAt,omitempty"`
}

// BurstSpec adds Extra records/s from At for For.
type BurstSpec struct {
	At    Duration `json:"at" yaml:"at"`
	For   Duration `json:"for" yaml:"for"`
	Extra float64  `json:"extra" yaml:"extra"`
}

// SizeSpec is the distribution of a record's data size in bytes (its
// partition key is added to it for the throughput limits). At most one
// field is set; none means Fixed 100.
type SizeSpec struct {
	Fixed     int            `json:"fixed,omitempty" yaml:"fixed,omitempty"`
	Uniform   *UniformSize   `json:"uniform,omitempty" yaml:"uniform,omitempty"`
	LogNormal *LogNormalSize `json:"logNormal,omitempty" yaml:"logNormal,omitempty"`
}

// UniformSize draws sizes uniformly from Min to Max bytes, ends included.
type UniformSize struct {
	Min int `json:"min" yaml:"min"`
	Max int `json:"max" yaml:"max"`
}

// LogNormalSize draws sizes whose logarithm is normal: half are below
// Median, Sigma is the spread of the logarithm, and draws are clamped to
// 1..Max bytes (Max defaults to 1 MiB less the partition key).
type LogNormalSize struct {
	Median int     `json:"median" yaml:"median"`
	Sigma  float64 `json:"sigma" yaml:"sigma"`
	Max    int     `json:"max,omitempty" yaml:"max,omitempty"`
}

// KeySpec is how records pick their partition key: Uniform over a number
// of keys, Zipf over a number of keys, or ExplicitHashKeys (exactly one),
// optionally with a HotKey taking a fixed fraction of the records.
type KeySpec struct {
	// Uniform spreads records evenly over this many keys.
	Uniform int `json:"uniform,omitempty" yaml:"uniform,omitempty"`
	// Zipf gives key k (1-based) a weight of 1/k^S.
	Zipf *ZipfKeys `json:"zipf,omitempty" yaml:"zipf,omitempty"`
	// ExplicitHashKeys spreads records evenly over this many explicit hash
	// keys, the starting hash keys of as many equal ranges (a producer that
	// targets shards itself); the partition key is still sent.
	ExplicitHashKeys int `json:"explicitHashKeys,omitempty" yaml:"explicitHashKeys,omitempty"`
	// HotKey sends a fraction of all records with one key.
	HotKey *HotKeySpec `json:"hotKey,omitempty" yaml:"hotKey,omitempty"`
	// Prefix starts every generated key name. Default "key-".
	Prefix string `json:"prefix,omitempty" yaml:"prefix,omitempty"`
}

// ZipfKeys is a Zipf distribution over Keys keys with exponent S (S ≥ 0;
// 0 is uniform).
type ZipfKeys struct {
	Keys int     `json:"keys" yaml:"keys"`
	S    float64 `json:"s" yaml:"s"`
}

// HotKeySpec is one key that takes Fraction (0..1) of the records.
type HotKeySpec struct {
	// Key is its name. Default "hot".
	Key      string  `json:"key,omitempty" yaml:"key,omitempty"`
	Fraction float64 `json:"fraction" yaml:"fraction"`
}

// The write APIs a producer may use.
const (
	APIPutRecords = "PutRecords"
	APIPutRecord  = "PutRecord"
)

// BatchSpec is how records travel.
type BatchSpec struct {
	// API is "PutRecords" (default) or "PutRecord".
	API string `json:"api,omitempty" yaml:"api,omitempty"`
	// Records is the most records per PutRecords call (1..500). Default 500.
	Records int `json:"records,omitempty" yaml:"records,omitempty"`
	// Aggregate packs user records bound for the same shard into one
	// Kinesis record, as the KPL does.
	Aggregate *AggregateSpec `json:"aggregate,omitempty" yaml:"aggregate,omitempty"`
}

// AggregateSpec is KPL-style aggregation (see aggregate.go).
type AggregateSpec struct {
	// MaxBytes is the largest aggregated record. Default 51200, the KPL's
	// AggregationMaxSize default.
	MaxBytes int `json:"maxBytes,omitempty" yaml:"maxBytes,omitempty"`
}

// The retry policies.
const (
	RetrySDK   = "sdk"
	RetryNone  = "none"
	RetryFixed = "fixed"
)

// RetrySpec is what a producer does with a throttled record (see retry.go).
type RetrySpec struct {
	// Policy is "sdk" (default: aws-sdk-go-v2's standard retryer), "none"
	// or "fixed".
	Policy string `json:"policy,omitempty" yaml:"policy,omitempty"`
	// MaxAttempts counts the first attempt. Default 3 (the SDK's).
	MaxAttempts int `json:"maxAttempts,omitempty" yaml:"maxAttempts,omitempty"`
	// Delay is the fixed policy's wait. Default 100ms.
	Delay Duration `json:"delay,omitempty" yaml:"delay,omitempty"`
	// MaxBackoff caps the sdk policy's wait. Default 20s (the SDK's).
	MaxBackoff Duration `json:"maxBackoff,omitempty" yaml:"maxBackoff,omitempty"`
}

// The consumer types.
const (
	ConsumerPolling = "polling"
	ConsumerFanOut  = "fanout"
)

// ConsumerSpec is one consumer application, reading every shard (and
// following resharding, parents before children).
type ConsumerSpec struct {
	// Name labels the consumer. Default "consumer-N".
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// Type is "polling" (default: GetRecords, sharing each shard's
	// 5 calls/s and 2 MiB/s with the other polling consumers) or "fanout"
	// (enhanced fan-out: SubscribeToShard, 2 MiB/s of its own per shard).
	Type string `json:"type,omitempty" yaml:"type,omitempty"`
	// Interval is the wait between GetRecords calls of a polling consumer
	// on a shard. Default 1s.
	Interval Duration `json:"interval,omitempty" yaml:"interval,omitempty"`
	// Limit is GetRecords' Limit (1..10000). Default 10000.
	Limit int `json:"limit,omitempty" yaml:"limit,omitempty"`
	// PerRecord is the processing cost of one record: the consumer reads
	// again only once it has processed what it read.
	PerRecord Duration `json:"perRecord,omitempty" yaml:"perRecord,omitempty"`
	// Start is TRIM_HORIZON (default) or LATEST.
	Start string `json:"start,omitempty" yaml:"start,omitempty"`
}
