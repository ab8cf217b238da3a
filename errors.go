package minikinesis

import (
	"strings"
)

// APIError is the shape shared by every error the model returns for a
// request: the AWS exception name and the message AWS would send. It matches
// the ErrorCode/ErrorMessage methods of smithy.APIError, so code written
// against the AWS SDK's error checks reads these errors the same way.
type APIError interface {
	error
	// ErrorCode is the AWS exception name, written as __type on the wire.
	ErrorCode() string
	// ErrorMessage is the human-readable text AWS sends with the exception.
	ErrorMessage() string
}

func formatAPIError(code, message string) string {
	return code + ": " + message
}

// ResourceNotFoundException: the stream, shard or consumer does not exist
// (or, for writes, is still being created or deleted).
type ResourceNotFoundException struct{ Message string }

// ErrorCode returns "ResourceNotFoundException".
func (e *ResourceNotFoundException) ErrorCode() string { return "ResourceNotFoundException" }

// ErrorMessage returns the AWS message text.
func (e *ResourceNotFoundException) ErrorMessage() string { return e.Message }
func (e *ResourceNotFoundException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &ResourceNotFoundException{}) match any ResourceNotFoundException, and a
// target with a Message match only that message.
func (e *ResourceNotFoundException) Is(target error) bool {
	t, ok := target.(*ResourceNotFoundException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// ResourceInUseException: the resource is not in a state that allows the
// operation (it already exists, or is not ACTIVE).
type ResourceInUseException struct{ Message string }

// ErrorCode returns "ResourceInUseException".
func (e *ResourceInUseException) ErrorCode() string { return "ResourceInUseException" }

// ErrorMessage returns the AWS message text.
func (e *ResourceInUseException) ErrorMessage() string { return e.Message }
func (e *ResourceInUseException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &ResourceInUseException{}) match any ResourceInUseException, and a
// target with a Message match only that message.
func (e *ResourceInUseException) Is(target error) bool {
	t, ok := target.(*ResourceInUseException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// InvalidArgumentException: a parameter is well formed but not acceptable,
// such as an ExplicitHashKey beyond 2^128-1.
type InvalidArgumentException struct{ Message string }

// ErrorCode returns "InvalidArgumentException".
func (e *InvalidArgumentException) ErrorCode() string { return "InvalidArgumentException" }

// ErrorMessage returns the AWS message text.
func (e *InvalidArgumentException) ErrorMessage() string { return e.Message }
func (e *InvalidArgumentException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &InvalidArgumentException{}) match any InvalidArgumentException, and a
// target with a Message match only that message.
func (e *InvalidArgumentException) Is(target error) bool {
	t, ok := target.(*InvalidArgumentException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// LimitExceededException: an account or stream limit (shards, control-plane
// rate, tags, consumers) would be exceeded.
type LimitExceededException struct{ Message string }

// ErrorCode returns "LimitExceededException".
func (e *LimitExceededException) ErrorCode() string { return "LimitExceededException" }

// ErrorMessage returns the AWS message text.
func (e *LimitExceededException) ErrorMessage() string { return e.Message }
func (e *LimitExceededException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &LimitExceededException{}) match any LimitExceededException, and a
// target with a Message match only that message.
func (e *LimitExceededException) Is(target error) bool {
	t, ok := target.(*LimitExceededException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// ProvisionedThroughputExceededException: a shard's read or write allowance
// is used up for now; retry later.
type ProvisionedThroughputExceededException struct{ Message string }

// ErrorCode returns "ProvisionedThroughputExceededException".
func (e *ProvisionedThroughputExceededException) ErrorCode() string {
	return "ProvisionedThroughputExceededException"
}

// ErrorMessage returns the AWS message text.
func (e *ProvisionedThroughputExceededException) ErrorMessage() string { return e.Message }
func (e *ProvisionedThroughputExceededException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &ProvisionedThroughputExceededException{}) match any ProvisionedThroughputExceededException, and a
// target with a Message match only that message.
func (e *ProvisionedThroughputExceededException) Is(target error) bool {
	t, ok := target.(*ProvisionedThroughputExceededException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// ExpiredIteratorException: a shard iterator is older than its five minutes.
type ExpiredIteratorException struct{ Message string }

// ErrorCode returns "ExpiredIteratorException".
func (e *ExpiredIteratorException) ErrorCode() string { return "ExpiredIteratorException" }

// ErrorMessage returns the AWS message text.
func (e *ExpiredIteratorException) ErrorMessage() string { return e.Message }
func (e *ExpiredIteratorException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &ExpiredIteratorException{}) match any ExpiredIteratorException, and a
// target with a Message match only that message.
func (e *ExpiredIteratorException) Is(target error) bool {
	t, ok := target.(*ExpiredIteratorException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// ExpiredNextTokenException: a pagination token is older than it may be.
type ExpiredNextTokenException struct{ Message string }

// ErrorCode returns "ExpiredNextTokenException".
func (e *ExpiredNextTokenException) ErrorCode() string { return "ExpiredNextTokenException" }

// ErrorMessage returns the AWS message text.
func (e *ExpiredNextTokenException) ErrorMessage() string { return e.Message }
func (e *ExpiredNextTokenException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &ExpiredNextTokenException{}) match any ExpiredNextTokenException, and a
// target with a Message match only that message.
func (e *ExpiredNextTokenException) Is(target error) bool {
	t, ok := target.(*ExpiredNextTokenException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// AccessDeniedException: the caller may not perform the operation.
type AccessDeniedException struct{ Message string }

// ErrorCode returns "AccessDeniedException".
func (e *AccessDeniedException) ErrorCode() string { return "AccessDeniedException" }

// ErrorMessage returns the AWS message text.
func (e *AccessDeniedException) ErrorMessage() string { return e.Message }
func (e *AccessDeniedException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &AccessDeniedException{}) match any AccessDeniedException, and a
// target with a Message match only that message.
func (e *AccessDeniedException) Is(target error) bool {
	t, ok := target.(*AccessDeniedException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// InternalFailureException: the service failed; the wire layer answers it
// with HTTP 500 and __type InternalFailure.
type InternalFailureException struct{ Message string }

// ErrorCode returns "InternalFailure", the __type AWS writes for it.
func (e *InternalFailureException) ErrorCode() string { return "InternalFailure" }

// ErrorMessage returns the AWS message text.
func (e *InternalFailureException) ErrorMessage() string { return e.Message }
func (e *InternalFailureException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// Is makes errors.Is(err, &InternalFailureException{}) match any InternalFailureException, and a
// target with a Message match only that message.
func (e *InternalFailureException) Is(target error) bool {
	t, ok := target.(*InternalFailureException)
	return ok && (t.Message == "" || t.Message == e.Message)
}

// ValidationException: one or more members break their declared constraints.
// Violations keeps each one, in the order AWS lists them.
type ValidationException struct {
	Violations []Violation
}

// Violation is one broken constraint of a ValidationException.
type Violation struct {
	// Path is the member's lowerCamelCase path, e.g. records.1.member.data.
	Path string
	// Value is the offending value as AWS prints it; ignored when Null.
	Value string
	// Null marks a missing member (printed as an unquoted null).
	Null bool
	// Constraint is AWS's wording, e.g. "Member must not be null".
	Constraint string
}

// maxListedViolations is how many violations AWS spells out in one message.
const maxListedViolations = 10

// ErrorCode returns "ValidationException".
func (e *ValidationException) ErrorCode() string { return "ValidationException" }

// ErrorMessage renders the violations the way AWS does:
// "N validation error(s) detected: Value '<v>' at '<path>' failed to satisfy
// constraint: <constraint>; ...".
func (e *ValidationException) ErrorMessage() string {
	listed := e.Violations
	if len(listed) > maxListedViolations {
		listed = listed[:maxListedViolations]
	}
	var b strings.Builder
	b.WriteString(itoa(len(listed)))
	if len(listed) == 1 {
		b.WriteString(" validation error detected: ")
	} else {
		b.WriteString(" validation errors detected: ")
	}
	for i, v := range listed {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString("Value ")
		if v.Null {
			b.WriteString("null")
		} else {
			b.WriteString("'" + v.Value + "'")
		}
		b.WriteString(" at '" + v.Path + "' failed to satisfy constraint: " + v.Constraint)
	}
	return b.String()
}

func (e *ValidationException) Error() string {
	return formatAPIError(e.ErrorCode(), e.ErrorMessage())
}

// Is makes errors.Is(err, &ValidationException{}) match any validation error.
func (e *ValidationException) Is(target error) bool {
	_, ok := target.(*ValidationException)
	return ok
}

// Error codes that appear only as PutRecords entry outcomes.
const (
	// ErrorCodeInternalFailure marks a PutRecords entry the service failed to store.
	ErrorCodeInternalFailure = "InternalFailure"
	// ErrorCodeProvisionedThroughputExceeded marks a throttled PutRecords entry.
	ErrorCodeProvisionedThroughputExceeded = "ProvisionedThroughputExceededException"
	// internalFailureMessage is the message AWS gives a failed entry.
	internalFailureMessage = "Internal Service Failure"
)
