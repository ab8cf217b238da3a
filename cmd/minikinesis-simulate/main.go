// Command minikinesis-simulate runs a capacity scenario (YAML or JSON, see
// package simulator) on the minikinesis model in virtual time and reports
// throttling, retries and consumer lag as text, and as HTML with plots.
//
//	minikinesis-simulate [flags] scenario.yaml
//	minikinesis-simulate -html report.html simulator/scenarios/clickstream.yaml
//	minikinesis-simulate -sweep shards=1..64 -max-throttle 1 -max-lag 5s scenario.yaml
//
// It exits with status 2 for a bad command line or scenario, 1 when a run
// fails.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis/simulator"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type flags struct {
	html        string
	seed        uint64
	duration    time.Duration
	storing     bool
	sweep       string
	maxThrottle float64
	maxLag      time.Duration
	parallel    int
	quiet       bool
}

func parse(args []string, stderr io.Writer) (flags, string, error) {
	var f flags
	fs := flag.NewFlagSet("minikinesis-simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: minikinesis-simulate [flags] scenario.yaml|scenario.json")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.html, "html", "", "also write an HTML report with plots to this file")
	fs.Uint64Var(&f.seed, "seed", 0, "override the scenario's seed")
	fs.DurationVar(&f.duration, "duration", 0, "override the scenario's duration (e.g. 10m)")
	fs.BoolVar(&f.storing, "storing", false, "store every record (the model's normal mode) instead of counting")
	fs.StringVar(&f.sweep, "sweep", "", "try every shard count in a range, e.g. shards=1..64, and find the fewest that meets -max-throttle and -max-lag")
	fs.Float64Var(&f.maxThrottle, "max-throttle", 1, "sweep: the largest acceptable throttled share of write attempts, in percent")
	fs.DurationVar(&f.maxLag, "max-lag", 5*time.Second, "sweep: the largest acceptable consumer lag (MillisBehindLatest)")
	fs.IntVar(&f.parallel, "parallel", 1, "sweep: runs at once")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar")
	if err := fs.Parse(args); err != nil {
		return f, "", err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return f, "", errors.New("give exactly one scenario file")
	}
	if f.maxThrottle < 0 || f.maxThrottle > 100 {
		return f, "", fmt.Errorf("-max-throttle %v is not a percentage", f.maxThrottle)
	}
	return f, fs.Arg(0), nil
}

func run(args []string, stdout, stderr io.Writer) int {
	f, path, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 2
	}
	sc, err := simulator.Load(path)
	if err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 2
	}
	if f.seed != 0 {
		sc.Seed = f.seed
	}
	if f.duration != 0 {
		sc.Duration = simulator.Duration(f.duration)
		sc.Stream.Reshards = dropAfter(sc.Stream.Reshards, sc.Duration, stderr)
	}
	if f.sweep != "" {
		sc.Stream = simulator.StreamSpec{Shards: 1} // the sweep sets the shards
	}
	sc.Storing = sc.Storing || f.storing
	if err := sc.Check(); err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgress(stderr, f.quiet)
	if f.sweep != "" {
		return sweep(ctx, sc, f, bar, stdout, stderr)
	}
	started := time.Now()
	var progress func(done, total time.Duration)
	if bar.on {
		progress = func(done, total time.Duration) {
			bar.draw("simulating", float64(done)/float64(total), done.String()+" / "+total.String())
		}
	}
	rep, err := simulator.Run(ctx, sc, simulator.Options{Progress: progress})
	bar.done()
	if err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 1
	}
	if code := emit(rep, f.html, stdout, stderr); code != 0 {
		return code
	}
	fmt.Fprintf(stderr, "simulated %s in %s\n", sc.Duration, time.Since(started).Round(time.Millisecond))
	return 0
}

func sweep(ctx context.Context, sc simulator.Scenario, f flags, bar *progress, stdout, stderr io.Writer) int {
	lo, hi, err := simulator.ParseShardRange(f.sweep)
	if err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 2
	}
	spec := simulator.SweepSpec{MinShards: lo, MaxShards: hi, MaxThrottle: f.maxThrottle / 100, MaxLag: f.maxLag, Parallel: f.parallel}
	if bar.on {
		spec.Progress = func(done, total int) {
			bar.draw("sweeping", float64(done)/float64(total), fmt.Sprintf("%d / %d runs", done, total))
		}
	}
	sr, err := simulator.Sweep(ctx, sc, spec)
	bar.done()
	if err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 1
	}
	return emit(sr, f.html, stdout, stderr)
}

// report is a run's or a sweep's outcome.
type report interface {
	WriteText(io.Writer) error
	WriteHTML(io.Writer) error
}

// emit writes the text to stdout and, when asked, the HTML to a file,
// and returns the exit status.
func emit(rep report, html string, stdout, stderr io.Writer) int {
	err := rep.WriteText(stdout)
	if err == nil && html != "" {
		err = writeFile(html, rep.WriteHTML)
	}
	if err != nil {
		fmt.Fprintln(stderr, "minikinesis-simulate:", err)
		return 1
	}
	return 0
}

// dropAfter keeps the reshard events within a shortened run, saying which
// it leaves out.
func dropAfter(events []simulator.ReshardSpec, end simulator.Duration, stderr io.Writer) []simulator.ReshardSpec {
	var kept []simulator.ReshardSpec
	for _, e := range events {
		if e.At < end {
			kept = append(kept, e)
			continue
		}
		fmt.Fprintf(stderr, "minikinesis-simulate: leaving out the reshard at %s, after the shortened run\n", e.At)
	}
	return kept
}

func writeFile(path string, write func(io.Writer) error) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// progress draws a bar on standard error, only when it is a terminal.
type progress struct {
	w  io.Writer
	on bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	on := false
	if ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, on: on}
}

// draw shows what is going on and how far it is (0..1).
func (p *progress) draw(what string, share float64, label string) {
	const width = 40
	n := min(width, max(0, int(width*share)))
	fmt.Fprintf(p.w, "\r%s [%s%s] %s ", what, strings.Repeat("#", n), strings.Repeat(".", width-n), label)
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
