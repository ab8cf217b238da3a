package minikinesis

import (
	"encoding/binary"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentProducersLoseNothing runs 8 producers of 10,000 records each
// against a 4-shard stream and checks every record was stored exactly once,
// with sequence numbers strictly increasing in each shard's stored order.
func TestConcurrentProducersLoseNothing(t *testing.T) {
	t.Parallel()
	const producers, perProducer, batch = 8, 10_000, 250
	k, _ := newTestKinesis(t, WithoutWriteThrottling())
	s := createStream(t, k, "busy", 4)

	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Go(func() {
			buf := make([]byte, 8) // reused across records: the stream must copy
			for start := 0; start < perProducer; start += batch {
				var in PutRecordsInput
				for i := start; i < start+batch; i++ {
					binary.BigEndian.PutUint32(buf[0:], uint32(p))
					binary.BigEndian.PutUint32(buf[4:], uint32(i))
					in.Records = append(in.Records, PutRecordsRequestEntry{PartitionKey: "k" + itoa(i%97), Data: append([]byte(nil), buf...)})
				}
				if p%2 == 0 {
					out, err := k.PutRecords(t.Context(), &PutRecordsInput{StreamName: "busy", Records: in.Records})
					if !assert.NoError(t, err) || !assert.Zero(t, out.FailedRecordCount) {
						return
					}
					continue
				}
				for _, e := range in.Records {
					if _, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: e.PartitionKey, Data: e.Data}); !assert.NoError(t, err) {
						return
					}
				}
			}
		})
	}
	wg.Wait()

	seen := make(map[uint64]bool, producers*perProducer)
	for sh := 0; sh < 4; sh++ {
		recs, err := s.ShardRecords(FormatShardID(sh))
		require.NoError(t, err)
		for i, r := range recs {
			if i > 0 {
				require.Equal(t, -1, recs[i-1].SequenceNumber.Compare(r.SequenceNumber), "shard %d position %d", sh, i)
			}
			id := binary.BigEndian.Uint64(r.Data)
			require.False(t, seen[id], "record stored twice")
			seen[id] = true
		}
	}
	assert.Len(t, seen, producers*perProducer)
}
