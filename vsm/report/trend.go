package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"flowmap/vsm"
)

// drawTrend is the "trend" picture: lead time (working days) above flow
// efficiency and rolled %C&A, over the measurements' dates, with a dashed line and a number
// where each kaizen was done, and the numbered kaizen listed underneath.
func drawTrend(p *painter, m *vsm.Map, o Options) error {
	hist := measuredHistory(m)
	if len(hist) == 0 {
		return ErrNoMeasurements
	}
	cal := calendarOf(m)
	u := math.Min(p.w/DefaultWidth, p.h/DefaultHeight)
	margin := 24 * u

	lead := make(plotter.XYs, 0, len(hist))
	fe := make(plotter.XYs, 0, len(hist))
	rolled := make(plotter.XYs, 0, len(hist))
	for _, h := range hist {
		t := float64(h.Date.Unix())
		lead = append(lead, plotter.XY{X: t, Y: h.Metrics.Totals.LeadHours / cal.HoursPerDay})
		if v := h.Metrics.Totals.FlowEfficiency; v != nil {
			fe = append(fe, plotter.XY{X: t, Y: 100 * *v})
		}
		if len(h.Stages) > 0 { // no stages: nothing was measured to roll up
			rolled = append(rolled, plotter.XY{X: t, Y: 100 * h.Metrics.Totals.RolledCompleteAccurate})
		}
	}
	first, last := hist[0], hist[len(hist)-1]
	sub := fmt.Sprintf("%s from %s to %s", plural(len(hist), "measurement"),
		first.Date.Format("2 Jan 2006"), last.Date.Format("2 Jan 2006"))
	if len(hist) > 1 {
		a, b := first.Metrics.Totals, last.Metrics.Totals
		sub += fmt.Sprintf(": lead time %s → %s", vsm.FormatDuration(a.LeadHours, cal), vsm.FormatDuration(b.LeadHours, cal))
		if a.FlowEfficiency != nil && b.FlowEfficiency != nil {
			x, y := vsm.FormatPercentPair(*a.FlowEfficiency, *b.FlowEfficiency)
			sub += fmt.Sprintf(", flow efficiency %s → %s", x, y)
		}
		if len(first.Stages) > 0 && len(last.Stages) > 0 {
			x, y := vsm.FormatPercentPair(a.RolledCompleteAccurate, b.RolledCompleteAccurate)
			sub += fmt.Sprintf(", rolled %%C&A %s → %s", x, y)
		}
	}
	top := drawChartHeader(p, "Lead time, flow efficiency and rolled %C&A: "+m.Name, sub,
		[]legendItem{{"Lead time", clrLead}, {"Flow efficiency", clrWork}, {"Rolled %C&A", clrRolledCA}, {"Kaizen done", clrKaizenLine}}, o, u, margin)

	done := vsm.Completions(m)
	// The x range covers the measurements and the kaizen done between or
	// around them, with a little air on both sides.
	xmin, xmax := lead[0].X, lead[len(lead)-1].X
	for _, c := range done {
		xmin = math.Min(xmin, float64(c.Date.Unix()))
		xmax = math.Max(xmax, float64(c.Date.Unix()))
	}
	if xmax-xmin < 86400 {
		xmin, xmax = xmin-3*86400, xmax+3*86400
	}
	pad := (xmax - xmin) * 0.03
	xmin, xmax = xmin-pad, xmax+pad

	// The list of kaizen under the plots: up to three lines of columns.
	bottom := p.h - margin
	listSt := textStyle{size: 13 * u}
	var listTop float64
	if len(done) > 0 {
		lh := p.lineHeight(listSt) + 5*u
		lines := min(3, len(done))
		listTop = bottom - float64(lines)*lh
		bottom = listTop - 10*u
	}

	a := area{margin, top, p.w - margin, bottom}
	plotW := a.x1 - a.x0
	buckets := int(math.Max(16, plotW)) // ~2 points per pixel column: min and max
	upper, lower := newPlot(u), newPlot(u)
	for _, pl := range []*plot.Plot{upper, lower} {
		pl.X.Min, pl.X.Max = xmin, xmax
		pl.X.Tick.Marker = dateTicks{maxTicks: int(math.Max(2, plotW/(130*u)))}
		pl.Add(gridY(u))
	}
	upper.Y.Label.Text = fmt.Sprintf("Lead time (working days of %s h)", fmtNum(cal.HoursPerDay))
	lower.Y.Label.Text = "Flow efficiency, rolled %C&A (%)"
	upper.X.Tick.Label.Color = color.Transparent // the dates are under the lower plot
	addSeries(upper, decimate(lead, buckets), clrLead, u, len(lead) <= 60)
	if len(fe) > 0 {
		addSeries(lower, decimate(fe, buckets), clrWork, u, len(fe) <= 60)
	}
	if len(rolled) > 0 {
		addSeries(lower, decimate(rolled, buckets), clrRolledCA, u, len(rolled) <= 60)
	}
	upper.Y.Tick.Marker = niceTicks{n: 5}
	lower.Y.Tick.Marker = niceTicks{n: 5}
	upper.Y.Min, lower.Y.Min = 0, 0
	upper.Y.Max = math.Max(upper.Y.Max*1.15, 1)
	lower.Y.Max = math.Min(100, math.Max(lower.Y.Max*1.2, 5))
	if len(done) > 0 {
		xs := make([]float64, len(done))
		for i, c := range done {
			xs[i] = float64(c.Date.Unix())
		}
		upper.Add(&kaizenMarks{xs: xs, badges: true, u: u})
		lower.Add(&kaizenMarks{xs: xs, u: u})
	}
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Length(12 * u * pxToPt)}
	cs := plot.Align([][]*plot.Plot{{upper}, {lower}}, tiles, p.canvas(a))
	upper.Draw(cs[0][0])
	lower.Draw(cs[1][0])

	if len(done) > 0 {
		drawCompletionList(p, done, cal, margin, listTop, p.w-margin, listSt, u)
	}
	return nil
}

func addSeries(pl *plot.Plot, xys plotter.XYs, col color.Color, u float64, points bool) {
	line, err := plotter.NewLine(xys)
	if err != nil { // only for NaN or infinite values, which the metrics never give
		return
	}
	line.Color = col
	line.Width = vg.Length(2.5 * u * pxToPt)
	pl.Add(line)
	if points {
		sc, err := plotter.NewScatter(xys)
		if err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Length(4 * u * pxToPt), Shape: draw.CircleGlyph{}}
			pl.Add(sc)
		}
	}
}

// decimate keeps a long series drawable: it splits the x range into buckets
// and keeps each bucket's lowest and highest point, in x order, so peaks and
// dips survive, and always the first and the last point. Series of at most two
// points per bucket come back as they are.
func decimate(xys plotter.XYs, buckets int) plotter.XYs {
	if buckets < 1 || len(xys) <= 2*buckets {
		return xys
	}
	x0, x1 := xys[0].X, xys[len(xys)-1].X
	out := make(plotter.XYs, 0, 2*buckets+2)
	last := -1
	keep := func(i int) {
		if i > last {
			out = append(out, xys[i])
			last = i
		}
	}
	keep(0)
	i := 0
	for b := 0; b < buckets && i < len(xys); b++ {
		end := x0 + (x1-x0)*float64(b+1)/float64(buckets)
		lo, hi := -1, -1
		for ; i < len(xys) && (xys[i].X <= end || b == buckets-1); i++ {
			if lo < 0 || xys[i].Y < xys[lo].Y {
				lo = i
			}
			if hi < 0 || xys[i].Y > xys[hi].Y {
				hi = i
			}
		}
		if lo < 0 {
			continue
		}
		keep(min(lo, hi))
		keep(max(lo, hi))
	}
	keep(len(xys) - 1)
	return out
}

// kaizenMarks draws a dashed vertical line at each kaizen's done date and,
// with badges, its number in a circle at the top of the plot. Badges that
// would touch go to a lower lane; with no lane left the number is left off
// (the line and the list below still show it).
type kaizenMarks struct {
	xs     []float64
	badges bool
	u      float64
}

func (k *kaizenMarks) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	u := k.u
	ls := draw.LineStyle{Color: clrKaizenLine, Width: vg.Length(1.5 * u * pxToPt),
		Dashes: []vg.Length{vg.Length(5 * u * pxToPt), vg.Length(4 * u * pxToPt)}}
	r := vg.Length(9 * u * pxToPt)
	const lanes = 3
	laneEnd := make([]vg.Length, lanes)
	for i := range laneEnd {
		laneEnd[i] = c.Min.X - 1e6
	}
	for i, x := range k.xs {
		px := trX(x)
		if px < c.Min.X || px > c.Max.X {
			continue
		}
		c.StrokeLines(ls, []vg.Point{{X: px, Y: c.Min.Y}, {X: px, Y: c.Max.Y}})
		if !k.badges {
			continue
		}
		for l := 0; l < lanes; l++ {
			if px-r < laneEnd[l]+vg.Length(2*u*pxToPt) {
				continue
			}
			laneEnd[l] = px + r
			cy := c.Max.Y - r - vg.Length(float64(l)*2.3)*r
			c.DrawGlyphNoClip(draw.GlyphStyle{Color: clrKaizen, Radius: r, Shape: draw.CircleGlyph{}}, vg.Point{X: px, Y: cy})
			c.DrawGlyphNoClip(draw.GlyphStyle{Color: clrKaizenLine, Radius: r, Shape: draw.RingGlyph{}}, vg.Point{X: px, Y: cy})
			st := text.Style{Color: clrInk, Font: boldPx(11 * u), XAlign: draw.XCenter, YAlign: draw.YCenter,
				Handler: plot.DefaultTextHandler}
			c.FillText(st, vg.Point{X: px, Y: cy}, strconv.Itoa(i+1))
			break
		}
	}
}

// drawCompletionList writes "1  12 Feb 2026  Automate the regression suite
// (Test)" for each done kaizen, in up to three lines of equal columns; what
// does not fit is counted.
func drawCompletionList(p *painter, done []vsm.Completion, cal vsm.Calendar, x0, y0, x1 float64, st textStyle, u float64) {
	lh := p.lineHeight(st) + 5*u
	lines := min(3, len(done))
	cols := (len(done) + lines - 1) / lines
	maxCols := int(math.Max(1, (x1-x0)/(260*u)))
	shown := len(done)
	if cols > maxCols {
		cols = maxCols
		shown = cols*lines - 1 // the last cell says how many more
	}
	colW := (x1 - x0) / float64(cols)
	bold := textStyle{size: st.size, bold: true}
	for i := 0; i < shown && i < len(done); i++ {
		c := done[i]
		cx := x0 + float64(i/lines)*colW
		cy := y0 + float64(i%lines)*lh
		w := p.text(strconv.Itoa(i+1), cx, cy, bold, clrKaizenLine, alignLeft, colW*0.15)
		label := c.Date.Format("2 Jan 2006") + "  " + c.Title
		if c.Stage != "" {
			label += " (" + c.Stage + ")"
		}
		p.text(label, cx+w+6*u, cy, st, clrInk, alignLeft, colW-w-18*u)
	}
	if shown < len(done) {
		cx := x0 + float64(shown/lines)*colW
		cy := y0 + float64(shown%lines)*lh
		p.text(fmt.Sprintf("+%d more kaizen done", len(done)-shown), cx, cy, st, clrMuted, alignLeft, colW-12*u)
	}
}

// dateTicks puts ticks on whole days, weeks, months or years, as many as fit.
type dateTicks struct{ maxTicks int }

func (d dateTicks) Ticks(min, max float64) []plot.Tick {
	t0, t1 := time.Unix(int64(min), 0).UTC(), time.Unix(int64(max), 0).UTC()
	steps := []struct {
		days, months int
		format       string
	}{
		{1, 0, "2 Jan"}, {2, 0, "2 Jan"}, {7, 0, "2 Jan"}, {14, 0, "2 Jan"},
		{0, 1, "Jan 2006"}, {0, 2, "Jan 2006"}, {0, 3, "Jan 2006"}, {0, 6, "Jan 2006"}, {0, 12, "2006"},
		{0, 24, "2006"}, {0, 60, "2006"}, {0, 120, "2006"},
	}
	for _, s := range steps {
		var start time.Time
		if s.months == 0 {
			start = time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC)
			if s.days == 7 || s.days == 14 { // weeks start on Monday
				start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7))
			}
		} else {
			mo := (int(t0.Month()) - 1) / s.months * s.months
			start = time.Date(t0.Year(), time.Month(mo+1), 1, 0, 0, 0, 0, time.UTC)
		}
		var ticks []plot.Tick
		for t := start; !t.After(t1); t = t.AddDate(0, s.months, s.days) {
			if t.Before(t0) {
				continue
			}
			ticks = append(ticks, plot.Tick{Value: float64(t.Unix()), Label: t.Format(s.format)})
		}
		if len(ticks) <= d.maxTicks {
			// Day steps within one year read as "2 Jan"; across years the
			// first tick of each year carries it.
			if s.months == 0 && t0.Year() != t1.Year() {
				prev := -1
				for i := range ticks {
					y := time.Unix(int64(ticks[i].Value), 0).UTC().Year()
					if y != prev {
						ticks[i].Label += " " + strconv.Itoa(y)
						prev = y
					}
				}
			}
			return ticks
		}
	}
	return nil
}
