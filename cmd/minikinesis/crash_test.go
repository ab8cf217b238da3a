//go:build unix

package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSIGKILLKeepsEveryAcknowledgedRecord kills the server with SIGKILL
// at seeded random moments while producers write, a resharder splits and
// merges shards and consumers come and go, restarts it on the same data
// directory each time, and checks that every record acknowledged before
// each kill is there exactly once, in order, with its shard and sequence
// number, and every acknowledged consumer change too.
func TestSIGKILLKeepsEveryAcknowledgedRecord(t *testing.T) {
	buildBinary(t)
	for _, policy := range []string{"always", "1s"} {
		t.Run(policy, func(t *testing.T) {
			t.Parallel()
			crashRounds(t, policy, 20, 0x5eed+uint64(len(policy)))
		})
	}
}

// acked is what the test knows of the data's records and consumers.
type acked struct {
	mu      sync.Mutex
	records map[string]ackedRecord // by data: acknowledged
	maybe   map[string]bool        // sent, answer lost in the kill
	// consumers acknowledged as registered, and whether a deregistration
	// was sent for them since (then either state is right).
	consumers map[string]bool
	gone      map[string]bool // deregistrations acknowledged
	alive     []string        // registered, oldest first, not being deregistered
}

type ackedRecord struct{ shard, seq string }

func crashRounds(t *testing.T, policy string, rounds int, seed uint64) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(seed, seed))
	state := &acked{records: map[string]ackedRecord{}, maybe: map[string]bool{}, consumers: map[string]bool{}, gone: map[string]bool{}}
	deadline := time.Now().Add(45 * time.Second)
	for round := range rounds + 1 {
		require.True(t, time.Now().Before(deadline), "round %d of %d: out of time", round, rounds)
		p := startBinary(t, "-addr", "127.0.0.1:0", "-data-dir", dir, "-fsync", policy, "-throttle=false", "-stream", "crash:2")
		url := p.log.waitURL(t, p.exited)
		c := &wire{url: url, http: &http.Client{Timeout: 5 * time.Second}, stream: "crash"}
		state.check(t, c, round)
		if round == rounds {
			c.http.CloseIdleConnections()
			require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
			require.Equal(t, 0, p.waitExit(t), p.log.String())
			return
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Go(func() { state.produce(c, fmt.Sprintf("%s-%d-%d", policy, round, w), stop) })
		}
		wg.Go(func() { reshard(c, stop) })
		wg.Go(func() { state.churnConsumers(c, fmt.Sprintf("c%d", round), stop) })
		time.Sleep(time.Duration(80+rng.IntN(250)) * time.Millisecond)
		require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
		p.waitExit(t)
		close(stop)
		wg.Wait()
		c.http.CloseIdleConnections()
	}
}

// produce writes PutRecords of ten records until stop, recording each
// entry's fate.
func (a *acked) produce(c *wire, prefix string, stop <-chan struct{}) {
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		entries := make([]map[string]string, 10)
		datas := make([]string, 10)
		for i := range entries {
			datas[i] = fmt.Sprintf("%s-%d-%d", prefix, n, i)
			entries[i] = map[string]string{"PartitionKey": fmt.Sprintf("k%d", i+n), "Data": base64.StdEncoding.EncodeToString([]byte(datas[i]))}
		}
		a.mu.Lock()
		for _, d := range datas {
			a.maybe[d] = true
		}
		a.mu.Unlock()
		var out struct {
			Records []struct{ ShardId, SequenceNumber, ErrorCode string }
		}
		if err := c.call("PutRecords", map[string]any{"StreamName": "crash", "Records": entries}, &out); err != nil {
			continue // killed mid-call: maybe stored
		}
		a.mu.Lock()
		for i, r := range out.Records {
			if r.ErrorCode == "" {
				delete(a.maybe, datas[i])
				a.records[datas[i]] = ackedRecord{shard: r.ShardId, seq: r.SequenceNumber}
			}
		}
		a.mu.Unlock()
	}
}

// reshard splits the first open shard in two while there are fewer than
// five, and merges the first two adjacent ones otherwise.
func reshard(c *wire, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
		open, err := c.openShards()
		if err != nil || len(open) == 0 {
			continue
		}
		if len(open) < 5 {
			lo, _ := new(big.Int).SetString(open[0].HashKeyRange.StartingHashKey, 10)
			hi, _ := new(big.Int).SetString(open[0].HashKeyRange.EndingHashKey, 10)
			mid := new(big.Int).Rsh(new(big.Int).Add(lo, hi), 1)
			_ = c.call("SplitShard", map[string]string{"StreamName": "crash", "ShardToSplit": open[0].ShardId, "NewStartingHashKey": mid.String()}, nil)
			continue
		}
		_ = c.call("MergeShards", map[string]string{"StreamName": "crash", "ShardToMerge": open[0].ShardId, "AdjacentShardToMerge": open[1].ShardId}, nil)
	}
}

// churnConsumers registers consumers and, past six, deregisters the
// oldest, so the stream stays under its 20.
func (a *acked) churnConsumers(c *wire, prefix string, stop <-chan struct{}) {
	arn := "arn:aws:kinesis:us-east-1:000000000000:stream/crash"
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		case <-time.After(15 * time.Millisecond):
		}
		name := fmt.Sprintf("%s-%d", prefix, n)
		if c.call("RegisterStreamConsumer", map[string]string{"StreamARN": arn, "ConsumerName": name}, nil) == nil {
			a.mu.Lock()
			a.consumers[name] = false
			a.alive = append(a.alive, name)
			a.mu.Unlock()
		}
		a.mu.Lock()
		if len(a.alive) <= 6 {
			a.mu.Unlock()
			continue
		}
		old := a.alive[0]
		a.alive = a.alive[1:]
		a.consumers[old] = true
		a.mu.Unlock()
		if c.call("DeregisterStreamConsumer", map[string]string{"StreamARN": arn, "ConsumerName": old}, nil) == nil {
			a.mu.Lock()
			a.gone[old] = true
			a.mu.Unlock()
		}
	}
}

// check reads the whole stream and its consumers after a restart.
func (a *acked) check(t *testing.T, c *wire, round int) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	seen := map[string]ackedRecord{}
	shards, err := c.allShards()
	require.NoError(t, err)
	for _, sh := range shards {
		records, err := c.readShard(sh.ShardId)
		require.NoError(t, err, "round %d: reading %s", round, sh.ShardId)
		last := new(big.Int)
		for _, r := range records {
			seq, ok := new(big.Int).SetString(r.seq, 10)
			require.True(t, ok)
			require.Equal(t, 1, seq.Cmp(last), "round %d: %s reads in sequence order", round, sh.ShardId)
			last = seq
			_, twice := seen[r.data]
			require.False(t, twice, "round %d: %q stored twice", round, r.data)
			seen[r.data] = ackedRecord{shard: sh.ShardId, seq: r.seq}
		}
	}
	for data, want := range a.records {
		require.Equal(t, want, seen[data], "round %d: acknowledged record %q", round, data)
	}
	for data, got := range seen {
		if _, ok := a.records[data]; ok {
			continue
		}
		require.True(t, a.maybe[data], "round %d: %q was never sent", round, data)
		a.records[data] = got // from now on it must stay
		delete(a.maybe, data)
	}
	clear(a.maybe) // unanswered and not stored: gone for good

	var list struct {
		Consumers []struct{ ConsumerName string }
	}
	require.NoError(t, c.call("ListStreamConsumers", map[string]string{"StreamARN": "arn:aws:kinesis:us-east-1:000000000000:stream/crash"}, &list))
	present := map[string]bool{}
	for _, con := range list.Consumers {
		present[con.ConsumerName] = true
	}
	for name, deregistering := range a.consumers {
		switch {
		case a.gone[name]:
			assert.False(t, present[name], "round %d: consumer %s was deregistered", round, name)
		case !deregistering:
			assert.True(t, present[name], "round %d: consumer %s was registered", round, name)
		}
		if !deregistering || a.gone[name] {
			continue
		}
		// An unanswered deregistration settled one way or the other.
		if present[name] {
			a.consumers[name] = false
			a.alive = append(a.alive, name)
		} else {
			a.gone[name] = true
		}
	}
	t.Logf("round %d: %d records, %d shards, %d consumers", round, len(seen), len(shards), len(list.Consumers))
}

// wire is a bare JSON client: quick to drive and to kill under.
type wire struct {
	url    string
	http   *http.Client
	stream string
}

func (c *wire) call(op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("X-Amz-Target", "Kinesis_20131202."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := c.http.Do(withCredentials(req))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s %s", op, resp.Status, b)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}

type wireShard struct {
	ShardId             string
	HashKeyRange        struct{ StartingHashKey, EndingHashKey string }
	SequenceNumberRange struct{ EndingSequenceNumber string }
}

func (c *wire) allShards() ([]wireShard, error) {
	var all []wireShard
	in := map[string]any{"StreamName": c.stream}
	for {
		var out struct {
			Shards    []wireShard
			NextToken string
		}
		if err := c.call("ListShards", in, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Shards...)
		if out.NextToken == "" {
			return all, nil
		}
		in = map[string]any{"NextToken": out.NextToken}
	}
}

// openShards lists the open shards in hash key order.
func (c *wire) openShards() ([]wireShard, error) {
	all, err := c.allShards()
	var open []wireShard
	for _, sh := range all {
		if sh.SequenceNumberRange.EndingSequenceNumber == "" {
			open = append(open, sh)
		}
	}
	slices.SortFunc(open, func(a, b wireShard) int {
		x, _ := new(big.Int).SetString(a.HashKeyRange.StartingHashKey, 10)
		y, _ := new(big.Int).SetString(b.HashKeyRange.StartingHashKey, 10)
		return x.Cmp(y)
	})
	return open, err
}

type wireRecord struct{ data, seq string }

// readShard reads a shard from its trim horizon to its end (closed) or to
// its newest record (open).
func (c *wire) readShard(id string) ([]wireRecord, error) {
	var it struct{ ShardIterator string }
	if err := c.call("GetShardIterator", map[string]string{"StreamName": c.stream, "ShardId": id, "ShardIteratorType": "TRIM_HORIZON"}, &it); err != nil {
		return nil, err
	}
	var out []wireRecord
	for next := it.ShardIterator; next != ""; {
		var page struct {
			Records           []struct{ Data, SequenceNumber string }
			NextShardIterator string
		}
		if err := c.call("GetRecords", map[string]string{"ShardIterator": next}, &page); err != nil {
			return nil, err
		}
		for _, r := range page.Records {
			data, err := base64.StdEncoding.DecodeString(r.Data)
			if err != nil {
				return nil, err
			}
			out = append(out, wireRecord{data: string(data), seq: r.SequenceNumber})
		}
		if len(page.Records) == 0 && page.NextShardIterator != "" {
			return out, nil // an open shard, caught up
		}
		next = page.NextShardIterator
	}
	return out, nil
}
