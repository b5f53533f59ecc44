package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// Sheet names of the workbook. Future state, Kaizen, Measurements, Measured
// stages and Learning log appear only when the map has such records.
const (
	SheetSummary        = "Summary"
	SheetStages         = "Stages"
	SheetCharts         = "Charts"
	SheetFuture         = "Future state"
	SheetKaizen         = "Kaizen"
	SheetMeasurements   = "Measurements"
	SheetMeasuredStages = "Measured stages"
	SheetLearning       = "Learning log"
)

// Defined names on the Summary sheet that every formula uses, so a manager can
// change the calendar or the demand in one place.
const (
	NameHoursPerDay = "HoursPerDay"
	NameDaysPerWeek = "DaysPerWeek"
	NameDemand      = "Demand"
)

// Columns of the Stages sheet. Inputs are plain numbers; the rest are formulas.
const (
	colNumber     = "A"
	colStage      = "B"
	colTeam       = "C"
	colWait       = "D" // input in hours; a Little's-law formula when derived from the queue
	colProcess    = "E" // input in hours
	colLead       = "F" // = wait + process
	colCA         = "G" // input fraction, shown as a percentage
	colPeople     = "H" // input
	colQueue      = "I" // input, empty when unknown
	colFlowEff    = "J" // = process / lead
	colCapacity   = "K" // = people x hours per day x C&A / process
	colUtil       = "L" // = demand / capacity
	colReworkLead = "M" // = lead / C&A
	colWaste      = "N"
	colNotes      = "O"
)

// stagesHeader is the Stages sheet's header, units in the names.
var stagesHeader = []string{"#", "Stage", "Team", "Wait (h)", "Process (h)", "Lead time (h)",
	"%C&A", "People", "Queue (items)", "Flow efficiency", "Capacity (items/day)",
	"Utilization", "Rework-adjusted lead (h)", "Waste", "Notes"}

// Summary rows a test or a caller may read back.
const (
	summaryDateRow        = 4
	summaryHoursPerDayRow = 5
	summaryDaysPerWeekRow = 6
	summaryDemandRow      = 7
	summaryFirstMetricRow = 11
)

// WriteWorkbook writes m as an Excel workbook: Summary (with the map picture),
// Stages (inputs and live formulas), Charts (native Excel charts) and, when the
// map has them, Kaizen, Measurements, Measured stages and Learning log. opt.Now
// is the report date; the picture size options do not apply.
func WriteWorkbook(w io.Writer, m *vsm.Map, opt Options) error {
	if m == nil {
		return fmt.Errorf("workbook: no map")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("workbook of %q: %w", m.Name, err)
	}
	b := &book{f: excelize.NewFile(), m: m, x: vsm.Compute(m), now: opt.Now, styles: map[string]int{}}
	defer b.f.Close()
	// The map picture draws on the other core while the sheets are written.
	type result struct {
		png []byte
		err error
	}
	picture := make(chan result, 1)
	go func() {
		png, err := b.mapPicture()
		picture <- result{png, err}
	}()
	if err := b.build(func() ([]byte, error) { r := <-picture; return r.png, r.err }); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("workbook: writing: %w", err)
	}
	return nil
}

// book is one workbook being written.
type book struct {
	f       *excelize.File
	m       *vsm.Map
	x       vsm.Metrics
	now     time.Time
	styles  map[string]int
	history []measured // the measurements with their metrics, in date order
	err     error      // the first error of a chain of calls, so the build reads straight
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// mapPicture renders the map for the Summary sheet.
func (b *book) mapPicture() ([]byte, error) {
	var buf bytes.Buffer
	if err := WritePNG(&buf, b.m, ChartMap, Options{Now: b.now}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (b *book) build(picture func() ([]byte, error)) error {
	f := b.f
	// Arial everywhere (LibreOffice shows it as Liberation Sans): the same
	// look in every office suite, where the default Calibri is often missing.
	b.check(f.SetDefaultFont("Arial"))
	b.check(f.SetSheetName("Sheet1", SheetSummary))
	sheets := []string{SheetStages, SheetCharts}
	if b.m.Future != nil {
		sheets = append(sheets, SheetFuture)
	}
	if len(b.m.Kaizen) > 0 {
		sheets = append(sheets, SheetKaizen)
	}
	if len(b.m.Measurements) > 0 {
		sheets = append(sheets, SheetMeasurements, SheetMeasuredStages)
	}
	if len(b.m.Learning) > 0 {
		sheets = append(sheets, SheetLearning)
	}
	for _, s := range sheets {
		_, err := f.NewSheet(s)
		b.check(err)
	}
	b.defineNames()
	b.writeStages()
	if len(b.m.Measurements) > 0 {
		b.history = measuredHistory(b.m)
		b.writeMeasurements()
		b.writeMeasuredStages()
	}
	b.writeCharts()
	if b.m.Future != nil {
		b.writeFuture()
	}
	if len(b.m.Kaizen) > 0 {
		b.writeKaizen()
	}
	if len(b.m.Learning) > 0 {
		b.writeLearning()
	}
	// The Summary goes last: it waits for the picture. Sheet order is the
	// order of creation, so it is still the first tab.
	png, err := picture()
	if err != nil {
		return fmt.Errorf("drawing the map picture: %w", err)
	}
	b.writeSummary(png)
	b.properties()
	return b.err
}

// stageRange is the Stages rows holding stages: 2..n+1.
func (b *book) lastStageRow() int { return len(b.m.Stages) + 1 }
func (b *book) totalRow() int     { return len(b.m.Stages) + 2 }

// rng is an absolute reference to a Stages column over the stage rows.
func (b *book) rng(col string) string {
	return fmt.Sprintf("%s!$%s$2:$%s$%d", SheetStages, col, col, b.lastStageRow())
}

func (b *book) defineNames() {
	for _, d := range []struct {
		name string
		row  int
		doc  string
	}{
		{NameHoursPerDay, summaryHoursPerDayRow, "Working hours in a day"},
		{NameDaysPerWeek, summaryDaysPerWeekRow, "Working days in a week"},
		{NameDemand, summaryDemandRow, "Items the customer pulls per working day; empty when unknown"},
	} {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{
			Name: d.name, Comment: d.doc,
			RefersTo: fmt.Sprintf("%s!$B$%d", SheetSummary, d.row),
		}))
	}
}

// ---- cells ----

type cells []interface{}

func (b *book) text(s string, style string) excelize.Cell {
	if s == "" { // a styled blank, not an empty inline string (smaller files)
		return excelize.Cell{StyleID: b.style(style)}
	}
	return excelize.Cell{StyleID: b.style(style), Value: s}
}

func (b *book) num(v float64, style string) excelize.Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return excelize.Cell{StyleID: b.style(style)}
	}
	return excelize.Cell{StyleID: b.style(style), Value: v}
}

func (b *book) optNum(v *float64, style string) excelize.Cell {
	if v == nil {
		return excelize.Cell{StyleID: b.style(style)}
	}
	return b.num(*v, style)
}

// formula is a cell with a formula and the value it computes to, cached so
// that viewers which do not calculate still show it. A nil or NaN cached value
// is written as the empty string the formula gives for undefined figures.
func (b *book) formula(f string, cached interface{}, style string) excelize.Cell {
	switch v := cached.(type) {
	case *float64:
		if v == nil {
			cached = ""
		} else {
			cached = *v
		}
	}
	if v, ok := cached.(float64); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
		cached = nil
	}
	if cached == nil {
		cached = ""
	}
	return excelize.Cell{StyleID: b.style(style), Formula: f, Value: cached}
}

func (b *book) blank(style string) excelize.Cell { return excelize.Cell{StyleID: b.style(style)} }

func (b *book) date(t time.Time, style string) excelize.Cell {
	if t.IsZero() {
		return b.blank(style)
	}
	// Dates are days: the time of day and the zone would only confuse a filter.
	y, mo, d := t.Date()
	return excelize.Cell{StyleID: b.style(style), Value: time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)}
}

// ---- styles ----

const (
	colourHeader   = "34495E"
	colourInput    = "FFF8E1"
	colourTotal    = "ECEFF1"
	colourBorder   = "CFD8DC"
	colourSubtitle = "607D8B"
)

// style returns the id of a named style, creating it on first use.
func (b *book) style(name string) int {
	if id, ok := b.styles[name]; ok {
		return id
	}
	s := styleFor(name)
	id, err := b.f.NewStyle(s)
	b.check(err)
	b.styles[name] = id
	return id
}

// styleFor builds the style a name describes: a base ("header", "total",
// "input", "cell", "title", ...) and a number format after a colon
// ("input:hours", "total:pct").
func styleFor(name string) *excelize.Style {
	base, format, _ := strings.Cut(name, ":")
	thin := func(c string) []excelize.Border {
		return []excelize.Border{
			{Type: "left", Color: c, Style: 1}, {Type: "right", Color: c, Style: 1},
			{Type: "top", Color: c, Style: 1}, {Type: "bottom", Color: c, Style: 1},
		}
	}
	s := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
	switch base {
	case "title":
		s.Font = &excelize.Font{Bold: true, Size: 18, Color: colourHeader}
		s.Alignment = &excelize.Alignment{Vertical: "center"}
	case "subtitle":
		s.Font = &excelize.Font{Italic: true, Color: colourSubtitle}
		s.Alignment = &excelize.Alignment{Vertical: "top", WrapText: true}
	case "section":
		s.Font = &excelize.Font{Bold: true, Size: 12, Color: colourHeader}
		s.Border = []excelize.Border{{Type: "bottom", Color: colourHeader, Style: 2}}
	case "label":
		s.Font = &excelize.Font{Bold: true}
		s.Border = thin(colourBorder)
	case "note":
		s.Font = &excelize.Font{Italic: true, Color: colourSubtitle}
		s.Alignment = &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: true, Indent: 1}
	case "caption":
		s.Font = &excelize.Font{Italic: true, Color: colourSubtitle}
	case "explain":
		s.Border = thin(colourBorder)
		s.Alignment = &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: true, Indent: 1}
	case "header":
		s.Font = &excelize.Font{Bold: true, Color: "FFFFFF"}
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}}
		s.Alignment = &excelize.Alignment{Vertical: "center", WrapText: true}
		s.Border = thin(colourHeader)
	case "cell", "wrap":
		s.Border = thin(colourBorder)
		if base == "wrap" {
			s.Alignment.WrapText = true
		}
	case "input":
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourInput}}
		s.Border = thin(colourBorder)
	case "total":
		s.Font = &excelize.Font{Bold: true}
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourTotal}}
		s.Border = []excelize.Border{
			{Type: "top", Color: colourHeader, Style: 6}, {Type: "bottom", Color: colourBorder, Style: 1},
			{Type: "left", Color: colourBorder, Style: 1}, {Type: "right", Color: colourBorder, Style: 1},
		}
	}
	if s.Font != nil {
		s.Font.Family = "Arial"
	}
	if format != "" {
		s.Alignment.Horizontal = "right"
	}
	switch format {
	case "hours", "days":
		s.CustomNumFmt = strptr("0.0")
	case "pct": // vsm.FormatPercent's rule: 85%, 3.5%, 0%
		s.CustomNumFmt = strptr(vsm.PercentNumFmt)
	case "cap":
		s.CustomNumFmt = strptr("0.00")
	case "num":
		s.NumFmt = 0 // General: 4, 0.5
	case "int":
		s.NumFmt = 1 // 0
	case "date":
		s.CustomNumFmt = strptr("yyyy-mm-dd")
	case "dhours": // a change of hours, with its sign
		s.CustomNumFmt = strptr("+0.0;-0.0;0.0")
	case "dpct": // a change of a ratio, in percentage points
		// One decimal: flow-efficiency changes are often under a point.
		s.CustomNumFmt = strptr("+0.0%;-0.0%;0.0%")
	case "dcap":
		s.CustomNumFmt = strptr("+0.00;-0.00;0.00")
	case "left":
		s.Alignment.Horizontal = "left"
	}
	return s
}

func strptr(s string) *string { return &s }

// ---- sheet setup ----

// pageSetup makes a sheet print landscape, one page wide, with the header row
// titleRow (0: none) repeated, the map's name in the header and page numbers in the footer.
func (b *book) pageSetup(sheet string, titleRow int) {
	landscape, one, unlimited := "landscape", 1, 0
	fit := true
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: &landscape, FitToWidth: &one, FitToHeight: &unlimited,
	}))
	name := strings.ReplaceAll(b.m.Name, "&", "&&")
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: fmt.Sprintf("&L&\"-,Bold\"%s&R%s", name, strings.ReplaceAll(sheet, "&", "&&")),
		OddFooter: fmt.Sprintf("&LFlowmap report, %s&RPage &P of &N", b.now.Format("2006-01-02")),
	}))
	if titleRow > 0 {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, titleRow, titleRow),
		}))
	}
}

// table starts a list sheet: print setup, column widths, frozen header, and
// returns a writer for its rows with the header written.
func (b *book) table(sheet string, header []string, widths []float64) *tableWriter {
	t := b.sheet(sheet, 1, widths)
	if t == nil {
		return nil
	}
	b.check(t.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	t.header(1, header)
	return t
}

// sheet starts a sheet with print setup (the header row titleRow repeated on
// every page) and column widths, and returns a writer for its rows.
func (b *book) sheet(sheet string, titleRow int, widths []float64) *tableWriter {
	b.pageSetup(sheet, titleRow)
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return nil
	}
	for i, w := range widths {
		b.check(sw.SetColWidth(i+1, i+1, w))
	}
	return &tableWriter{b: b, sw: sw, widths: widths}
}

// header writes a header row, tall enough for its longest wrapped name.
func (t *tableWriter) header(r int, names []string) {
	row := make(cells, len(names))
	lines := 1
	for i, h := range names {
		row[i] = t.b.text(h, "header")
		if i < len(t.widths) {
			lines = max(lines, wrappedLines(h, t.widths[i]-3)) // bold, and breaks at hyphens
		}
	}
	t.b.check(t.sw.SetRow("A"+strconv.Itoa(r), row, excelize.RowOpts{Height: rowHeight(lines) + 4 + 2*float64(lines)}))
}

// tableWriter writes the rows of a list sheet, each as tall as its longest
// wrapped text: streamed rows get no automatic height in every program.
type tableWriter struct {
	b      *book
	sw     *excelize.StreamWriter
	widths []float64
}

func (t *tableWriter) row(r int, c cells) {
	lines := 1
	wrap := map[int]bool{t.b.style("wrap"): true}
	for i, v := range c {
		cell, ok := v.(excelize.Cell)
		if !ok || !wrap[cell.StyleID] || i >= len(t.widths) {
			continue
		}
		if s, ok := cell.Value.(string); ok {
			lines = max(lines, wrappedLines(s, t.widths[i]))
		}
	}
	var opts []excelize.RowOpts
	if lines > 1 {
		opts = append(opts, excelize.RowOpts{Height: rowHeight(lines)})
	}
	t.b.check(t.sw.SetRow("A"+strconv.Itoa(r), c, opts...))
}

// rowHeight is the height in points of a row of n lines of 10-point text.
func rowHeight(n int) float64 { return 2 + 13.5*float64(n) }

// wrappedLines estimates how many lines text takes in a column width
// characters wide, wrapping at spaces as a spreadsheet does. A width unit is
// the width of a digit; average text is a little narrower.
func wrappedLines(text string, width float64) int {
	perLine := int(width * 1.1)
	if perLine < 1 {
		perLine = 1
	}
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, line := 1, 0
		for _, w := range strings.Fields(para) {
			l := len([]rune(w))
			switch {
			case line == 0:
				line = l
			case line+1+l <= perLine:
				line += 1 + l
			default:
				n++
				line = l
			}
			for line > perLine { // a word longer than the column breaks
				n++
				line -= perLine
			}
		}
		lines += n
	}
	return max(lines, 1)
}

// autoFilter puts filter buttons on the header of a table of rows 1..last.
// It must run while the stream writer is open: the filter is written with the
// sheet on Flush.
func (b *book) autoFilter(sheet string, columns, last int) {
	if last < 2 {
		last = 2
	}
	end, _ := excelize.CoordinatesToCellName(columns, last)
	b.check(b.f.AutoFilter(sheet, "A1:"+end, nil))
}

// ---- Summary ----

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

// ---- Stages ----

func (b *book) writeStages() {
	t := b.table(SheetStages, stagesHeader, stagesWidths)
	if t == nil {
		return
	}
	b.stageRows(t, SheetStages, 2, b.m, b.x, NameHoursPerDay, NameDemand)
	b.autoFilter(SheetStages, len(stagesHeader), b.lastStageRow())
	b.check(t.sw.Flush())
}

var stagesWidths = []float64{5, 22, 14, 10, 11, 12, 8, 8, 10, 11, 12, 11, 13, 26, 40}

// stageRows writes one row per stage of m from row first on, and the Total
// row after them: inputs as numbers, everything derived as formulas over them
// (shared/metrics.md), with hpd and demand the cells (or names) holding the
// hours per day and the demand.
func (b *book) stageRows(t *tableWriter, sheet string, first int, m *vsm.Map, x vsm.Metrics, hpd, demand string) {
	derivedWait := m.DemandPerDay != nil && *m.DemandPerDay > 0
	for i, s := range m.Stages {
		r := first + i
		sm := x.Stages[i]
		R := strconv.Itoa(r)
		wait := b.num(s.WaitHours, "input:hours")
		if derivedWait && s.WaitHours == 0 && s.Queue != nil {
			// Little's law, as vsm.Compute: a stage with a queue and no wait
			// waits queue / demand working days. Typing a wait replaces it.
			wait = b.formula(fmt.Sprintf("IF(N(%[1]s)>0,%[2]s%[3]s/%[1]s*%[4]s,0)", demand, colQueue, R, hpd),
				sm.WaitHours, "input:hours")
			b.check(b.f.AddComment(sheet, excelize.Comment{
				Cell: colWait + R, Author: "Flowmap",
				Text: "Derived from the queue (Little's law): queue / demand × hours per day. Type a wait to replace it.",
			}))
		}
		queue := b.blank("input:num")
		if s.Queue != nil {
			queue = b.num(*s.Queue, "input:num")
		}
		row := cells{
			b.num(float64(i+1), "cell:int"),
			b.text(s.Name, "cell"),
			b.text(s.Team, "cell"),
			wait,
			b.num(s.ProcessHours, "input:hours"),
			b.formula(fmt.Sprintf("%s%s+%s%s", colWait, R, colProcess, R), sm.LeadHours, "cell:hours"),
			b.num(s.CompleteAccurate, "input:pct"),
			b.num(s.People, "input:num"),
			queue,
			b.formula(fmt.Sprintf(`IF(%s%s=0,"",%s%s/%s%s)`, colLead, R, colProcess, R, colLead, R), sm.FlowEfficiency, "cell:pct"),
			b.formula(fmt.Sprintf(`IF(%[1]s%[2]s=0,"",%[3]s%[2]s*%[4]s*%[5]s%[2]s/%[1]s%[2]s)`, colProcess, R, colPeople, hpd, colCA),
				sm.CapacityPerDay, "cell:cap"),
			b.formula(fmt.Sprintf(`IF(OR(%[1]s%[2]s="",N(%[3]s)<=0),"",%[3]s/%[1]s%[2]s)`, colCapacity, R, demand), sm.Utilization, "cell:pct"),
			b.formula(fmt.Sprintf("%s%s/%s%s", colLead, R, colCA, R), reworkLead(sm), "cell:hours"),
			b.text(joinWaste(s.Waste), "wrap"),
			b.text(s.Notes, "wrap"),
		}
		t.row(r, row)
	}
	b.stageTotals(t.sw, first, m, x)
}

func reworkLead(s vsm.StageMetrics) interface{} {
	if s.CompleteAccurate <= 0 {
		return nil
	}
	return s.LeadHours / s.CompleteAccurate
}

// stageTotals writes the "Total" row under the stage rows that start at row
// first: formulas over them (shared/metrics.md, "Map metrics").
func (b *book) stageTotals(sw *excelize.StreamWriter, first int, m *vsm.Map, x vsm.Metrics) {
	tot := x.Totals
	n := len(m.Stages)
	T := strconv.Itoa(first + n)
	var maxUtil *float64
	var people, queue float64
	queues := 0
	for i, s := range x.Stages {
		people += m.Stages[i].People
		if s.Queue != nil {
			queue += *s.Queue
			queues++
		}
		if s.Utilization != nil && (maxUtil == nil || *s.Utilization > *maxUtil) {
			maxUtil = s.Utilization
		}
	}
	row := cells{b.blank("total"), b.text("Total", "total")}
	if n == 0 {
		// No stage rows to sum: write the values of an empty map.
		row = append(row, b.blank("total"), b.num(0, "total:hours"), b.num(0, "total:hours"), b.num(0, "total:hours"),
			b.num(1, "total:pct"), b.num(0, "total:num"), b.blank("total"), b.blank("total:pct"),
			b.blank("total:cap"), b.blank("total:pct"), b.num(0, "total:hours"), b.blank("total"), b.blank("total"))
		b.check(sw.SetRow("A"+T, row))
		return
	}
	rng := func(col string) string { return fmt.Sprintf("%s%d:%s%d", col, first, col, first+n-1) }
	var queueTotal interface{} = ""
	if queues > 0 {
		queueTotal = queue
	}
	row = append(row,
		b.blank("total"),
		b.formula("SUM("+rng(colWait)+")", tot.WaitHours, "total:hours"),
		b.formula("SUM("+rng(colProcess)+")", tot.ProcessHours, "total:hours"),
		b.formula("SUM("+rng(colLead)+")", tot.LeadHours, "total:hours"),
		b.formula("PRODUCT("+rng(colCA)+")", tot.RolledCompleteAccurate, "total:pct"),
		b.formula("SUM("+rng(colPeople)+")", people, "total:num"),
		b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"",SUM(%[1]s))`, rng(colQueue)), queueTotal, "total:num"),
		b.formula(fmt.Sprintf(`IF(%[1]s%[2]s=0,"",%[3]s%[2]s/%[1]s%[2]s)`, colLead, T, colProcess), tot.FlowEfficiency, "total:pct"),
		b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"",MIN(%[1]s))`, rng(colCapacity)), tot.CapacityPerDay, "total:cap"),
		b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"",MAX(%[1]s))`, rng(colUtil)), maxUtil, "total:pct"),
		b.formula(fmt.Sprintf("SUMPRODUCT(%s/%s)", rng(colLead), rng(colCA)), tot.ReworkAdjustedLeadHours, "total:hours"),
		b.blank("total"), b.blank("total"),
	)
	b.check(sw.SetRow("A"+T, row))
}

// ---- Charts ----

func (b *book) writeCharts() {
	const sheet = SheetCharts
	b.pageSetup(sheet, 0)
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return
	}
	b.check(sw.SetRow("A1", cells{b.text("Charts of "+b.m.Name, "title")}, excelize.RowOpts{Height: 30}))
	n := len(b.m.Stages)
	if n == 0 {
		b.check(sw.SetRow("A3", cells{b.text("No stages yet: add stages to see where time goes.", "caption")}))
		b.check(sw.Flush())
		return
	}
	b.check(sw.SetRow("A2", cells{b.text("The charts read the Stages and Measurements sheets: they follow every edit.", "caption")}))
	height := 80 + 22*n
	if height < 360 {
		height = 360
	}
	if height > 4000 {
		height = 4000
	}
	off := false
	b.check(b.f.AddChart(sheet, "A4", &excelize.Chart{
		Type:       excelize.BarStacked,
		VaryColors: boolptr(false),
		Dimension:  excelize.ChartDimension{Width: 820, Height: uint(height)},
		Series: []excelize.ChartSeries{
			{Name: SheetStages + "!$" + colWait + "$1", Categories: b.rng(colStage), Values: b.rng(colWait),
				Fill: solid(hexWait)},
			{Name: SheetStages + "!$" + colProcess + "$1", Categories: b.rng(colStage), Values: b.rng(colProcess),
				Fill: solid(hexWork)},
		},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Wait and work per stage (working hours)"}}},
		Legend: excelize.ChartLegend{Position: "top"},
		// Bar charts list categories bottom-up; reversed, the flow reads top-down.
		XAxis:    excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:    excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont},
		GapWidth: uintPtr(40),
		Format:   excelize.GraphicOptions{PrintObject: boolptr(true), Locked: &off},
	}))
	if k := len(b.m.Measurements); k > 0 {
		dates := fmt.Sprintf("%s!$A$2:$A$%d", SheetMeasurements, k+1)
		zero := 0.0
		b.check(b.f.AddChart(sheet, "N4", &excelize.Chart{
			Type:      excelize.Line,
			Dimension: excelize.ChartDimension{Width: 820, Height: 420},
			Series: []excelize.ChartSeries{{
				Name: fmt.Sprintf("%s!$J$1", SheetMeasurements), Categories: dates,
				Values: fmt.Sprintf("%s!$J$2:$J$%d", SheetMeasurements, k+1),
				Fill:   solid(hexLead),
				Line:   excelize.LineOptions{Width: 2.25},
				Marker: excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: solid(hexLead), Border: excelize.LineOptions{Fill: solid(hexLead)}},
			}},
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Lead time, flow efficiency and rolled %C&A over time"}}},
			Legend: excelize.ChartLegend{Position: "top"},
			XAxis:  excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "yyyy-mm-dd"}, Font: axisFont},
			// From zero: a one-hour change must not look like a doubling.
			YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont,
				Minimum: &zero, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Lead time (h)"}}}},
			Format: excelize.GraphicOptions{PrintObject: boolptr(true), Locked: &off},
		}, &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{{
				Name: fmt.Sprintf("%s!$K$1", SheetMeasurements), Categories: dates,
				Values: fmt.Sprintf("%s!$K$2:$K$%d", SheetMeasurements, k+1),
				Fill:   solid(hexWork),
				Line:   excelize.LineOptions{Width: 2.25},
				Marker: excelize.ChartMarker{Symbol: "diamond", Size: 6, Fill: solid(hexWork), Border: excelize.LineOptions{Fill: solid(hexWork)}},
			}, {
				Name: fmt.Sprintf("%s!$L$1", SheetMeasurements), Categories: dates,
				Values: fmt.Sprintf("%s!$L$2:$L$%d", SheetMeasurements, k+1),
				Fill:   solid(hexRolledCA),
				Line:   excelize.LineOptions{Width: 2.25},
				Marker: excelize.ChartMarker{Symbol: "triangle", Size: 6, Fill: solid(hexRolledCA), Border: excelize.LineOptions{Fill: solid(hexRolledCA)}},
			}},
			YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, Font: axisFont,
				Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Flow efficiency, rolled %C&A"}}}},
		}))
	}
	b.check(sw.Flush())
}

// axisFont makes axis labels as dark as the sheets' text (the default is a
// pale grey that vanishes in print).
var axisFont = excelize.Font{Color: "37474F", Size: 9, Family: "Arial"}

func boolptr(v bool) *bool { return &v }

func solid(hex string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}}
}
func uintPtr(v uint) *uint { return &v }

// ---- document ----

func (b *book) properties() {
	now := b.now.UTC().Format(time.RFC3339)
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:       "Value stream report: " + b.m.Name,
		Subject:     "Value stream map",
		Creator:     "Flowmap",
		Description: b.m.Description,
		Keywords:    "value stream map, lead time, flow efficiency, kaizen",
		Category:    "Report",
		Created:     now,
		Modified:    now,
		Language:    "en-US",
	}))
	b.check(b.f.SetAppProps(&excelize.AppProperties{Application: "Flowmap"}))
	// Excel and LibreOffice recalculate every formula on open, so an edit made by
	// another program (or a stale cache) never shows old totals.
	full := true
	b.check(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}))
	// Summary is the first sheet and so the active one. SetActiveSheet would
	// re-read every streamed sheet (seconds on a large map), so it is not called.
}
