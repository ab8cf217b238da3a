package simulator

import (
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/minikinesis/minikinesis"
)

// keySpace is a producer's keys: each key's name, the hash key that routes
// it (MD5 of the name, or the explicit hash key), and the table that draws
// them with their weights.
type keySpace struct {
	names    []string
	hashes   []minikinesis.HashKey
	explicit []string // decimal explicit hash keys, or nil
	// hot packs what each drawn record needs of its key into one cache
	// line: key spaces of millions of keys miss the cache on every draw.
	hot     []keyHot
	table   aliasTable
	uniform bool // all weights equal: draw without the table
}

// keyHot is a key's routing hash, name length and record count.
type keyHot struct {
	hash    minikinesis.HashKey
	records int64
	keyLen  int32
}

func newKeySpace(k KeySpec) *keySpace {
	n := k.Uniform + k.ExplicitHashKeys
	var weights []float64
	if k.Zipf != nil {
		n = k.Zipf.Keys
		weights = make([]float64, n)
		for i := range weights {
			weights[i] = 1 / math.Pow(float64(i+1), k.Zipf.S)
		}
	}
	ks := &keySpace{}
	for i := range n {
		ks.names = append(ks.names, k.Prefix+strconv.Itoa(i))
	}
	if k.ExplicitHashKeys > 0 {
		for _, r := range minikinesis.SplitHashKeySpace(n) {
			ks.hashes = append(ks.hashes, r.StartingHashKey)
			ks.explicit = append(ks.explicit, r.StartingHashKey.String())
		}
	} else {
		for _, name := range ks.names {
			ks.hashes = append(ks.hashes, minikinesis.PartitionKeyHash(name))
		}
	}
	if h := k.HotKey; h != nil {
		if weights == nil && n > 0 {
			weights = make([]float64, n)
			for i := range weights {
				weights[i] = 1
			}
		}
		sum := 0.0
		for _, w := range weights {
			sum += w
		}
		for i := range weights {
			weights[i] *= (1 - h.Fraction) / sum
		}
		weights = append(weights, h.Fraction)
		ks.names = append(ks.names, h.Key)
		ks.hashes = append(ks.hashes, minikinesis.PartitionKeyHash(h.Key))
		if ks.explicit != nil {
			ks.explicit = append(ks.explicit, ks.hashes[len(ks.hashes)-1].String())
		}
	}
	ks.hot = make([]keyHot, len(ks.names))
	for i := range ks.hot {
		ks.hot[i] = keyHot{hash: ks.hashes[i], keyLen: int32(len(ks.names[i]))}
	}
	if weights == nil {
		ks.uniform = true
	} else {
		ks.table = newAliasTable(weights)
	}
	return ks
}

func (ks *keySpace) draw(rng *rand.Rand) int {
	if ks.uniform {
		return int((rng.Uint64() >> 32) * uint64(len(ks.names)) >> 32)
	}
	return ks.table.draw(rng)
}
