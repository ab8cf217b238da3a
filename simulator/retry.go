package simulator

import (
	"math"
	"math/rand/v2"
	"time"
)

// The aws-sdk-go-v2 standard retryer's defaults (aws/retry:
// DefaultMaxAttempts, DefaultMaxBackoff).
const (
	sdkMaxAttempts = 3
	sdkMaxBackoff  = 20 * time.Second
)

// backoff is how long a producer waits before resending a record whose
// attempt-th attempt (1-based) was throttled.
//
// The sdk policy is aws-sdk-go-v2's default ExponentialJitterBackoff:
// after attempt n it waits a uniform random fraction of 2^n seconds
// ([0, 2s) after the first, [0, 4s) after the second), and MaxBackoff once
// n exceeds log2(MaxBackoff/1s). The SDK itself retries a throttled
// PutRecord call; throttled PutRecords entries come back in a successful
// response, and producers resend them with the same backoff. The SDK's
// client-wide retry quota (500 tokens, 5 per retry) is not modelled.
func (r *RetrySpec) backoff(attempt int, rng *rand.Rand) time.Duration {
	switch r.Policy {
	case RetryFixed:
		return r.Delay.D()
	case RetrySDK:
		if float64(attempt) > math.Log2(r.MaxBackoff.D().Seconds()) {
			return r.MaxBackoff.D()
		}
		return time.Duration(rng.Float64() * float64(int64(1)<<attempt) * float64(time.Second))
	}
	return 0
}

// longestBackoff bounds every wait the policy can ask for.
func (r *RetrySpec) longestBackoff() time.Duration {
	if r.Policy == RetryFixed {
		return r.Delay.D()
	}
	return r.MaxBackoff.D()
}
