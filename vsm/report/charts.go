package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"flowmap/vsm"
)

// Charts drawn with gonum/plot: the axes, grids and data are gonum's; the
// header, legend and notes around them are drawn by the painter so they match
// the map picture.

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func fontPx(px float64) font.Font { return font.From(sans, vg.Length(px*pxToPt)) }

func boldPx(px float64) font.Font {
	f := fontPx(px)
	f.Weight = boldWeight
	return f
}

// newPlot is a plot in the pictures' style: sans fonts sized for the picture,
// muted axes, no title (the header carries it).
func newPlot(u float64) *plot.Plot {
	pl := plot.New()
	pl.BackgroundColor = color.Transparent
	for _, a := range []*plot.Axis{&pl.X, &pl.Y} {
		a.Label.TextStyle.Font = fontPx(14 * u)
		a.Label.TextStyle.Color = clrMuted
		a.Tick.Label.Font = fontPx(13 * u)
		a.Tick.Label.Color = clrInk
		a.LineStyle.Color = clrLine
		a.LineStyle.Width = vg.Length(math.Max(1, u) * pxToPt)
		a.Tick.LineStyle.Color = clrLine
		a.Tick.LineStyle.Width = vg.Length(math.Max(1, u) * pxToPt)
		a.Padding = vg.Length(4 * u * pxToPt)
	}
	return pl
}

// gridX is a light vertical grid.
func gridX(u float64) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = rgb(0xE3E8EB)
	g.Vertical.Width = vg.Length(math.Max(1, u) * pxToPt)
	g.Horizontal.Width = 0
	return g
}

func gridY(u float64) *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color = rgb(0xE3E8EB)
	g.Horizontal.Width = vg.Length(math.Max(1, u) * pxToPt)
	g.Vertical.Width = 0
	return g
}

// area is a rectangle of the picture in layout pixels, y down.
type area struct{ x0, y0, x1, y1 float64 }

// canvas is the gonum drawing canvas for a, in points with y up.
func (p *painter) canvas(a area) draw.Canvas {
	c := draw.New(p.c)
	return draw.Crop(c,
		vg.Length(a.x0*pxToPt), vg.Length(-(p.w-a.x1)*pxToPt),
		vg.Length((p.h-a.y1)*pxToPt), vg.Length(-a.y0*pxToPt))
}

// legendItem is a swatch and a label of a chart's legend.
type legendItem struct {
	label string
	col   color.Color
}

// drawChartHeader draws a chart's title, subtitle and legend; it returns the
// y below them.
func drawChartHeader(p *painter, title, subtitle string, legend []legendItem, o Options, u, margin float64) float64 {
	right := p.w - margin
	titleSt := textStyle{size: 28 * u, bold: true}
	small := textStyle{size: 15 * u}
	y := margin
	date := o.Now.Format("2 January 2006")
	dw := p.width(date, small)
	p.text(date, right, y+(p.lineHeight(titleSt)-p.lineHeight(small))/2, small, clrMuted, alignRight, 0)
	p.text(title, margin, y, titleSt, clrInk, alignLeft, p.w-2*margin-dw-24*u)
	y += p.lineHeight(titleSt) + 8*u
	lw := 0.0
	if len(legend) > 0 {
		h := p.lineHeight(small)
		for i, it := range legend {
			if i > 0 {
				lw += 18 * u
			}
			lw += h + 6*u + p.width(it.label, small)
		}
		x := right - lw
		for _, it := range legend {
			p.rect(x, y+0.15*h, x+h*0.9, y+0.15*h+h*0.7, it.col)
			x += h + 6*u
			x += p.text(it.label, x, y, small, clrMuted, alignLeft, 0) + 18*u
		}
	}
	p.text(subtitle, margin, y, small, clrMuted, alignLeft, p.w-2*margin-lw-24*u)
	return y + p.lineHeight(small) + 14*u
}

// durationAxis picks working days or hours for an axis whose largest value
// is max hours: days read better once a bar is longer than two days.
func durationAxis(max float64, cal vsm.Calendar) (scale float64, label string) {
	if max >= 2*cal.HoursPerDay {
		return 1 / cal.HoursPerDay, fmt.Sprintf("Working days (%s h)", fmtNum(cal.HoursPerDay))
	}
	return 1, "Working hours"
}

// ---- horizontal bars: the bars, waterfall and compare pictures ----

type hbarSeg struct {
	from, to float64 // in axis units
	col      color.Color
}

type hbarLabel struct {
	text string
	col  color.Color
	bold bool
}

type hbarRow struct {
	segs   []hbarSeg
	labels []hbarLabel // written after the bar's end
}

// hbars is a gonum plotter of horizontal bars made of coloured segments, one
// row per stage in flow order from the top, with labels after each bar. The
// waterfall joins the end of each bar to the start of the next.
type hbars struct {
	rows       []hbarRow
	thickness  float64 // of a row, 0..1
	labelPx    float64
	connectors bool
	u          float64
}

func (h *hbars) y(i int) float64 { return float64(len(h.rows) - 1 - i) }

func (h *hbars) end(i int) float64 {
	e := 0.0
	for _, s := range h.rows[i].segs {
		e = math.Max(e, s.to)
	}
	return e
}

func (h *hbars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	half := h.thickness / 2
	for i, r := range h.rows {
		y := h.y(i)
		y0, y1 := trY(y-half), trY(y+half)
		for _, s := range r.segs {
			if s.to <= s.from {
				continue
			}
			x0, x1 := trX(s.from), trX(s.to)
			if x1-x0 < 0.75 { // keep a tiny segment visible
				x1 = x0 + 0.75
			}
			pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
			c.FillPolygon(s.col, c.ClipPolygonXY(pts))
		}
		if h.connectors && i+1 < len(h.rows) {
			x := trX(h.end(i))
			c.StrokeLines(draw.LineStyle{Color: clrLine, Width: vg.Length(math.Max(1, h.u) * pxToPt),
				Dashes: []vg.Length{vg.Length(3 * h.u * pxToPt), vg.Length(3 * h.u * pxToPt)}},
				[]vg.Point{{X: x, Y: y0}, {X: x, Y: trY(h.y(i+1) + half)}})
		}
		x := trX(h.end(i)) + vg.Length(6*h.u*pxToPt)
		for _, l := range r.labels {
			st := text.Style{Color: l.col, Font: fontPx(h.labelPx), XAlign: draw.XLeft, YAlign: draw.YCenter,
				Handler: plot.DefaultTextHandler}
			if l.bold {
				st.Font = boldPx(h.labelPx)
			}
			c.FillText(st, vg.Point{X: x, Y: trY(y)}, l.text)
			x += st.Width(l.text) + vg.Length(5*h.u*pxToPt)
		}
	}
}

func (h *hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	for i := range h.rows {
		xmax = math.Max(xmax, h.end(i))
	}
	return 0, xmax, -0.5, float64(len(h.rows)) - 0.5
}

// hbarPlot lays out an hbars plot in area a of p: stage names on the left
// (shortened to fit), the x range stretched so the longest label fits after
// its bar.
func hbarPlot(p *painter, a area, bars *hbars, names []string, xLabel string, xmax float64, u float64) *plot.Plot {
	n := len(bars.rows)
	pl := newPlot(u)
	pl.Add(gridX(u), bars)
	// Names and labels shrink with the row height so rows never overlap.
	rowPx := (a.y1 - a.y0 - 60*u) / float64(max(n, 1))
	namePx := math.Max(5, math.Min(13*u, rowPx*0.72))
	bars.labelPx = namePx
	pl.Y.Tick.Label.Font = fontPx(namePx)
	bars.thickness = 0.68
	nameSt := textStyle{size: namePx}
	maxName := (a.x1 - a.x0) * 0.22
	labels := make([]string, n)
	nameW := 0.0
	for i, s := range names {
		labels[n-1-i] = p.fit(s, nameSt, maxName)
		nameW = math.Max(nameW, p.width(labels[n-1-i], nameSt))
	}
	pl.NominalY(labels...)
	// Stretch the axis so every bar's labels fit after its end: a bar ending
	// at e takes e/X of the plot's width, its labels w pixels more, so
	// X >= e / (1 - w/plotW).
	plotW := math.Max(1, (a.x1-a.x0)-nameW-30*u)
	if xmax <= 0 {
		xmax = 1
	}
	axisMax := xmax
	for i, r := range bars.rows {
		w := 14 * u
		for _, l := range r.labels {
			w += p.width(l.text, textStyle{size: namePx, bold: l.bold}) + 5*u
		}
		axisMax = math.Max(axisMax, bars.end(i)/(1-math.Min(0.7, w/plotW)))
	}
	pl.X.Min, pl.X.Max = 0, axisMax
	pl.X.Tick.Marker = niceTicks{n: int(math.Max(3, plotW/(150*u)))}
	pl.X.Label.Text = xLabel
	pl.Y.Min, pl.Y.Max = -0.6, float64(n)-0.4
	return pl
}

// stageBars is the "bars" picture: each stage's wait and work stacked, in
// flow order, with its lead time and what is special about it.
func drawStageBars(p *painter, m *vsm.Map, o Options) {
	x := vsm.Compute(m)
	cal := calendarOf(m)
	u := math.Min(p.w/DefaultWidth, p.h/DefaultHeight)
	margin := 24 * u
	sub := "Where each stage's lead time goes"
	if t := x.Totals; t.FlowEfficiency != nil {
		sub = fmt.Sprintf("Lead time %s: %s waiting, %s working (flow efficiency %s)",
			vsm.FormatDuration(t.LeadHours, cal), vsm.FormatDuration(t.WaitHours, cal),
			vsm.FormatDuration(t.ProcessHours, cal), vsm.FormatPercent(*t.FlowEfficiency))
	}
	top := drawChartHeader(p, "Wait and work per stage: "+m.Name, sub,
		[]legendItem{{"Wait", clrWait}, {"Work", clrWork}, {"Biggest wait", clrBiggest}}, o, u, margin)
	if len(m.Stages) == 0 {
		p.text("No stages yet: add stages to see where time goes.", p.w/2, (top+p.h)/2, textStyle{size: 22 * u},
			clrMuted, alignCenter, p.w-2*margin)
		return
	}
	maxLead := 0.0
	for _, s := range x.Stages {
		maxLead = math.Max(maxLead, s.LeadHours)
	}
	scale, axis := durationAxis(maxLead, cal)
	bars := &hbars{u: u}
	names := make([]string, len(m.Stages))
	for i, s := range x.Stages {
		names[i] = s.Name
		wc := clrWait
		if x.BiggestWait != nil && x.BiggestWait.Index == i {
			wc = clrBiggest
		}
		row := hbarRow{segs: []hbarSeg{
			{0, s.WaitHours * scale, wc},
			{s.WaitHours * scale, s.LeadHours * scale, clrWork},
		}}
		row.labels = append(row.labels, hbarLabel{text: vsm.FormatDuration(s.LeadHours, cal), col: clrInk, bold: true})
		if x.Constraint != nil && x.Constraint.Index == i {
			row.labels = append(row.labels, hbarLabel{text: "constraint", col: clrConstraint, bold: true})
		}
		if x.BiggestWait != nil && x.BiggestWait.Index == i {
			row.labels = append(row.labels, hbarLabel{text: "biggest wait", col: clrBiggest, bold: true})
		}
		if s.Overloaded {
			row.labels = append(row.labels, hbarLabel{text: "overloaded", col: clrConstraint})
		}
		bars.rows = append(bars.rows, row)
	}
	a := area{margin, top, p.w - margin, p.h - margin}
	pl := hbarPlot(p, a, bars, names, axis, maxLead*scale, u)
	pl.Draw(p.canvas(a))
}

// drawWaterfall is the "waterfall" picture: each stage's lead time starts
// where the previous one ended, split into its wait and its work, with the
// share of it spent waiting; the last bar is the whole lead time.
func drawWaterfall(p *painter, m *vsm.Map, o Options) {
	x := vsm.Compute(m)
	cal := calendarOf(m)
	u := math.Min(p.w/DefaultWidth, p.h/DefaultHeight)
	margin := 24 * u
	t := x.Totals
	sub := "How an item's lead time builds up, stage by stage"
	if t.LeadHours > 0 {
		sub = fmt.Sprintf("%s of the %s lead time is waiting", vsm.FormatPercent(t.WaitHours/t.LeadHours),
			vsm.FormatDuration(t.LeadHours, cal))
	}
	top := drawChartHeader(p, "Wait-time waterfall: "+m.Name, sub,
		[]legendItem{{"Wait", clrWait}, {"Work", clrWork}, {"Biggest wait", clrBiggest}}, o, u, margin)
	if len(m.Stages) == 0 {
		p.text("No stages yet: add stages to see where time goes.", p.w/2, (top+p.h)/2, textStyle{size: 22 * u},
			clrMuted, alignCenter, p.w-2*margin)
		return
	}
	scale, axis := durationAxis(t.LeadHours, cal)
	bars := &hbars{u: u, connectors: true}
	names := make([]string, 0, len(m.Stages)+1)
	cum := 0.0
	share := func(wait, lead float64) string {
		if lead <= 0 {
			return "no time"
		}
		return vsm.FormatPercent(wait/lead) + " waiting"
	}
	for i, s := range x.Stages {
		names = append(names, s.Name)
		wc := clrWait
		if x.BiggestWait != nil && x.BiggestWait.Index == i {
			wc = clrBiggest
		}
		a, b, c := cum, cum+s.WaitHours*scale, cum+s.LeadHours*scale
		bars.rows = append(bars.rows, hbarRow{
			segs: []hbarSeg{{a, b, wc}, {b, c, clrWork}},
			labels: []hbarLabel{
				{text: share(s.WaitHours, s.LeadHours), col: clrWaitInk, bold: true},
				{text: "of " + vsm.FormatDuration(s.LeadHours, cal), col: clrMuted},
			},
		})
		cum = c
	}
	names = append(names, "Total lead time")
	bars.rows = append(bars.rows, hbarRow{
		segs: []hbarSeg{{0, t.WaitHours * scale, clrWait}, {t.WaitHours * scale, t.LeadHours * scale, clrWork}},
		labels: []hbarLabel{
			{text: share(t.WaitHours, t.LeadHours), col: clrWaitInk, bold: true},
			{text: "of " + vsm.FormatDuration(t.LeadHours, cal), col: clrInk, bold: true},
		},
	})
	a := area{margin, top, p.w - margin, p.h - margin}
	pl := hbarPlot(p, a, bars, names, axis, t.LeadHours*scale, u)
	pl.Draw(p.canvas(a))
}

// niceTicks puts about n labelled ticks on round numbers (1, 2, 2.5 or 5 times
// a power of ten), with a minor tick between each two.
type niceTicks struct{ n int }

// maxTicks bounds the labelled ticks of an axis. About n are asked for;
// only a range tiny beside its values (1e17 to 1e17+16, where float64s are 16
// apart) makes the step so small that the tick counter stops changing, and
// the loop would never end without it.
const maxTicks = 200

func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'f', -1, 64)}}
	}
	n := max(t.n, 2)
	raw := (hi - lo) / float64(n)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := pow
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= raw {
			step = m * pow
			break
		}
	}
	decimals := 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if math.Abs(step*math.Pow(10, float64(decimals))-math.Round(step*math.Pow(10, float64(decimals)))) > 1e-9 {
			decimals++ // 0.25 needs two places
		}
	} else if step != math.Trunc(step) {
		decimals = 1 // 2.5
	}
	var ticks []plot.Tick
	for i, k := math.Ceil(lo/step-1e-9), 0; i*step <= hi+1e-9*step && k < maxTicks; i, k = i+1, k+1 {
		v := i * step
		if v == 0 {
			v = 0 // not -0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
		if h := v + step/2; h <= hi {
			ticks = append(ticks, plot.Tick{Value: h})
		}
	}
	return ticks
}
