package simulator

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const yamlScenario = `
name: small
duration: 30s
stream: {shards: 2}
producers:
  - rate: {constant: 500}
    keys: {zipf: {keys: 100, s: 1.2}, hotKey: {fraction: 0.1}}
    size: {logNormal: {median: 300, sigma: 0.5}}
consumers:
  - {type: fanout, perRecord: 10us}
`

const jsonScenario = `{"name": "small", "duration": "30s", "stream": {"shards": 2},
 "producers": [{"rate": {"constant": 500}, "keys": {"zipf": {"keys": 100, "s": 1.2}, "hotKey": {"fraction": 0.1}},
   "size": {"logNormal": {"median": 300, "sigma": 0.5}}}],
 "consumers": [{"type": "fanout", "perRecord": "10us"}]}`

func TestJSONAndYAMLAreTheSame(t *testing.T) {
	t.Parallel()
	y, err := Parse([]byte(yamlScenario), "yaml")
	require.NoError(t, err)
	j, err := Parse([]byte(jsonScenario), "json")
	require.NoError(t, err)
	assert.Equal(t, y, j)
	assert.Equal(t, Duration(30*time.Second), y.Duration)
	assert.Equal(t, Duration(10*time.Microsecond), y.Consumers[0].PerRecord)
}

func TestBadScenarios(t *testing.T) {
	t.Parallel()
	cases := []struct {
		yaml, field string
	}{
		{"stream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}}]", "duration"},
		{"duration: 1m\nstream: {shards: 0}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}}]", "stream.shards"},
		{"duration: 1m\ntick: 300ms\nstream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}}]", "tick"},
		{"duration: 1m\nstream: {shards: 1}", "producers"},
		{"duration: 1m\nstream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {zipf: {keys: 10, s: -1}}}]", "producers[0].keys.zipf.s"},
		{"duration: 1m\nstream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}, batch: {records: 501}}]", "producers[0].batch.records"},
		{"duration: 1m\nstream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}, retry: {policy: always}}]", "producers[0].retry.policy"},
		{"duration: 1m\nstream: {shards: 1}\nproducers: [{rate: {constant: 1, ramp: {from: 1, to: 2}}, keys: {uniform: 1}}]", "producers[0].rate"},
		{"duration: 1m\nstream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}, size: {fixed: 2000000}}]", "producers[0].size.fixed"},
		{"duration: 1m\nstream: {shards: 1, reshards: [{at: 2m, shardCount: 2}]}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}}]", "stream.reshards[0].at"},
		{"duration: 1m\nstream: {onDemand: {}, shards: 3}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}}]", "stream.shards"},
		{"duration: 1m\nstream: {shards: 1}\nproducers: [{rate: {constant: 1}, keys: {uniform: 1}}]\nconsumers: [{type: kcl}]", "consumers[0].type"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(c.yaml), "yaml")
			var se *ScenarioError
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Equal(t, c.field, se.Field, se.Problem)
		})
	}
}

func TestUnknownFieldsAreErrors(t *testing.T) {
	t.Parallel()
	_, err := Parse([]byte("duration: 1m\nshards: 3\n"), "yaml")
	assert.ErrorContains(t, err, "shards")
	_, err = Parse([]byte(`{"duration": "1m", "shard": 3}`), "json")
	assert.ErrorContains(t, err, "shard")
	_, err = Parse([]byte("duration: soon\n"), "yaml")
	assert.ErrorContains(t, err, `"soon" is not a duration`)
}

func TestSameSeedSameReports(t *testing.T) {
	t.Parallel()
	sc, err := Load("scenarios/clickstream.yaml")
	require.NoError(t, err)
	sc.Duration = Duration(2 * time.Minute)
	sc.Stream.Reshards[0].At = Duration(time.Minute)
	render := func(sc Scenario) (string, string) {
		rep, err := Run(context.Background(), sc, Options{})
		require.NoError(t, err)
		var text, page bytes.Buffer
		require.NoError(t, rep.WriteText(&text))
		require.NoError(t, rep.WriteHTML(&page))
		return text.String(), page.String()
	}
	t1, h1 := render(sc)
	t2, h2 := render(sc)
	assert.Equal(t, t1, t2, "text")
	assert.Equal(t, h1, h2, "HTML")
	assert.Contains(t, h1, "<svg")
	sc.Seed++
	t3, _ := render(sc)
	assert.NotEqual(t, t1, t3, "another seed draws other keys")
}

func TestExampleScenariosRun(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("scenarios/*.yaml")
	require.NoError(t, err)
	require.Len(t, files, 3)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			sc, err := Load(f)
			require.NoError(t, err)
			sc.Duration = Duration(min(sc.Duration.D(), 3*time.Minute))
			sc.Warmup = 0
			sc.Stream.Reshards = nil
			rep, err := Run(context.Background(), sc, Options{})
			require.NoError(t, err)
			assert.Positive(t, rep.Total.Accepted)
			for _, c := range rep.Consumers {
				assert.Positive(t, c.Records, c.Name)
			}
		})
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"duration": "1m"}`), 0o600))
	_, err := Load(path)
	assert.ErrorContains(t, err, "bad.json: scenario: stream.shards")
}

func TestSDKBackoff(t *testing.T) {
	t.Parallel()
	r, err := RetrySpec{}.normalized("retry")
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		assert.Less(t, r.backoff(1, rng), 2*time.Second)
		assert.Less(t, r.backoff(2, rng), 4*time.Second)
	}
	assert.Equal(t, 20*time.Second, r.backoff(5, rng), "past log2(20 s) attempts, MaxBackoff")
	fixed := RetrySpec{Policy: RetryFixed, Delay: Duration(250 * time.Millisecond)}
	assert.Equal(t, 250*time.Millisecond, fixed.backoff(3, rng))
}

func TestRetriesRecoverAndAddLatency(t *testing.T) {
	t.Parallel()
	// 1,200 records/s on one key: 200 a second are throttled and resent
	// 100 ms later, until the backlog fills the shard; nothing is lost
	// while the shard can take the retries within 50 attempts.
	sc := Scenario{
		Duration: sec(20), Stream: StreamSpec{Shards: 1},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 1200}, Keys: KeySpec{HotKey: &HotKeySpec{Fraction: 1}},
			Retry: RetrySpec{Policy: RetryFixed, Delay: Duration(100 * time.Millisecond), MaxAttempts: 50}}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	assert.Positive(t, rep.Total.Retried)
	assert.Positive(t, rep.Total.RetryLatency.Count)
	assert.GreaterOrEqual(t, rep.Total.RetryLatency.P99, 100*time.Millisecond)
	assert.Equal(t, int64(24000), rep.Total.UserRecords)
	assert.Equal(t, rep.Total.Offered, rep.Total.Accepted+rep.Total.Throttled)
}

func TestAggregationPacksRecordsPerShard(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration: sec(10), Stream: StreamSpec{Shards: 2},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 5000}, Size: SizeSpec{Fixed: 200}, Keys: KeySpec{Uniform: 1000},
			Batch: BatchSpec{Aggregate: &AggregateSpec{}}}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	assert.Equal(t, int64(50000), rep.Total.UserRecords)
	// About 215 bytes per user record, 238 to an aggregate of 51,200: the
	// 250 or so records a shard gets in a tick make one aggregate or two,
	// so 2 to 4 aggregates a tick, 200 to 400 in the 100 ticks.
	assert.GreaterOrEqual(t, rep.Total.Accepted, int64(200))
	assert.LessOrEqual(t, rep.Total.Accepted, int64(400))
	assert.Zero(t, rep.Total.Throttled)
	assert.LessOrEqual(t, rep.Total.AcceptedBytes/rep.Total.Accepted, int64(defaultAggregateBytes+300))
}

func TestCountingAndStoringAgree(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration: sec(20), Stream: StreamSpec{Shards: 3},
		Producers: []ProducerSpec{
			{Name: "records", Rate: RateSpec{Constant: 2500}, Size: SizeSpec{LogNormal: &LogNormalSize{Median: 600, Sigma: 1}},
				Keys: KeySpec{Zipf: &ZipfKeys{Keys: 50, S: 1.1}}, Retry: RetrySpec{Policy: RetrySDK}},
			{Name: "record", Rate: RateSpec{Constant: 300}, Size: SizeSpec{Uniform: &UniformSize{Min: 1, Max: 4000}},
				Keys: KeySpec{ExplicitHashKeys: 3}, Batch: BatchSpec{API: APIPutRecord}, Retry: RetrySpec{Policy: RetryFixed}},
		},
		Consumers: []ConsumerSpec{{Name: "poll"}, {Name: "efo", Type: ConsumerFanOut}},
	}
	counted, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	sc.Storing = true
	stored, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	assert.Positive(t, counted.Total.Throttled, "the scenario throttles")
	assert.Equal(t, counted.Total.Counts, stored.Total.Counts)
	for i := range counted.Shards {
		assert.Equal(t, counted.Shards[i].Seconds, stored.Shards[i].Seconds, counted.Shards[i].ShardID)
	}
	for i := range counted.Consumers {
		assert.Equal(t, counted.Consumers[i].Records, stored.Consumers[i].Records, counted.Consumers[i].Name)
	}
}

func TestExplicitHashKeysReachEveryShard(t *testing.T) {
	t.Parallel()
	sc := Scenario{
		Duration: sec(5), Stream: StreamSpec{Shards: 4},
		Producers: []ProducerSpec{{Rate: RateSpec{Constant: 400}, Keys: KeySpec{ExplicitHashKeys: 4}}},
	}
	rep, err := Run(context.Background(), sc, Options{})
	require.NoError(t, err)
	shards := map[string]bool{}
	for _, k := range rep.TopKeys {
		shards[k.ShardID] = true
	}
	assert.Len(t, shards, 4, "each explicit hash key is a shard's starting key")
}

func TestRates(t *testing.T) {
	t.Parallel()
	daily := RateSpec{Daily: &DailySpec{Low: 100, Peak: 900, PeakAt: Duration(6 * time.Hour)}}
	assert.InDelta(t, 900, daily.rateAt(6*time.Hour), 1e-9)
	assert.InDelta(t, 100, daily.rateAt(18*time.Hour), 1e-9)
	assert.InDelta(t, 500, daily.rateAt(12*time.Hour), 1e-9)
	ramp := RateSpec{Ramp: &RampSpec{From: 10, To: 110, Start: sec(10), End: sec(20)}, Bursts: []BurstSpec{{At: sec(15), For: sec(1), Extra: 1000}}}
	assert.Equal(t, 10.0, ramp.rateAt(5*time.Second))
	assert.Equal(t, 60.0+1000, ramp.rateAt(15*time.Second))
	assert.Equal(t, 110.0, ramp.rateAt(time.Minute))
	// 3.3 records/s in ticks of 100 ms: fractions carry, none is lost.
	a := arrivals{rate: RateSpec{Constant: 3.3}}
	total := 0
	for i := range 100 {
		total += a.next(time.Duration(i)*100*time.Millisecond, 100*time.Millisecond)
	}
	assert.Equal(t, 33, total)
}
