package minikinesis

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// Shard iterators and NextTokens are opaque strings the account seals with
// its own key: a caller can neither forge nor edit one, nor use it with
// another account.

// sealKeySize is the size of the per-account sealing key.
const sealKeySize = 32

// sealTagSize is how much of the HMAC-SHA256 tag a sealed string carries.
const sealTagSize = 16

// sealDomain keeps the kinds of sealed strings apart: an iterator is never
// accepted as a NextToken, nor one kind of NextToken as another.
type sealDomain byte

const (
	sealIterator       sealDomain = 'i'
	sealShardsToken    sealDomain = 's'
	sealStreamsToken   sealDomain = 'n'
	sealConsumersToken sealDomain = 'c'
	sealChannelsToken  sealDomain = 'h'
)

// sealEncoding is strict: a string whose spare bits are set does not
// decode, so each sealed value has exactly one spelling.
func sealEncoding() *base64.Encoding { return base64.RawURLEncoding.Strict() }

func newSealKey() []byte {
	key := make([]byte, sealKeySize)
	if _, err := rand.Read(key); err != nil {
		panic("minikinesis: no randomness for the sealing key: " + err.Error())
	}
	return key
}

func (k *Kinesis) sealTag(d sealDomain, body []byte) []byte {
	mac := hmac.New(sha256.New, k.sealKey)
	mac.Write([]byte{byte(d)})
	mac.Write(body)
	return mac.Sum(nil)[:sealTagSize]
}

// seal authenticates body and encodes it with its tag.
func (k *Kinesis) seal(d sealDomain, body []byte) string {
	return sealEncoding().EncodeToString(append(body, k.sealTag(d, body)...))
}

// unseal returns the body of a string seal made for domain d, or false
// for anything else: not base64 in its one spelling, too short, edited,
// sealed by another account or for another domain.
func (k *Kinesis) unseal(d sealDomain, s string) ([]byte, bool) {
	raw, err := sealEncoding().DecodeString(s)
	if err != nil || len(raw) < sealTagSize {
		return nil, false
	}
	body, tag := raw[:len(raw)-sealTagSize], raw[len(raw)-sealTagSize:]
	return body, hmac.Equal(k.sealTag(d, body), tag)
}
