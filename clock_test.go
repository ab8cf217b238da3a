package minikinesis

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestManualClock(t *testing.T) {
	t.Parallel()
	c := NewManualClock(testEpoch)
	assert.Equal(t, testEpoch, c.Now())
	assert.Equal(t, testEpoch.Add(time.Minute), c.Advance(time.Minute))
	assert.Equal(t, testEpoch.Add(time.Minute), c.Now())
	c.Set(testEpoch)
	assert.Equal(t, testEpoch, c.Now())

	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			for j := 0; j < 1000; j++ {
				c.Advance(time.Millisecond)
				_ = c.Now()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, testEpoch.Add(8*time.Second), c.Now())
}

func TestWallClockMoves(t *testing.T) {
	t.Parallel()
	before := time.Now()
	now := WallClock{}.Now()
	assert.False(t, now.Before(before))
}
