package kinesishttp

import (
	"math"
	"strconv"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// epochTime is a timestamp as the Kinesis protocols carry it: in JSON,
// epoch seconds as a plain decimal with a millisecond fraction
// (1459799926.48, never exponent notation); in CBOR, tag 1 around integer
// milliseconds.
type epochTime time.Time

func stamp(t time.Time) *epochTime {
	e := epochTime(t)
	return &e
}

// timeOf returns the time, or the zero time for an absent member.
func timeOf(e *epochTime) time.Time {
	if e == nil {
		return time.Time{}
	}
	return time.Time(*e)
}

// MarshalJSON writes epoch seconds with up to three decimals.
func (e epochTime) MarshalJSON() ([]byte, error) {
	return appendEpochJSON(nil, time.Time(e)), nil
}

// MarshalCBOR writes tag 1 around integer milliseconds.
func (e epochTime) MarshalCBOR() ([]byte, error) {
	return cbor.Marshal(cbor.Tag{Number: 1, Content: time.Time(e).UnixMilli()})
}

// minEpochMillis is the earliest instant a timestamp member is clamped to:
// the earliest whose milliseconds time.Time gives back without overflow,
// so that any message naming it reads right.
const minEpochMillis = math.MinInt64 / 1000 * 1000

// timestampMillis reads a Timestamp member as milliseconds since the
// epoch: in JSON, epoch seconds (with a fraction); in CBOR, integer
// milliseconds or float seconds, tagged or bare. A value out of range
// saturates, as AWS's Java service converts a number to a long, so that a
// huge one is a time far in the future that the model refuses as such
// (and a hugely negative one far in the past), never a time wrapped
// around into the range; a float that is not finite, which no JSON number
// can be, is refused.
func timestampMillis(w *wireValue) (int64, error) {
	var ms int64
	switch w.kind {
	case wireTag:
		return timestampMillis(&w.items[0])
	case wireNumber:
		f, _ := strconv.ParseFloat(string(w.text), 64) // too large: ±Inf, saturated
		ms = saturateInt64(math.Round(f * 1000))
	case wireFloat:
		f := math.Float64frombits(w.num)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, &SerializationException{}
		}
		ms = saturateInt64(math.Round(f * 1000))
	case wireUint, wireNegInt:
		ms, _ = integerOf(w, shapeTimestamp)
	default:
		return 0, mismatch(w.kind, shapeTimestamp)
	}
	return max(ms, minEpochMillis), nil
}

// epochFromMillis is the timestamp ms milliseconds after the epoch.
func epochFromMillis(ms int64) epochTime { return epochTime(time.UnixMilli(ms).UTC()) }

// appendEpochJSON writes a timestamp as epoch seconds with milliseconds.
func appendEpochJSON(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	if -1000 < ms && ms < 0 {
		b = append(b, '-') // -0.5 s: the seconds alone would read 0
	}
	b = strconv.AppendInt(b, ms/1000, 10)
	frac := ms % 1000
	if frac < 0 {
		frac = -frac
	}
	if frac == 0 {
		return b
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	return append(append(b, '.'), digits[:n]...)
}
