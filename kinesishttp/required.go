package kinesishttp

import (
	"strconv"

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

// paths lists the members' paths.
func paths(members []member) []string {
	out := make([]string, len(members))
	for i, m := range members {
		out[i] = m.path
	}
	return out
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
