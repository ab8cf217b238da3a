package console_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/console"
)

func TestFaultsAddListRemove(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 1)
	var added console.FaultSpec
	require.Equal(t, http.StatusCreated, f.do("POST", "faults", console.FaultSpec{
		Operation: minikinesis.OpPutRecord, Stream: "orders", PartitionKey: "alice", Times: 1,
		EntryErrorCode: minikinesis.ErrorCodeProvisionedThroughputExceeded,
	}, &added))
	require.NotZero(t, added.ID)

	_, err := f.k.PutRecord(context.Background(), &minikinesis.PutRecordInput{StreamName: "orders", PartitionKey: "bob", Data: []byte("x")})
	require.NoError(t, err, "another key is not in the rule's scope")
	_, err = f.k.PutRecord(context.Background(), &minikinesis.PutRecordInput{StreamName: "orders", PartitionKey: "alice", Data: []byte("x")})
	var pe *minikinesis.ProvisionedThroughputExceededException
	require.True(t, errors.As(err, &pe), "got %v", err)

	goFault := f.k.AddFault(minikinesis.FaultRule{Operation: minikinesis.OpGetRecords, Latency: 1500000, PartitionKey: func(string) bool { return true },
		Err: &minikinesis.InternalFailureException{Message: "boom"}})
	var list []console.FaultSpec
	require.Equal(t, http.StatusOK, f.do("GET", "faults", nil, &list))
	require.Len(t, list, 2)
	assert.Equal(t, console.FaultSpec{ID: added.ID, Operation: "PutRecord", Stream: "orders", PartitionKey: "alice", Times: 1,
		EntryErrorCode: minikinesis.ErrorCodeProvisionedThroughputExceeded, Fired: 1, Seen: 1}, list[0])
	assert.Equal(t, "GetRecords", list[1].Operation, "rules added from Go are listed too")
	assert.Equal(t, "1.5ms", list[1].Latency)
	assert.Equal(t, "(predicate)", list[1].PartitionKey)
	assert.Equal(t, &console.ErrorSpec{Code: "InternalFailure", Message: "boom"}, list[1].Error)

	require.Equal(t, http.StatusNoContent, f.do("DELETE", "faults/"+strconv.Itoa(list[1].ID), nil, nil))
	assert.True(t, goFault.Removed())
	var e apiErr
	require.Equal(t, http.StatusNotFound, f.do("DELETE", "faults/"+strconv.Itoa(list[1].ID), nil, &e))
	assert.Equal(t, "ResourceNotFoundException", e.Type)

	require.Equal(t, http.StatusNoContent, f.do("DELETE", "faults", nil, nil))
	assert.Empty(t, f.k.Faults())
	require.Equal(t, http.StatusOK, f.do("GET", "faults", nil, &list))
	assert.Empty(t, list)
}

func TestFaultEntryErrorsFailPutRecordsEntries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.stream("orders", 1)
	require.Equal(t, http.StatusCreated, f.do("POST", "faults", console.FaultSpec{EntryErrorCode: minikinesis.ErrorCodeInternalFailure, Nth: 2}, nil))
	out, err := f.k.PutRecords(context.Background(), &minikinesis.PutRecordsInput{StreamName: "orders", Records: []minikinesis.PutRecordsRequestEntry{
		{PartitionKey: "a", Data: []byte("1")}, {PartitionKey: "b", Data: []byte("2")}, {PartitionKey: "c", Data: []byte("3")}}})
	require.NoError(t, err)
	assert.Equal(t, 1, out.FailedRecordCount)
	assert.Equal(t, minikinesis.ErrorCodeInternalFailure, out.Records[1].ErrorCode)
}

func TestFaultSpecsAreChecked(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		body any
		msg  string
	}{
		{"key without entry code", console.FaultSpec{PartitionKey: "a", HTTPStatus: 503}, "PartitionKey scopes record faults only"},
		{"no effect", console.FaultSpec{Operation: "PutRecord"}, "The rule does nothing"},
		{"unknown operation", console.FaultSpec{Operation: "PutRecordz", HTTPStatus: 500}, `Operation "PutRecordz" is not a Kinesis operation`},
		{"unknown exception", console.FaultSpec{Error: &console.ErrorSpec{Code: "Oops"}}, `Error.Code "Oops" is not an exception a fault can inject; want one of AccessDeniedException,`},
		{"entry code", console.FaultSpec{EntryErrorCode: "Throttled"}, `EntryErrorCode "Throttled": want ProvisionedThroughputExceededException or InternalFailure`},
		{"latency", console.FaultSpec{Latency: "fast"}, `Latency "fast" is not a duration`},
		{"negative clock latency", console.FaultSpec{ClockLatency: "-1s"}, `ClockLatency "-1s" is not a duration of at least 0`},
		{"status", console.FaultSpec{HTTPStatus: 404}, "HTTPStatus 404: want a server error status"},
		{"probability", console.FaultSpec{Probability: 2, DropConnection: true}, "Probability lies between 0 and 1"},
		{"answered members", console.FaultSpec{ID: 3, DropConnection: true}, "ID, Fired and Seen are answered, not given"},
		{"unknown member", `{"Operaton":"PutRecord"}`, `unknown field "Operaton"`},
	} {
		var e apiErr
		require.Equal(t, http.StatusBadRequest, f.do("POST", "faults", tc.body, &e), tc.name)
		assert.Equal(t, "InvalidArgumentException", e.Type, tc.name)
		assert.Contains(t, e.Message, tc.msg, tc.name)
	}
	assert.Empty(t, f.k.Faults(), "no refused rule is installed")
}
