package report

import (
	"bytes"
	"fmt"
	"io"
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
