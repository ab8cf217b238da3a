package simulator

import (
	"math"
	"time"
)

// rateAt is the records per second a producer offers at offset t from the
// start of the run.
func (r RateSpec) rateAt(t time.Duration) float64 {
	v := r.Constant
	if ramp := r.Ramp; ramp != nil {
		switch {
		case t <= ramp.Start.D():
			v = ramp.From
		case t >= ramp.End.D():
			v = ramp.To
		default:
			f := float64(t-ramp.Start.D()) / float64(ramp.End.D()-ramp.Start.D())
			v = ramp.From + f*(ramp.To-ramp.From)
		}
	}
	if d := r.Daily; d != nil {
		phase := 2 * math.Pi * float64(t-d.PeakAt.D()) / float64(24*time.Hour)
		v = d.Low + (d.Peak-d.Low)*(1+math.Cos(phase))/2
	}
	for _, b := range r.Bursts {
		if t >= b.At.D() && t < b.At.D()+b.For.D() {
			v += b.Extra
		}
	}
	return v
}

// arrivals turns a rate into whole records per tick: the rate at the
// middle of the tick times its length, with the fractions carried over so
// that no record is lost to rounding. It draws nothing at random, so a
// constant rate gives the same count every tick.
type arrivals struct {
	rate  RateSpec
	carry float64
}

func (a *arrivals) next(start, tick time.Duration) int {
	want := a.rate.rateAt(start+tick/2)*tick.Seconds() + a.carry
	n := math.Floor(want + 1e-9)
	a.carry = want - n
	return int(n)
}
