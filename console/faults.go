package console

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/minikinesis/minikinesis"
)

// FaultSpec is a minikinesis.FaultRule as JSON, the form the admin API
// takes and lists. Zero members do not narrow the scope, as in FaultRule.
type FaultSpec struct {
	// ID names an installed rule (answers only); DELETE faults/{ID}
	// removes it.
	ID int `json:",omitempty"`

	Operation string `json:",omitempty"`
	Stream    string `json:",omitempty"`
	Shard     string `json:",omitempty"`
	// PartitionKey scopes the rule to records of exactly this key; it
	// goes with EntryErrorCode, as in FaultRule. A rule
	// installed from Go with a key predicate lists "(predicate)".
	PartitionKey string `json:",omitempty"`

	Skip        int     `json:",omitempty"`
	Times       int     `json:",omitempty"`
	Nth         int     `json:",omitempty"`
	Probability float64 `json:",omitempty"`

	// Error fails the call with an AWS exception, by name.
	Error          *ErrorSpec `json:",omitempty"`
	EntryErrorCode string     `json:",omitempty"`
	// Latency and ClockLatency are Go durations, e.g. "250ms".
	Latency        string `json:",omitempty"`
	ClockLatency   string `json:",omitempty"`
	HTTPStatus     int    `json:",omitempty"`
	DropConnection bool   `json:",omitempty"`

	// Fired and Seen count the calls (or entries) the rule fired on and
	// matched (answers only).
	Fired int `json:",omitempty"`
	Seen  int `json:",omitempty"`
}

// ErrorSpec is the AWS exception a fault fails a call with.
type ErrorSpec struct {
	// Code is the exception name, e.g. "ProvisionedThroughputExceededException".
	Code    string
	Message string `json:",omitempty"`
}

// faultErrors builds each exception a fault may fail a call with, by the
// name it has on the wire (its ErrorCode), so a listed rule's Error.Code
// can be given back.
var faultErrors = func() map[string]func(string) error {
	out := map[string]func(string) error{}
	for _, mk := range []func(string) error{
		func(m string) error { return &minikinesis.ResourceNotFoundException{Message: m} },
		func(m string) error { return &minikinesis.ResourceInUseException{Message: m} },
		func(m string) error { return &minikinesis.InvalidArgumentException{Message: m} },
		func(m string) error { return &minikinesis.LimitExceededException{Message: m} },
		func(m string) error { return &minikinesis.ProvisionedThroughputExceededException{Message: m} },
		func(m string) error { return &minikinesis.ExpiredIteratorException{Message: m} },
		func(m string) error { return &minikinesis.ExpiredNextTokenException{Message: m} },
		func(m string) error { return &minikinesis.AccessDeniedException{Message: m} },
		func(m string) error { return &minikinesis.InternalFailureException{Message: m} },
	} {
		out[mk("").(minikinesis.APIError).ErrorCode()] = mk
	}
	return out
}()

// injectedMessage is the message of an injected error given none.
const injectedMessage = "Injected by a minikinesis fault rule."

// Rule checks the spec and builds the FaultRule it describes.
func (s FaultSpec) Rule() (minikinesis.FaultRule, error) {
	r := minikinesis.FaultRule{Operation: s.Operation, Stream: s.Stream, Shard: s.Shard,
		Skip: s.Skip, Times: s.Times, Nth: s.Nth, Probability: s.Probability,
		EntryErrorCode: s.EntryErrorCode, HTTPStatus: s.HTTPStatus, DropConnection: s.DropConnection}
	if s.Operation != "" && !slices.Contains(minikinesis.Operations(), s.Operation) {
		return r, badRequest("Operation " + quote(s.Operation) + " is not a Kinesis operation the server serves.")
	}
	if s.Skip < 0 || s.Times < 0 || s.Nth < 0 || s.Probability < 0 || s.Probability > 1 {
		return r, badRequest("Skip, Times and Nth must not be negative, and Probability lies between 0 and 1.")
	}
	if s.PartitionKey != "" {
		if s.EntryErrorCode == "" {
			// The model matches partition keys per record: only entry faults see them.
			return r, badRequest("PartitionKey scopes record faults only: give EntryErrorCode with it (it fails PutRecord, and PutRecords entries, of that key).")
		}
		key := s.PartitionKey
		r.PartitionKey = func(k string) bool { return k == key }
	}
	if s.Error != nil {
		mk, ok := faultErrors[s.Error.Code]
		if !ok {
			return r, badRequest("Error.Code " + quote(s.Error.Code) + " is not an exception a fault can inject; want one of " + listCodes() + ".")
		}
		msg := s.Error.Message
		if msg == "" {
			msg = injectedMessage
		}
		r.Err = mk(msg)
	}
	switch s.EntryErrorCode {
	case "", minikinesis.ErrorCodeProvisionedThroughputExceeded, minikinesis.ErrorCodeInternalFailure:
	default:
		return r, badRequest("EntryErrorCode " + quote(s.EntryErrorCode) + ": want " + minikinesis.ErrorCodeProvisionedThroughputExceeded + " or " + minikinesis.ErrorCodeInternalFailure + ".")
	}
	var err error
	if r.Latency, err = parseDuration("Latency", s.Latency); err != nil {
		return r, err
	}
	if r.ClockLatency, err = parseDuration("ClockLatency", s.ClockLatency); err != nil {
		return r, err
	}
	if s.HTTPStatus != 0 && (s.HTTPStatus < 500 || s.HTTPStatus > 599) {
		return r, badRequest("HTTPStatus " + strconv.Itoa(s.HTTPStatus) + ": want a server error status, e.g. 500 or 503.")
	}
	if r.Err == nil && r.EntryErrorCode == "" && r.Latency == 0 && r.ClockLatency == 0 && r.HTTPStatus == 0 && !r.DropConnection {
		return r, badRequest("The rule does nothing: give Error, EntryErrorCode, Latency, ClockLatency, HTTPStatus or DropConnection.")
	}
	return r, nil
}

func parseDuration(member, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, badRequest(member + " " + quote(s) + " is not a duration of at least 0; want e.g. 250ms.")
	}
	return d, nil
}

func listCodes() string {
	codes := make([]string, 0, len(faultErrors))
	for c := range faultErrors {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	out := ""
	for i, c := range codes {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// specOf describes an installed rule as JSON.
func specOf(f *minikinesis.Fault) FaultSpec {
	r := f.Rule()
	s := FaultSpec{Operation: r.Operation, Stream: r.Stream, Shard: r.Shard, Skip: r.Skip, Times: r.Times, Nth: r.Nth,
		Probability: r.Probability, EntryErrorCode: r.EntryErrorCode, HTTPStatus: r.HTTPStatus, DropConnection: r.DropConnection,
		Fired: f.Fired(), Seen: f.Seen()}
	if r.PartitionKey != nil {
		s.PartitionKey = "(predicate)"
	}
	if r.Err != nil {
		s.Error = &ErrorSpec{Code: "error", Message: r.Err.Error()}
		var ae minikinesis.APIError
		if errors.As(r.Err, &ae) {
			s.Error = &ErrorSpec{Code: ae.ErrorCode(), Message: ae.ErrorMessage()}
		}
	}
	if r.Latency > 0 {
		s.Latency = r.Latency.String()
	}
	if r.ClockLatency > 0 {
		s.ClockLatency = r.ClockLatency.String()
	}
	return s
}

// faultIDs numbers installed faults, those added from Go included, so
// the admin API can name them.
type faultIDs struct {
	mu   sync.Mutex
	next int
	ids  map[*minikinesis.Fault]int
	keys map[*minikinesis.Fault]string // partition keys of rules the API installed
}

func (f *faultIDs) id(fault *minikinesis.Fault) int {
	if f.ids == nil {
		f.ids = map[*minikinesis.Fault]int{}
		f.keys = map[*minikinesis.Fault]string{}
	}
	id, ok := f.ids[fault]
	if !ok {
		f.next++
		id = f.next
		f.ids[fault] = id
	}
	return id
}

// list numbers k's faults and forgets removed ones of k.
func (f *faultIDs) list(k *minikinesis.Kinesis) []FaultSpec {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []FaultSpec{}
	for _, fault := range k.Faults() {
		s := specOf(fault)
		s.ID = f.id(fault)
		if key, ok := f.keys[fault]; ok {
			s.PartitionKey = key
		}
		out = append(out, s)
	}
	return out
}

func (f *faultIDs) add(k *minikinesis.Kinesis, spec FaultSpec, rule minikinesis.FaultRule) FaultSpec {
	f.mu.Lock()
	defer f.mu.Unlock()
	fault := k.AddFault(rule)
	s := specOf(fault)
	s.ID = f.id(fault)
	if spec.PartitionKey != "" {
		f.keys[fault] = spec.PartitionKey
		s.PartitionKey = spec.PartitionKey
	}
	return s
}

func (f *faultIDs) remove(k *minikinesis.Kinesis, id int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, fault := range k.Faults() {
		if f.ids[fault] == id && id != 0 {
			fault.Remove()
			delete(f.ids, fault)
			delete(f.keys, fault)
			return true
		}
	}
	return false
}

// forget drops the numbers of faults k no longer has (after Reset or a
// clear), so the registry does not grow.
func (f *faultIDs) forget(k *minikinesis.Kinesis) {
	f.mu.Lock()
	defer f.mu.Unlock()
	live := map[*minikinesis.Fault]bool{}
	for _, fault := range k.Faults() {
		live[fault] = true
	}
	for fault := range f.ids {
		if !live[fault] && fault.Removed() {
			delete(f.ids, fault)
			delete(f.keys, fault)
		}
	}
}

func (c *Console) listFaults(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	writeJSON(w, http.StatusOK, c.faults.list(k))
	return nil
}

func (c *Console) addFault(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	var spec FaultSpec
	if err := readJSON(r, &spec); err != nil {
		return err
	}
	if spec.ID != 0 || spec.Fired != 0 || spec.Seen != 0 {
		return badRequest("ID, Fired and Seen are answered, not given.")
	}
	rule, err := spec.Rule()
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, c.faults.add(k, spec, rule))
	return nil
}

func (c *Console) removeFault(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || !c.faults.remove(k, id) {
		return &apiError{status: http.StatusNotFound, Code: "ResourceNotFoundException", Message: "No fault rule " + quote(r.PathValue("id")) + " is installed; GET faults lists them."}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Console) clearFaults(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	k.ClearFaults()
	c.faults.forget(k)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
