package simulator

import (
	"context"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SweepSpec asks for the fewest provisioned shards that keep throttling
// and consumer lag within bounds, measured after the scenario's warm-up.
type SweepSpec struct {
	// MinShards and MaxShards bound the shard counts tried, each of them.
	MinShards, MaxShards int
	// MaxThrottle is the largest acceptable share of write attempts
	// refused, 0..1.
	MaxThrottle float64
	// MaxLag is the largest acceptable MillisBehindLatest of any consumer.
	MaxLag time.Duration
	// Parallel is how many runs go at once. Default 1.
	Parallel int
	// Progress, when set, is called after each run with how many of how
	// many are done.
	Progress func(done, total int)
}

// ParseShardRange reads a sweep range written "shards=1..64" (or "1..64").
func ParseShardRange(s string) (lo, hi int, err error) {
	s = strings.TrimPrefix(s, "shards=")
	a, b, ok := strings.Cut(s, "..")
	if ok {
		lo, err = strconv.Atoi(a)
		if err == nil {
			hi, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || lo < 1 || hi < lo || hi > maxShards {
		return 0, 0, fmt.Errorf("sweep %q: want shards=LOW..HIGH with 1 ≤ LOW ≤ HIGH ≤ %d", s, maxShards)
	}
	return lo, hi, nil
}

// SweepPoint is one shard count's outcome.
type SweepPoint struct {
	Shards       int
	ThrottleRate float64
	MaxLag       time.Duration
	Dropped      int64
	// Meets is true when both bounds hold.
	Meets bool
}

// SweepReport is a sweep's outcome: every point tried and the answer.
type SweepReport struct {
	Scenario Scenario
	Spec     SweepSpec
	Points   []SweepPoint
	// Answer is the fewest shards that meet both bounds; 0 when none does.
	Answer int
}

// Sweep runs the scenario once per shard count in the range, as a
// provisioned stream of that many shards without its reshard events, and
// finds the fewest shards that keep throttling and lag within the bounds.
func Sweep(ctx context.Context, sc Scenario, spec SweepSpec) (*SweepReport, error) {
	if spec.MinShards < 1 || spec.MaxShards < spec.MinShards || spec.MaxShards > maxShards {
		return nil, fmt.Errorf("sweep: shards %d..%d is not within 1..%d", spec.MinShards, spec.MaxShards, maxShards)
	}
	if spec.MaxThrottle < 0 || spec.MaxThrottle > 1 || spec.MaxLag < 0 {
		return nil, fmt.Errorf("sweep: the throttle bound lies in 0..1 and the lag bound is not negative")
	}
	if spec.Parallel < 1 {
		spec.Parallel = 1
	}
	sc.Stream = StreamSpec{Shards: spec.MinShards}
	norm, err := sc.normalized()
	if err != nil {
		return nil, err
	}
	out := &SweepReport{Scenario: norm, Spec: spec, Points: make([]SweepPoint, spec.MaxShards-spec.MinShards+1)}
	errs := make([]error, len(out.Points))
	var wg sync.WaitGroup
	sem := make(chan struct{}, spec.Parallel)
	var mu sync.Mutex
	done := 0
	for i := range out.Points {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			one := norm
			one.Stream = StreamSpec{Shards: spec.MinShards + i}
			rep, err := Run(ctx, one, Options{})
			if err != nil {
				errs[i] = err
				return
			}
			out.Points[i] = pointOf(rep, spec)
			if spec.Progress != nil {
				mu.Lock()
				done++
				spec.Progress(done, len(out.Points))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, p := range out.Points {
		if p.Meets {
			out.Answer = p.Shards
			break
		}
	}
	return out, nil
}

func pointOf(rep *Report, spec SweepSpec) SweepPoint {
	p := SweepPoint{Shards: rep.Scenario.Stream.Shards, ThrottleRate: rep.AfterWarmup.ThrottleRate(), Dropped: rep.AfterWarmup.Dropped}
	for _, c := range rep.Consumers {
		p.MaxLag = max(p.MaxLag, time.Duration(c.MaxMillisBehindLatestAfterWarmup)*time.Millisecond)
	}
	p.Meets = p.ThrottleRate <= spec.MaxThrottle && p.MaxLag <= spec.MaxLag
	return p
}

// WriteText writes the sweep's table and answer.
func (sr *SweepReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "sweep of %s: shards %d..%d, throttling ≤ %s and lag ≤ %s after a %s warm-up\n\n",
		orDefault(sr.Scenario.Name, "scenario"), sr.Spec.MinShards, sr.Spec.MaxShards, percent(sr.Spec.MaxThrottle), ms(sr.Spec.MaxLag), sr.Scenario.Warmup)
	b.WriteString("shards  throttled  max lag     dropped  meets\n")
	for _, p := range sr.Points {
		mark := ""
		if p.Meets {
			mark = "yes"
		}
		fmt.Fprintf(&b, "%6d  %9s  %9s  %8s  %s\n", p.Shards, percent(p.ThrottleRate), ms(p.MaxLag), count(p.Dropped), mark)
	}
	if sr.Answer > 0 {
		fmt.Fprintf(&b, "\nanswer: %d shards\n", sr.Answer)
	} else {
		fmt.Fprintf(&b, "\nanswer: none of %d..%d shards meets both bounds\n", sr.Spec.MinShards, sr.Spec.MaxShards)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// SVG plots throttling and lag against the shard count, with the bounds
// dashed and the answer marked.
func (sr *SweepReport) SVG() string {
	n := len(sr.Points)
	thr, lag := make([]float64, n), make([]float64, n)
	for i, p := range sr.Points {
		thr[i] = 100 * p.ThrottleRate
		lag[i] = p.MaxLag.Seconds()
	}
	s := newSVG(plotWidth, plotHeight, "Shards against throttling (red, left) and lag (blue, right)")
	x0, y0 := float64(marginL), float64(plotHeight-marginB)
	w, h := float64(plotWidth-marginL-marginR), float64(plotHeight-marginT-marginB)
	tMax, lMax := niceCeil(max(maxOf(thr), 100*sr.Spec.MaxThrottle)), niceCeil(max(maxOf(lag), sr.Spec.MaxLag.Seconds()))
	s.axes(float64(sr.Spec.MaxShards), tMax, func(v float64) string { return "" }, formatPercent, "shards", "% of attempts throttled")
	xOf := func(i int) float64 { return x0 + w*(float64(i)+0.5)/float64(n) }
	for i, p := range sr.Points {
		if n <= 32 || i%((n+31)/32) == 0 {
			s.text(xOf(i), y0+16, "middle", 10, strconv.Itoa(p.Shards))
		}
	}
	for i := 0; i <= 4; i++ {
		s.text(x0+w+2, y0-h*float64(i)/4+4, "start", 9, formatNumber(lMax*float64(i)/4)+"s")
	}
	line := func(values []float64, top float64, color string) {
		pts := make([][2]float64, n)
		for i, v := range values {
			pts[i] = [2]float64{xOf(i), y0 - h*v/top}
		}
		s.polyline(pts, color)
	}
	line(thr, tMax, palette[1])
	line(lag, lMax, palette[0])
	s.line(x0, y0-h*100*sr.Spec.MaxThrottle/tMax, x0+w, y0-h*100*sr.Spec.MaxThrottle/tMax, palette[1], true)
	s.line(x0, y0-h*sr.Spec.MaxLag.Seconds()/lMax, x0+w, y0-h*sr.Spec.MaxLag.Seconds()/lMax, palette[0], true)
	if sr.Answer > 0 {
		x := xOf(sr.Answer - sr.Spec.MinShards)
		s.line(x, y0, x, float64(marginT), "#2ca02c", false)
		s.text(x+4, float64(marginT)+12, "start", 11, fmt.Sprintf("answer: %d shards", sr.Answer))
	}
	return s.String()
}

// WriteHTML writes the sweep as a self-contained HTML page.
func (sr *SweepReport) WriteHTML(w io.Writer) error {
	var text strings.Builder
	if err := sr.WriteText(&text); err != nil {
		return err
	}
	page := "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>minikinesis sweep</title></head><body style=\"font-family:sans-serif;max-width:960px;margin:2em auto\">\n" +
		"<h1>minikinesis sweep: " + html.EscapeString(orDefault(sr.Scenario.Name, "scenario")) + "</h1>\n<pre>" + html.EscapeString(text.String()) + "</pre>\n" +
		"<figure>" + sr.SVG() + "</figure>\n</body></html>\n"
	_, err := io.WriteString(w, page)
	return err
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
