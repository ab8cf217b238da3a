package minikinesis

import (
	"crypto/md5"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var two128 = new(big.Int).Lsh(big.NewInt(1), 128)

func bigOf(h HashKey) *big.Int {
	b := new(big.Int).SetUint64(h.Hi)
	b.Lsh(b, 64)
	return b.Or(b, new(big.Int).SetUint64(h.Lo))
}

// bigRanges computes the initial ranges independently, with math/big.
func bigRanges(n int) [][2]*big.Int {
	size := new(big.Int).Div(two128, big.NewInt(int64(n)))
	out := make([][2]*big.Int, n)
	for i := 0; i < n; i++ {
		start := new(big.Int).Mul(size, big.NewInt(int64(i)))
		end := new(big.Int).Sub(new(big.Int).Mul(size, big.NewInt(int64(i+1))), big.NewInt(1))
		if i == n-1 {
			end = new(big.Int).Sub(two128, big.NewInt(1))
		}
		out[i] = [2]*big.Int{start, end}
	}
	return out
}

func TestSplitHashKeySpaceMatchesBigArithmetic(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 2, 3, 4, 7, 8, 1000, 1024} {
		ranges := SplitHashKeySpace(n)
		want := bigRanges(n)
		require.Len(t, ranges, n)
		for i := range ranges {
			assert.Equal(t, want[i][0].String(), ranges[i].StartingHashKey.String(), "n=%d shard %d start", n, i)
			assert.Equal(t, want[i][1].String(), ranges[i].EndingHashKey.String(), "n=%d shard %d end", n, i)
		}
	}
}

func TestSplitHashKeySpaceThreeShardsAsSpec(t *testing.T) {
	t.Parallel()
	r := SplitHashKeySpace(3)
	assert.Equal(t, "0", r[0].StartingHashKey.String())
	assert.Equal(t, "113427455640312821154458202477256070484", r[0].EndingHashKey.String())
	assert.Equal(t, "113427455640312821154458202477256070485", r[1].StartingHashKey.String())
	assert.Equal(t, "226854911280625642308916404954512140969", r[1].EndingHashKey.String())
	assert.Equal(t, "226854911280625642308916404954512140970", r[2].StartingHashKey.String())
	assert.Equal(t, "340282366920938463463374607431768211455", r[2].EndingHashKey.String())
}

func TestPartitionKeyHashIsBigEndianMD5(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"a", "partition-1", "ключ", "🦀 crab", strings.Repeat("x", 256)} {
		sum := md5.Sum([]byte(key))
		want := new(big.Int).SetBytes(sum[:])
		assert.Equal(t, want.String(), PartitionKeyHash(key).String(), key)
	}
	// A value computed outside Go: md5("a") = 0cc175b9c0f1b6a831c399e269772661.
	assert.Equal(t, "16955237001963240173058271559858726497", PartitionKeyHash("a").String())
}

// TestRoutingOfKnownKeys writes keys to streams of several sizes and checks
// each landed in the shard math/big says owns its MD5.
func TestRoutingOfKnownKeys(t *testing.T) {
	t.Parallel()
	keys := []string{"a", "b", "user-42", "order#9", "ключ", "🦀", "0", "partitionKey-999"}
	for _, n := range []int{1, 2, 3, 4, 7, 1000} {
		k, _ := newTestKinesis(t, WithoutWriteThrottling())
		s := createStream(t, k, "routing", n)
		ranges := bigRanges(n)
		for _, key := range keys {
			out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: key, Data: []byte("x")})
			require.NoError(t, err)
			sum := md5.Sum([]byte(key))
			h := new(big.Int).SetBytes(sum[:])
			want := -1
			for i, r := range ranges {
				if h.Cmp(r[0]) >= 0 && h.Cmp(r[1]) <= 0 {
					want = i
				}
			}
			assert.Equal(t, FormatShardID(want), out.ShardId, "key %q with %d shards", key, n)
		}
	}
}

func TestExplicitHashKeyBoundaries(t *testing.T) {
	t.Parallel()
	max := "340282366920938463463374607431768211455"
	over := "340282366920938463463374607431768211456"
	cases := []struct {
		name      string
		key       string
		wantShard string
		wantErr   string
		wantType  string
	}{
		{name: "zero", key: "0", wantShard: "shardId-000000000000"},
		{name: "last of first shard", key: "113427455640312821154458202477256070484", wantShard: "shardId-000000000000"},
		{name: "first of second shard", key: "113427455640312821154458202477256070485", wantShard: "shardId-000000000001"},
		{name: "max", key: max, wantShard: "shardId-000000000002"},
		{name: "2^128", key: over, wantType: "InvalidArgumentException",
			wantErr: "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + over},
		{name: "39 nines", key: strings.Repeat("9", 39), wantType: "InvalidArgumentException",
			wantErr: "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + strings.Repeat("9", 39)},
	}
	for _, malformed := range []string{"0001", " 1", "1e3", "-1", "1 ", "+1", "0x10", strings.Repeat("1", 40)} {
		cases = append(cases, struct {
			name      string
			key       string
			wantShard string
			wantErr   string
			wantType  string
		}{name: "malformed " + malformed, key: malformed, wantType: "ValidationException",
			wantErr: "1 validation error detected: Value '" + malformed + "' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, _ := newTestKinesis(t)
			s := createStream(t, k, "ehk", 3)
			out, err := s.PutRecord(t.Context(), &PutRecordInput{PartitionKey: "p", Data: []byte("d"), ExplicitHashKey: tc.key})
			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.wantShard, out.ShardId)
				return
			}
			require.Error(t, err)
			var apiErr APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantType, apiErr.ErrorCode())
			assert.Equal(t, tc.wantErr, apiErr.ErrorMessage())
			recs, rerr := s.ShardRecords("shardId-000000000000")
			require.NoError(t, rerr)
			assert.Empty(t, recs, "a refused record must not be stored")
		})
	}
}

func TestParseHashKeyRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "1", "18446744073709551615", "18446744073709551616", "340282366920938463463374607431768211455", "99999999999999999999999999999999999999"} {
		h, err := ParseHashKey(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, h.String())
		text, err := h.MarshalText()
		require.NoError(t, err)
		var back HashKey
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, h, back)
	}
	_, err := ParseHashKey("")
	requireAPIError[*ValidationException](t, err)
}

func TestHashKeyArithmetic(t *testing.T) {
	t.Parallel()
	next, wrapped := MaxHashKey().AddOne()
	assert.True(t, wrapped)
	assert.Equal(t, HashKey{}, next)
	prev, wrapped := HashKey{}.SubOne()
	assert.True(t, wrapped)
	assert.Equal(t, MaxHashKey(), prev)
	carry, wrapped := HashKey{Lo: ^uint64(0)}.AddOne()
	assert.False(t, wrapped)
	assert.Equal(t, HashKey{Hi: 1}, carry)
	assert.Equal(t, -1, HashKey{Lo: 5}.Cmp(HashKey{Hi: 1}))
	assert.Equal(t, 1, HashKey{Hi: 1}.Cmp(HashKey{Lo: 5}))
	assert.Equal(t, 0, MaxHashKey().Cmp(MaxHashKey()))
	r := HashKeyRange{StartingHashKey: HashKey{Lo: 10}, EndingHashKey: HashKey{Lo: 20}}
	assert.True(t, r.Contains(HashKey{Lo: 10}))
	assert.True(t, r.Contains(HashKey{Lo: 20}))
	assert.False(t, r.Contains(HashKey{Lo: 21}))
	assert.False(t, r.Contains(HashKey{Lo: 9}))
}

// BenchmarkHashKey: MD5 of a short partition key to a 128-bit hash key.
func BenchmarkHashKey(b *testing.B) {
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = "partition-" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	var sink HashKey
	i := 0
	for b.Loop() {
		sink = PartitionKeyHash(keys[i&1023])
		i++
	}
	_ = sink
	reportRecords(b, i)
}
