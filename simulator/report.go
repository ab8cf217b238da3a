package simulator

import "time"

// Report is what a run measured. Counts are of Kinesis records — what the
// shards see; with aggregation, UserRecords counts what producers wrote.
type Report struct {
	// Scenario is the scenario as run, every default filled in.
	Scenario Scenario
	// Mode is "counting" or "storing".
	Mode string
	// WriteRecordsPerShard and WriteBytesPerShard are each shard's write
	// limit per second, the reference for utilisation.
	WriteRecordsPerShard int
	WriteBytesPerShard   int
	// Total covers the whole run; AfterWarmup leaves out Scenario.Warmup.
	Total       Totals
	AfterWarmup Totals
	// Seconds has one entry per second of virtual time, for the stream.
	Seconds []Second
	// Shards has every shard the stream had, by index.
	Shards []ShardReport
	// Producers and Consumers follow the scenario's order.
	Producers []ProducerReport
	Consumers []ConsumerReport
	// TopKeys are the keys that took the most records, most first.
	TopKeys []KeyReport
	// KeyShards is the share of user records whose keys route to each
	// open shard at the end of the run: the key-to-shard distribution.
	KeyShards []KeyShare
	// Events are the reshards and scale-ups, in time order.
	Events []Event
}

// Counts are the write counts of any span of a run.
type Counts struct {
	// Offered counts attempts: new records and retries.
	Offered      int64
	OfferedBytes int64
	Accepted     int64
	// AcceptedBytes are data plus partition keys, as the limits count.
	AcceptedBytes int64
	// Throttled counts refused attempts.
	Throttled int64
	// Retried counts attempts that were retries.
	Retried int64
	// Dropped counts records given up after their last attempt.
	Dropped int64
}

func (c *Counts) add(o *Counts) {
	c.Offered += o.Offered
	c.OfferedBytes += o.OfferedBytes
	c.Accepted += o.Accepted
	c.AcceptedBytes += o.AcceptedBytes
	c.Throttled += o.Throttled
	c.Retried += o.Retried
	c.Dropped += o.Dropped
}

// Totals are counts over a span of the run.
type Totals struct {
	Counts
	// UserRecords counts the records producers wrote before aggregation.
	UserRecords int64
	// Calls counts PutRecords/PutRecord calls.
	Calls int64
	// RetryLatency is the time from first attempt to acceptance of the
	// records that needed retries.
	RetryLatency Latency
	// ReadCalls and ReadThrottled count polling consumers' GetRecords
	// calls and the refused ones.
	ReadCalls     int64
	ReadThrottled int64
}

// ThrottleRate is the share of attempts refused, 0..1.
func (t Totals) ThrottleRate() float64 {
	if t.Offered == 0 {
		return 0
	}
	return float64(t.Throttled) / float64(t.Offered)
}

// Latency summarises durations: count, mean and quantiles.
type Latency struct {
	Count int64
	Mean  time.Duration
	P50   time.Duration
	P99   time.Duration
	Max   time.Duration
}

// Second is the stream over one second of virtual time.
type Second struct {
	Counts
	ReadThrottled int64
	// OpenShards is how many shards took writes at the end of the second.
	OpenShards int
}

// ShardReport is one shard over the run.
type ShardReport struct {
	ShardID               string
	ParentShardID         string
	AdjacentParentShardID string
	// Opened and Closed are offsets from the start; Closed is -1 while
	// the shard is still open at the end.
	Opened, Closed time.Duration
	Offered        int64
	Accepted       int64
	AcceptedBytes  int64
	Throttled      int64
	ReadThrottled  int64
	// PeakUtilisation is the highest share of its write limit (records or
	// bytes, whichever is higher) that the shard used in one second.
	PeakUtilisation float64
	// Seconds has an entry per second of the run (zero while closed).
	Seconds []ShardSecond
}

// ShardSecond is one shard over one second.
type ShardSecond struct {
	Accepted      int32
	AcceptedBytes int32
	Throttled     int32
}

// ProducerReport is one producer over the run.
type ProducerReport struct {
	Name  string
	Total Totals
}

// ConsumerReport is one consumer application over the run.
type ConsumerReport struct {
	Name string
	Type string
	// Records and Bytes are what it consumed.
	Records int64
	Bytes   int64
	// MaxMillisBehindLatest is the highest MillisBehindLatest any of its
	// reads saw; AfterWarmup leaves out the warm-up.
	MaxMillisBehindLatest            int64
	MaxMillisBehindLatestAfterWarmup int64
	// MaxIteratorAge is the longest time between a consumed record's
	// arrival and its read (CloudWatch's IteratorAgeMilliseconds).
	MaxIteratorAge time.Duration
	// ReadCalls and ReadThrottled count its GetRecords calls (polling
	// consumers) and the refused ones.
	ReadCalls     int64
	ReadThrottled int64
	// Seconds has the highest MillisBehindLatest per second.
	Seconds []int64
}

// KeyReport is one partition key over the run.
type KeyReport struct {
	Producer string
	Key      string
	Records  int64
	// Share is its part of the producer's user records, 0..1.
	Share float64
	// ShardID is where it routes at the end of the run.
	ShardID string
}

// KeyShare is one open shard's part of the key space's traffic.
type KeyShare struct {
	ShardID string
	Records int64
	Share   float64
}

// Event is a reshard, a scale-up or a refused reshard.
type Event struct {
	At   time.Duration
	What string
	// Err is set when the model refused it.
	Err string
}
