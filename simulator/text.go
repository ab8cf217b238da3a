package simulator

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// shardRows is how many shards the text summary lists: the ones that
// throttled most, then the busiest.
const shardRows = 12

// WriteText writes the report's terminal summary: what was offered and
// accepted, throttling and retries, the hottest shards and keys, consumer
// lag and the capacity events. It is deterministic: the same report gives
// the same bytes.
func (rep *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	sc := rep.Scenario
	name := orDefault(sc.Name, "scenario")
	fmt.Fprintf(&b, "%s: %s of virtual time, %s mode, seed %d, tick %s\n", name, sc.Duration, rep.Mode, sc.Seed, sc.Tick)
	fmt.Fprintf(&b, "stream: %s\n\n", rep.streamLine())
	t := rep.Total
	fmt.Fprintf(&b, "records  offered %s (%s)  accepted %s (%s)  throttled %s (%s of attempts)\n",
		count(t.Offered), bytesText(t.OfferedBytes), count(t.Accepted), bytesText(t.AcceptedBytes), count(t.Throttled), percent(t.ThrottleRate()))
	fmt.Fprintf(&b, "producer calls %s, user records %s, retries %s, dropped after the last attempt %s\n",
		count(t.Calls), count(t.UserRecords), count(t.Retried), count(t.Dropped))
	if l := t.RetryLatency; l.Count > 0 {
		fmt.Fprintf(&b, "latency added by retries (%s records): mean %s, p50 %s, p99 %s, max %s\n",
			count(l.Count), ms(l.Mean), ms(l.P50), ms(l.P99), ms(l.Max))
	}
	if sc.Warmup > 0 {
		a := rep.AfterWarmup
		fmt.Fprintf(&b, "after the %s warm-up: throttled %s of %s attempts (%s)\n", sc.Warmup, count(a.Throttled), count(a.Offered), percent(a.ThrottleRate()))
	}
	if t.ReadCalls > 0 || t.ReadThrottled > 0 {
		fmt.Fprintf(&b, "GetRecords calls %s, read-throttled %s\n", count(t.ReadCalls), count(t.ReadThrottled))
	}
	if len(rep.Producers) > 1 {
		b.WriteString("\nproducer              offered    accepted   throttled  retries  dropped\n")
		for _, p := range rep.Producers {
			fmt.Fprintf(&b, "%-18s %10s  %10s  %10s %8s %8s\n", clip(p.Name, 18), count(p.Total.Offered), count(p.Total.Accepted),
				count(p.Total.Throttled), count(p.Total.Retried), count(p.Total.Dropped))
		}
	}
	rep.writeShards(&b)
	if len(rep.TopKeys) > 0 {
		b.WriteString("\nbusiest keys           records    share  shard\n")
		for _, k := range rep.TopKeys {
			fmt.Fprintf(&b, "%-20s %10s  %7s  %s\n", clip(k.Key, 20), count(k.Records), percent(k.Share), k.ShardID)
		}
	}
	if len(rep.Consumers) > 0 {
		b.WriteString("\nconsumer            type      consumed  max behind  max iterator age  read-throttled\n")
		for _, c := range rep.Consumers {
			fmt.Fprintf(&b, "%-18s  %-7s %10s  %10s  %16s  %14s\n", clip(c.Name, 18), c.Type, count(c.Records),
				ms(time.Duration(c.MaxMillisBehindLatest)*time.Millisecond), ms(c.MaxIteratorAge), count(c.ReadThrottled))
		}
	}
	if len(rep.Events) > 0 {
		b.WriteString("\nevents\n")
		for _, e := range rep.Events {
			fmt.Fprintf(&b, "  %8s  %s", e.At, e.What)
			if e.Err != "" {
				fmt.Fprintf(&b, ": refused: %s", e.Err)
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (rep *Report) streamLine() string {
	s := rep.Scenario.Stream
	open := 0
	for _, sh := range rep.Shards {
		if sh.Closed < 0 {
			open++
		}
	}
	if s.OnDemand != nil {
		return fmt.Sprintf("on-demand, %d shards at first, %d at the end", s.OnDemand.InitialShards, open)
	}
	return fmt.Sprintf("provisioned, %d shards at first, %d at the end (%d ever)", s.Shards, open, len(rep.Shards))
}

func (rep *Report) writeShards(b *strings.Builder) {
	order := make([]int, len(rep.Shards))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		a, c := rep.Shards[x], rep.Shards[y]
		if a.Throttled != c.Throttled {
			return compareDesc(a.Throttled, c.Throttled)
		}
		return compareDesc(a.Accepted, c.Accepted)
	})
	fmt.Fprintf(b, "\nshard                    accepted   throttled  throttle  peak 1 s  read-thr.  (%d of %d shards)\n", min(shardRows, len(order)), len(order))
	for _, i := range order[:min(shardRows, len(order))] {
		sh := rep.Shards[i]
		rate := 0.0
		if sh.Offered > 0 {
			rate = float64(sh.Throttled) / float64(sh.Offered)
		}
		fmt.Fprintf(b, "%-22s %10s  %10s  %8s  %8s  %9s\n", sh.ShardID, count(sh.Accepted), count(sh.Throttled), percent(rate),
			percent(sh.PeakUtilisation), count(sh.ReadThrottled))
	}
}

func compareDesc(a, b int64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// count formats n with thousands separators.
func count(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

func percent(f float64) string {
	switch {
	case f == 0:
		return "0%"
	case f < 0.0001:
		return "<0.01%"
	}
	return fmt.Sprintf("%.2f%%", 100*f)
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// ms formats a duration in milliseconds or seconds, rounded for reading.
func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}
