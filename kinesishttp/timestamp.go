package kinesishttp

import (
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

// UnmarshalJSON reads epoch seconds, with or without a fraction.
func (e *epochTime) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return &SerializationException{Message: "class java.lang.String can not be converted to milliseconds since epoch"}
	}
	*e = epochTime(time.UnixMilli(int64(f*1000 + 0.5*sign(f))).UTC())
	return nil
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// MarshalCBOR writes tag 1 around integer milliseconds.
func (e epochTime) MarshalCBOR() ([]byte, error) {
	return cbor.Marshal(cbor.Tag{Number: 1, Content: time.Time(e).UnixMilli()})
}

// UnmarshalCBOR reads tag 1 around integer milliseconds (or, leniently,
// fractional seconds), or a bare number of milliseconds.
func (e *epochTime) UnmarshalCBOR(b []byte) error {
	var raw cbor.RawTag
	var content any
	if err := cbor.Unmarshal(b, &raw); err == nil {
		if err := cbor.Unmarshal(raw.Content, &content); err != nil {
			return &SerializationException{}
		}
	} else if err := cbor.Unmarshal(b, &content); err != nil {
		return &SerializationException{}
	}
	switch v := content.(type) {
	case uint64:
		*e = epochTime(time.UnixMilli(int64(v)).UTC())
	case int64:
		*e = epochTime(time.UnixMilli(v).UTC())
	case float64:
		*e = epochTime(time.UnixMilli(int64(v*1000 + 0.5*sign(v))).UTC())
	case nil:
	default:
		return &SerializationException{Message: "can not be converted to a Timestamp"}
	}
	return nil
}

// appendEpochJSON writes a timestamp as epoch seconds with milliseconds.
func appendEpochJSON(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
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
