package simulator

import (
	"fmt"
	"time"
)

// maxColumns caps the time buckets of a plot: a day-long run is drawn in
// buckets of a few minutes, a short one second by second.
const maxColumns = 300

// buckets is how a run's seconds fall into plot columns.
func (rep *Report) buckets() (width, n int) {
	secs := len(rep.Seconds)
	width = max(1, (secs+maxColumns-1)/maxColumns)
	return width, (secs + width - 1) / width
}

// HeatMapSVG plots each shard's write utilisation over time: a row per
// shard, a column per time bucket, the colour the busiest second's share
// of the shard's limit (records or bytes, whichever is higher), and
// indigo where the shard throttled.
func (rep *Report) HeatMapSVG() string {
	width, cols := rep.buckets()
	rowH := min(14.0, max(2.0, 360.0/float64(max(1, len(rep.Shards)))))
	h := marginT + marginB + int(rowH*float64(len(rep.Shards)))
	s := newSVG(plotWidth, h, "Write utilisation per shard (indigo: throttled)")
	x0 := float64(marginL + 40)
	cellW := float64(plotWidth-marginR) - x0
	cellW /= float64(cols)
	for row, sh := range rep.Shards {
		y := float64(marginT) + rowH*float64(row)
		if rowH >= 8 || row%max(1, int(10/rowH)) == 0 {
			s.text(x0-4, y+rowH-1, "end", min(10, int(rowH)+2), fmt.Sprint("shard ", shardIndexOf(sh.ShardID)))
		}
		for c := range cols {
			peak, throttled := 0.0, int64(0)
			for sec := c * width; sec < min((c+1)*width, len(sh.Seconds)); sec++ {
				ss := sh.Seconds[sec]
				u := max(float64(ss.Accepted)/float64(rep.WriteRecordsPerShard), float64(ss.AcceptedBytes)/float64(rep.WriteBytesPerShard))
				peak = max(peak, u)
				throttled += int64(ss.Throttled)
			}
			if peak == 0 && throttled == 0 {
				continue
			}
			fill := heatColour(peak)
			if throttled > 0 {
				fill = throttledColour
			}
			title := fmt.Sprintf("%s at %s: %.0f%% of the limit, %d throttled", sh.ShardID, time.Duration(c*width)*time.Second, 100*peak, throttled)
			s.rect(x0+cellW*float64(c), y, cellW+0.05, rowH, fill, title)
		}
	}
	yEnd := float64(marginT) + rowH*float64(len(rep.Shards))
	s.line(x0, yEnd, float64(plotWidth-marginR), yEnd, "#333", false)
	for i := 0; i <= 6; i++ {
		x := x0 + (float64(plotWidth-marginR)-x0)*float64(i)/6
		s.text(x, yEnd+14, "middle", 10, formatSeconds(float64(len(rep.Seconds))*float64(i)/6))
	}
	s.text(float64(plotWidth)/2, float64(h-6), "middle", 11, "virtual time")
	return s.String()
}

// ThrottleSVG plots the share of write attempts refused per time bucket.
func (rep *Report) ThrottleSVG() string {
	width, cols := rep.buckets()
	rate := make([]float64, cols)
	for c := range cols {
		var offered, throttled int64
		for _, s := range rep.Seconds[c*width : min((c+1)*width, len(rep.Seconds))] {
			offered += s.Offered
			throttled += s.Throttled
		}
		if offered > 0 {
			rate[c] = 100 * float64(throttled) / float64(offered)
		}
	}
	return lineChart("Throttled write attempts", []series{{name: "throttled", color: palette[1], values: rate}},
		float64(len(rep.Seconds)), 1, formatSeconds, formatPercent, "virtual time", "% of attempts")
}

// LagSVG plots each consumer's highest MillisBehindLatest per time bucket.
func (rep *Report) LagSVG() string {
	width, cols := rep.buckets()
	var list []series
	for i, c := range rep.Consumers {
		v := make([]float64, cols)
		for col := range cols {
			for _, ms := range c.Seconds[col*width : min((col+1)*width, len(c.Seconds))] {
				v[col] = max(v[col], float64(ms)/1000)
			}
		}
		list = append(list, series{name: c.Name, color: palette[i%len(palette)], values: v})
	}
	return lineChart("Consumer lag (highest MillisBehindLatest)", list, float64(len(rep.Seconds)), 1, formatSeconds,
		func(v float64) string { return formatNumber(v) + "s" }, "virtual time", "seconds behind")
}

// KeyShardsSVG plots the share of user records whose keys route to each
// open shard, against an even spread.
func (rep *Report) KeyShardsSVG() string {
	n := len(rep.KeyShards)
	s := newSVG(plotWidth, plotHeight, "Key-to-shard distribution (share of user records per open shard)")
	top := 0.0
	for _, k := range rep.KeyShards {
		top = max(top, k.Share)
	}
	top = niceCeil(100 * max(top, 1/float64(max(n, 1))))
	s.axes(float64(n), top, func(float64) string { return "" }, formatPercent, "open shards (by index)", "% of records")
	x0, y0 := float64(marginL), float64(plotHeight-marginB)
	w, h := float64(plotWidth-marginL-marginR), float64(plotHeight-marginT-marginB)
	bw := w / float64(max(n, 1))
	for i, k := range rep.KeyShards {
		bh := h * 100 * k.Share / top
		s.rect(x0+bw*float64(i)+bw*0.1, y0-bh, bw*0.8, bh, palette[0], fmt.Sprintf("%s: %.2f%%", k.ShardID, 100*k.Share))
		if n <= 40 || i%((n+39)/40) == 0 {
			s.text(x0+bw*(float64(i)+0.5), y0+16, "middle", 10, fmt.Sprint(shardIndexOf(k.ShardID)))
		}
	}
	if n > 0 {
		even := y0 - h*100/float64(n)/top
		s.line(x0, even, x0+w, even, "#d62728", true)
		s.text(x0+w-4, even-4, "end", 10, "even spread")
	}
	return s.String()
}
