package kinesishttp

import (
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

// atLeastOne refuses an integer member below 1 (the request's own
// constraint, checked before the model runs); nil when it is absent or
// valid.
func atLeastOne(path string, v *int) error {
	if v == nil || *v >= 1 {
		return nil
	}
	return &minikinesis.ValidationException{Violations: []minikinesis.Violation{{Path: path, Value: itoa(*v),
		Constraint: "Member must have value greater than or equal to 1"}}}
}

// absentMembers is how a request translation reports required members
// the request lacks while still handing back the model's input: the
// dispatch table's decoder then has the model word them, together with
// whatever else it finds wrong in that input, as AWS lists them.
type absentMembers struct{ paths []string }

// Error names the paths. It is never sent: the dispatch table's decoder
// turns it into the model's ValidationException.
func (a *absentMembers) Error() string { return "absent members: " + strings.Join(a.paths, ", ") }

// absent reports the members a request lacks, or nil.
func absent(members ...member) error {
	var paths []string
	for _, m := range members {
		if m.missing {
			paths = append(paths, m.path)
		}
	}
	if paths == nil {
		return nil
	}
	return &absentMembers{paths: paths}
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
