package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"flowmap/vsm"
)

// The value stream map picture, drawn like a VSM on a whiteboard: a header
// with the constraint and the biggest wait and why, stage boxes in flow order
// with their data, queue triangles, kaizen bursts, waste tags, the lead-time
// ladder under each row of stages (waits up, process times down, totals at the
// end), and a strip of the stream's metrics.
//
// Layout is in pixels at scale 1 and derived from one body font size f, which
// is as large as the picture allows. Many stages wrap into rows. Every text is
// fitted into a cell of its own (shortened with "…" when it must be), so texts
// never overlap, whatever the number of stages.

// Vertical parts of a row of stages, in units of the body font size f.
const (
	rowTag     = 1.7  // constraint / biggest-wait label and kaizen burst above a box
	rowBox     = 8.9  // the stage box
	rowWaste   = 3.0  // two lines of waste tags under the box (when any stage has waste)
	rowLadder  = 6.4  // the ladder: wait text, upper line, lower line, process text
	rowGap     = 1.3  // between rows; the return arrow runs here
	slotFactor = 8.8  // a slot (triangle + box) is at least this many f wide
	maxFont    = 20.0 // body font size at scale 1 on a 1600x900 picture
)

// Horizontal parts of a slot, as fractions of the slot width s: the queue
// triangle sits in [0, slotGap), the box in [slotGap, slotGap+slotBox).
const (
	slotGap = 0.27
	slotBox = 0.69
)

type mapLayout struct {
	u            float64 // size unit: 1 on a 1600x900 picture
	margin       float64
	left         float64 // x of the first slot of a row
	f            float64 // body font size
	rows, perRow int
	slot         float64 // slot width
	bodyTop      float64
	rowH         float64
	waste        bool
}

// layoutRows picks the number of rows and the body font size: the largest font
// for which a slot is wide enough and every row fits the body's height.
func layoutRows(n int, bodyW, bodyH, u float64, waste bool) (rows, perRow int, f, slot, rowH float64) {
	unitsH := rowTag + rowBox + rowLadder + rowGap
	if waste {
		unitsH += rowWaste
	}
	best := -1.0
	for r := 1; r <= n; r++ {
		per := (n + r - 1) / r
		if (n+per-1)/per < r { // fewer rows already hold these stages
			continue
		}
		s := bodyW / float64(per+1) // one slot more for the totals at the end
		ff := math.Min(maxFont*u, math.Min(s/slotFactor, bodyH/(float64(r)*unitsH)))
		if ff > best*1.0001 {
			best, rows, perRow, slot = ff, r, per, s
		}
	}
	f = best
	rowH = unitsH * f
	return
}

// drawMap draws the whole picture of m on p.
func drawMap(p *painter, m *vsm.Map, o Options) {
	x := vsm.Compute(m)
	cal := calendarOf(m)
	u := math.Min(p.w/DefaultWidth, p.h/DefaultHeight)
	margin := 24 * u

	y := drawMapHeader(p, m, x, cal, o, u, margin)
	stripH := 84 * u
	stripTop := p.h - margin - stripH
	drawMetricStrip(p, m, x, cal, u, margin, stripTop, stripH)

	bodyTop, bodyBottom := y+10*u, stripTop-12*u
	if len(m.Stages) == 0 {
		st := textStyle{size: 22 * u}
		p.text("No stages yet: add stages to see the value stream.", p.w/2, (bodyTop+bodyBottom)/2-11*u,
			st, clrMuted, alignCenter, p.w-2*margin)
		return
	}
	waste := false
	for _, s := range m.Stages {
		waste = waste || len(s.Waste) > 0
	}
	bodyW := p.w - 2*margin
	rows, per, f, slot, rowH := layoutRows(len(m.Stages), bodyW, bodyBottom-bodyTop, u, waste)
	// With room to spare, a bar of the whole lead time goes under the rows;
	// the rows are centred in what is left.
	used := float64(rows) * rowH
	if free := bodyBottom - bodyTop - used; free >= 130*u {
		barH := 96 * u
		drawLeadBar(p, x, cal, margin, bodyBottom-barH, p.w-margin, bodyBottom, u)
		bodyBottom -= barH + 10*u
	}
	bodyTop += math.Max(0, (bodyBottom-bodyTop-used)/2)
	// Few stages would make wide, empty boxes: keep slots at most 16 f wide
	// and centre the rows instead.
	left := margin
	if slot > 16*f {
		slot = 16 * f
		left += (bodyW - float64(per+1)*slot) / 2
	}
	l := mapLayout{u: u, margin: margin, left: left, f: f, rows: rows, perRow: per, slot: slot,
		bodyTop: bodyTop, rowH: rowH, waste: waste}
	drawStages(p, m, x, cal, l)
}

func calendarOf(m *vsm.Map) vsm.Calendar { return m.Calendar.OrDefault() }

func fmtNum(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// drawMapHeader draws the title, the date, the calendar and demand, the
// legend, and the constraint and biggest wait with their reasons. It returns
// the y below it.
func drawMapHeader(p *painter, m *vsm.Map, x vsm.Metrics, cal vsm.Calendar, o Options, u, margin float64) float64 {
	right := p.w - margin
	title := textStyle{size: 30 * u, bold: true}
	small := textStyle{size: 15 * u}
	y := margin
	date := o.Now.Format("2 January 2006")
	dw := p.width(date, small)
	p.text(date, right, y+(p.lineHeight(title)-p.lineHeight(small))/2, small, clrMuted, alignRight, 0)
	p.text(m.Name, margin, y, title, clrInk, alignLeft, p.w-2*margin-dw-24*u)
	y += p.lineHeight(title) + 8*u

	// Calendar, demand and takt on the left; the legend on the right.
	parts := []string{fmt.Sprintf("%s h/day, %s days/week", fmtNum(cal.HoursPerDay), fmtNum(cal.DaysPerWeek))}
	if m.DemandPerDay != nil {
		parts = append(parts, fmt.Sprintf("demand %s items/day", fmtNum(*m.DemandPerDay)))
	}
	if x.TaktHours != nil {
		parts = append(parts, "takt "+vsm.FormatDuration(*x.TaktHours, cal))
	}
	parts = append(parts, plural(len(m.Stages), "stage"))
	legendW := drawLegend(p, right, y, small, u)
	p.text(strings.Join(parts, "  ·  "), margin, y, small, clrMuted, alignLeft, p.w-2*margin-legendW-24*u)
	y += p.lineHeight(small) + 6*u

	bold := textStyle{size: 15 * u, bold: true}
	line := func(label string, col color.Color, b *vsm.Bottleneck) {
		w := p.text(label, margin, y, bold, col, alignLeft, 0)
		p.text(b.Name+": "+b.Reason, margin+w+6*u, y, small, clrInk, alignLeft, p.w-2*margin-w-6*u)
		y += p.lineHeight(small) + 4*u
	}
	if x.Constraint != nil {
		line("Constraint", clrConstraint, x.Constraint)
	}
	if x.BiggestWait != nil {
		line("Biggest wait", clrBiggest, x.BiggestWait)
	}
	return y
}

// drawLegend draws the legend right-aligned at (right, y) and returns its width.
func drawLegend(p *painter, right, y float64, st textStyle, u float64) float64 {
	h := p.lineHeight(st)
	sw := h * 0.9
	items := []struct {
		label string
		mark  func(x0 float64)
	}{
		{"Constraint", func(x0 float64) {
			p.strokeRect(x0+1.5*u, y+0.1*h+1.5*u, x0+sw-1.5*u, y+0.1*h+sw-1.5*u, 3*u, clrConstraint)
		}},
		{"Biggest wait", func(x0 float64) {
			p.poly(clrBiggest, [][2]float64{{x0, y + 0.1*h + sw}, {x0 + sw, y + 0.1*h + sw}, {x0 + sw/2, y + 0.1*h}})
		}},
		{"Queue (items)", func(x0 float64) {
			p.poly(clrWait, [][2]float64{{x0, y + 0.1*h + sw}, {x0 + sw, y + 0.1*h + sw}, {x0 + sw/2, y + 0.1*h}})
		}},
		{"Open kaizen", func(x0 float64) {
			p.star(x0+sw/2, y+0.1*h+sw/2, sw*0.6, 8, clrKaizen, clrKaizenLine, 1*u)
		}},
		{"Wait", func(x0 float64) { p.rect(x0, y+0.35*h, x0+sw, y+0.35*h+0.3*h, clrWait) }},
		{"Work", func(x0 float64) { p.rect(x0, y+0.35*h, x0+sw, y+0.35*h+0.3*h, clrWork) }},
	}
	total := 0.0
	for i, it := range items {
		total += sw + 5*u + p.width(it.label, st)
		if i > 0 {
			total += 16 * u
		}
	}
	x0 := right - total
	for _, it := range items {
		it.mark(x0)
		x0 += sw + 5*u
		x0 += p.text(it.label, x0, y, st, clrMuted, alignLeft, 0) + 16*u
	}
	return total
}

// drawMetricStrip draws the stream's metrics as tiles along the bottom.
func drawMetricStrip(p *painter, m *vsm.Map, x vsm.Metrics, cal vsm.Calendar, u, margin, top, h float64) {
	type tile struct {
		label, value string
		col          color.Color
	}
	t := x.Totals
	dur := func(v float64) string { return vsm.FormatDuration(v, cal) }
	empty := len(m.Stages) == 0
	val := func(s string) string {
		if empty {
			return "—"
		}
		return s
	}
	fe := "—"
	if t.FlowEfficiency != nil {
		fe = vsm.FormatPercent(*t.FlowEfficiency)
	}
	tiles := []tile{
		{"Lead time", val(dur(t.LeadHours)), clrInk},
		{"Process time", val(dur(t.ProcessHours)), clrWork},
		{"Wait time", val(dur(t.WaitHours)), clrWaitInk},
		{"Flow efficiency", fe, clrWork},
		{"Rolled %C&A", val(vsm.FormatPercent(t.RolledCompleteAccurate)), clrInk},
		{"Rework-adjusted lead", val(dur(t.ReworkAdjustedLeadHours)), clrInk},
	}
	if x.TaktHours != nil {
		tiles = append(tiles, tile{"Takt time", dur(*x.TaktHours), clrInk})
	}
	if t.CapacityPerDay != nil {
		tiles = append(tiles, tile{"Capacity", fmtNum(*t.CapacityPerDay) + " items/day", clrInk})
	}
	gap := 10 * u
	w := (p.w - 2*margin - gap*float64(len(tiles)-1)) / float64(len(tiles))
	label := textStyle{size: 14 * u}
	for i, tl := range tiles {
		x0 := margin + float64(i)*(w+gap)
		p.roundRect(x0, top, x0+w, top+h, 6*u, clrTile, 0, nil)
		p.text(tl.label, x0+12*u, top+10*u, label, clrMuted, alignLeft, w-24*u)
		// The value as large as the tile allows, from 30 px down to 14 px.
		size := 30 * u
		for size > 14*u && p.width(tl.value, textStyle{size: size, bold: true}) > w-24*u {
			size -= u
		}
		vs := textStyle{size: size, bold: true}
		p.text(tl.value, x0+12*u, top+h-10*u-p.lineHeight(vs), vs, tl.col, alignLeft, w-24*u)
	}
}

var clrWaitInk = rgb(0xB26A00) // amber dark enough to read as text

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// drawStages draws the rows of stage boxes, triangles and ladders.
func drawStages(p *painter, m *vsm.Map, x vsm.Metrics, cal vsm.Calendar, l mapLayout) {
	f, s, u := l.f, l.slot, l.u
	n := len(m.Stages)
	open := openKaizen(m)
	constraint, biggest := -1, -1
	if x.Constraint != nil {
		constraint = x.Constraint.Index
	}
	if x.BiggestWait != nil {
		biggest = x.BiggestWait.Index
	}
	lw := math.Max(1, 1.2*u)
	nameSt := textStyle{size: 1.02 * f, bold: true}
	teamSt := textStyle{size: 0.86 * f}
	dataSt := textStyle{size: 0.9 * f}
	dataBold := textStyle{size: 0.9 * f, bold: true}
	tagSt := textStyle{size: 0.82 * f, bold: true}
	wasteSt := textStyle{size: 0.74 * f}
	ladderSt := textStyle{size: 0.9 * f}
	ladderBold := textStyle{size: 0.9 * f, bold: true}

	for r := 0; r < l.rows; r++ {
		first := r * l.perRow
		if first >= n {
			break
		}
		last := min(first+l.perRow, n) - 1
		top := l.bodyTop + float64(r)*l.rowH
		boxTop := top + rowTag*f
		boxBottom := boxTop + rowBox*f
		flowY := boxTop + rowBox*f*0.55
		ladderTop := boxBottom
		if l.waste {
			ladderTop += rowWaste * f
		}
		waitLabelY := ladderTop + 0.5*f
		upperY := waitLabelY + 1.35*f
		lowerY := upperY + 2.8*f
		ptLabelY := lowerY + 0.35*f

		// Return arrow from the previous row's end into this row.
		if r > 0 {
			prevTop := l.bodyTop + float64(r-1)*l.rowH
			prevFlow := prevTop + rowTag*f + rowBox*f*0.55
			prevEnd := l.left + float64(l.perRow-1)*s + (slotGap+slotBox)*s
			turnX := l.left + float64(l.perRow)*s + 0.15*s
			gapY := top - rowGap*f*0.5
			inX := l.left - l.margin*0.55
			p.stroke(lw*1.3, clrLine, nil, [][2]float64{{prevEnd, prevFlow}, {turnX, prevFlow}, {turnX, gapY},
				{inX, gapY}, {inX, flowY}, {l.left + slotGap*s - 2*u, flowY}})
			p.arrowHead(l.left+slotGap*s, flowY, 1, 0, 0.7*f, clrLine)
		}

		for i := first; i <= last; i++ {
			k := i - first
			x0 := l.left + float64(k)*s
			bx0, bx1 := x0+slotGap*s, x0+(slotGap+slotBox)*s
			st := m.Stages[i]
			sm := x.Stages[i]

			// Flow arrow from the previous box, through this stage's triangle.
			if k > 0 {
				p.stroke(lw*1.3, clrLine, nil, [][2]float64{{x0 - (1-slotGap-slotBox)*s, flowY}, {bx0 - 2*u, flowY}})
				p.arrowHead(bx0, flowY, 1, 0, 0.7*f, clrLine)
			}
			// Queue triangle: the wait before this stage.
			if sm.WaitHours > 0 || st.Queue != nil {
				tw := math.Min(0.2*s, 2.6*f)
				th := tw * 0.9
				cx := x0 + slotGap*s*0.45
				col := clrWait
				if i == biggest {
					col = clrBiggest
				}
				p.poly(col, [][2]float64{{cx - tw/2, flowY + th*0.35}, {cx + tw/2, flowY + th*0.35}, {cx, flowY - th*0.65}})
				if st.Queue != nil {
					qs := textStyle{size: math.Min(0.72*f, th*0.42), bold: true}
					p.text(fmtNum(*st.Queue), cx, flowY+th*0.33-p.lineHeight(qs), qs, clrBoxFill, alignCenter, tw*0.5)
				}
			}

			// The box.
			border, head, bw := clrInk, clrBoxHead, lw
			if i == constraint {
				border, head, bw = clrConstraint, clrConstrHead, 3*lw
			}
			p.rect(bx0, boxTop, bx1, boxBottom, clrBoxFill)
			headBottom := boxTop + (0.35+1.35+1.2+0.25)*f
			p.rect(bx0, boxTop, bx1, headBottom, head)
			p.strokeRect(bx0, boxTop, bx1, boxBottom, bw, border)
			pad := 0.4 * f
			inner := bx1 - bx0 - 2*pad
			p.text(st.Name, bx0+pad, boxTop+0.35*f, nameSt, clrInk, alignLeft, inner)
			p.text(st.Team, bx0+pad, boxTop+(0.35+1.35)*f, teamSt, clrMuted, alignLeft, inner)
			// Each row: label, value, and a shorter label for narrow boxes, so
			// a label is dropped only when even the short one does not fit.
			data := [][3]string{
				{"PT", vsm.FormatDuration(sm.ProcessHours, cal), "PT"},
				{"LT", vsm.FormatDuration(sm.LeadHours, cal), "LT"},
				{"%C&A", vsm.FormatPercent(sm.CompleteAccurate), "CA"},
				{"People", fmtNum(sm.People), "Ppl"},
			}
			dy := headBottom + 0.3*f
			for _, d := range data {
				vw := p.width(d[1], dataBold)
				label := d[0]
				if p.width(label, dataSt)+0.4*f+vw > inner {
					label = d[2]
				}
				if p.width(label, dataSt)+0.4*f+vw <= inner {
					p.text(label, bx0+pad, dy, dataSt, clrMuted, alignLeft, 0)
					p.text(d[1], bx1-pad, dy, dataBold, clrInk, alignRight, 0)
				} else {
					p.text(d[1], bx1-pad, dy, dataBold, clrInk, alignRight, inner)
				}
				dy += 1.25 * f
			}

			// Above the box: what is special about the stage, and a kaizen burst.
			burstR := 0.0
			if open[i] > 0 {
				// In the band above the box, clear of the name.
				burstR = math.Min(0.82*f, (bx1-bx0)/4)
				cx, cy := bx1-burstR*1.05, boxTop-burstR-0.02*f
				p.star(cx, cy, burstR, 10, clrKaizen, clrKaizenLine, math.Max(1, u))
				cs := textStyle{size: burstR * 0.75, bold: true}
				p.text(strconv.Itoa(open[i]), cx, cy-p.lineHeight(cs)/2, cs, clrKaizenLine, alignCenter, burstR)
			}
			var tags []string
			tagCol := clrConstraint
			if i == constraint {
				tags = append(tags, "Constraint")
			}
			if i == biggest {
				if len(tags) == 0 {
					tagCol = clrBiggest
				}
				tags = append(tags, "Biggest wait")
			}
			if sm.Overloaded && i != constraint {
				tags = append(tags, "Overloaded")
			}
			if len(tags) > 0 {
				room := bx1 - bx0
				if burstR > 0 {
					room -= 2.3 * burstR
				}
				p.text(strings.Join(tags, " · "), bx0, boxTop-0.3*f-p.lineHeight(tagSt), tagSt, tagCol, alignLeft, room)
			}

			// Waste tags under the box, at most two lines.
			if len(st.Waste) > 0 {
				drawWasteTags(p, st.Waste, bx0, bx1, boxBottom+0.35*f, f, u, wasteSt)
			}

			// The ladder: wait up (under the triangle), process time down (under the box).
			wx0 := x0 - (1-slotGap-slotBox)*s
			if k == 0 {
				wx0 = x0
			}
			wcol, wwidth := clrWait, 2.5*lw
			if i == biggest {
				wcol, wwidth = clrBiggest, 4*lw
			}
			p.stroke(wwidth, wcol, nil, [][2]float64{{wx0, upperY}, {bx0, upperY}})
			p.stroke(lw, clrLine, nil, [][2]float64{{bx0, upperY}, {bx0, lowerY}})
			p.stroke(2.5*lw, clrWork, nil, [][2]float64{{bx0, lowerY}, {bx1, lowerY}})
			if i < last {
				p.stroke(lw, clrLine, nil, [][2]float64{{bx1, lowerY}, {bx1, upperY}})
			}
			if sm.WaitHours > 0 {
				wst, wc := ladderSt, clrWaitInk
				if i == biggest {
					wst, wc = ladderBold, clrBiggest
				}
				c := math.Max(x0+slotGap*s*0.45, l.left+0.3*s)
				p.text(vsm.FormatDuration(sm.WaitHours, cal), c, waitLabelY, wst, wc, alignCenter, 0.6*s)
			}
			p.text(vsm.FormatDuration(sm.ProcessHours, cal), (bx0+bx1)/2, ptLabelY, ladderSt, clrWork, alignCenter, 0.6*s)
		}

		// Where the row ends: the totals after the last stage, or the turn to
		// the next row.
		if last == n-1 {
			tx0 := l.left + float64(last-first+1)*s + 0.06*s
			tx1 := tx0 + math.Min(0.92*s, 9*f)
			drawLadderTotals(p, x, cal, tx0, tx1, upperY, lowerY, f, u)
		}
	}
}

// drawWasteTags lays out waste pills left to right in [x0, x1], two lines at
// most; the tags that do not fit are counted in a last "+k" pill.
func drawWasteTags(p *painter, wastes []vsm.Waste, x0, x1, y, f, u float64, st textStyle) {
	h := p.lineHeight(st) + 0.3*f
	pad, gap := 0.3*f, 0.25*f
	pill := func(label string, line int, x float64) float64 {
		w := p.width(label, st) + 2*pad
		ty := y + float64(line)*(h+0.2*f)
		p.roundRect(x, ty, x+w, ty+h, h/2, clrWasteFill, 0, nil)
		p.text(label, x+pad, ty+0.15*f, st, clrWasteInk, alignLeft, 0)
		return w
	}
	more := func(k int) string { return "+" + strconv.Itoa(k) }
	cx, line := x0, 0
	for i, w := range wastes {
		label := p.fit(string(w), st, x1-x0-2*pad)
		if label == "" {
			return
		}
		tw := p.width(label, st) + 2*pad
		if cx > x0 && cx+tw > x1 {
			if line == 1 {
				// Room for this pill was kept on the line.
				pill(more(len(wastes)-i), line, cx)
				return
			}
			line, cx = 1, x0
		}
		if line == 1 && i < len(wastes)-1 {
			// Keep room for "+k" after this pill, or put "+k" here instead.
			if cx+tw+gap+p.width(more(len(wastes)-i-1), st)+2*pad > x1 {
				if cx+p.width(more(len(wastes)-i), st)+2*pad <= x1 {
					pill(more(len(wastes)-i), line, cx)
				}
				return
			}
		}
		cx += pill(label, line, cx) + gap
	}
}

// drawLadderTotals draws the box at the end of the ladder: total lead time
// level with the waits, total process time level with the work.
func drawLadderTotals(p *painter, x vsm.Metrics, cal vsm.Calendar, x0, x1, upperY, lowerY, f, u float64) {
	label := textStyle{size: 0.78 * f}
	value := textStyle{size: 0.98 * f, bold: true}
	lh, vh := p.lineHeight(label), p.lineHeight(value)
	top := upperY - lh - vh/2 - 0.35*f
	bottom := lowerY + vh/2 + lh + 0.35*f
	p.roundRect(x0, top, x1, bottom, 0.4*f, clrTile, math.Max(1, u), clrLine)
	inner := x1 - x0 - 0.6*f
	c := (x0 + x1) / 2
	p.text("Lead time", c, upperY-vh/2-lh, label, clrMuted, alignCenter, inner)
	p.text(vsm.FormatDuration(x.Totals.LeadHours, cal), c, upperY-vh/2, value, clrInk, alignCenter, inner)
	p.text(vsm.FormatDuration(x.Totals.ProcessHours, cal), c, lowerY-vh/2, value, clrWork, alignCenter, inner)
	p.text("Process time", c, lowerY+vh/2, label, clrMuted, alignCenter, inner)
}

// drawLeadBar draws the whole lead time as one bar: every stage's share of it
// in flow order, its wait and its work, named where the segment is wide enough.
func drawLeadBar(p *painter, x vsm.Metrics, cal vsm.Calendar, x0, y0, x1, y1, u float64) {
	t := x.Totals
	if t.LeadHours <= 0 {
		return
	}
	head := textStyle{size: 15 * u, bold: true}
	p.text(fmt.Sprintf("Where the %s lead time goes: %s waiting, %s working", vsm.FormatDuration(t.LeadHours, cal),
		vsm.FormatPercent(t.WaitHours/t.LeadHours), vsm.FormatPercent(t.ProcessHours/t.LeadHours)),
		x0, y0, head, clrInk, alignLeft, x1-x0)
	barTop := y0 + p.lineHeight(head) + 8*u
	barH := 30 * u
	name := textStyle{size: 12 * u}
	k := (x1 - x0) / t.LeadHours
	cx := x0
	for i, s := range x.Stages {
		w0 := cx + s.WaitHours*k
		w1 := w0 + s.ProcessHours*k
		wc := clrWait
		if x.BiggestWait != nil && x.BiggestWait.Index == i {
			wc = clrBiggest
		}
		p.rect(cx, barTop, w0, barTop+barH, wc)
		p.rect(w0, barTop, w1, barTop+barH, clrWork)
		if i > 0 {
			p.rect(cx-0.75*u, barTop, cx+0.75*u, barTop+barH, clrBoxFill)
		}
		if label := p.fit(s.Name, name, w1-cx-4*u); label != "" && label != "…" {
			p.text(label, (cx+w1)/2, barTop+barH+4*u, name, clrMuted, alignCenter, 0)
		}
		cx = w1
	}
}
