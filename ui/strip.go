package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// MetricsStrip shows the value stream's figures in a row of cards (lead,
// process and wait time, flow efficiency, rolled %C&A, rework-adjusted lead,
// takt and capacity when demand is known) and, under them, the constraint, the
// biggest wait and overload, each with the one-line reason vsm.Compute gives.
// A map without stages says what to do instead of showing zeros.
type MetricsStrip struct {
	widget.BaseWidget

	m      *vsm.Map
	met    vsm.Metrics
	fitter textFitter
}

// NewMetricsStrip is an empty strip; Set gives it a map.
func NewMetricsStrip() *MetricsStrip {
	s := &MetricsStrip{}
	s.ExtendBaseWidget(s)
	return s
}

// Set shows the metrics of m and redraws.
func (s *MetricsStrip) Set(m *vsm.Map, met vsm.Metrics) {
	s.m, s.met = m, met
	s.Refresh()
}

// card is one figure: a caption over a value.
type card struct {
	caption, value string
	muted          bool // a hint rather than a figure
}

// cardsShown are the figures the strip shows, in order; empty for a map without
// stages. Tests read them to check what a person sees.
func (s *MetricsStrip) cardsShown() []card {
	if s.m == nil || len(s.m.Stages) == 0 {
		return nil
	}
	cal := s.m.Calendar
	t := s.met.Totals
	fe := "—"
	if t.FlowEfficiency != nil {
		fe = vsm.FormatPercent(*t.FlowEfficiency)
	}
	cards := []card{
		{"Lead time", fmtDur(t.LeadHours, cal), false},
		{"Process time", fmtDur(t.ProcessHours, cal), false},
		{"Wait time", fmtDur(t.WaitHours, cal), false},
		{"Flow efficiency", fe, false},
		{"Rolled %C&A", vsm.FormatPercent(t.RolledCompleteAccurate), false},
		{"Lead with rework", fmtDur(t.ReworkAdjustedLeadHours, cal), false},
	}
	if s.m.DemandPerDay == nil || s.met.TaktHours == nil {
		return append(cards, card{"Takt & capacity", "set demand/day", true})
	}
	cards = append(cards, card{"Takt (" + uikit.Number(*s.m.DemandPerDay) + "/day)", fmtDur(*s.met.TaktHours, cal), false})
	capacity := "—"
	if t.CapacityPerDay != nil {
		capacity = fmtRate(*t.CapacityPerDay) + "/day"
	}
	return append(cards, card{"Capacity", capacity, false})
}

// flagLine is one line under the cards: a coloured label and its explanation.
type flagLine struct {
	label, text string
	kind        int // flagConstraint, flagWait, flagOverload
	none        bool
}

const (
	flagConstraint = iota
	flagWait
	flagOverload
)

// linesShown are the constraint, biggest-wait and overload lines as shown.
func (s *MetricsStrip) linesShown() []flagLine {
	if s.m == nil || len(s.m.Stages) == 0 {
		return nil
	}
	var out []flagLine
	if c := s.met.Constraint; c != nil {
		out = append(out, flagLine{"CONSTRAINT", c.Name + " — " + c.Reason, flagConstraint, false})
	} else {
		out = append(out, flagLine{"CONSTRAINT", "none yet — enter process times to find the stage of lowest capacity", flagConstraint, true})
	}
	if b := s.met.BiggestWait; b != nil {
		out = append(out, flagLine{"BIGGEST WAIT", b.Name + " — " + b.Reason, flagWait, false})
	} else {
		out = append(out, flagLine{"BIGGEST WAIT", "none — every wait is 0", flagWait, true})
	}
	switch {
	case len(s.met.Overloaded) > 0:
		var names []string
		for _, i := range s.met.Overloaded {
			st := s.met.Stages[i]
			names = append(names, fmt.Sprintf("%s %s", st.Name, vsm.FormatPercent(*st.Utilization)))
		}
		text := strings.Join(names, ", ") + " — demand is above capacity, so the queue grows"
		if len(names) > 1 {
			text = fmt.Sprintf("%d stages: %s", len(names), text)
		}
		out = append(out, flagLine{"OVERLOADED", text, flagOverload, false})
	case s.m.DemandPerDay != nil:
		out = append(out, flagLine{"OVERLOADED", "none — every stage keeps up with " + uikit.Number(*s.m.DemandPerDay) + " items/day", flagOverload, true})
	default:
		out = append(out, flagLine{"OVERLOADED", "set demand per day in Map settings to check", flagOverload, true})
	}
	return out
}

// EmptyText is what the strip says for a map without stages.
const EmptyText = "Add stages to see lead time, process time, flow efficiency, the constraint and the biggest wait (Ctrl+N adds one)."

// CreateRenderer implements fyne.Widget.
func (s *MetricsStrip) CreateRenderer() fyne.WidgetRenderer {
	r := &stripRenderer{s: s, empty: newText()}
	for i := range r.lines {
		r.lines[i] = stripLine{pill: newRect(), label: newText(), text: newText()}
	}
	r.Refresh()
	return r
}

const maxCards = 8

type stripCard struct {
	bg             *canvas.Rectangle
	caption, value *canvas.Text
}

type stripLine struct {
	pill        *canvas.Rectangle
	label, text *canvas.Text
}

type stripRenderer struct {
	s       *MetricsStrip
	cards   [maxCards]stripCard
	lines   [3]stripLine
	empty   *canvas.Text
	objects []fyne.CanvasObject
	size    fyne.Size
}

type stripGeom struct {
	s, pad, cardH, caption, value, lineH, text, gap float32
}

func stripGeomFor(th fyne.Theme) stripGeom {
	s := th.Size(theme.SizeNameText) / 14
	return stripGeom{s: s, pad: 8 * s, cardH: 50 * s, caption: 11.5 * s, value: 20 * s, lineH: 20 * s, text: 12.5 * s, gap: 5 * s}
}

func (r *stripRenderer) Destroy() {}

func (r *stripRenderer) Objects() []fyne.CanvasObject {
	if r.objects == nil {
		r.objects = []fyne.CanvasObject{r.empty}
		for i := range r.cards {
			r.cards[i] = stripCard{bg: newRect(), caption: newText(), value: newText()}
			r.objects = append(r.objects, r.cards[i].bg, r.cards[i].caption, r.cards[i].value)
		}
		for _, l := range r.lines {
			r.objects = append(r.objects, l.pill, l.label, l.text)
		}
	}
	return r.objects
}

func (r *stripRenderer) MinSize() fyne.Size {
	g := stripGeomFor(r.s.Theme())
	return fyne.NewSize(300*g.s, g.cardH+g.gap+3*g.lineH+g.pad)
}

func (r *stripRenderer) Layout(size fyne.Size) {
	r.size = size
	r.draw()
}

func (r *stripRenderer) Refresh() { r.draw() }

func (r *stripRenderer) draw() {
	r.Objects()
	s := r.s
	th := s.Theme()
	g := stripGeomFor(th)
	p := currentPalette(th)
	width := r.size.Width
	cards := s.cardsShown()
	if len(cards) == 0 {
		for _, c := range r.cards {
			c.bg.Hide()
			c.caption.Hide()
			c.value.Hide()
		}
		for _, l := range r.lines {
			l.pill.Hide()
			l.label.Hide()
			l.text.Hide()
		}
		msg := s.fitter.fit(EmptyText, g.value*0.8, fyne.TextStyle{}, width-2*g.pad)
		r.empty.Text, r.empty.TextSize, r.empty.Color = msg, g.value*0.8, p.muted
		r.empty.Alignment = fyne.TextAlignCenter
		r.empty.Move(fyne.NewPos(g.pad, (r.MinSize().Height-g.value)/2))
		r.empty.Resize(fyne.NewSize(fyne.Max(0, width-2*g.pad), g.value*1.3))
		r.empty.Show()
		r.empty.Refresh()
		return
	}
	r.empty.Hide()
	cw := (width - float32(len(cards)-1)*g.gap) / float32(len(cards))
	for i := range r.cards {
		c := r.cards[i]
		if i >= len(cards) {
			c.bg.Hide()
			c.caption.Hide()
			c.value.Hide()
			continue
		}
		x := float32(i) * (cw + g.gap)
		setRect(c.bg, x, 0, cw, g.cardH, p.surface, nil, 0, 6*g.s)
		inner := cw - 2*g.pad
		placeText(&s.fitter, c.caption, cards[i].caption, x+g.pad, 5*g.s, inner, g.caption, fyne.TextStyle{}, p.muted)
		valueSize, valueColor := g.value, p.fg
		if cards[i].muted {
			valueSize, valueColor = g.text, p.muted
		}
		placeText(&s.fitter, c.value, cards[i].value, x+g.pad, 5*g.s+g.caption*1.4, inner, valueSize, fyne.TextStyle{Bold: !cards[i].muted}, valueColor)
	}
	for i, fl := range s.linesShown() {
		l := r.lines[i]
		accent := p.constraint
		switch fl.kind {
		case flagWait:
			accent = p.wait
		case flagOverload:
			accent = p.overload
		}
		y := g.cardH + g.gap + float32(i)*g.lineH
		pillW := fyne.MeasureText("BIGGEST WAIT", g.caption, fyne.TextStyle{Bold: true}).Width + 14*g.s
		fill, fg := accent, p.onAccent
		if fl.none {
			fill, fg = tint(accent, p.bg, 0.25), p.fg
		}
		setRect(l.pill, 0, y+2*g.s, pillW, g.lineH-4*g.s, fill, nil, 0, (g.lineH-4*g.s)/2)
		l.label.Alignment = fyne.TextAlignCenter
		placeText(&s.fitter, l.label, fl.label, 0, y+(g.lineH-g.caption*1.35)/2, pillW, g.caption, fyne.TextStyle{Bold: true}, fg)
		textColor := p.fg
		if fl.none {
			textColor = p.muted
		}
		placeText(&s.fitter, l.text, fl.text, pillW+g.pad, y+(g.lineH-g.text*1.35)/2, width-pillW-g.pad, g.text, fyne.TextStyle{}, textColor)
	}
}

// placeText sets a text fitted to width at (x, y).
func placeText(f *textFitter, t *canvas.Text, s string, x, y, width, size float32, style fyne.TextStyle, c color.Color) {
	if width <= 0 {
		t.Hide()
		return
	}
	t.Text = f.fit(s, size, style, width)
	t.TextSize, t.TextStyle, t.Color = size, style, c
	t.Move(fyne.NewPos(x, y))
	t.Resize(fyne.NewSize(width, size*1.35))
	t.Show()
	t.Refresh()
}
