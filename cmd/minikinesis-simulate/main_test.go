package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func scenarioFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.yaml")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

const hotKey = "name: hot\nduration: 20s\nstream: {shards: 4}\nproducers: [{rate: {constant: 3000}, keys: {hotKey: {fraction: 1}}, retry: {policy: none}}]\n"

func TestRunWritesTextAndHTML(t *testing.T) {
	t.Parallel()
	page := filepath.Join(t.TempDir(), "r.html")
	var out, errOut bytes.Buffer
	code := run([]string{"-html", page, scenarioFile(t, hotKey)}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "hot: 20s of virtual time, counting mode")
	assert.Contains(t, out.String(), "throttled 39,100 (65.17% of attempts)")
	html, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(html), "<svg")
	assert.NotContains(t, errOut.String(), "\r", "no progress bar when stderr is not a terminal")
}

func TestSweepFlag(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	code := run([]string{"-sweep", "shards=1..3", "-max-throttle", "1", scenarioFile(t, hotKey)}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "answer: none of 1..3 shards meets both bounds", "a single key never spreads")
}

func TestBadCommandLines(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		"no file":      {},
		"unknown flag": {"-nope", "x.yaml"},
		"missing file": {filepath.Join(t.TempDir(), "absent.yaml")},
		"bad sweep":    {"-sweep", "shards=9..3", scenarioFile(t, hotKey)},
		"bad scenario": {scenarioFile(t, "duration: 1m\n")},
	}
	for name, args := range cases {
		var out, errOut bytes.Buffer
		assert.Equal(t, 2, run(args, &out, &errOut), name)
		assert.NotEmpty(t, errOut.String(), name)
	}
}
