// Package simulator answers capacity questions about a Kinesis data stream
// before production — how many shards this traffic needs, which
// partition-key scheme makes a hot shard, how often producers are
// throttled, how far consumers fall behind, what a reshard or an
// on-demand scale-up does — by running a Scenario on the minikinesis model
// in virtual time.
//
// # How a run works
//
// The model's clock is a minikinesis.ManualClock that the runner moves in
// ticks (Scenario.Tick, 100 ms by default). At each tick every producer
// draws its records for the tick (seeded PCG generators: the same scenario
// and seed give byte-identical reports) and offers them to the model,
// retries first; the model routes each record (MD5 of the partition key,
// or the explicit hash key, to the open shard whose range holds it) and
// each shard admits its records in order while its write token buckets
// (1,000 records/s and 1 MiB/s, one second's burst) have room. Then every
// consumer that is due reads. The simulator never computes a limit itself:
// routing, write and read throttling, sequence numbers, resharding and
// MillisBehindLatest are the model's.
//
// In counting mode (the default) the model runs with
// minikinesis.WithoutRecordPayloads: a tick's records from all producers
// go to Stream.PutCountedRecords in one call (request boundaries kept, so
// admission is exactly PutRecords'), consumers read through
// Kinesis.GetRecordCounts (the same 5 calls/s and 2 MiB/s per shard) and
// Subscription.NextCounts (enhanced fan-out, 2 MiB/s per consumer and
// shard), and shards keep counts per arrival second instead of records,
// so memory does not grow with the number of records. With
// Scenario.Storing the same records go through PutRecords or PutRecord
// with real keys and zero-filled data and are read with GetRecords and
// SubscribeToShard: slower, but the model's everyday path. Both modes give
// the same counts for the same scenario.
//
// # What it models
//
//   - Streams: provisioned shards with reshard events (split the hottest
//     shards at the middle of their range, or UpdateShardCount), or
//     on-demand capacity (see ondemand.go for the rules and the AWS page
//     they follow).
//   - Producers: a rate over time (constant, ramp, daily sine, bursts),
//     data sizes (fixed, uniform, log-normal), keys (uniform, Zipf, a hot
//     key's fraction, explicit hash keys), PutRecords of n or PutRecord,
//     KPL-style aggregation (aggregate.go), and what they do with
//     throttled records: resend with aws-sdk-go-v2's backoff, a fixed
//     delay, or give up (retry.go).
//   - Consumers: polling (GetRecords every Interval with a Limit) or
//     enhanced fan-out, each reading every shard and following reshards
//     parents first, spending PerRecord on every Kinesis record before
//     reading again (an aggregated record counts once).
//
// # What it reports
//
// A Report has totals, per-second series for the stream, per-shard series
// and totals, producers, consumers (MillisBehindLatest, iterator age,
// read throttling), the busiest keys and the key-to-shard distribution,
// and the capacity events. WriteText prints a terminal summary; WriteHTML
// a page with inline SVG plots (utilisation heat map, throttling, lag,
// key-to-shard distribution). Sweep runs a scenario over a range of shard
// counts and finds the fewest that keep throttling and lag within bounds.
//
// Arrivals are deterministic (the fraction of a record carried to the next
// tick), not Poisson: bursts within a tick come from the key draws only.
package simulator
