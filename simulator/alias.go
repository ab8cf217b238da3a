package simulator

import "math/rand/v2"

// aliasTable draws an index with given weights in constant time (Walker's
// alias method), so a Zipf key space of millions of keys costs one random
// number per record.
type aliasTable struct {
	cut   []uint32 // keep index i when the draw's low bits fall below cut[i]
	alias []int32
}

func newAliasTable(weights []float64) aliasTable {
	n := len(weights)
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	scaled := make([]float64, n)
	small, large := make([]int32, 0, n), make([]int32, 0, n)
	for i, w := range weights {
		scaled[i] = w / sum * float64(n)
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	t := aliasTable{cut: make([]uint32, n), alias: make([]int32, n)}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.cut[s] = uint32(scaled[s] * (1 << 32))
		t.alias[s] = l
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) { // exactly 1, but for rounding
		t.cut[i] = ^uint32(0)
		t.alias[i] = i
	}
	return t
}

func (t *aliasTable) draw(rng *rand.Rand) int {
	r := rng.Uint64()
	i := int((r >> 32) * uint64(len(t.cut)) >> 32)
	if uint32(r) < t.cut[i] || t.cut[i] == ^uint32(0) {
		return i
	}
	return int(t.alias[i])
}
