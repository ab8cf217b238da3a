package simulator

import (
	"fmt"
	"math"
	"time"

	"github.com/minikinesis/minikinesis"
)

// ScenarioError says which field of a scenario is wrong and how.
type ScenarioError struct {
	// Field is the path of the field, as a file spells it:
	// "producers[0].keys.zipf.s".
	Field string
	// Problem says what is wrong with it.
	Problem string
}

// Error says which field is wrong and how.
func (e *ScenarioError) Error() string { return "scenario: " + e.Field + ": " + e.Problem }

func bad(field, format string, args ...any) error {
	return &ScenarioError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// Limits the checks hold scenarios to.
const (
	defaultTick     = 100 * time.Millisecond
	maxTick         = time.Second
	maxShards       = 10000
	maxKeys         = 1 << 24
	defaultDataSize = 100
	maxRecordSize   = 1 << 20 // data plus key, the model's default limit
	maxKeyLength    = 256
	// maxShardSeconds bounds the per-shard, per-second series (12 bytes a
	// cell): 1.2 GB.
	maxShardSeconds = 100_000_000
)

// normalized checks the scenario and returns a copy with every default
// filled in, so the runner never guesses.
func (sc Scenario) normalized() (Scenario, error) {
	if sc.Seed == 0 {
		sc.Seed = 1
	}
	if sc.Duration <= 0 {
		return sc, bad("duration", "must be positive, such as \"1h\"")
	}
	if sc.Tick == 0 {
		sc.Tick = Duration(defaultTick)
	}
	if sc.Tick < Duration(time.Millisecond) || sc.Tick.D() > maxTick || time.Second%sc.Tick.D() != 0 {
		return sc, bad("tick", "%s must divide a second and lie within 1ms..1s", sc.Tick)
	}
	if sc.Warmup < 0 || sc.Warmup >= sc.Duration {
		return sc, bad("warmup", "%s must lie within 0 and the duration %s", sc.Warmup, sc.Duration)
	}
	var err error
	if sc.Stream, err = sc.Stream.normalized(sc.Duration); err != nil {
		return sc, err
	}
	if cells := int64(max(sc.Stream.Shards, 1)) * int64(sc.Duration.D()/time.Second); cells > maxShardSeconds {
		return sc, bad("duration", "%s of %d shards is %d shard-seconds, more than the %d the per-shard series hold; shorten the run or use fewer shards",
			sc.Duration, sc.Stream.Shards, cells, int64(maxShardSeconds))
	}
	if len(sc.Producers) == 0 {
		return sc, bad("producers", "at least one producer is needed")
	}
	sc.Producers = append([]ProducerSpec(nil), sc.Producers...)
	for i := range sc.Producers {
		if sc.Producers[i], err = sc.Producers[i].normalized(fmt.Sprintf("producers[%d]", i), i, sc.Duration); err != nil {
			return sc, err
		}
	}
	sc.Consumers = append([]ConsumerSpec(nil), sc.Consumers...)
	for i := range sc.Consumers {
		if sc.Consumers[i], err = sc.Consumers[i].normalized(fmt.Sprintf("consumers[%d]", i), i); err != nil {
			return sc, err
		}
	}
	return sc, nil
}

func (s StreamSpec) normalized(duration Duration) (StreamSpec, error) {
	if s.OnDemand != nil {
		od := *s.OnDemand
		if s.Shards != 0 {
			return s, bad("stream.shards", "an on-demand stream has no shard count (remove shards or onDemand)")
		}
		if len(s.Reshards) > 0 {
			return s, bad("stream.reshards", "an on-demand stream reshards itself")
		}
		if od.InitialShards == 0 {
			od.InitialShards = minikinesis.OnDemandInitialShards
		}
		if od.InitialShards < 1 || od.InitialShards > maxShards {
			return s, bad("stream.onDemand.initialShards", "%d is not within 1..%d", od.InitialShards, maxShards)
		}
		if od.ScaleUpDelay == 0 {
			od.ScaleUpDelay = Duration(defaultScaleUpDelay)
		}
		if od.ScaleUpDelay < 0 {
			return s, bad("stream.onDemand.scaleUpDelay", "must not be negative")
		}
		s.OnDemand = &od
		return s, nil
	}
	if s.Shards < 1 || s.Shards > maxShards {
		return s, bad("stream.shards", "%d is not within 1..%d (or give onDemand)", s.Shards, maxShards)
	}
	for i, r := range s.Reshards {
		f := fmt.Sprintf("stream.reshards[%d]", i)
		switch {
		case r.At < 0 || r.At >= duration:
			return s, bad(f+".at", "%s is not within the run (0..%s)", r.At, duration)
		case (r.SplitHottest > 0) == (r.ShardCount > 0):
			return s, bad(f, "give exactly one of splitHottest and shardCount, each positive")
		case r.SplitHottest < 0 || r.ShardCount < 0:
			return s, bad(f, "counts must be positive")
		case i > 0 && r.At < s.Reshards[i-1].At:
			return s, bad(f+".at", "reshards must be in time order")
		}
	}
	return s, nil
}

func (p ProducerSpec) normalized(f string, i int, duration Duration) (ProducerSpec, error) {
	if p.Name == "" {
		p.Name = fmt.Sprintf("producer-%d", i+1)
	}
	var err error
	if p.Rate, err = p.Rate.normalized(f+".rate", duration); err != nil {
		return p, err
	}
	if p.Keys, err = p.Keys.normalized(f + ".keys"); err != nil {
		return p, err
	}
	keyLen := p.Keys.longestKey()
	if p.Size, err = p.Size.normalized(f+".size", keyLen); err != nil {
		return p, err
	}
	if p.Batch, err = p.Batch.normalized(f + ".batch"); err != nil {
		return p, err
	}
	if p.Retry, err = p.Retry.normalized(f + ".retry"); err != nil {
		return p, err
	}
	return p, nil
}

func (r RateSpec) normalized(f string, duration Duration) (RateSpec, error) {
	bases := howMany(r.Constant != 0, r.Ramp != nil, r.Daily != nil)
	if bases > 1 {
		return r, bad(f, "give one of constant, ramp and daily")
	}
	if bases == 0 && len(r.Bursts) == 0 {
		return r, bad(f, "give constant, ramp or daily (records per second), or bursts")
	}
	if r.Constant < 0 || math.IsNaN(r.Constant) {
		return r, bad(f+".constant", "%v is not a rate (records per second, ≥ 0)", r.Constant)
	}
	if r.Ramp != nil {
		ramp := *r.Ramp
		if ramp.End == 0 {
			ramp.End = duration
		}
		switch {
		case ramp.From < 0 || ramp.To < 0:
			return r, bad(f+".ramp", "rates must not be negative")
		case ramp.Start < 0 || ramp.End <= ramp.Start:
			return r, bad(f+".ramp.end", "%s must come after start %s", ramp.End, ramp.Start)
		}
		r.Ramp = &ramp
	}
	if d := r.Daily; d != nil && (d.Low < 0 || d.Peak < d.Low) {
		return r, bad(f+".daily", "need 0 ≤ low ≤ peak, got low %v, peak %v", d.Low, d.Peak)
	}
	for i, b := range r.Bursts {
		if b.Extra < 0 || b.For <= 0 || b.At < 0 {
			return r, bad(fmt.Sprintf("%s.bursts[%d]", f, i), "need at ≥ 0, for > 0 and extra ≥ 0")
		}
	}
	return r, nil
}

func (s SizeSpec) normalized(f string, keyLen int) (SizeSpec, error) {
	room := maxRecordSize - keyLen
	set := howMany(s.Fixed != 0, s.Uniform != nil, s.LogNormal != nil)
	switch {
	case set > 1:
		return s, bad(f, "give one of fixed, uniform and logNormal")
	case set == 0:
		s.Fixed = defaultDataSize
	}
	if s.Fixed < 0 || s.Fixed > room {
		return s, bad(f+".fixed", "%d bytes is not within 0..%d (1 MiB less the longest key)", s.Fixed, room)
	}
	if u := s.Uniform; u != nil && (u.Min < 0 || u.Max < u.Min || u.Max > room) {
		return s, bad(f+".uniform", "need 0 ≤ min ≤ max ≤ %d, got %d..%d", room, u.Min, u.Max)
	}
	if l := s.LogNormal; l != nil {
		ln := *l
		if ln.Max == 0 {
			ln.Max = room
		}
		if ln.Median < 1 || ln.Sigma < 0 || ln.Max < 1 || ln.Max > room {
			return s, bad(f+".logNormal", "need median ≥ 1, sigma ≥ 0 and 1 ≤ max ≤ %d", room)
		}
		s.LogNormal = &ln
	}
	return s, nil
}

func (k KeySpec) normalized(f string) (KeySpec, error) {
	if k.Prefix == "" {
		k.Prefix = "key-"
	}
	set := howMany(k.Uniform != 0, k.Zipf != nil, k.ExplicitHashKeys != 0)
	if set > 1 {
		return k, bad(f, "give one of uniform, zipf and explicitHashKeys")
	}
	if set == 0 && k.HotKey == nil {
		return k, bad(f, "give uniform, zipf or explicitHashKeys (a number of keys), or a hotKey")
	}
	n := k.Uniform + k.ExplicitHashKeys
	if k.Zipf != nil {
		n = k.Zipf.Keys
		if k.Zipf.S < 0 || math.IsNaN(k.Zipf.S) {
			return k, bad(f+".zipf.s", "%v must be ≥ 0", k.Zipf.S)
		}
	}
	if set > 0 && (n < 1 || n > maxKeys) {
		return k, bad(f, "%d keys is not within 1..%d", n, maxKeys)
	}
	if h := k.HotKey; h != nil {
		hk := *h
		if hk.Key == "" {
			hk.Key = "hot"
		}
		if hk.Fraction <= 0 || hk.Fraction > 1 || (set == 0 && hk.Fraction != 1) {
			return k, bad(f+".hotKey.fraction", "%v must lie in (0, 1], and be 1 without other keys", hk.Fraction)
		}
		if len(hk.Key) > maxKeyLength {
			return k, bad(f+".hotKey.key", "longer than %d characters", maxKeyLength)
		}
		k.HotKey = &hk
	}
	if len(k.Prefix)+8 > maxKeyLength {
		return k, bad(f+".prefix", "longer than %d characters", maxKeyLength-8)
	}
	return k, nil
}

// longestKey is the length of the longest partition key the spec makes.
func (k KeySpec) longestKey() int {
	n := len(k.Prefix) + 8
	if k.HotKey != nil {
		n = max(n, len(k.HotKey.Key))
	}
	return n
}

func (b BatchSpec) normalized(f string) (BatchSpec, error) {
	if b.API == "" {
		b.API = APIPutRecords
	}
	switch b.API {
	case APIPutRecords:
		if b.Records == 0 {
			b.Records = 500
		}
		if b.Records < 1 || b.Records > 500 {
			return b, bad(f+".records", "%d is not within 1..500", b.Records)
		}
	case APIPutRecord:
		if b.Records > 1 {
			return b, bad(f+".records", "PutRecord carries one record")
		}
		b.Records = 1
	default:
		return b, bad(f+".api", "%q is neither PutRecords nor PutRecord", b.API)
	}
	if a := b.Aggregate; a != nil {
		ag := *a
		if ag.MaxBytes == 0 {
			ag.MaxBytes = defaultAggregateBytes
		}
		if ag.MaxBytes < 1 || ag.MaxBytes > maxRecordSize-maxKeyLength {
			return b, bad(f+".aggregate.maxBytes", "%d is not within 1..%d", ag.MaxBytes, maxRecordSize-maxKeyLength)
		}
		b.Aggregate = &ag
	}
	return b, nil
}

func (r RetrySpec) normalized(f string) (RetrySpec, error) {
	if r.Policy == "" {
		r.Policy = RetrySDK
	}
	switch r.Policy {
	case RetrySDK, RetryFixed:
		if r.MaxAttempts == 0 {
			r.MaxAttempts = sdkMaxAttempts
		}
	case RetryNone:
		if r.MaxAttempts > 1 {
			return r, bad(f+".maxAttempts", "policy none makes one attempt")
		}
		r.MaxAttempts = 1
	default:
		return r, bad(f+".policy", "%q is not sdk, none or fixed", r.Policy)
	}
	if r.MaxAttempts < 1 || r.MaxAttempts > 100 {
		return r, bad(f+".maxAttempts", "%d is not within 1..100", r.MaxAttempts)
	}
	if r.Delay == 0 {
		r.Delay = Duration(100 * time.Millisecond)
	}
	if r.MaxBackoff == 0 {
		r.MaxBackoff = Duration(sdkMaxBackoff)
	}
	if r.Delay < 0 || r.MaxBackoff < 0 {
		return r, bad(f, "delays must not be negative")
	}
	return r, nil
}

func (c ConsumerSpec) normalized(f string, i int) (ConsumerSpec, error) {
	if c.Name == "" {
		c.Name = fmt.Sprintf("consumer-%d", i+1)
	}
	if c.Type == "" {
		c.Type = ConsumerPolling
	}
	if c.Type != ConsumerPolling && c.Type != ConsumerFanOut {
		return c, bad(f+".type", "%q is neither polling nor fanout", c.Type)
	}
	if c.Interval == 0 {
		c.Interval = Duration(time.Second)
	}
	if c.Interval < 0 {
		return c, bad(f+".interval", "must be positive")
	}
	if c.Limit == 0 {
		c.Limit = minikinesis.MaxGetRecordsLimit
	}
	if c.Limit < 1 || c.Limit > minikinesis.MaxGetRecordsLimit {
		return c, bad(f+".limit", "%d is not within 1..%d", c.Limit, minikinesis.MaxGetRecordsLimit)
	}
	if c.PerRecord < 0 {
		return c, bad(f+".perRecord", "must not be negative")
	}
	if c.Start == "" {
		c.Start = string(minikinesis.ShardIteratorTypeTrimHorizon)
	}
	if c.Start != string(minikinesis.ShardIteratorTypeTrimHorizon) && c.Start != string(minikinesis.ShardIteratorTypeLatest) {
		return c, bad(f+".start", "%q is neither TRIM_HORIZON nor LATEST", c.Start)
	}
	return c, nil
}

// howMany counts the alternatives a spec sets, of which at most one may be.
func howMany(set ...bool) int {
	n := 0
	for _, b := range set {
		if b {
			n++
		}
	}
	return n
}
