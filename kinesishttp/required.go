package kinesishttp

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/minikinesis/minikinesis"
)

// member is a required request member and whether the request lacks it.
type member struct {
	path    string
	missing bool
}

// need reports absent required members in AWS's format, or nil.
func need(members ...member) error {
	var v []minikinesis.Violation
	for _, m := range members {
		if m.missing {
			v = append(v, minikinesis.Violation{Path: m.path, Null: true, Constraint: "Member must not be null"})
		}
	}
	if len(v) == 0 {
		return nil
	}
	return &minikinesis.ValidationException{Violations: v}
}

// absent keeps the members a request lacks.
func absent(members ...member) []member {
	var out []member
	for _, m := range members {
		if m.missing {
			out = append(out, m)
		}
	}
	return out
}

// placeholderKey stands in for an absent partition key while the other
// members are validated; it satisfies every constraint on its own.
const placeholderKey = "k"

// putRecordMemberOrder is the order AWS lists a record's members in.
var putRecordMemberOrder = []string{"records", "partitionKey", "data", "explicitHashKey", "sequenceNumberForOrdering", "streamName", "streamARN"}

// mergeViolations reports absent members together with the violations of
// the members present, in AWS's order: by record, then by member.
func mergeViolations(missing []member, present []minikinesis.Violation, order []string) error {
	all := make([]minikinesis.Violation, 0, len(missing)+len(present))
	for _, m := range missing {
		all = append(all, minikinesis.Violation{Path: m.path, Null: true, Constraint: "Member must not be null"})
	}
	all = append(all, present...)
	rank := func(path string) (int, int) {
		record := 0
		if rest, ok := strings.CutPrefix(path, "records."); ok {
			if n, _, ok := strings.Cut(rest, "."); ok {
				record, _ = strconv.Atoi(n)
			}
		} else if path == "streamName" || path == "streamARN" {
			record = 1 << 30 // stream members follow every record
		}
		member := path[strings.LastIndexByte(path, '.')+1:]
		return record, slices.Index(order, member)
	}
	slices.SortStableFunc(all, func(a, b minikinesis.Violation) int {
		ra, ma := rank(a.Path)
		rb, mb := rank(b.Path)
		return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(ma, mb))
	})
	return &minikinesis.ValidationException{Violations: all}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// optional returns a pointer to s, or nil when s is empty, so the member is
// left out of the response.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func itoa(n int) string { return strconv.Itoa(n) }
