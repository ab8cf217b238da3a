package minikinesistest

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/minikinesis/minikinesis"
)

// Reporter is all the Check helpers need of a test: *testing.T and every T
// satisfy it.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// Rec is an expected record: its partition key and data.
type Rec struct {
	PartitionKey string
	Data         []byte
}

func (r Rec) String() string { return fmt.Sprintf("%s=%q", r.PartitionKey, r.Data) }

// CheckRecords reports an error unless the stream holds exactly these
// records (read as a consumer would, across every shard), each as often as
// listed, in any order. It returns whether the check passed.
func CheckRecords(t Reporter, s *minikinesis.Stream, want ...Rec) bool {
	t.Helper()
	all, err := s.ReadAll(context.Background())
	if err != nil {
		t.Errorf("reading stream %s: %v", s.Name(), err)
		return false
	}
	count := map[string]int{}
	for _, w := range want {
		count[w.String()]++
	}
	for _, r := range all {
		count[Rec{PartitionKey: r.PartitionKey, Data: r.Data}.String()]--
	}
	var missing, unexpected []string
	for rec, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, rec)
		}
		for ; n < 0; n++ {
			unexpected = append(unexpected, rec)
		}
	}
	if len(missing) == 0 && len(unexpected) == 0 {
		return true
	}
	sort.Strings(missing)
	sort.Strings(unexpected)
	t.Errorf("stream %s holds %d records, want %d\nmissing:    %s\nunexpected: %s",
		s.Name(), len(all), len(want), strings.Join(missing, ", "), strings.Join(unexpected, ", "))
	return false
}

// CheckKeyOrder reports an error unless the records of one partition key
// are exactly these payloads, in this order, as a consumer reads them.
func CheckKeyOrder(t Reporter, s *minikinesis.Stream, partitionKey string, want ...[]byte) bool {
	t.Helper()
	byKey, err := s.ReadAllByPartitionKey(context.Background())
	if err != nil {
		t.Errorf("reading stream %s: %v", s.Name(), err)
		return false
	}
	got := byKey[partitionKey]
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = bytes.Equal(got[i].Data, want[i])
	}
	if !ok {
		gotData := make([]string, len(got))
		for i, r := range got {
			gotData[i] = fmt.Sprintf("%q", r.Data)
		}
		wantData := make([]string, len(want))
		for i, d := range want {
			wantData[i] = fmt.Sprintf("%q", d)
		}
		t.Errorf("partition key %q in stream %s:\n got  [%s]\n want [%s]", partitionKey, s.Name(), strings.Join(gotData, " "), strings.Join(wantData, " "))
	}
	return ok
}

// CheckWriteThrottled reports an error unless the shard refused exactly n
// records for its write allowance (injected throttling included).
func CheckWriteThrottled(t Reporter, s *minikinesis.Stream, shardID string, n int) bool {
	t.Helper()
	return checkMetric(t, s, shardID, "write-throttled records", n, func(m minikinesis.ShardMetrics) int { return m.WriteThrottled })
}

// CheckReadThrottled reports an error unless the shard refused exactly n
// GetRecords calls for its read allowance.
func CheckReadThrottled(t Reporter, s *minikinesis.Stream, shardID string, n int) bool {
	t.Helper()
	return checkMetric(t, s, shardID, "read-throttled calls", n, func(m minikinesis.ShardMetrics) int { return m.ReadThrottled })
}

func checkMetric(t Reporter, s *minikinesis.Stream, shardID, what string, want int, get func(minikinesis.ShardMetrics) int) bool {
	t.Helper()
	m, err := s.ShardMetrics(shardID)
	if err != nil {
		t.Errorf("%v", err)
		return false
	}
	if got := get(m); got != want {
		t.Errorf("%s of stream %s: %d %s, want %d", m.ShardId, s.Name(), got, what, want)
		return false
	}
	return true
}

// CheckCalls reports an error unless the call log holds exactly n calls of
// the operation (to the stream, when stream is not "").
func CheckCalls(t Reporter, k *minikinesis.Kinesis, operation, stream string, n int) bool {
	t.Helper()
	got := 0
	for _, c := range k.Calls() {
		if c.Operation == operation && (stream == "" || c.Stream == stream) {
			got++
		}
	}
	if got != n {
		where := ""
		if stream != "" {
			where = " to stream " + stream
		}
		t.Errorf("%d %s calls%s in the call log, want %d", got, operation, where, n)
		return false
	}
	return true
}
