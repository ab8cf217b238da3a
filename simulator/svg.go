package simulator

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// The plots are hand-written SVG, inline in the HTML report: no script,
// no fonts or styles from elsewhere, and numbers printed with fixed
// precision so that the same report gives the same bytes.

const (
	plotWidth  = 900
	plotHeight = 260
	marginL    = 60
	marginR    = 20
	marginT    = 30
	marginB    = 40
)

// series is one line of a line chart.
type series struct {
	name   string
	color  string
	values []float64
}

// palette colours lines in order.
var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"}

type svg struct{ b strings.Builder }

func newSVG(w, h int, title string) *svg {
	s := &svg{}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`, w, h, w, h)
	fmt.Fprintf(&s.b, `<rect width="%d" height="%d" fill="white"/>`, w, h)
	s.text(float64(w)/2, 18, "middle", 13, title)
	return s
}

func (s *svg) text(x, y float64, anchor string, size int, t string) {
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="%d">%s</text>`, x, y, anchor, size, html.EscapeString(t))
}

func (s *svg) line(x1, y1, x2, y2 float64, color string, dashed bool) {
	dash := ""
	if dashed {
		dash = ` stroke-dasharray="4 3"`
	}
	fmt.Fprintf(&s.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"%s/>`, x1, y1, x2, y2, color, dash)
}

func (s *svg) rect(x, y, w, h float64, fill, title string) {
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.2f" height="%.2f" fill="%s">`, x, y, w, h, fill)
	if title != "" {
		fmt.Fprintf(&s.b, `<title>%s</title>`, html.EscapeString(title))
	}
	s.b.WriteString(`</rect>`)
}

func (s *svg) polyline(points [][2]float64, color string) {
	s.b.WriteString(`<polyline fill="none" stroke-width="1.5" stroke="` + color + `" points="`)
	for i, p := range points {
		if i > 0 {
			s.b.WriteByte(' ')
		}
		fmt.Fprintf(&s.b, "%.1f,%.1f", p[0], p[1])
	}
	s.b.WriteString(`"/>`)
}

func (s *svg) String() string { return s.b.String() + "</svg>" }

// axes draws the frame, y ticks from 0 to yMax labelled by yFmt, and x
// ticks labelled by xFmt over xMax.
func (s *svg) axes(xMax, yMax float64, xFmt, yFmt func(float64) string, xLabel, yLabel string) {
	x0, y0, x1, y1 := float64(marginL), float64(plotHeight-marginB), float64(plotWidth-marginR), float64(marginT)
	s.line(x0, y0, x1, y0, "#333", false)
	s.line(x0, y0, x0, y1, "#333", false)
	for i := 0; i <= 4; i++ {
		v := yMax * float64(i) / 4
		y := y0 - (y0-y1)*float64(i)/4
		s.line(x0, y, x1, y, "#e5e5e5", false)
		s.text(x0-5, y+4, "end", 10, yFmt(v))
	}
	for i := 0; i <= 6; i++ {
		v := xMax * float64(i) / 6
		x := x0 + (x1-x0)*float64(i)/6
		if label := xFmt(v); label != "" {
			s.line(x, y0, x, y0+4, "#333", false)
			s.text(x, y0+16, "middle", 10, label)
		}
	}
	s.text((x0+x1)/2, float64(plotHeight-6), "middle", 11, xLabel)
	fmt.Fprintf(&s.b, `<text x="14" y="%.1f" text-anchor="middle" transform="rotate(-90 14 %.1f)">%s</text>`, (y0+y1)/2, (y0+y1)/2, html.EscapeString(yLabel))
}

// lineChart plots series sharing an x axis of len(values) points over
// xMax, against y from 0 to the largest value (or yMin, if larger).
func lineChart(title string, list []series, xMax, yMin float64, xFmt, yFmt func(float64) string, xLabel, yLabel string) string {
	s := newSVG(plotWidth, plotHeight, title)
	yMax := yMin
	for _, se := range list {
		for _, v := range se.values {
			yMax = max(yMax, v)
		}
	}
	yMax = niceCeil(yMax)
	s.axes(xMax, yMax, xFmt, yFmt, xLabel, yLabel)
	x0, y0 := float64(marginL), float64(plotHeight-marginB)
	w, h := float64(plotWidth-marginL-marginR), float64(plotHeight-marginT-marginB)
	for i, se := range list {
		n := len(se.values)
		pts := make([][2]float64, n)
		for j, v := range se.values {
			x := x0 + w*(float64(j)+0.5)/float64(max(n, 1))
			pts[j] = [2]float64{x, y0 - h*v/yMax}
		}
		s.polyline(pts, se.color)
		if len(list) > 1 {
			lx := x0 + 10 + float64(i)*150
			s.rect(lx, float64(marginT)-8, 10, 3, se.color, "")
			s.text(lx+14, float64(marginT)-4, "start", 10, se.name)
		}
	}
	return s.String()
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten, so the axis
// ticks are round.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p*(1+1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// heatColour maps a utilisation of 0..1 to white → yellow → red.
func heatColour(u float64) string {
	u = min(max(u, 0), 1)
	if u < 0.5 {
		f := u / 0.5
		return fmt.Sprintf("#%02x%02x%02x", 255, 255, int(255*(1-f)))
	}
	f := (u - 0.5) / 0.5
	return fmt.Sprintf("#%02x%02x%02x", 255, int(255*(1-0.8*f)), 0)
}

// throttledColour marks cells in which the shard refused writes.
const throttledColour = "#4b0082"

func formatPercent(v float64) string { return fmt.Sprintf("%.3g%%", v) }

func formatSeconds(v float64) string {
	switch {
	case v >= 7200:
		return fmt.Sprintf("%.1fh", v/3600)
	case v >= 120:
		return fmt.Sprintf("%.0fm", v/60)
	}
	return fmt.Sprintf("%.0fs", v)
}

func formatNumber(v float64) string { return fmt.Sprintf("%.3g", v) }
