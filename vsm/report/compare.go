package report

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"

	"flowmap/vsm"
)

// drawCompare is the "compare" picture: the current and the future state side
// by side, each with its headline metrics (the future's with the change) and
// its wait and work per stage on the same scale, so the shorter bars show.
func drawCompare(p *painter, current, future *vsm.Map, o Options) {
	cx, fx := vsm.Compute(current), vsm.Compute(future)
	cal := calendarOf(current)
	u := math.Min(p.w/DefaultWidth, p.h/DefaultHeight)
	margin := 24 * u
	ct, ft := cx.Totals, fx.Totals
	var parts []string
	if ct.LeadHours > 0 {
		parts = append(parts, fmt.Sprintf("Lead time %s → %s (%s)", vsm.FormatDuration(ct.LeadHours, cal),
			vsm.FormatDuration(ft.LeadHours, cal), vsm.FormatPercentChange(ft.LeadHours/ct.LeadHours-1)))
	}
	switch {
	case future.Description != "":
		parts = append(parts, future.Description)
	case future.Name != "" && future.Name != current.Name:
		parts = append(parts, "future state: "+future.Name)
	}
	sub := strings.Join(parts, " · ")
	top := drawChartHeader(p, "Current vs future state: "+current.Name, sub,
		[]legendItem{{"Wait", clrWait}, {"Work", clrWork}}, o, u, margin)

	gap := 36 * u
	mid := p.w / 2
	maxLead := 0.0
	for _, s := range cx.Stages {
		maxLead = math.Max(maxLead, s.LeadHours)
	}
	for _, s := range fx.Stages {
		maxLead = math.Max(maxLead, s.LeadHours)
	}
	scale, axis := durationAxis(maxLead, cal)
	panels := []struct {
		title string
		m     *vsm.Map
		x     vsm.Metrics
		base  *vsm.Totals
		a     area
	}{
		{"Current state", current, cx, nil, area{margin, top, mid - gap/2, p.h - margin}},
		{"Future state", future, fx, &ct, area{mid + gap/2, top, p.w - margin, p.h - margin}},
	}
	// One axis for both panels, so equal times are equal lengths: the longer
	// of the two, after each panel's labels are given room.
	type drawn struct {
		pl *plot.Plot
		a  area
	}
	var plots []drawn
	axisMax := 0.0
	for _, pn := range panels {
		y := drawComparePanelHead(p, pn.title, pn.x, pn.base, cal, pn.a, u)
		if len(pn.m.Stages) == 0 {
			p.text("No stages", (pn.a.x0+pn.a.x1)/2, y+40*u, textStyle{size: 18 * u}, clrMuted, alignCenter, pn.a.x1-pn.a.x0)
			continue
		}
		bars := &hbars{u: u}
		names := make([]string, len(pn.x.Stages))
		for i, s := range pn.x.Stages {
			names[i] = s.Name
			row := hbarRow{
				segs:   []hbarSeg{{0, s.WaitHours * scale, clrWait}, {s.WaitHours * scale, s.LeadHours * scale, clrWork}},
				labels: []hbarLabel{{text: vsm.FormatDuration(s.LeadHours, cal), col: clrInk, bold: true}},
			}
			// On the future side, a stage whose lead time changed says by how much.
			if pn.base != nil {
				if j := current.StageIndex(s.Name); j >= 0 {
					if d, better := durationDelta(cx.Stages[j].LeadHours, s.LeadHours, cal); d != "no change" {
						col := clrConstraint
						if better {
							col = clrWork
						}
						row.labels = append(row.labels, hbarLabel{text: d, col: col})
					}
				}
			}
			bars.rows = append(bars.rows, row)
		}
		a := area{pn.a.x0, y, pn.a.x1, pn.a.y1}
		pl := hbarPlot(p, a, bars, names, axis, maxLead*scale, u)
		axisMax = math.Max(axisMax, pl.X.Max)
		plots = append(plots, drawn{pl, a})
	}
	for _, d := range plots {
		d.pl.X.Max = axisMax
		d.pl.Draw(p.canvas(d.a))
	}
	p.stroke(math.Max(1, u), clrLine, []float64{4 * u, 4 * u}, [][2]float64{{mid, top}, {mid, p.h - margin}})
}

// drawComparePanelHead draws a panel's title and four metric tiles; on the
// future side each tile also says how much it changed from base. It returns
// the y below the tiles.
func drawComparePanelHead(p *painter, title string, x vsm.Metrics, base *vsm.Totals, cal vsm.Calendar, a area, u float64) float64 {
	titleSt := textStyle{size: 20 * u, bold: true}
	p.text(title, a.x0, a.y0, titleSt, clrInk, alignLeft, a.x1-a.x0)
	y := a.y0 + p.lineHeight(titleSt) + 8*u
	t := x.Totals
	type tile struct {
		label, value, delta string
		better              bool
	}
	pct := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return vsm.FormatPercent(*v)
	}
	tiles := []tile{
		{label: "Lead time", value: vsm.FormatDuration(t.LeadHours, cal)},
		{label: "Process time", value: vsm.FormatDuration(t.ProcessHours, cal)},
		{label: "Flow efficiency", value: pct(t.FlowEfficiency)},
		{label: "Rolled %C&A", value: vsm.FormatPercent(t.RolledCompleteAccurate)},
	}
	if base != nil {
		tiles[0].delta, tiles[0].better = durationDelta(base.LeadHours, t.LeadHours, cal)
		tiles[1].delta, tiles[1].better = durationDelta(base.ProcessHours, t.ProcessHours, cal)
		if base.FlowEfficiency != nil && t.FlowEfficiency != nil {
			tiles[2].delta, tiles[2].better = pointsDelta(*base.FlowEfficiency, *t.FlowEfficiency)
		}
		tiles[3].delta, tiles[3].better = pointsDelta(base.RolledCompleteAccurate, t.RolledCompleteAccurate)
	}
	gap := 8 * u
	w := (a.x1 - a.x0 - 3*gap) / 4
	h := 92 * u
	label := textStyle{size: 13 * u}
	small := textStyle{size: 13 * u, bold: true}
	for i, tl := range tiles {
		x0 := a.x0 + float64(i)*(w+gap)
		p.roundRect(x0, y, x0+w, y+h, 6*u, clrTile, 0, nil)
		p.text(tl.label, x0+10*u, y+8*u, label, clrMuted, alignLeft, w-20*u)
		size := 26 * u
		for size > 12*u && p.width(tl.value, textStyle{size: size, bold: true}) > w-20*u {
			size -= u
		}
		vs := textStyle{size: size, bold: true}
		p.text(tl.value, x0+10*u, y+8*u+p.lineHeight(label)+4*u, vs, clrInk, alignLeft, w-20*u)
		if tl.delta != "" {
			var col color.Color = clrConstraint
			if tl.better {
				col = clrWork
			}
			p.text(tl.delta, x0+10*u, y+h-8*u-p.lineHeight(small), small, col, alignLeft, w-20*u)
		}
	}
	return y + h + 10*u
}

// durationDelta says how a duration changed: "−2w 3d (−45%)"; shorter is better.
func durationDelta(before, after float64, cal vsm.Calendar) (string, bool) {
	d := after - before
	if math.Abs(d) < 1.0/120 { // under half a minute
		return "no change", true
	}
	sign := "+"
	if d < 0 {
		sign = "−"
	}
	s := sign + vsm.FormatDuration(math.Abs(d), cal)
	if before > 0 {
		s += " (" + vsm.FormatPercentChange(d/before) + ")"
	}
	return s, d < 0
}

// pointsDelta says how a ratio changed in percentage points
// (vsm.FormatPointsChange); higher is better.
func pointsDelta(before, after float64) (string, bool) {
	return vsm.FormatPointsChange(after - before), after >= before
}
