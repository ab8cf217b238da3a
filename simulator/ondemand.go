package simulator

import (
	"math"
	"time"
)

// On-demand capacity, as the Kinesis Developer Guide describes it
// ("Choose the data stream capacity mode", on-demand mode features,
// https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html):
//
//   - a new on-demand stream starts with 4 MiB/s of write capacity, which
//     is 4 shards' worth (OnDemandSpec.InitialShards);
//   - it accommodates up to double its previous peak write throughput
//     observed in the last 30 days;
//   - traffic that more than doubles the previous peak within 15 minutes
//     may be throttled while the stream scales (OnDemandSpec.ScaleUpDelay).
//
// The simulator plays AWS's part: each second it measures the stream's
// accepted write throughput in shards' worth (records/1,000 or MiB,
// whichever is higher), keeps the peak, and when double the peak needs
// more shards than are open it splits the hottest shards, ScaleUpDelay
// later, until the stream has that many. The model stream is PROVISIONED
// so that the simulator may split it (the model's ON_DEMAND streams refuse
// SplitShard, as AWS's do). Runs are shorter than 30 days, so the peak
// never ages out; capacity never scales down within a run.
const defaultScaleUpDelay = 15 * time.Minute

type onDemand struct {
	spec    OnDemandSpec
	peak    float64 // shards' worth
	target  int     // shards being scaled to; 0 when none
	readyAt time.Duration
}

// observe takes one second's accepted writes and returns how many shards
// the stream should have by now (0: no change).
func (od *onDemand) observe(at time.Duration, records, bytes int64, perShardRecords, perShardBytes int, open int) int {
	worth := max(float64(records)/float64(perShardRecords), float64(bytes)/float64(perShardBytes))
	od.peak = max(od.peak, worth)
	want := max(od.spec.InitialShards, int(math.Ceil(2*od.peak)))
	if want > open && want > od.target {
		if od.target == 0 {
			od.readyAt = at + od.spec.ScaleUpDelay.D()
		}
		od.target = want
	}
	if od.target > 0 && at >= od.readyAt {
		t := od.target
		od.target = 0
		return t
	}
	return 0
}
