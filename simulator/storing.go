package simulator

import (
	"context"
	"errors"

	"github.com/minikinesis/minikinesis"
)

// storingWriter sends a tick's records through the model's PutRecords
// and PutRecord, one call per request the producers would make, with real
// partition keys and zero-filled data of each record's size.
type storingWriter struct {
	producers []*producer
	zeros     []byte
	entries   []minikinesis.PutRecordsRequestEntry
}

func newStoringWriter(producers []*producer) *storingWriter {
	return &storingWriter{producers: producers, zeros: make([]byte, maxRecordSize)}
}

func (w *storingWriter) write(ctx context.Context, r *run, b *batch) error {
	for start := 0; start < len(b.records); {
		end := start + 1
		for end < len(b.records) && b.records[end].Request == b.records[start].Request {
			end++
		}
		if err := w.call(ctx, r, b, start, end); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// call makes the one request that carries records [start, end).
func (w *storingWriter) call(ctx context.Context, r *run, b *batch, start, end int) error {
	p := w.producers[b.offers[start].producer]
	w.entries = w.entries[:0]
	for i := start; i < end; i++ {
		w.entries = append(w.entries, w.entry(p, &b.records[i], &b.offers[i]))
	}
	if p.spec.Batch.API == APIPutRecord {
		e := w.entries[0]
		out, err := r.stream.PutRecord(ctx, &minikinesis.PutRecordInput{PartitionKey: e.PartitionKey, ExplicitHashKey: e.ExplicitHashKey, Data: e.Data})
		var throttled *minikinesis.ProvisionedThroughputExceededException
		switch {
		case errors.As(err, &throttled):
			b.results[start] = minikinesis.CountedResult{ShardIndex: int32(r.routes.shardOf(b.records[start].HashKey)), Throttled: true}
		case err != nil:
			return err
		default:
			b.results[start] = minikinesis.CountedResult{ShardIndex: int32(out.SequenceNumber.ShardIndex())}
		}
		return nil
	}
	out, err := r.stream.PutRecords(ctx, &minikinesis.PutRecordsInput{Records: w.entries})
	if err != nil {
		return err
	}
	for j, res := range out.Records {
		i := start + j
		if res.Failed() {
			b.results[i] = minikinesis.CountedResult{ShardIndex: int32(r.routes.shardOf(b.records[i].HashKey)), Throttled: true}
		} else {
			b.results[i] = minikinesis.CountedResult{ShardIndex: int32(res.SequenceNumber.ShardIndex())}
		}
	}
	return nil
}

// entry is the PutRecords entry for one offered record.
func (w *storingWriter) entry(p *producer, rec *minikinesis.CountedRecord, o *offer) minikinesis.PutRecordsRequestEntry {
	key := p.keys.names[o.key]
	e := minikinesis.PutRecordsRequestEntry{PartitionKey: key, Data: w.zeros[:int(rec.Size)-len(key)]}
	switch {
	case p.agg != nil:
		e.ExplicitHashKey = rec.HashKey.String() // the KPL pins an aggregate to its shard
	case p.keys.explicit != nil:
		e.ExplicitHashKey = p.keys.explicit[o.key]
	}
	return e
}
