package console

import (
	"math/big"
	"net/http"
	"strconv"
	"time"

	"github.com/minikinesis/minikinesis"
)

func (c *Console) listStreams(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	out := []minikinesis.StreamInfo{}
	for _, name := range k.StreamNames() {
		s, err := k.Stream(name)
		if err != nil {
			continue // deleted since StreamNames
		}
		if info := s.Info(); info.Status != "" {
			out = append(out, info)
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// createStreamRequest is the body of POST streams.
type createStreamRequest struct {
	StreamName string
	ShardCount int
	// StreamMode is PROVISIONED (the default) or ON_DEMAND.
	StreamMode minikinesis.StreamMode
	Tags       map[string]string
}

// createStream runs a real CreateStream, so the page's streams behave as
// the SDK's do (CREATING delay, limits, call log).
func (c *Console) createStream(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	var req createStreamRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	in := &minikinesis.CreateStreamInput{StreamName: req.StreamName, ShardCount: req.ShardCount, Tags: req.Tags}
	if req.StreamMode != "" {
		in.StreamModeDetails = &minikinesis.StreamModeDetails{StreamMode: req.StreamMode}
	}
	if err := k.CreateStream(r.Context(), in); err != nil {
		return err
	}
	s, err := k.Stream(req.StreamName)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, s.Info())
	return nil
}

// deleteStream runs a real DeleteStream; ?enforceConsumerDeletion=true
// deletes the stream's consumers with it.
func (c *Console) deleteStream(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	enforce, _ := strconv.ParseBool(r.URL.Query().Get("enforceConsumerDeletion"))
	if err := k.DeleteStream(r.Context(), &minikinesis.DeleteStreamInput{StreamName: r.PathValue("name"), EnforceConsumerDeletion: enforce}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// streamView is what GET streams/{name} answers: the stream, its shards
// with their traffic, and the limits that traffic is drawn against.
type streamView struct {
	Stream minikinesis.StreamInfo
	Shards []shardView
	Limits minikinesis.ShardLimits
	Now    time.Time
}

// shardView is one shard of a streamView.
type shardView struct {
	ShardId               string
	ParentShardId         string `json:",omitempty"`
	AdjacentParentShardId string `json:",omitempty"`
	StartingHashKey       string
	EndingHashKey         string
	// Start and End place the hash range on [0, 1], for drawing.
	Start                  float64
	End                    float64
	StartingSequenceNumber string
	EndingSequenceNumber   string `json:",omitempty"`
	Open                   bool
	// Records is how many records the shard keeps.
	Records int
	// RecordsPerSecond and BytesPerSecond arrived in the last second.
	RecordsPerSecond int
	BytesPerSecond   int
	WriteThrottled   int
	ReadThrottled    int
	ReadCalls        int
}

// hashSpace is 2^128, the size of the hash-key space.
var hashSpace = new(big.Float).SetInt(new(big.Int).Lsh(big.NewInt(1), 128))

func fraction(h minikinesis.HashKey) float64 {
	n, _ := new(big.Int).SetString(h.String(), 10)
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(n), hashSpace).Float64()
	return f
}

func (c *Console) describeStream(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	s, err := k.Stream(r.PathValue("name"))
	if err != nil {
		return err
	}
	v := streamView{Stream: s.Info(), Shards: []shardView{}, Limits: k.ShardLimits(), Now: k.Clock().Now().UTC()}
	for _, sh := range s.Shards() {
		m, err := s.ShardMetrics(sh.ShardId)
		if err != nil {
			return err
		}
		a, err := s.ShardActivity(sh.ShardId, time.Second)
		if err != nil {
			return err
		}
		sv := shardView{ShardId: sh.ShardId, ParentShardId: sh.ParentShardId, AdjacentParentShardId: sh.AdjacentParentShardId,
			StartingHashKey: sh.HashKeyRange.StartingHashKey.String(), EndingHashKey: sh.HashKeyRange.EndingHashKey.String(),
			Start: fraction(sh.HashKeyRange.StartingHashKey), End: fraction(sh.HashKeyRange.EndingHashKey),
			StartingSequenceNumber: sh.SequenceNumberRange.StartingSequenceNumber.String(), Open: a.Open,
			Records: m.Records, RecordsPerSecond: a.Records, BytesPerSecond: a.Bytes,
			WriteThrottled: m.WriteThrottled, ReadThrottled: m.ReadThrottled, ReadCalls: m.ReadCalls}
		if !sh.SequenceNumberRange.EndingSequenceNumber.IsZero() {
			sv.EndingSequenceNumber = sh.SequenceNumberRange.EndingSequenceNumber.String()
		}
		v.Shards = append(v.Shards, sv)
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}
