package minikinesis

import (
	"strconv"
	"strings"
	"time"
)

// pageToken is what a NextToken carries: the listing it continues, where
// the last page ended, and when it was issued. It is sealed (see seal.go),
// so a caller can neither forge it nor edit it, e.g. to make it live longer.
type pageToken struct {
	kind    sealDomain // which listing: shards, streams or consumers
	stream  string
	created int64  // stream creation, Unix ns: a re-created stream is another listing
	after   string // last shard index, stream name or consumer name returned
	filter  ShardFilter
	issued  int64 // Unix ns on the model's clock
}

// nextTokenLifetime is how long a NextToken stays usable.
const nextTokenLifetime = 300 * time.Second

const tokenFieldSep = "\x1f"

// sealPageToken turns t into a NextToken.
func (k *Kinesis) sealPageToken(t pageToken) string {
	fields := []string{"v2", t.stream, strconv.FormatInt(t.created, 10), t.after,
		string(t.filter.Type), t.filter.ShardId, strconv.FormatInt(t.filter.Timestamp.UnixNano(), 10), strconv.FormatInt(t.issued, 10)}
	return k.seal(t.kind, []byte(strings.Join(fields, tokenFieldSep)))
}

func invalidNextToken() error { return &InvalidArgumentException{Message: "Invalid NextToken."} }

// openPageToken reads a NextToken of the given kind and checks its age.
func (k *Kinesis) openPageToken(s string, kind sealDomain, now time.Time) (pageToken, error) {
	raw, ok := k.unseal(kind, s)
	fields := strings.Split(string(raw), tokenFieldSep)
	if !ok || len(fields) != 8 || fields[0] != "v2" {
		return pageToken{}, invalidNextToken()
	}
	var nums [3]int64
	for i, f := range []string{fields[2], fields[6], fields[7]} {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return pageToken{}, invalidNextToken()
		}
		nums[i] = n
	}
	t := pageToken{kind: kind, stream: fields[1], created: nums[0], after: fields[3],
		filter: ShardFilter{Type: ShardFilterType(fields[4]), ShardId: fields[5]}, issued: nums[2]}
	if t.filter.Type != "" && !validShardFilterType(t.filter.Type) {
		return pageToken{}, invalidNextToken()
	}
	if t.filter.Type == ShardFilterTypeAtTimestamp || t.filter.Type == ShardFilterTypeFromTimestamp {
		t.filter.Timestamp = time.Unix(0, nums[1]).UTC()
	}
	if age := now.Sub(time.Unix(0, t.issued)); age > nextTokenLifetime {
		return pageToken{}, &ExpiredNextTokenException{Message: "The NextToken has expired: it was issued " + strconv.FormatInt(age.Milliseconds(), 10) +
			" ms ago, more than the allowed " + strconv.FormatInt(nextTokenLifetime.Milliseconds(), 10) + " ms."}
	}
	return t, nil
}
