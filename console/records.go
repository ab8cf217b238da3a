package console

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minikinesis/minikinesis"
)

const (
	defaultRecordLimit = 100
	maxRecordLimit     = 1000
	// searchScanLimit bounds how many records of one shard a partition-key
	// search looks at per request; the answer's cursor goes on from there.
	searchScanLimit = 100_000
)

// recordView is one record as the records endpoint answers it.
type recordView struct {
	ShardId        string
	SequenceNumber string
	PartitionKey   string
	ArrivalTime    time.Time
	// Data is the payload, base64-encoded as in Kinesis's JSON.
	Data []byte
	Size int
	// UserRecords are the records a KPL-aggregated payload carries,
	// present only when Data is a well-formed aggregate.
	UserRecords []UserRecord `json:",omitempty"`
}

// recordsPage is what GET streams/{name}/records answers.
type recordsPage struct {
	Records []recordView
	// Cursor continues the read: pass it back as cursor= (with the same
	// from= for shards it does not name yet) to get what came after.
	Cursor string
	// Kept is how many records the shards read keep in all.
	Kept int
}

// records reads a stream for the page: one shard (shard=) or all,
// starting at from= (TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER,
// AFTER_SEQUENCE_NUMBER with seq=, AT_TIMESTAMP with ts= in RFC 3339),
// at most limit= records, only those of partition key key= if given.
// Reads use no read allowance and are not logged as calls.
func (c *Console) records(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	s, err := k.Stream(r.PathValue("name"))
	if err != nil {
		return err
	}
	q := r.URL.Query()
	limit := defaultRecordLimit
	if l := q.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > maxRecordLimit {
			return badRequest("limit " + quote(l) + ": want a whole number from 1 to " + strconv.Itoa(maxRecordLimit) + ".")
		}
	}
	start := minikinesis.PeekStart{Type: minikinesis.ShardIteratorType(q.Get("from")), SequenceNumber: q.Get("seq")}
	if start.Type == "" {
		start.Type = minikinesis.ShardIteratorTypeTrimHorizon
	}
	if ts := q.Get("ts"); ts != "" {
		if start.Timestamp, err = time.Parse(time.RFC3339Nano, ts); err != nil {
			return badRequest("ts " + quote(ts) + " is not an RFC 3339 time; want e.g. 2026-01-02T15:04:05Z.")
		}
	} else if start.Type == minikinesis.ShardIteratorTypeAtTimestamp {
		return badRequest("from=AT_TIMESTAMP needs ts=, an RFC 3339 time.")
	}
	cursor, err := parseCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	shards := []string{q.Get("shard")}
	if shards[0] == "" {
		shards = shards[:0]
		for _, sh := range s.Shards() {
			shards = append(shards, sh.ShardId)
		}
	} else if start.Type == minikinesis.ShardIteratorTypeAtSequenceNumber || start.Type == minikinesis.ShardIteratorTypeAfterSequenceNumber {
		// A sequence number names its shard; any spelling of it is accepted.
		if seq, ok := minikinesis.ParseSequenceNumber(start.SequenceNumber); ok {
			shards[0] = minikinesis.FormatShardID(seq.ShardIndex())
		}
	}
	page := recordsPage{Records: []recordView{}}
	next := map[string]string{}
	for _, id := range shards {
		from := start
		if seq, ok := cursor[id]; ok {
			from = minikinesis.PeekStart{Type: minikinesis.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: seq}
		} else if len(shards) > 1 && (from.Type == minikinesis.ShardIteratorTypeAtSequenceNumber || from.Type == minikinesis.ShardIteratorTypeAfterSequenceNumber) {
			if seq, ok := minikinesis.ParseSequenceNumber(from.SequenceNumber); !ok || minikinesis.FormatShardID(seq.ShardIndex()) != id {
				continue // the sequence number is another shard's
			}
		}
		res, err := s.PeekRecords(id, from, limit, q.Get("key"), searchScanLimit)
		if err != nil {
			return err
		}
		page.Kept += res.Kept
		if res.Next != "" {
			next[id] = res.Next
		} else if seq, ok := cursor[id]; ok {
			next[id] = seq
		}
		for _, rec := range res.Records {
			page.Records = append(page.Records, viewOf(id, rec))
		}
	}
	slices.SortStableFunc(page.Records, func(a, b recordView) int { return a.ArrivalTime.Compare(b.ArrivalTime) })
	if len(page.Records) > limit {
		if start.Type == minikinesis.ShardIteratorTypeLatest && len(cursor) == 0 {
			page.Records = page.Records[len(page.Records)-limit:]
		} else {
			// Keep the oldest; each shard goes on after its last record
			// kept, or from where it was if none was.
			page.Records = page.Records[:limit]
			next = map[string]string{}
			for _, id := range shards {
				if seq, ok := cursor[id]; ok {
					next[id] = seq
				}
			}
			for _, rec := range page.Records {
				next[rec.ShardId] = rec.SequenceNumber
			}
		}
	}
	page.Cursor = formatCursor(next)
	writeJSON(w, http.StatusOK, page)
	return nil
}

func viewOf(shardID string, r minikinesis.Record) recordView {
	v := recordView{ShardId: shardID, SequenceNumber: r.SequenceNumber.String(), PartitionKey: r.PartitionKey,
		ArrivalTime: r.ApproximateArrivalTimestamp.UTC(), Data: r.Data, Size: len(r.Data) + len(r.PartitionKey)}
	if users, ok := Deaggregate(r.Data); ok {
		v.UserRecords = users
	}
	return v
}

// parseCursor reads shardId:sequenceNumber pairs separated by commas.
func parseCursor(s string) (map[string]string, error) {
	out := map[string]string{}
	if s == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		id, seq, ok := strings.Cut(part, ":")
		if _, valid := minikinesis.ParseSequenceNumber(seq); !ok || !valid {
			return nil, badRequest("cursor " + quote(s) + ": want shardId:sequenceNumber pairs separated by commas, as a previous answer's Cursor.")
		}
		out[id] = seq
	}
	return out, nil
}

func formatCursor(next map[string]string) string {
	ids := make([]string, 0, len(next))
	for id := range next {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id + ":" + next[id]
	}
	return strings.Join(parts, ",")
}

// putRecordRequest is the body of POST streams/{name}/records: Data as
// text, or DataBase64 for binary payloads.
type putRecordRequest struct {
	PartitionKey    string
	Data            string `json:",omitempty"`
	DataBase64      string `json:",omitempty"`
	ExplicitHashKey string `json:",omitempty"`
}

// putRecord runs a real PutRecord, so limits, throttling and faults apply
// to the page's test records as to a producer's.
func (c *Console) putRecord(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	var req putRecordRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	data := []byte(req.Data)
	if req.DataBase64 != "" {
		if req.Data != "" {
			return badRequest("Give Data or DataBase64, not both.")
		}
		var err error
		if data, err = base64.StdEncoding.DecodeString(req.DataBase64); err != nil {
			return badRequest("DataBase64 is not base64: " + err.Error())
		}
	}
	out, err := k.PutRecord(r.Context(), &minikinesis.PutRecordInput{StreamName: r.PathValue("name"), PartitionKey: req.PartitionKey,
		Data: data, ExplicitHashKey: req.ExplicitHashKey})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"ShardId": out.ShardId, "SequenceNumber": out.SequenceNumber.String()})
	return nil
}
