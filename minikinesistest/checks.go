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

// Source is what CheckRecords and CheckKeyOrder read, as a consumer would,
// across every shard: a *minikinesis.Stream gives its Kinesis records as
// stored, UserRecords(stream) the user records inside its KPL aggregates.
type Source interface {
	// Name is the stream's name, for the failure messages.
	Name() string
	// ReadAll returns the records in the order a consumer reads them:
	// per shard in sequence order, parents before children.
	ReadAll(ctx context.Context) ([]minikinesis.Record, error)
}

// UserRecordSource is a stream seen through UserRecords.
type UserRecordSource struct{ stream *minikinesis.Stream }

// UserRecords makes the checks read the stream's user records, as a KCL
// consumer's record processor receives them: every KPL-aggregated record
// unpacked into its user records (their own partition keys and data, in
// order), every other record as it is. Use it for producers that
// aggregate (the KPL, a8m/kinesis-producer, kinesis-aggregation):
//
//	minikinesistest.CheckRecords(t, minikinesistest.UserRecords(s), want...)
//
// A check that fails notes the user records whose hash key lies outside
// their shard's range: a KCL consumer drops their whole aggregate.
func UserRecords(s *minikinesis.Stream) UserRecordSource { return UserRecordSource{s} }

// Name is the stream's name.
func (u UserRecordSource) Name() string { return u.stream.Name() }

// ReadAll returns the user records as records: partition key and data
// their own, sequence number and arrival time their Kinesis record's.
func (u UserRecordSource) ReadAll(ctx context.Context) ([]minikinesis.Record, error) {
	users, err := u.stream.ReadAllUserRecords(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]minikinesis.Record, len(users))
	for i := range users {
		out[i] = users[i].Record
	}
	return out, nil
}

// read reads src for a check: its records, what they are called in a
// message, and a note to add to a failure.
func read(src Source) (records []minikinesis.Record, what, note string, err error) {
	u, ok := src.(UserRecordSource)
	if !ok {
		records, err = src.ReadAll(context.Background())
		return records, "stream " + src.Name(), "", err
	}
	users, err := u.stream.ReadAllUserRecords(context.Background())
	if err != nil {
		return nil, "", "", err
	}
	outside := 0
	records = make([]minikinesis.Record, len(users))
	for i := range users {
		records[i] = users[i].Record
		if users[i].OutsideShard {
			outside++
		}
	}
	if outside > 0 {
		note = fmt.Sprintf("\nnote: %d user records lie outside their shard's hash range; a KCL consumer drops the aggregates that hold them", outside)
	}
	return records, "user records of stream " + u.Name(), note, nil
}

// CheckRecords reports an error unless src holds exactly these records,
// each as often as listed and no others, in any order; CheckKeyOrder
// checks order. It returns whether the check passed.
func CheckRecords(t Reporter, src Source, want ...Rec) bool {
	t.Helper()
	all, what, note, err := read(src)
	if err != nil {
		t.Errorf("reading stream %s: %v", src.Name(), err)
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
	t.Errorf("%s: %d records, want %d\nmissing:    %s\nunexpected: %s%s",
		what, len(all), len(want), strings.Join(missing, ", "), strings.Join(unexpected, ", "), note)
	return false
}

// CheckKeyOrder reports an error unless the records of one partition key
// in src are exactly these payloads, in this order, as a consumer reads
// them; records of other keys are not looked at. It returns whether the
// check passed.
func CheckKeyOrder(t Reporter, src Source, partitionKey string, want ...[]byte) bool {
	t.Helper()
	all, what, note, err := read(src)
	if err != nil {
		t.Errorf("reading stream %s: %v", src.Name(), err)
		return false
	}
	var got [][]byte
	for _, r := range all {
		if r.PartitionKey == partitionKey {
			got = append(got, r.Data)
		}
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = bytes.Equal(got[i], want[i])
	}
	if !ok {
		t.Errorf("partition key %q in %s:\n got  [%s]\n want [%s]%s", partitionKey, what, quoted(got), quoted(want), note)
	}
	return ok
}

func quoted(data [][]byte) string {
	s := make([]string, len(data))
	for i, d := range data {
		s[i] = fmt.Sprintf("%q", d)
	}
	return strings.Join(s, " ")
}

// CheckWriteThrottled reports an error unless the shard refused exactly n
// records for its write allowance (injected throttling included); a record
// the client retried counts once per refusal.
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

// CheckCalls reports an error unless the model served exactly n calls of
// the operation (to the stream, when stream is not "") since it was
// created or since ResetCalls last ran: every call, failed ones and the
// client's retries included, however few the call log keeps (see
// minikinesis.CallCounts).
func CheckCalls(t Reporter, k *minikinesis.Kinesis, operation, stream string, n int) bool {
	t.Helper()
	counts := k.CallCounts()
	got := counts.Count(operation, stream)
	if got == n {
		return true
	}
	where, note := "", ""
	if stream != "" {
		where = " to stream " + stream
		if _, counted := counts.ByStream[stream]; !counted && counts.Untracked > 0 {
			note = fmt.Sprintf(" (%d calls named streams past the first %d, which are not counted apart)", counts.Untracked, minikinesis.MaxCountedStreams)
		}
	}
	t.Errorf("%d %s calls%s, want %d%s", got, operation, where, n, note)
	return false
}
