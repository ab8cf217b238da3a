package simulator

import (
	"html"
	"io"
	"strings"
)

// WriteHTML writes a self-contained HTML report: the text summary and the
// plots as inline SVG (no script, nothing fetched from elsewhere). The
// same report gives the same bytes.
func (rep *Report) WriteHTML(w io.Writer) error {
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		return err
	}
	title := orDefault(rep.Scenario.Name, "scenario")
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>minikinesis simulation: ")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}figure{margin:1.5em 0}figcaption{font-size:13px;color:#555}</style></head><body>\n")
	b.WriteString("<h1>minikinesis simulation: " + html.EscapeString(title) + "</h1>\n")
	b.WriteString("<pre>" + html.EscapeString(text.String()) + "</pre>\n")
	figure(&b, rep.HeatMapSVG(), "Each row is a shard, each column a time bucket; the colour is the busiest second's share of the shard's write limit (1,000 records/s or 1 MiB/s, whichever is closer), indigo where the shard refused writes.")
	figure(&b, rep.ThrottleSVG(), "Share of write attempts (new records and retries) that shards refused.")
	if len(rep.Consumers) > 0 {
		figure(&b, rep.LagSVG(), "Highest MillisBehindLatest each consumer saw, per time bucket.")
	}
	figure(&b, rep.KeyShardsSVG(), "Where the partition keys send the records, against an even spread (dashed).")
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func figure(b *strings.Builder, svg, caption string) {
	b.WriteString("<figure>" + svg + "<figcaption>" + html.EscapeString(caption) + "</figcaption></figure>\n")
}
