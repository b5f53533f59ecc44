package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// The Summary sheet: the map's totals as formulas over the Stages sheet,
// its inputs (calendar, demand), the bottlenecks and the map picture.

func (b *book) writeSummary(picture []byte) {
	const sheet = SheetSummary
	m, x := b.m, b.x
	b.pageSetup(sheet, 0)
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return
	}
	for i, w := range []float64{34, 16, 16, 78} {
		b.check(sw.SetColWidth(i+1, i+1, w))
	}
	n := len(m.Stages)
	t := b.totalRow()
	cal := m.Calendar.OrDefault()
	set := func(row int, c cells, opts ...excelize.RowOpts) {
		b.check(sw.SetRow("A"+strconv.Itoa(row), c, opts...))
	}
	set(1, cells{b.text(m.Name, "title")}, excelize.RowOpts{Height: 30})
	b.check(sw.MergeCell("A1", "D1"))
	desc := m.Description
	if desc == "" {
		desc = "Value stream map report"
	}
	set(2, cells{b.text(desc, "subtitle")}, excelize.RowOpts{Height: rowHeight(wrappedLines(desc, 140))})
	b.check(sw.MergeCell("A2", "D2"))

	demand := b.blank("input:num")
	if m.DemandPerDay != nil {
		demand = b.num(*m.DemandPerDay, "input:num")
	}
	set(summaryDateRow, cells{b.text("Report date", "label"), b.date(b.now, "cell:date")})
	set(summaryHoursPerDayRow, cells{b.text("Hours per day", "label"), b.num(cal.HoursPerDay, "input:num"),
		nil, b.text("Working hours in a day: days below are working days of this length.", "note")})
	set(summaryDaysPerWeekRow, cells{b.text("Days per week", "label"), b.num(cal.DaysPerWeek, "input:num")})
	set(summaryDemandRow, cells{b.text("Demand (items/day)", "label"), demand,
		nil, b.text("Items the customer pulls per working day; leave empty when unknown.", "note")})
	stagesCount := b.num(float64(n), "cell:int")
	if n > 0 {
		stagesCount = b.formula(fmt.Sprintf("COUNTA(%s)", b.rng(colStage)), float64(n), "cell:int")
	}
	set(8, cells{b.text("Stages", "label"), stagesCount})

	set(10, cells{b.text("Metric", "header"), b.text("Value", "header"), b.text("Working days", "header"),
		b.text("How it is computed", "header")}, excelize.RowOpts{Height: 20})
	tot := x.Totals
	ref := func(col string) string { return fmt.Sprintf("%s!%s%d", SheetStages, col, t) }
	row := summaryFirstMetricRow
	metric := func(label string, f string, cached interface{}, style string, days bool, how string) {
		value := b.formula(f, cached, style)
		if n == 0 && strings.HasPrefix(f, SheetStages+"!") {
			// No stages to sum: the empty map's figures as they are (a
			// reference to an empty cell would read as 0).
			value = b.formula("", cached, style)
			value.Formula = ""
			if value.Value == "" {
				value.Value = nil
			}
		}
		c := cells{b.text(label, "label"), value, b.blank("cell"), b.text(how, "explain")}
		if days {
			var cd interface{} = ""
			if v, ok := cached.(float64); ok {
				cd = v / cal.HoursPerDay
			}
			c[2] = b.formula(fmt.Sprintf(`IF(ISNUMBER(B%d),B%d/%s,"")`, row, row, NameHoursPerDay), cd, "cell:days")
		}
		set(row, c)
		row++
	}
	metric("Lead time (h)", ref(colLead), tot.LeadHours, "cell:hours", true,
		"Σ lead time of every stage (wait + process)")
	metric("Process time (h)", ref(colProcess), tot.ProcessHours, "cell:hours", true,
		"Σ process time: hands-on work per item")
	metric("Wait time (h)", ref(colWait), tot.WaitHours, "cell:hours", true,
		"Σ waits before the stages")
	metric("Flow efficiency", ref(colFlowEff), tot.FlowEfficiency, "cell:pct", false,
		"process time / lead time")
	metric("Rolled %C&A", ref(colCA), tot.RolledCompleteAccurate, "cell:pct", false,
		"product of every stage's %C&A: the chance an item passes without rework")
	metric("Rework-adjusted lead time (h)", ref(colReworkLead), tot.ReworkAdjustedLeadHours, "cell:hours", true,
		"Σ lead time / %C&A: rejected work returns to the stage that made it")
	metric("Takt time (h)", fmt.Sprintf(`IF(N(%s)>0,%s/%s,"")`, NameDemand, NameHoursPerDay, NameDemand),
		x.TaktHours, "cell:hours", true, "hours per day / demand: how often the customer pulls an item")
	metric("Capacity (items/day)", ref(colCapacity), tot.CapacityPerDay, "cell:cap", false,
		"the lowest stage capacity: people × hours per day × %C&A / process time")
	var maxUtil *float64
	for _, s := range x.Stages {
		if s.Utilization != nil && (maxUtil == nil || *s.Utilization > *maxUtil) {
			maxUtil = s.Utilization
		}
	}
	metric("Highest utilization", ref(colUtil), maxUtil, "cell:pct", false,
		"demand / capacity of the busiest stage; above 100% its queue grows without bound")
	overloaded := b.num(0, "cell:int")
	if n > 0 {
		overloaded = b.formula(fmt.Sprintf(`COUNTIF(%s,">1")`, b.rng(colUtil)), float64(len(x.Overloaded)), "cell:int")
	}
	set(row, cells{b.text("Overloaded stages", "label"), overloaded, b.blank("cell"),
		b.text("stages whose utilization is above 100%", "explain")})
	row += 2

	set(row, cells{b.text("Bottleneck", "header"), b.text("Stage", "header"), b.text("", "header"),
		b.text("Why", "header")}, excelize.RowOpts{Height: 20})
	row++
	cName, cWhy, wName, wWhy := b.bottleneckFormulas()
	set(row, cells{b.text("Constraint (lowest capacity)", "label"), cName, b.blank("cell"), cWhy})
	b.check(sw.MergeCell(fmt.Sprintf("B%d", row), fmt.Sprintf("C%d", row)))
	row++
	set(row, cells{b.text("Biggest wait", "label"), wName, b.blank("cell"), wWhy})
	b.check(sw.MergeCell(fmt.Sprintf("B%d", row), fmt.Sprintf("C%d", row)))
	row += 2
	note := "Yellow cells are inputs (here and on the Stages sheet): change a wait, a process time, " +
		"a %C&A, people, the demand or the calendar, and every formula follows. Durations are working hours."
	set(row, cells{b.text(note, "note")}, excelize.RowOpts{Height: rowHeight(wrappedLines(note, 140))})
	b.check(sw.MergeCell(fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row)))
	row += 2
	if len(picture) > 0 {
		// The picture prints on a page of its own rather than cut in two.
		b.check(sw.InsertPageBreak(fmt.Sprintf("A%d", row)))
		fit := true
		b.check(b.f.AddPictureFromBytes(sheet, fmt.Sprintf("A%d", row), &excelize.Picture{
			Extension: ".png", File: picture,
			Format: &excelize.GraphicOptions{
				AltText: "Value stream map of " + m.Name, PrintObject: &fit,
				ScaleX: 0.6, ScaleY: 0.6, LockAspectRatio: true, Positioning: "oneCell",
			},
		}))
	}
	b.check(sw.Flush())
}

// percentFormat is vsm.PercentNumFmt as a formula's string literal, for
// TEXT(): the reasons a formula writes read their percentages by the rule
// the app and the CLI use.
var percentFormat = `"` + strings.ReplaceAll(vsm.PercentNumFmt, `"`, `""`) + `"`

// bottleneckFormulas are the Summary's constraint and biggest-wait cells:
// formulas over the Stages sheet, so they move when a number there changes.
// Ties go to the earliest stage, as in vsm.Compute: MATCH finds the first.
func (b *book) bottleneckFormulas() (cName, cWhy, wName, wWhy excelize.Cell) {
	x := b.x
	if len(b.m.Stages) == 0 {
		return b.text("none: add stages", "cell"), b.blank("explain"), b.text("none: add stages", "cell"), b.blank("explain")
	}
	name, proc, ca, people, capR, util, wait := b.rng(colStage), b.rng(colProcess), b.rng(colCA),
		b.rng(colPeople), b.rng(colCapacity), b.rng(colUtil), b.rng(colWait)
	at := fmt.Sprintf("MATCH(MIN(%s),%s,0)", capR, capR)

	var cachedName, cachedWhy interface{} = "none (no stage has process time)", ""
	if c := x.Constraint; c != nil {
		s := x.Stages[c.Index]
		cachedName = s.Name
		people := "people"
		if s.People == 1 {
			people = "person" // as the formula writes it
		}
		why := fmt.Sprintf("lowest capacity: %s items/day (%s h work, %s %s, %s C&A)",
			strconv.FormatFloat(*s.CapacityPerDay, 'f', 1, 64), strconv.FormatFloat(s.ProcessHours, 'f', 1, 64),
			strconv.FormatFloat(s.People, 'g', 10, 64), people, vsm.FormatPercent(s.CompleteAccurate))
		if s.Utilization != nil {
			why += fmt.Sprintf(", %s utilized", vsm.FormatPercent(*s.Utilization))
		}
		cachedWhy = why
	}
	cName = b.formula(fmt.Sprintf(`IF(COUNT(%s)=0,"none (no stage has process time)",INDEX(%s,%s))`, capR, name, at),
		cachedName, "cell")
	cWhy = b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"","lowest capacity: "&FIXED(MIN(%[1]s),1,TRUE)&" items/day ("&FIXED(INDEX(%[2]s,%[3]s),1,TRUE)&" h work, "&INDEX(%[4]s,%[3]s)&IF(INDEX(%[4]s,%[3]s)=1," person, "," people, ")&TEXT(INDEX(%[5]s,%[3]s),%[7]s)&" C&A)"&IF(ISNUMBER(INDEX(%[6]s,%[3]s)),", "&TEXT(INDEX(%[6]s,%[3]s),%[7]s)&" utilized",""))`,
		capR, proc, at, people, ca, util, percentFormat), cachedWhy, "explain")

	cachedName, cachedWhy = "none (no stage waits)", ""
	if bw := x.BiggestWait; bw != nil {
		s := x.Stages[bw.Index]
		cachedName = s.Name
		hpd := b.m.Calendar.HoursPerDay
		if hpd <= 0 {
			hpd = vsm.DefaultHoursPerDay
		}
		cachedWhy = fmt.Sprintf("waits %s h (%s working days), %s of all waiting",
			strconv.FormatFloat(s.WaitHours, 'f', 1, 64), strconv.FormatFloat(s.WaitHours/hpd, 'f', 1, 64),
			vsm.FormatPercent(s.WaitHours/x.Totals.WaitHours))
	}
	wName = b.formula(fmt.Sprintf(`IF(MAX(%[1]s)<=0,"none (no stage waits)",INDEX(%[2]s,MATCH(MAX(%[1]s),%[1]s,0)))`, wait, name),
		cachedName, "cell")
	wWhy = b.formula(fmt.Sprintf(`IF(MAX(%[1]s)<=0,"","waits "&FIXED(MAX(%[1]s),1,TRUE)&" h ("&FIXED(MAX(%[1]s)/%[2]s,1,TRUE)&" working days), "&TEXT(MAX(%[1]s)/SUM(%[1]s),%[3]s)&" of all waiting")`,
		wait, NameHoursPerDay, percentFormat), cachedWhy, "explain")
	return
}
