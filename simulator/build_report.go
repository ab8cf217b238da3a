package simulator

import (
	"slices"

	"github.com/minikinesis/minikinesis"
)

// topKeys is how many keys the report lists.
const topKeys = 10

// report assembles the Report from what the run collected.
func (r *run) report() *Report {
	c := r.stats
	rep := &Report{
		Scenario: r.sc, Mode: "counting",
		WriteRecordsPerShard: r.limits.RecordsPerSecond, WriteBytesPerShard: r.limits.BytesPerSecond,
		Seconds: c.seconds, Events: c.events,
	}
	if r.sc.Storing {
		rep.Mode = "storing"
	}
	rep.Total, rep.AfterWarmup = c.total.totals(), c.afterWarmup.totals()
	for i, p := range r.producers {
		rep.Producers = append(rep.Producers, ProducerReport{Name: p.spec.Name, Total: c.producers[i].totals()})
	}
	for _, cons := range r.consumers {
		rep.Consumers = append(rep.Consumers, cons.report)
		rep.Total.ReadCalls += cons.report.ReadCalls
	}
	for _, sh := range r.stream.Shards() {
		rep.Shards = append(rep.Shards, r.shardReport(sh))
	}
	rep.TopKeys, rep.KeyShards = r.keyReports()
	return rep
}

func (r *run) shardReport(sh minikinesis.Shard) ShardReport {
	st := r.stats.shard(shardIndexOf(sh.ShardId), 0)
	out := st.report
	out.ShardID, out.ParentShardID, out.AdjacentParentShardID = sh.ShardId, sh.ParentShardId, sh.AdjacentParentShardId
	out.Opened, out.Closed, out.Seconds = st.opened, st.closed, st.seconds
	for _, s := range st.seconds {
		out.Accepted += int64(s.Accepted)
		out.AcceptedBytes += int64(s.AcceptedBytes)
		u := max(float64(s.Accepted)/float64(r.limits.RecordsPerSecond), float64(s.AcceptedBytes)/float64(r.limits.BytesPerSecond))
		out.PeakUtilisation = max(out.PeakUtilisation, u)
	}
	return out
}

// keyReports lists the busiest keys and spreads every key's records over
// the open shards it routes to now.
func (r *run) keyReports() ([]KeyReport, []KeyShare) {
	var keys []KeyReport // the busiest, most first, at most topKeys
	perShard := map[int]int64{}
	var all int64
	for _, p := range r.producers {
		var sum int64
		for _, kh := range p.keys.hot {
			sum += kh.records
		}
		for k, kh := range p.keys.hot {
			if kh.records == 0 {
				continue
			}
			idx := r.routes.shardOf(kh.hash)
			perShard[idx] += kh.records
			if len(keys) == topKeys && kh.records <= keys[topKeys-1].Records {
				continue // ties keep the earlier key
			}
			kr := KeyReport{Producer: p.spec.Name, Key: p.keys.names[k], Records: kh.records, Share: float64(kh.records) / float64(sum),
				ShardID: minikinesis.FormatShardID(idx)}
			at := len(keys)
			for at > 0 && keys[at-1].Records < kr.Records {
				at--
			}
			keys = slices.Insert(keys, at, kr)[:min(topKeys, len(keys)+1)]
		}
		all += sum
	}
	var shares []KeyShare
	open := slices.Clone(r.routes.index)
	slices.Sort(open)
	for _, idx := range open {
		share := 0.0
		if all > 0 {
			share = float64(perShard[idx]) / float64(all)
		}
		shares = append(shares, KeyShare{ShardID: minikinesis.FormatShardID(idx), Records: perShard[idx], Share: share})
	}
	return keys, shares
}
