package minikinesis

import "sync/atomic"

func addInt64(p *int64, n int64) { atomic.AddInt64(p, n) }
func loadInt64(p *int64) int64   { return atomic.LoadInt64(p) }
