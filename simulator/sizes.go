package simulator

import (
	"math"
	"math/rand/v2"
)

// sizer draws record data sizes.
type sizer struct {
	spec SizeSpec
	mu   float64 // log of the log-normal's median
}

func newSizer(s SizeSpec) sizer {
	z := sizer{spec: s}
	if s.LogNormal != nil {
		z.mu = math.Log(float64(s.LogNormal.Median))
	}
	return z
}

// fixed reports whether every record has the same size.
func (z *sizer) fixed() bool { return z.spec.Uniform == nil && z.spec.LogNormal == nil }

func (z *sizer) draw(rng *rand.Rand) int {
	switch s := z.spec; {
	case s.Uniform != nil:
		return s.Uniform.Min + rng.IntN(s.Uniform.Max-s.Uniform.Min+1)
	case s.LogNormal != nil:
		v := math.Exp(z.mu + s.LogNormal.Sigma*rng.NormFloat64())
		return int(min(max(v, 1), float64(s.LogNormal.Max)))
	default:
		return s.Fixed
	}
}
