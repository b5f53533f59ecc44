package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// Rows of the Future state sheet.
const (
	futureHoursPerDayRow = 4
	futureDemandRow      = 5
	futureCompareHeader  = 7
	futureStagesHeader   = 16 // 7 comparison rows and a blank row after the header
)

// futureTotalCols is where each total of the comparison is on a stage
// table's Total row, keyed by the metrics document's name (vsm.Compare).
var futureTotalCols = map[string]string{
	"lead_hours": colLead, "process_hours": colProcess, "wait_hours": colWait,
	"flow_efficiency": colFlowEff, "rolled_complete_accurate": colCA,
	"rework_adjusted_lead_hours": colReworkLead, "capacity_per_day": colCapacity,
}

// writeFuture writes the future state: its own calendar and demand, the
// comparison of every total with the current state (live: the current column
// reads the Stages sheet, the future one this sheet's stage table), and the
// future stages with the same formulas as the Stages sheet.
func (b *book) writeFuture() {
	const sheet = SheetFuture
	fut := b.m.Future
	fx := vsm.Compute(fut)
	widths := append([]float64(nil), stagesWidths...)
	widths[1] = 30 // the metric names
	t := b.sheet(sheet, futureStagesHeader, widths)
	if t == nil {
		return
	}
	sw := t.sw
	set := func(r int, c cells, opts ...excelize.RowOpts) { b.check(sw.SetRow("A"+strconv.Itoa(r), c, opts...)) }
	set(1, cells{b.text(fut.Name, "title")}, excelize.RowOpts{Height: 30})
	b.check(sw.MergeCell("A1", "O1"))
	desc := fut.Description
	if desc == "" {
		desc = "The value stream as it should be after the planned improvements."
	}
	set(2, cells{b.text(desc, "subtitle")}, excelize.RowOpts{Height: rowHeight(wrappedLines(desc, 200))})
	b.check(sw.MergeCell("A2", "O2"))
	cal := calendarOf(fut)
	demand := b.blank("input:num")
	if fut.DemandPerDay != nil {
		demand = b.num(*fut.DemandPerDay, "input:num")
	}
	set(futureHoursPerDayRow, cells{nil, b.text("Hours per day", "label"), b.num(cal.HoursPerDay, "input:num")})
	set(futureDemandRow, cells{nil, b.text("Demand (items/day)", "label"), demand,
		b.text("The future state's own calendar and demand: its formulas use these.", "caption")})

	t.header(futureCompareHeader, []string{"", "Metric", "Current", "Future", "Change"})
	n := len(fut.Stages)
	futTotal := futureStagesHeader + 1 + n
	curTotal := b.totalRow()
	cmp := vsm.Compare(b.m, fut)
	for i, r := range cmp.Rows {
		row := futureCompareHeader + 1 + i
		col := futureTotalCols[r.Metric]
		style, dstyle, label := "cell:hours", "cell:dhours", r.Label+" (h)"
		switch r.Unit {
		case "ratio":
			style, dstyle, label = "cell:pct", "cell:dpct", r.Label
		case "items/day":
			style, dstyle, label = "cell:cap", "cell:dcap", r.Label+" (items/day)"
		}
		current := b.formula(fmt.Sprintf("%s!%s%d", SheetStages, col, curTotal), r.Before, style)
		future := b.formula(fmt.Sprintf("%s%d", col, futTotal), r.After, style)
		if len(b.m.Stages) == 0 {
			current = b.optNum(r.Before, style)
		}
		if n == 0 {
			future = b.optNum(r.After, style)
		}
		set(row, cells{nil, b.text(label, "label"), current, future,
			b.formula(fmt.Sprintf(`IF(AND(ISNUMBER(C%[1]d),ISNUMBER(D%[1]d)),D%[1]d-C%[1]d,"")`, row), r.Change, dstyle)})
	}

	t.header(futureStagesHeader, stagesHeader)
	hpd := "$C$" + strconv.Itoa(futureHoursPerDayRow)
	dem := "$C$" + strconv.Itoa(futureDemandRow)
	b.stageRows(t, sheet, futureStagesHeader+1, fut, fx, hpd, dem)
	b.check(sw.Flush())
}
