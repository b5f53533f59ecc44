package importui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// distView draws, per stage, a box plot of the wait and of the work per item:
// the box spans the middle half of the items (25th to 75th percentile), the
// bar in it is the median, the dot the mean, and the whiskers reach the 5th
// and 95th percentiles. Every row shares one duration axis, so stages compare
// at a glance.
type distView struct {
	widget.BaseWidget
	stages []vsm.StageStats
	cal    vsm.Calendar
}

func newDistView() *distView {
	v := &distView{cal: vsm.DefaultCalendar()}
	v.ExtendBaseWidget(v)
	return v
}

// Set shows stages, with durations written on calendar cal.
func (v *distView) Set(stages []vsm.StageStats, cal vsm.Calendar) {
	v.stages, v.cal = stages, cal
	v.Refresh()
}

// Geometry of the drawing, in Fyne units.
const (
	dvNameW    = 170 // stage names
	dvStatW    = 190 // the figures at the right of each row
	dvRowH     = 24  // one box plot
	dvGroupGap = 14  // between stages
	dvLegendH  = 30
	dvAxisH    = 34
	dvPad      = 8
)

func (v *distView) CreateRenderer() fyne.WidgetRenderer {
	r := &distRenderer{v: v}
	r.rebuild()
	return r
}

// boxStats are the five figures of one box plot, in hours.
type boxStats struct {
	lo, q1, med, q3, hi, mean float64
	n                         int
	samples                   bool // from per-item samples; else only median, p85 and mean
}

func boxOf(samples []float64, d vsm.Dist, n int) boxStats {
	if len(samples) == 0 {
		return boxStats{med: d.Median, q3: d.P85, hi: d.P85, mean: d.Mean, n: n}
	}
	q := func(p float64) float64 {
		v, _ := vsm.Quantile(samples, p) // the reader's rule for its median and 85th percentile
		return v
	}
	return boxStats{
		lo: q(0.05), q1: q(0.25), med: q(0.5), q3: q(0.75), hi: q(0.95), mean: d.Mean,
		n: len(samples), samples: true,
	}
}

// axisStep picks a tick step in the calendar's own units (minutes, hours,
// days, weeks) that puts at most six ticks on an axis up to max hours.
func axisStep(max float64, cal vsm.Calendar) float64 {
	d, w := cal.HoursPerDay, cal.HoursPerWeek()
	steps := []float64{5.0 / 60, 0.25, 0.5, 1, 2, 4, d, 2 * d, w, 2 * w, 4 * w, 10 * w, 20 * w, 50 * w, 100 * w}
	for _, s := range steps {
		if s > 0 && max/s <= 6 {
			return s
		}
	}
	return math.Ceil(max / 6)
}

type distRenderer struct {
	v       *distView
	objects []fyne.CanvasObject
	size    fyne.Size
	place   func(size fyne.Size)
	min     fyne.Size
}

func (r *distRenderer) Destroy()                     {}
func (r *distRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *distRenderer) MinSize() fyne.Size           { return r.min }
func (r *distRenderer) Layout(size fyne.Size) {
	r.size = size
	if r.place != nil {
		r.place(size)
	}
}
func (r *distRenderer) Refresh() {
	r.rebuild()
	if r.size.Width > 0 {
		r.place(r.size)
	}
	canvas.Refresh(r.v)
}

func waitColor() color.Color {
	if luminanceOf(theme.Color(theme.ColorNameBackground)) < 0.5 {
		return color.NRGBA{R: 0xff, G: 0xb3, B: 0x47, A: 0xff}
	}
	return color.NRGBA{R: 0xd9, G: 0x6c, B: 0x00, A: 0xff}
}

func workColor() color.Color { return theme.Color(theme.ColorNamePrimary) }

func luminanceOf(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// soft is c at a third of its opacity, for box fills.
func soft(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0x50
	return n
}

func newText(s string, size float32, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	return t
}

// rebuild makes the drawing's objects for the current stages and a place
// function that positions them for a size.
func (r *distRenderer) rebuild() {
	v := r.v
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)
	grid := theme.Color(theme.ColorNameSeparator)
	text := theme.TextSize()
	small := theme.CaptionTextSize()
	cal := v.cal
	var objs []fyne.CanvasObject
	add := func(o fyne.CanvasObject) { objs = append(objs, o) }

	type row struct {
		box   boxStats
		col   color.Color
		label *canvas.Text
		stat  *canvas.Text
		whisk *canvas.Line
		capLo *canvas.Line
		capHi *canvas.Line
		rect  *canvas.Rectangle
		med   *canvas.Line
		mean  *canvas.Circle
		empty *canvas.Text
	}
	type group struct {
		name *canvas.Text
		rows [2]*row
	}

	// Legend.
	waitSw := canvas.NewRectangle(soft(waitColor()))
	waitSw.StrokeColor, waitSw.StrokeWidth = waitColor(), 1
	workSw := canvas.NewRectangle(soft(workColor()))
	workSw.StrokeColor, workSw.StrokeWidth = workColor(), 1
	waitLbl := newText("wait before the stage", text, fg, false)
	workLbl := newText("work in the stage", text, fg, false)
	key := newText("per item · box: middle half of the items · bar: median · dot: mean · whiskers: 5th to 95th percentile", small, muted, false)
	for _, o := range []fyne.CanvasObject{waitSw, workSw, waitLbl, workLbl, key} {
		add(o)
	}

	maxH := 0.0
	groups := make([]group, len(v.stages))
	for i, s := range v.stages {
		g := group{name: newText(s.Name, text, fg, true)}
		add(g.name)
		for k, kind := range []string{"wait", "work"} {
			d, samples, c := s.Wait, s.WaitHours, waitColor()
			if kind == "work" {
				d, samples, c = s.Work, s.WorkHours, workColor()
			}
			b := boxOf(samples, d, s.Completed)
			maxH = math.Max(maxH, math.Max(b.hi, b.mean))
			rw := &row{box: b, col: c, label: newText(kind, small, muted, false)}
			add(rw.label)
			if b.n == 0 {
				rw.empty = newText("no finished items yet", small, muted, false)
				add(rw.empty)
			} else {
				rw.whisk = canvas.NewLine(c)
				rw.capLo = canvas.NewLine(c)
				rw.capHi = canvas.NewLine(c)
				rw.rect = canvas.NewRectangle(soft(c))
				rw.rect.StrokeColor, rw.rect.StrokeWidth = c, 1.5
				rw.med = canvas.NewLine(fg)
				rw.med.StrokeWidth = 2.5
				rw.mean = canvas.NewCircle(fg)
				stat := fmt.Sprintf("median %s · 85%% %s", fmtDur(d.Median, cal), fmtDur(d.P85, cal))
				rw.stat = newText(stat, small, fg, false)
				for _, o := range []fyne.CanvasObject{rw.whisk, rw.capLo, rw.capHi, rw.rect, rw.med, rw.mean, rw.stat} {
					add(o)
				}
			}
			g.rows[k] = rw
		}
		groups[i] = g
	}
	if maxH <= 0 {
		maxH = 1
	}
	step := axisStep(maxH, cal)
	axisMax := math.Ceil(maxH/step) * step
	nTicks := int(math.Round(axisMax/step)) + 1
	type tick struct {
		line  *canvas.Line
		label *canvas.Text
	}
	ticks := make([]tick, nTicks)
	for i := range ticks {
		ticks[i] = tick{canvas.NewLine(grid), newText(fmtDur(float64(i)*step, cal), small, muted, false)}
		ticks[i].line.StrokeWidth = 1
	}
	// Grid lines go under everything: put them first.
	under := make([]fyne.CanvasObject, 0, len(objs)+2*nTicks)
	for _, t := range ticks {
		under = append(under, t.line)
	}
	for _, t := range ticks {
		under = append(under, t.label)
	}
	empty := newText("No stages were measured.", text, muted, false)
	if len(groups) == 0 {
		under = append(under, empty)
	}
	r.objects = append(under, objs...)

	groupH := float32(2*dvRowH + dvGroupGap)
	height := dvLegendH + float32(len(groups))*groupH + dvAxisH
	r.min = fyne.NewSize(dvNameW+dvStatW+360, height)

	r.place = func(size fyne.Size) {
		x0 := float32(dvNameW)
		x1 := size.Width - dvStatW
		if x1 < x0+100 {
			x1 = x0 + 100
		}
		xOf := func(h float64) float32 { return x0 + float32(h/axisMax)*(x1-x0) }
		// Legend.
		sw := float32(14)
		waitSw.Move(fyne.NewPos(dvPad, 8))
		waitSw.Resize(fyne.NewSquareSize(sw))
		waitLbl.Move(fyne.NewPos(dvPad+sw+6, 8+sw/2-waitLbl.MinSize().Height/2))
		wx := dvPad + sw + 6 + waitLbl.MinSize().Width + 20
		workSw.Move(fyne.NewPos(wx, 8))
		workSw.Resize(fyne.NewSquareSize(sw))
		workLbl.Move(fyne.NewPos(wx+sw+6, 8+sw/2-workLbl.MinSize().Height/2))
		kx := wx + sw + 6 + workLbl.MinSize().Width + 24
		key.Move(fyne.NewPos(kx, 8+sw/2-key.MinSize().Height/2))

		top := float32(dvLegendH)
		bottom := top + float32(len(groups))*groupH
		for i, t := range ticks {
			x := xOf(float64(i) * step)
			t.line.Position1 = fyne.NewPos(x, top)
			t.line.Position2 = fyne.NewPos(x, bottom)
			ls := t.label.MinSize()
			t.label.Move(fyne.NewPos(x-ls.Width/2, bottom+4))
		}
		empty.Move(fyne.NewPos(dvPad, top+8))
		for i, g := range groups {
			gy := top + float32(i)*groupH + dvGroupGap/2
			g.name.Move(fyne.NewPos(dvPad, gy+dvRowH-g.name.MinSize().Height/2))
			for k, rw := range g.rows {
				y := gy + float32(k)*dvRowH
				mid := y + dvRowH/2
				ls := rw.label.MinSize()
				rw.label.Move(fyne.NewPos(x0-ls.Width-8, mid-ls.Height/2))
				if rw.empty != nil {
					es := rw.empty.MinSize()
					rw.empty.Move(fyne.NewPos(x0+6, mid-es.Height/2))
					continue
				}
				b := rw.box
				bh := float32(dvRowH) * 0.62
				if b.samples {
					rw.whisk.Position1 = fyne.NewPos(xOf(b.lo), mid)
					rw.whisk.Position2 = fyne.NewPos(xOf(b.hi), mid)
					rw.capLo.Position1 = fyne.NewPos(xOf(b.lo), mid-bh/3)
					rw.capLo.Position2 = fyne.NewPos(xOf(b.lo), mid+bh/3)
					rw.capHi.Position1 = fyne.NewPos(xOf(b.hi), mid-bh/3)
					rw.capHi.Position2 = fyne.NewPos(xOf(b.hi), mid+bh/3)
					rw.rect.Move(fyne.NewPos(xOf(b.q1), mid-bh/2))
					rw.rect.Resize(fyne.NewSize(max(xOf(b.q3)-xOf(b.q1), 1), bh))
				} else {
					// Without samples only the median and the 85th percentile are known.
					rw.whisk.Hide()
					rw.capLo.Hide()
					rw.capHi.Position1 = fyne.NewPos(xOf(b.hi), mid-bh/3)
					rw.capHi.Position2 = fyne.NewPos(xOf(b.hi), mid+bh/3)
					rw.rect.Hide()
				}
				rw.med.Position1 = fyne.NewPos(xOf(b.med), mid-bh/2-2)
				rw.med.Position2 = fyne.NewPos(xOf(b.med), mid+bh/2+2)
				const dot = 6
				rw.mean.Move(fyne.NewPos(xOf(b.mean)-dot/2, mid-dot/2))
				rw.mean.Resize(fyne.NewSquareSize(dot))
				ss := rw.stat.MinSize()
				rw.stat.Move(fyne.NewPos(x1+14, mid-ss.Height/2))
			}
		}
	}
}
