package kinesishttp

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stalledReader hands out its bytes, then fails as a dropped client does.
type stalledReader struct{ data []byte }

var errStalled = errors.New("client stalled")

func (s *stalledReader) Read(p []byte) (int, error) {
	if len(s.data) == 0 {
		return 0, errStalled
	}
	n := copy(p, s.data)
	s.data = s.data[n:]
	return n, nil
}

// Not parallel: it reads the process's allocation counter.
func TestReadBodyStalledClientHoldsLittle(t *testing.T) {
	const announced = 16 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, rb, err := readBody(&stalledReader{data: []byte{'{'}}, announced, announced)
	runtime.ReadMemStats(&after)
	assert.ErrorIs(t, err, errStalled)
	assert.Nil(t, rb)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "bytes allocated for a body of which 1 byte arrived")
}

func TestReadBodyLargeAnnouncedBodies(t *testing.T) {
	t.Parallel()
	const announced = 16 << 20
	t.Run("a large body that does arrive is read whole", func(t *testing.T) {
		t.Parallel()
		want := bytes.Repeat([]byte("0123456789abcdef"), (eagerBodyBytes+12345)/16)
		body, rb, err := readBody(bytes.NewReader(want), int64(len(want)), announced)
		require.NoError(t, err)
		require.NotNil(t, rb)
		defer rb.release()
		assert.Equal(t, want, body)
	})
	t.Run("a large body cut short is an unexpected EOF", func(t *testing.T) {
		t.Parallel()
		_, _, err := readBody(bytes.NewReader(make([]byte, eagerBodyBytes+10)), eagerBodyBytes+20, announced)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	})
}
