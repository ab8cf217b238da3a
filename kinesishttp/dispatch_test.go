package kinesishttp

import (
	"bufio"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/minikinesis/minikinesis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDispatchTableServesEveryOperation: the table and the model's list
// of operations name the same set, and every row can be run.
func TestDispatchTableServesEveryOperation(t *testing.T) {
	t.Parallel()
	table := operations()
	assert.ElementsMatch(t, minikinesis.Operations(), slices.Collect(maps.Keys(table)),
		"the dispatch table serves exactly the model's operations")
	for op, row := range table {
		assert.NotNil(t, row.decode, op)
		assert.NotNil(t, row.call, op)
		assert.False(t, row.events && row.encode != nil, "%s: an event stream has no single response to encode", op)
	}
}

// TestDispatchTableCoversTheREADME: every operation the README's
// "Supported operations" table lists is served over the wire.
func TestDispatchTableCoversTheREADME(t *testing.T) {
	t.Parallel()
	listed := readmeOperations(t, "../README.md")
	require.NotEmpty(t, listed, "no operations found in the README's Supported operations table")
	table := operations()
	for _, op := range listed {
		_, served := table[op]
		assert.True(t, served, "the README lists %s, which the dispatch table lacks", op)
	}
}

// TestFamilyFilesExist: each family has its op_<family>.go, as DESIGN.md
// lays the package out.
func TestFamilyFilesExist(t *testing.T) {
	t.Parallel()
	for _, f := range minikinesis.OperationFamilies() {
		name := "op_" + strings.ReplaceAll(f.Name, "-", "") + ".go"
		assert.FileExists(t, name, "family %s", f.Name)
	}
}

// readmeOperations reads the operations column of the table under the
// README's "## Supported operations" heading: rows of
// | family | operations | notes |, operations separated by commas.
func readmeOperations(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var ops []string
	inSection := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") { // any heading ends the section
			inSection = line == "## Supported operations"
			continue
		}
		if !inSection || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		require.Len(t, cells, 3, "a row of the operations table: %q", line)
		column := strings.TrimSpace(cells[1])
		if column == "operations" || strings.Trim(column, "-: ") == "" { // the header and its rule
			continue
		}
		for _, op := range strings.Split(column, ",") {
			ops = append(ops, strings.TrimSpace(op))
		}
	}
	require.NoError(t, sc.Err())
	slices.Sort(ops)
	return slices.Compact(ops)
}
