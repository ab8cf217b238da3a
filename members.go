package minikinesis

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
)

// Members is what a wire layer saw of a request's members that a Go value
// cannot say: which members the request left out, and which it carried as
// empty strings or lists. Paths are AWS's lowerCamelCase member paths
// ("streamName", "explicitHashKey", "records.2.member.partitionKey").
//
// A Go call reads an empty string as a member left out. Over the wire AWS
// tells them apart: a member left out breaks "Member must not be null",
// an empty one its length and pattern constraints. Pass Members with
// WithMembers and the operation reports both as AWS does, every violation
// in one ValidationException.
type Members struct {
	// Absent are the members the request left out.
	Absent []string
	// Empty are the members the request carried as "" or [] or {}, and
	// the counts (limit, maxResults, shardCount, targetShardCount) it
	// carried as 0, which a Go caller's zero value cannot say.
	Empty []string
}

type membersKey struct{}

// WithMembers returns a context that tells the operation run with it what
// the wire saw of the request's members (see Members).
func WithMembers(ctx context.Context, m Members) context.Context {
	if len(m.Absent) == 0 && len(m.Empty) == 0 {
		return ctx
	}
	return context.WithValue(ctx, membersKey{}, newRequestMembers(m))
}

// requestMembers is Members as sets. The zero value (a Go call) has none.
type requestMembers struct{ absent, empty memberSet }

// memberSet holds member paths.
type memberSet map[string]bool

func newRequestMembers(m Members) requestMembers {
	r := requestMembers{absent: make(memberSet, len(m.Absent)), empty: make(memberSet, len(m.Empty))}
	for _, p := range m.Absent {
		r.absent[p] = true
	}
	for _, p := range m.Empty {
		r.empty[p] = true
	}
	return r
}

func membersOf(ctx context.Context) requestMembers {
	m, _ := ctx.Value(membersKey{}).(requestMembers)
	return m
}

// errFor is v's ValidationException for a request whose members the wire
// described as m: members left out are reported as null (whatever the
// model made of their zero values), empty ones by the constraints an empty
// value breaks, each in AWS's order among the rest.
func (v violations) errFor(m requestMembers) error {
	if len(m.absent) == 0 && len(m.empty) == 0 {
		return v.err()
	}
	out := make(violations, 0, len(v)+len(m.absent)+len(m.empty))
	seen := make(memberSet, len(v))
	for _, x := range v {
		first := !seen[x.Path]
		seen[x.Path] = true
		switch {
		case m.absent[x.Path]:
			if first {
				out = append(out, nullViolation(x.Path))
			}
		case m.empty[x.Path] && x.Null:
			out = append(out, emptyViolations(x.Path)...)
		default:
			out = append(out, x)
		}
	}
	for _, p := range slices.Sorted(mapKeysOf(m.absent)) {
		if !seen[p] {
			out = insertRanked(out, nullViolation(p))
		}
	}
	for _, p := range slices.Sorted(mapKeysOf(m.empty)) {
		if !seen[p] && !m.absent[p] {
			out = insertRanked(out, emptyViolations(p)...)
		}
	}
	return out.err()
}

func mapKeysOf(m memberSet) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// memberOrder is the order AWS lists a request's members in, as far as
// recordings show it; members not listed come after those that are.
const memberOrder = "records partitionKey data explicitHashKey sequenceNumberForOrdering shardId shardIteratorType startingSequenceNumber streamName streamARN"

// memberRank places a path: by record, then by member; stream members come
// after every record.
func memberRank(path string) (record, member int) {
	record = -1
	if rest, ok := strings.CutPrefix(path, "records."); ok {
		if n, _, ok := strings.Cut(rest, "."); ok {
			record, _ = strconv.Atoi(n)
		}
	}
	name := path[strings.LastIndexByte(path, '.')+1:]
	if name == "streamName" || name == "streamARN" {
		record = 1 << 30
	}
	member = slices.Index(strings.Fields(memberOrder), name)
	if member < 0 {
		member = len(memberOrder)
	}
	return record, member
}

// insertRanked inserts add before the first violation that AWS lists after
// it.
func insertRanked(v violations, add ...Violation) violations {
	if len(add) == 0 {
		return v
	}
	r, m := memberRank(add[0].Path)
	i := slices.IndexFunc(v, func(x Violation) bool {
		xr, xm := memberRank(x.Path)
		return cmp.Or(cmp.Compare(xr, r), cmp.Compare(xm, m)) > 0
	})
	if i < 0 {
		return append(v, add...)
	}
	return slices.Insert(v, i, add...)
}

const (
	shardIteratorTypes = "AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP"
	shardFilterTypes   = "AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP"
)

// emptyViolations are the constraints an empty value of the member at path
// breaks, in AWS's order (pattern before length).
func emptyViolations(path string) []Violation {
	if v, ok := newerEmptyViolations(path); ok {
		return v
	}
	name := path[strings.LastIndexByte(path, '.')+1:]
	switch name {
	case "streamName", "shardId", "consumerName", "shardToSplit", "shardToMerge", "adjacentShardToMerge",
		"exclusiveStartShardId", "exclusiveStartStreamName":
		return []Violation{patternViolation(path, "", namePattern), minLengthViolation(path, "", 1)}
	case "streamARN":
		return []Violation{patternViolation(path, "", streamARNPattern), minLengthViolation(path, "", 1)}
	case "explicitHashKey", "newStartingHashKey":
		return []Violation{patternViolation(path, "", hashKeyPattern)}
	case "sequenceNumberForOrdering", "startingSequenceNumber":
		return []Violation{patternViolation(path, "", sequencePattern)}
	case "shardIteratorType":
		return []Violation{enumViolation(path, "", shardIteratorTypes)}
	case "scalingType":
		return []Violation{enumViolation(path, "", "UNIFORM_SCALING")}
	case "encryptionType":
		return []Violation{enumViolation(path, "", "NONE, KMS")}
	case "streamMode":
		return []Violation{enumViolation(path, "", "PROVISIONED, ON_DEMAND")}
	case "type":
		return []Violation{enumViolation(path, "", shardFilterTypes)}
	case "limit", "maxResults", "shardCount", "targetShardCount":
		// Counts whose zero means "not given" to a Go caller: sent as 0.
		return []Violation{minValueViolation(path, 0, 1)}
	case "records", "tagKeys", "shardLevelMetrics":
		return []Violation{minLengthViolation(path, "[]", 1)}
	case "tags":
		return []Violation{minLengthViolation(path, "{}", 1)}
	}
	return []Violation{minLengthViolation(path, "", 1)}
}
