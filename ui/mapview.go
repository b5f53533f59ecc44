package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// MapView draws a value stream map as in VSM practice: stage boxes in flow
// order with their data, queue triangles with the wait before each stage, the
// lead-time ladder underneath (waits on the upper step, process times on the
// lower, sums at its end), the constraint and the biggest wait each marked in
// its own colour and labelled, overloaded stages flagged and waste tags shown.
//
// Every stage has a column of fixed width, so text never overlaps: long names
// are shortened with an ellipsis and a long map scrolls sideways. All sizes
// follow the theme's text size, so a theme override scales the whole picture.
type MapView struct {
	widget.BaseWidget

	// OnTapped is called with the index of the stage a person clicked.
	OnTapped func(stage int)

	m        *vsm.Map
	met      vsm.Metrics
	selected int
	hovered  int
	fitter   textFitter
}

// NewMapView is an empty map drawing; Set gives it a map.
func NewMapView() *MapView {
	v := &MapView{selected: -1, hovered: -1}
	v.ExtendBaseWidget(v)
	return v
}

// Set shows map m with its metrics and redraws. m is read, never changed.
func (v *MapView) Set(m *vsm.Map, met vsm.Metrics) {
	v.m, v.met = m, met
	v.Refresh()
}

// Select highlights stage i (-1 for none).
func (v *MapView) Select(i int) {
	if v.selected == i {
		return
	}
	v.selected = i
	v.Refresh()
}

// Selected is the highlighted stage, or -1.
func (v *MapView) Selected() int { return v.selected }

// StageSpan is the horizontal extent of stage i's column, for scrolling it
// into view.
func (v *MapView) StageSpan(i int) (x0, x1 float32) {
	g := geomFor(v.Theme())
	x0 = g.margin + float32(i)*g.stride
	return x0, x0 + g.stride
}

// StageAt is the stage whose column holds pos, or -1.
func (v *MapView) StageAt(pos fyne.Position) int {
	if v.m == nil {
		return -1
	}
	g := geomFor(v.Theme())
	if pos.X < g.margin || pos.Y > g.height {
		return -1
	}
	i := int((pos.X - g.margin) / g.stride)
	if i < 0 || i >= len(v.m.Stages) {
		return -1
	}
	return i
}

// Tapped selects the stage under the pointer.
func (v *MapView) Tapped(ev *fyne.PointEvent) {
	i := v.StageAt(ev.Position)
	if i >= 0 && v.OnTapped != nil {
		v.OnTapped(i)
	}
}

// Cursor shows a pointer: stages are clickable.
func (v *MapView) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn implements desktop.Hoverable.
func (v *MapView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved outlines the stage a click would select.
func (v *MapView) MouseMoved(ev *desktop.MouseEvent) {
	if i := v.StageAt(ev.Position); i != v.hovered {
		v.hovered = i
		v.Refresh()
	}
}

// MouseOut implements desktop.Hoverable.
func (v *MapView) MouseOut() {
	if v.hovered != -1 {
		v.hovered = -1
		v.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (v *MapView) CreateRenderer() fyne.WidgetRenderer {
	r := &mapRenderer{v: v}
	r.empty = canvas.NewText("", color.Black)
	r.totals = newTotalsGfx()
	r.Refresh()
	return r
}

// mapGeom holds the drawing's measures, derived from the theme's text size.
type mapGeom struct {
	s                                    float32 // scale: text size / 14
	margin, triW, boxW, stride, totalsW  float32
	badgeH, badge1Y, badge2Y             float32
	boxY, headerH, lineH, boxH, arrowY   float32
	chipY, chipH, chipGap                float32
	waitLabelY, ladderUp, ladderDown     float32
	height                               float32
	nameSize, small, tiny, value, border float32
}

func geomFor(th fyne.Theme) mapGeom {
	s := th.Size(theme.SizeNameText) / 14
	g := mapGeom{s: s}
	g.margin = 14 * s
	g.triW = 104 * s
	g.boxW = 150 * s
	g.stride = g.triW + g.boxW
	g.totalsW = 170 * s
	g.badgeH = 18 * s
	// Flags straddle the box's edges: CONSTRAINT (and BIGGEST WAIT over the
	// queue) on the top edge, OVERLOADED on the bottom edge.
	g.boxY = g.badgeH/2 + 6*s
	g.badge1Y = g.boxY - g.badgeH/2
	g.headerH = 38 * s
	g.lineH = 16.5 * s
	g.boxH = g.headerH + 4*g.lineH + 14*s
	g.badge2Y = g.boxY + g.boxH - g.badgeH/2
	g.arrowY = g.boxY + g.boxH/2
	g.chipY = g.boxY + g.boxH + g.badgeH/2 + 5*s
	g.chipH = 18 * s
	g.chipGap = 4 * s
	g.waitLabelY = g.chipY + 2*(g.chipH+g.chipGap) + 2*s
	g.ladderUp = g.waitLabelY + 18*s
	g.ladderDown = g.ladderUp + 26*s
	g.height = g.ladderDown + 24*s
	g.nameSize = 14 * s
	g.small = 11.5 * s
	g.tiny = 10 * s
	g.value = 12.5 * s
	g.border = 1.5 * s
	return g
}

// stageGfx are the canvas objects of one stage column, kept between redraws.
type stageGfx struct {
	inLine, outLine      *canvas.Line
	arrowHead            *canvas.ArbitraryPolygon
	tri                  *canvas.ArbitraryPolygon
	waitText, queueText  *canvas.Text
	waitBadge            *canvas.Rectangle
	waitBadgeText        *canvas.Text
	halo, box, header    *canvas.Rectangle
	name, team           *canvas.Text
	keys, vals           [4]*canvas.Text
	conBadge, ovBadge    *canvas.Rectangle
	conText, ovText      *canvas.Text
	chips                [maxChips]*canvas.Rectangle
	chipText             [maxChips]*canvas.Text
	moreText             *canvas.Text
	up, rise, down, fall *canvas.Line
	ladderWait, ladderPT *canvas.Text
}

const maxChips = 6

func newText() *canvas.Text { return canvas.NewText("", color.Black) }
func newLine() *canvas.Line { return canvas.NewLine(color.Black) }
func newRect() *canvas.Rectangle {
	return canvas.NewRectangle(color.Transparent)
}

func newStageGfx() *stageGfx {
	g := &stageGfx{
		inLine: newLine(), outLine: newLine(),
		arrowHead: canvas.NewArbitraryPolygon(nil, color.Black),
		tri:       canvas.NewArbitraryPolygon(nil, color.Black),
		waitText:  newText(), queueText: newText(),
		waitBadge: newRect(), waitBadgeText: newText(),
		halo: newRect(), box: newRect(), header: newRect(),
		name: newText(), team: newText(),
		conBadge: newRect(), ovBadge: newRect(), conText: newText(), ovText: newText(),
		moreText: newText(),
		up:       newLine(), rise: newLine(), down: newLine(), fall: newLine(),
		ladderWait: newText(), ladderPT: newText(),
	}
	for i := range g.keys {
		g.keys[i], g.vals[i] = newText(), newText()
	}
	for i := range g.chips {
		g.chips[i], g.chipText[i] = newRect(), newText()
	}
	return g
}

func (g *stageGfx) objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		g.up, g.rise, g.down, g.fall, g.ladderWait, g.ladderPT,
		g.inLine, g.outLine, g.arrowHead, g.tri, g.waitText, g.queueText,
		g.waitBadge, g.waitBadgeText,
		g.halo, g.box, g.header, g.name, g.team,
		g.conBadge, g.conText, g.ovBadge, g.ovText,
	}
	for i := range g.keys {
		objs = append(objs, g.keys[i], g.vals[i])
	}
	for i := range g.chips {
		objs = append(objs, g.chips[i], g.chipText[i])
	}
	return append(objs, g.moreText)
}

// totalsGfx is the value stream's summary box and the ladder's end.
type totalsGfx struct {
	box, header          *canvas.Rectangle
	title                *canvas.Text
	keys, vals           [4]*canvas.Text
	upEnd, downEnd, tick *canvas.Line
	sumWait, sumPT       *canvas.Text
}

func newTotalsGfx() *totalsGfx {
	t := &totalsGfx{box: newRect(), header: newRect(), title: newText(),
		upEnd: newLine(), downEnd: newLine(), tick: newLine(), sumWait: newText(), sumPT: newText()}
	for i := range t.keys {
		t.keys[i], t.vals[i] = newText(), newText()
	}
	return t
}

func (t *totalsGfx) objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{t.upEnd, t.downEnd, t.tick, t.sumWait, t.sumPT, t.box, t.header, t.title}
	for i := range t.keys {
		objs = append(objs, t.keys[i], t.vals[i])
	}
	return objs
}

type mapRenderer struct {
	v       *MapView
	stages  []*stageGfx
	totals  *totalsGfx
	empty   *canvas.Text
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *mapRenderer) Destroy() {}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *mapRenderer) Layout(size fyne.Size) {
	if size != r.size {
		r.size = size
		r.placeEmpty(geomFor(r.v.Theme()))
	}
}

func (r *mapRenderer) MinSize() fyne.Size {
	g := geomFor(r.v.Theme())
	n := 0
	if r.v.m != nil {
		n = len(r.v.m.Stages)
	}
	if n == 0 {
		w := fyne.MeasureText(r.empty.Text, r.empty.TextSize, r.empty.TextStyle).Width
		return fyne.NewSize(w+2*g.margin, g.height)
	}
	return fyne.NewSize(g.margin*2+float32(n)*g.stride+g.totalsW+16*g.s, g.height)
}

func (r *mapRenderer) placeEmpty(g mapGeom) {
	h := r.empty.MinSize().Height
	r.empty.Move(fyne.NewPos(0, (g.height-h)/2))
	r.empty.Resize(fyne.NewSize(fyne.Max(r.size.Width, r.empty.MinSize().Width), h))
}

// Refresh redraws every stage from the map and its metrics. Objects are reused
// between redraws; only the number of stage columns changes the object list.
func (r *mapRenderer) Refresh() {
	v := r.v
	th := v.Theme()
	g := geomFor(th)
	p := currentPalette(th)
	n := 0
	if v.m != nil {
		n = len(v.m.Stages)
	}
	if n != len(r.stages) || r.objects == nil {
		for len(r.stages) < n {
			r.stages = append(r.stages, newStageGfx())
		}
		r.stages = r.stages[:n]
		objs := []fyne.CanvasObject{r.empty}
		for _, s := range r.stages {
			objs = append(objs, s.objects()...)
		}
		r.objects = append(objs, r.totals.objects()...)
	}
	if n == 0 {
		r.empty.Text = "No stages yet: add the first one with Ctrl+N or the Add stage button."
		r.empty.Color = p.muted
		r.empty.TextSize = g.nameSize
		r.empty.Alignment = fyne.TextAlignCenter
		r.empty.Show()
		r.placeEmpty(g)
		r.empty.Refresh()
		for _, o := range r.totals.objects() {
			o.Hide()
		}
		return
	}
	r.empty.Hide()
	cal := v.m.Calendar
	for i := range r.stages {
		r.drawStage(i, g, p, cal)
	}
	r.drawTotals(g, p, cal)
}

func (r *mapRenderer) drawStage(i int, g mapGeom, p palette, cal vsm.Calendar) {
	v := r.v
	st := v.m.Stages[i]
	sm := v.met.Stages[i]
	gfx := r.stages[i]
	x := g.margin + float32(i)*g.stride
	boxX := x + g.triW
	isCon := v.met.Constraint != nil && v.met.Constraint.Index == i
	isWait := v.met.BiggestWait != nil && v.met.BiggestWait.Index == i

	// Flow arrows: from the previous box into the queue, from the queue into this box.
	triW, triH := 44*g.s, 38*g.s
	triX := x + (g.triW-triW)/2
	triY := g.arrowY - triH/2 - 4*g.s
	arrow := p.ladder
	lineFrom := x
	if i == 0 {
		lineFrom = triX - 10*g.s
	}
	setLine(gfx.inLine, lineFrom, g.arrowY, triX, g.arrowY, arrow, g.border)
	setLine(gfx.outLine, triX+triW, g.arrowY, boxX-7*g.s, g.arrowY, arrow, g.border)
	ah := 6 * g.s
	setPoly(gfx.arrowHead, boxX-9*g.s, g.arrowY-ah, []fyne.Position{{X: 0, Y: 0}, {X: 9 * g.s, Y: ah}, {X: 0, Y: 2 * ah}}, arrow, nil, 0)

	// The queue triangle, filled in the wait colour for the biggest wait.
	triFill := tint(p.ladder, p.bg, 0.18)
	triStroke := p.ladder
	if isWait {
		triFill, triStroke = p.wait, p.wait
	}
	setPoly(gfx.tri, triX, triY, []fyne.Position{{X: triW / 2, Y: 0}, {X: triW, Y: triH}, {X: 0, Y: triH}}, triFill, triStroke, g.border)
	waitStr := fmtDur(sm.WaitHours, cal)
	if sm.WaitFromQueue {
		waitStr = "≈" + waitStr
	}
	waitColor := p.fg
	if isWait {
		waitColor = p.wait
	}
	r.put(gfx.waitText, waitStr, x, triY+triH+4*g.s, g.triW, g.value, fyne.TextStyle{Bold: true}, waitColor, fyne.TextAlignCenter)
	queue := ""
	if st.Queue != nil {
		queue = uikit.Number(*st.Queue) + " queued"
	}
	r.put(gfx.queueText, queue, x, triY+triH+4*g.s+g.lineH, g.triW, g.tiny, fyne.TextStyle{}, p.muted, fyne.TextAlignCenter)
	if isWait {
		r.badge(gfx.waitBadge, gfx.waitBadgeText, "BIGGEST WAIT", x+4*g.s, g.badge1Y, g.triW-8*g.s, g, p.wait, p.onAccent, true)
	} else {
		gfx.waitBadge.Hide()
		gfx.waitBadgeText.Hide()
	}

	// The stage box: name and team in the header, then its data.
	stroke, width := p.border, g.border
	if isCon {
		stroke, width = p.constraint, 3*g.s
	}
	setRect(gfx.box, boxX, g.boxY, g.boxW, g.boxH, p.surface, stroke, width, 6*g.s)
	headerFill := p.header
	if isCon {
		headerFill = tint(p.constraint, p.bg, 0.22)
	}
	inset := width
	setRect(gfx.header, boxX+inset, g.boxY+inset, g.boxW-2*inset, g.headerH-inset, headerFill, nil, 0, 0)
	gfx.header.TopLeftCornerRadius, gfx.header.TopRightCornerRadius = 6*g.s-inset, 6*g.s-inset
	switch {
	case i == v.selected:
		setRect(gfx.halo, boxX-5*g.s, g.boxY-5*g.s, g.boxW+10*g.s, g.boxH+10*g.s, nil, p.primary, 2.5*g.s, 9*g.s)
	case i == v.hovered:
		setRect(gfx.halo, boxX-5*g.s, g.boxY-5*g.s, g.boxW+10*g.s, g.boxH+10*g.s, nil, p.muted, 1.5*g.s, 9*g.s)
	default:
		gfx.halo.Hide()
	}
	pad := 8 * g.s
	inner := g.boxW - 2*pad
	r.put(gfx.name, st.Name, boxX+pad, g.boxY+4*g.s, inner, g.nameSize, fyne.TextStyle{Bold: true}, p.fg, fyne.TextAlignLeading)
	team := st.Team
	if team == "" {
		team = "no team"
	}
	r.put(gfx.team, team, boxX+pad, g.boxY+4*g.s+g.nameSize*1.3, inner, g.small, fyne.TextStyle{}, p.muted, fyne.TextAlignLeading)
	rows := [4][2]string{
		{"PT", fmtDur(sm.ProcessHours, cal)},
		{"LT", fmtDur(sm.LeadHours, cal)},
		{"%C&A", vsm.FormatPercent(sm.CompleteAccurate)},
		{"People", uikit.Number(sm.People)},
	}
	for k, row := range rows {
		y := g.boxY + g.headerH + 4*g.s + float32(k)*g.lineH
		r.put(gfx.keys[k], row[0], boxX+pad, y, inner/2, g.small, fyne.TextStyle{}, p.muted, fyne.TextAlignLeading)
		r.put(gfx.vals[k], row[1], boxX+pad+inner*0.35, y, inner*0.65, g.small, fyne.TextStyle{Bold: true}, p.fg, fyne.TextAlignTrailing)
	}

	// Flags above the box: the constraint, then overload.
	if isCon {
		r.badge(gfx.conBadge, gfx.conText, "CONSTRAINT", boxX+8*g.s, g.badge1Y, 0, g, p.constraint, p.onAccent, true)
	} else {
		gfx.conBadge.Hide()
		gfx.conText.Hide()
	}
	if sm.Overloaded && sm.Utilization != nil {
		r.badge(gfx.ovBadge, gfx.ovText, "OVERLOADED "+vsm.FormatPercent(*sm.Utilization), boxX+8*g.s, g.badge2Y, 0, g, p.overload, p.onAccent, true)
	} else {
		gfx.ovBadge.Hide()
		gfx.ovText.Hide()
	}

	// Waste tags as chips under the box, two lines at most.
	r.drawChips(gfx, st.Waste, boxX, g, p)

	// The lead-time ladder: the wait on the upper step under the queue, the
	// process time on the lower step under the box.
	ladder, ladderW := p.ladder, 2*g.s
	waitLadder, waitW := ladder, ladderW
	if isWait {
		waitLadder, waitW = p.wait, 4*g.s
	}
	setLine(gfx.up, x, g.ladderUp, boxX, g.ladderUp, waitLadder, waitW)
	setLine(gfx.rise, boxX, g.ladderUp, boxX, g.ladderDown, ladder, ladderW)
	setLine(gfx.down, boxX, g.ladderDown, boxX+g.boxW, g.ladderDown, ladder, ladderW)
	setLine(gfx.fall, boxX+g.boxW, g.ladderDown, boxX+g.boxW, g.ladderUp, ladder, ladderW)
	r.put(gfx.ladderWait, waitStr, x, g.ladderUp-g.value*1.45, g.triW, g.value, fyne.TextStyle{Bold: isWait}, waitColor, fyne.TextAlignCenter)
	r.put(gfx.ladderPT, fmtDur(sm.ProcessHours, cal), boxX, g.ladderDown+3*g.s, g.boxW, g.value, fyne.TextStyle{}, p.fg, fyne.TextAlignCenter)
}

func (r *mapRenderer) drawChips(gfx *stageGfx, ws []vsm.Waste, boxX float32, g mapGeom, p palette) {
	padX := 6 * g.s
	right := boxX + g.boxW
	more := 26 * g.s // room for "+N" on the last line when tags remain
	cx, line, shown := boxX, 0, 0
	for k := 0; k < len(ws) && k < maxChips; k++ {
		label := string(ws[k])
		w := fyne.Min(fyne.MeasureText(label, g.tiny, fyne.TextStyle{}).Width+2*padX, g.boxW)
		if cx > boxX && cx+w > right {
			line++
			cx = boxX
		}
		limit := right
		if line == 1 && k < len(ws)-1 {
			limit -= more
		}
		if line > 1 || (line == 1 && cx+w > limit) {
			break
		}
		y := g.chipY + float32(line)*(g.chipH+g.chipGap)
		setRect(gfx.chips[k], cx, y, w, g.chipH, p.chip, tint(p.wait, p.bg, 0.5), 1, g.chipH/2)
		r.put(gfx.chipText[k], label, cx+padX, y+(g.chipH-g.tiny*1.35)/2, w-2*padX, g.tiny, fyne.TextStyle{}, p.fg, fyne.TextAlignCenter)
		cx += w + g.chipGap
		shown++
	}
	for k := shown; k < maxChips; k++ {
		gfx.chips[k].Hide()
		gfx.chipText[k].Hide()
	}
	if rest := len(ws) - shown; rest > 0 {
		y := g.chipY + (g.chipH + g.chipGap)
		r.put(gfx.moreText, "+"+itoa(rest), right-more, y+(g.chipH-g.tiny*1.35)/2, more, g.tiny, fyne.TextStyle{Bold: true}, p.muted, fyne.TextAlignTrailing)
	} else {
		gfx.moreText.Hide()
	}
}

func (r *mapRenderer) drawTotals(g mapGeom, p palette, cal vsm.Calendar) {
	t := r.totals
	tot := r.v.met.Totals
	n := len(r.stages)
	x := g.margin + float32(n)*g.stride
	// The ladder ends on the upper step, with the sums of its two steps.
	setLine(t.upEnd, x, g.ladderUp, x+24*g.s, g.ladderUp, p.ladder, 2*g.s)
	setLine(t.tick, x+24*g.s, g.ladderUp-8*g.s, x+24*g.s, g.ladderDown+8*g.s, p.ladder, 2*g.s)
	t.downEnd.Hide()
	r.put(t.sumWait, "Σ wait "+fmtDur(tot.WaitHours, cal), x+32*g.s, g.ladderUp-g.value*1.45, g.totalsW, g.value, fyne.TextStyle{Bold: true}, p.fg, fyne.TextAlignLeading)
	r.put(t.sumPT, "Σ process "+fmtDur(tot.ProcessHours, cal), x+32*g.s, g.ladderDown+3*g.s, g.totalsW, g.value, fyne.TextStyle{Bold: true}, p.fg, fyne.TextAlignLeading)

	bx := x + 20*g.s
	setRect(t.box, bx, g.boxY, g.totalsW-20*g.s, g.boxH, p.surface, p.primary, 2*g.s, 6*g.s)
	setRect(t.header, bx+2*g.s, g.boxY+2*g.s, g.totalsW-24*g.s, g.headerH-2*g.s, tint(p.primary, p.bg, 0.2), nil, 0, 0)
	t.header.TopLeftCornerRadius, t.header.TopRightCornerRadius = 4*g.s, 4*g.s
	pad := 8 * g.s
	inner := g.totalsW - 20*g.s - 2*pad
	r.put(t.title, "Value stream", bx+pad, g.boxY+(g.headerH-g.nameSize*1.3)/2, inner, g.nameSize, fyne.TextStyle{Bold: true}, p.fg, fyne.TextAlignLeading)
	fe := "—"
	if tot.FlowEfficiency != nil {
		fe = vsm.FormatPercent(*tot.FlowEfficiency)
	}
	rows := [4][2]string{
		{"Lead", fmtDur(tot.LeadHours, cal)},
		{"Process", fmtDur(tot.ProcessHours, cal)},
		{"Wait", fmtDur(tot.WaitHours, cal)},
		{"Flow eff.", fe},
	}
	for k, row := range rows {
		y := g.boxY + g.headerH + 4*g.s + float32(k)*g.lineH
		r.put(t.keys[k], row[0], bx+pad, y, inner/2, g.small, fyne.TextStyle{}, p.muted, fyne.TextAlignLeading)
		r.put(t.vals[k], row[1], bx+pad+inner*0.4, y, inner*0.6, g.small, fyne.TextStyle{Bold: true}, p.fg, fyne.TextAlignTrailing)
	}
}

// put sets a text's content, fitted to width, and its place and look.
func (r *mapRenderer) put(t *canvas.Text, s string, x, y, width, size float32, style fyne.TextStyle, c color.Color, align fyne.TextAlign) {
	if s == "" || width <= 0 {
		t.Hide()
		return
	}
	t.Text = r.v.fitter.fit(s, size, style, width)
	t.TextSize = size
	t.TextStyle = style
	t.Color = c
	t.Alignment = align
	t.Move(fyne.NewPos(x, y))
	t.Resize(fyne.NewSize(width, size*1.35))
	t.Show()
	t.Refresh()
}

// badge draws a filled label; width 0 fits it to the text.
func (r *mapRenderer) badge(bg *canvas.Rectangle, t *canvas.Text, s string, x, y, width float32, g mapGeom, fill, fg color.Color, bold bool) {
	style := fyne.TextStyle{Bold: bold}
	size := g.tiny
	if width == 0 {
		width = fyne.MeasureText(s, size, style).Width + 12*g.s
	}
	setRect(bg, x, y, width, g.badgeH, fill, nil, 0, g.badgeH/2)
	r.put(t, s, x+4*g.s, y+(g.badgeH-size*1.35)/2, width-8*g.s, size, style, fg, fyne.TextAlignCenter)
}

func setLine(l *canvas.Line, x1, y1, x2, y2 float32, c color.Color, w float32) {
	l.Position1 = fyne.NewPos(x1, y1)
	l.Position2 = fyne.NewPos(x2, y2)
	l.StrokeColor = c
	l.StrokeWidth = w
	l.Show()
	l.Refresh()
}

func setRect(rc *canvas.Rectangle, x, y, w, h float32, fill, stroke color.Color, sw, radius float32) {
	if w <= 0 || h <= 0 {
		rc.Hide() // not laid out yet: painters refuse negative sizes
		return
	}
	if fill == nil {
		fill = color.Transparent
	}
	rc.FillColor = fill
	rc.StrokeColor = stroke
	rc.StrokeWidth = sw
	rc.CornerRadius = radius
	rc.Move(fyne.NewPos(x, y))
	rc.Resize(fyne.NewSize(w, h))
	rc.Show()
	rc.Refresh()
}

func setPoly(pg *canvas.ArbitraryPolygon, x, y float32, pts []fyne.Position, fill, stroke color.Color, sw float32) {
	var w, h float32
	for _, pt := range pts {
		w = float32(math.Max(float64(w), float64(pt.X)))
		h = float32(math.Max(float64(h), float64(pt.Y)))
	}
	pg.Points = pts
	pg.FillColor = fill
	pg.StrokeColor = stroke
	pg.StrokeWidth = sw
	pg.Move(fyne.NewPos(x, y))
	pg.Resize(fyne.NewSize(w, h))
	pg.Show()
	pg.Refresh()
}

func itoa(n int) string {
	return uikit.Number(float64(n))
}
