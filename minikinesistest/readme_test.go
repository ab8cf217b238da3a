package minikinesistest_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goBlock is a fenced Go block of the README.
var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// The README's minikinesistest example is readme_example_test.go: its Go
// blocks that start with a test function and use minikinesistest, joined,
// are that file after its imports and opening comment, so the example
// compiles and passes as the README shows it.
func TestReadmeExampleIsThisFile(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	var blocks []string
	for _, m := range goBlock.FindAllStringSubmatch(string(readme), -1) {
		if strings.HasPrefix(m[1], "func Test") && strings.Contains(m[1], "minikinesistest.") {
			blocks = append(blocks, m[1])
		}
	}
	require.NotEmpty(t, blocks, "the README shows no minikinesistest test")

	src, err := os.ReadFile("readme_example_test.go")
	require.NoError(t, err)
	body := string(src)
	start := strings.Index(body, "\nfunc Test")
	require.Positive(t, start, "readme_example_test.go has no test function")
	assert.Equal(t, body[start+1:], strings.Join(blocks, "\n"),
		"README.md's minikinesistest example and readme_example_test.go differ")
}
