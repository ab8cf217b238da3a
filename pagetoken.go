package minikinesis

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// pageToken is what a NextToken carries: the listing it continues, where
// the last page ended, and when it was issued. It is opaque to callers.
type pageToken struct {
	kind    string // "shards" or "streams"
	stream  string
	created int64  // stream creation, Unix ns: a re-created stream is another listing
	after   string // last shard index or stream name returned
	filter  ShardFilter
	issued  int64 // Unix ns on the model's clock
}

// nextTokenLifetime is how long a NextToken stays usable.
const nextTokenLifetime = 300 * time.Second

const tokenFieldSep = "\x1f"

func (t pageToken) encode() string {
	fields := []string{"v1", t.kind, t.stream, strconv.FormatInt(t.created, 10), t.after,
		string(t.filter.Type), t.filter.ShardId, strconv.FormatInt(t.filter.Timestamp.UnixNano(), 10), strconv.FormatInt(t.issued, 10)}
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(fields, tokenFieldSep)))
}

// decodePageToken parses a NextToken of the given kind and checks its age.
func decodePageToken(s, kind string, now time.Time) (pageToken, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	fields := strings.Split(string(raw), tokenFieldSep)
	if err != nil || len(fields) != 9 || fields[0] != "v1" || fields[1] != kind {
		return pageToken{}, &InvalidArgumentException{Message: "Invalid NextToken."}
	}
	nums := make([]int64, 3)
	for i, f := range []string{fields[3], fields[7], fields[8]} {
		if nums[i], err = strconv.ParseInt(f, 10, 64); err != nil {
			return pageToken{}, &InvalidArgumentException{Message: "Invalid NextToken."}
		}
	}
	t := pageToken{kind: kind, stream: fields[2], created: nums[0], after: fields[4],
		filter: ShardFilter{Type: ShardFilterType(fields[5]), ShardId: fields[6]}, issued: nums[2]}
	if t.filter.Type == ShardFilterTypeAtTimestamp || t.filter.Type == ShardFilterTypeFromTimestamp {
		t.filter.Timestamp = time.Unix(0, nums[1]).UTC()
	}
	if age := now.Sub(time.Unix(0, t.issued)); age > nextTokenLifetime {
		return pageToken{}, &ExpiredNextTokenException{Message: "The NextToken has expired: it was issued " + strconv.FormatInt(age.Milliseconds(), 10) +
			" ms ago, more than the allowed " + strconv.FormatInt(nextTokenLifetime.Milliseconds(), 10) + " ms."}
	}
	return t, nil
}
