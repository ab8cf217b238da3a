package kinesishttp

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// RequestLogMessage is the message of the line logged for every request
// served, so that a log handler can tell those lines from the rest (the
// server command batches them).
const RequestLogMessage = "request"

// logRequest logs one line for a served request: at Info, or at Warn for
// a failure. Nothing is formatted when the logger would drop the line,
// and the attributes are passed as slog.Attr, which costs no allocation.
func (h *Handler) logRequest(r *http.Request, target string, status int, start time.Time) {
	if h.logger == nil {
		return
	}
	level := slog.LevelInfo
	if status >= 400 {
		level = slog.LevelWarn
	}
	ctx := r.Context()
	if !h.logger.Enabled(ctx, level) {
		return
	}
	h.logger.LogAttrs(ctx, level, RequestLogMessage, slog.String("operation", strings.TrimPrefix(target, targetPrefix)),
		slog.Int("status", status), slog.Duration("duration", time.Since(start)))
}
