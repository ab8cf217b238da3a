package simulator

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sec(n int) Duration { return Duration(time.Duration(n) * time.Second) }

func TestHotKeyThrottlesAtExactlyTheShardLimit(t *testing.T) {
	t.Parallel()
	for _, storing := range []bool{false, true} {
		t.Run(map[bool]string{false: "counting", true: "storing"}[storing], func(t *testing.T) {
			t.Parallel()
			sc := Scenario{
				Duration: sec(10), Storing: storing,
				Stream: StreamSpec{Shards: 4},
				Producers: []ProducerSpec{{
					Rate: RateSpec{Constant: 3000}, Size: SizeSpec{Fixed: 10},
					Keys: KeySpec{HotKey: &HotKeySpec{Key: "celebrity", Fraction: 1}}, Retry: RetrySpec{Policy: RetryNone},
				}},
			}
			rep, err := Run(context.Background(), sc, Options{})
			require.NoError(t, err)
			hot := rep.TopKeys[0].ShardID
			for _, sh := range rep.Shards {
				for s := 2; s < 10; s++ {
					want := int32(0)
					if sh.ShardID == hot {
						want = 1000
					}
					assert.Equal(t, want, sh.Seconds[s].Accepted, "%s second %d", sh.ShardID, s)
				}
			}
			// The bucket starts full (1,000) and refills 100 per later tick of
			// 100 ms: 1,000 + 99 × 100 accepted in all, 1,900 in the first second.
			assert.Equal(t, int64(30000), rep.Total.Offered)
			assert.Equal(t, int64(10900), rep.Total.Accepted)
			assert.Equal(t, int64(1900), rep.Seconds[0].Accepted)
			assert.Equal(t, int64(30000-10900), rep.Total.Throttled)
		})
	}
}
