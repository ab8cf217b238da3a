package minikinesis

import (
	"regexp"
	"strconv"
	"unicode/utf8"
)

// violations collects constraint failures in the order AWS reports them.
type violations []Violation

func (v violations) err() error {
	if len(v) == 0 {
		return nil
	}
	return &ValidationException{Violations: v}
}

func nullViolation(path string) Violation {
	return Violation{Path: path, Null: true, Constraint: "Member must not be null"}
}

func patternViolation(path, value, pattern string) Violation {
	return Violation{Path: path, Value: value, Constraint: "Member must satisfy regular expression pattern: " + pattern}
}

func minLengthViolation(path, value string, min int) Violation {
	return Violation{Path: path, Value: value, Constraint: "Member must have length greater than or equal to " + strconv.Itoa(min)}
}

func maxLengthViolation(path, value string, max int) Violation {
	return Violation{Path: path, Value: value, Constraint: "Member must have length less than or equal to " + strconv.Itoa(max)}
}

func minValueViolation(path string, value, min int) Violation {
	return Violation{Path: path, Value: strconv.Itoa(value), Constraint: "Member must have value greater than or equal to " + strconv.Itoa(min)}
}

func maxValueViolation(path string, value, max int) Violation {
	return Violation{Path: path, Value: strconv.Itoa(value), Constraint: "Member must have value less than or equal to " + strconv.Itoa(max)}
}

// blobValue prints a blob the way AWS's Java service does in a violation.
func blobValue(n int) string {
	s := strconv.Itoa(n)
	return "java.nio.HeapByteBuffer[pos=0 lim=" + s + " cap=" + s + "]"
}

// lengthFails reports whether a string member is shorter than min or
// longer than max, counting Unicode characters as AWS does.
func lengthFails(value string, min, max int) (short, long bool) {
	n := len(value)
	if n > max { // more bytes than the limit: count runes to be sure
		n = utf8.RuneCountInString(value)
	}
	return n < min, n > max
}

// checkLength adds the length violations of a string member.
func (v *violations) checkLength(path, value string, min, max int) {
	short, long := lengthFails(value, min, max)
	if short {
		*v = append(*v, minLengthViolation(path, value, min))
	}
	if long {
		*v = append(*v, maxLengthViolation(path, value, max))
	}
}

const (
	namePattern      = `[a-zA-Z0-9_.-]+`
	streamARNPattern = `arn:aws.*:kinesis:.*:\d{12}:stream/\S+`
	maxNameLength    = 128
	maxARNLength     = 2048
)

var streamARNRegexp = regexp.MustCompile(`^(?:` + streamARNPattern + `)$`)

func matchesNamePattern(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// checkName validates a stream, shard or consumer name member when present.
func (v *violations) checkName(path, value string) {
	if value == "" {
		return
	}
	v.checkLength(path, value, 1, maxNameLength)
	if !matchesNamePattern(value) {
		*v = append(*v, patternViolation(path, value, namePattern))
	}
}

// checkStreamRef validates the StreamName and StreamARN members of a request.
func (v *violations) checkStreamRef(name, arn string) {
	v.checkName("streamName", name)
	if arn == "" {
		return
	}
	v.checkLength("streamARN", arn, 1, maxARNLength)
	if !streamARNRegexp.MatchString(arn) {
		*v = append(*v, patternViolation("streamARN", arn, streamARNPattern))
	}
}

func enumViolation(path, value, set string) Violation {
	return Violation{Path: path, Value: value, Constraint: "Member must satisfy enum value set: [" + set + "]"}
}

// requireName checks a required name member (shard id, consumer name).
func (v *violations) requireName(path, value string) {
	if value == "" {
		*v = append(*v, nullViolation(path))
		return
	}
	v.checkName(path, value)
}
