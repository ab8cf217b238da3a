package kinesishttp

import "net/http"

// AdminPath is the path prefix a handler given WithAdminHandler hands to
// that handler. AWS serves nothing under it, so no SDK request is taken.
const AdminPath = "/_minikinesis/"

// WithAdminHandler hands every request under AdminPath to h instead of
// answering it as a Kinesis call: a Go test can mount minikinesis's
// console (package console) on the same server as the Kinesis API,
//
//	kinesishttp.NewHandler(k, kinesishttp.WithAdminHandler(console.New(console.SingleAccount(k))))
func WithAdminHandler(h http.Handler) Option { return func(hd *Handler) { hd.admin = h } }
