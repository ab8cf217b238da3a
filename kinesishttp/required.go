package kinesishttp

import (
	"strconv"

	"github.com/minikinesis/minikinesis"
)

// members tracks, while a request is translated into the model's input,
// what a Go value cannot carry: which required members the request left
// out and which members it sent empty. The model then words them all, with
// whatever else it finds wrong, as AWS does (minikinesis.WithMembers).
// JSON null counts as left out.
type members struct{ m minikinesis.Members }

func (t *members) absent(path string) { t.m.Absent = append(t.m.Absent, path) }
func (t *members) empty(path string)  { t.m.Empty = append(t.m.Empty, path) }

// opt reads an optional string member.
func (t *members) opt(path string, p *string) string {
	if p == nil {
		return ""
	}
	if *p == "" {
		t.empty(path)
	}
	return *p
}

// req reads a required string member.
func (t *members) req(path string, p *string) string {
	if p == nil {
		t.absent(path)
		return ""
	}
	return t.opt(path, p)
}

// blob reads a required blob member.
func (t *members) blob(path string, b []byte) []byte {
	if b == nil {
		t.absent(path)
	}
	return b
}

// limit reads an optional count whose zero value means "not given" to the
// model, so a zero the request did send is reported.
func (t *members) limit(path string, p *int) int {
	if p == nil {
		return 0
	}
	if *p == 0 {
		t.empty(path)
	}
	return *p
}

// count reads a required integer member.
func (t *members) count(path string, p *int) int {
	if p == nil {
		t.absent(path)
		return 0
	}
	return *p
}

// list reads an optional list member.
func (t *members) list(path string, l []string) []string {
	if l != nil && len(l) == 0 {
		t.empty(path)
	}
	return l
}

// tags reads an optional map member.
func (t *members) tags(path string, m map[string]string) map[string]string {
	if m != nil && len(m) == 0 {
		t.empty(path)
	}
	return m
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
