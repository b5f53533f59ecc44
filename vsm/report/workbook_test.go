package report

import (
	"archive/zip"
	"bytes"
	"image/png"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

func openBook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipParts reads the workbook's parts by name.
func zipParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
	}
	return parts
}

func TestWorkbookSheets(t *testing.T) {
	cases := []struct {
		name string
		m    *vsm.Map
		want []string
	}{
		{"example", vsm.ExampleMap(), []string{SheetSummary, SheetStages, SheetCharts}},
		{"history", historyMap(), []string{SheetSummary, SheetStages, SheetCharts, SheetFuture, SheetKaizen,
			SheetMeasurements, SheetMeasuredStages, SheetLearning}},
	}
	for _, c := range cases {
		f := openBook(t, workbookBytes(t, c.m))
		if got := f.GetSheetList(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: sheets %v, want %v", c.name, got, c.want)
		}
		if f.GetActiveSheetIndex() != 0 {
			t.Errorf("%s: active sheet %d, want the Summary", c.name, f.GetActiveSheetIndex())
		}
	}
}

// TestWorkbookFormulas reads the formulas back: the derived figures are
// formulas over the inputs, with cached values for programs that do not
// calculate.
func TestWorkbookFormulas(t *testing.T) {
	m := recalcMap() // Build (row 5) has a queue and no wait
	f := openBook(t, workbookBytes(t, m))
	header, err := f.GetRows(SheetStages)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(header[0], stagesHeader) {
		t.Errorf("Stages header = %q, want %q", header[0], stagesHeader)
	}
	formulas := []struct{ sheet, cell, want string }{
		{SheetStages, "F2", "D2+E2"},
		{SheetStages, "J2", `IF(F2=0,"",E2/F2)`},
		{SheetStages, "K2", `IF(E2=0,"",H2*HoursPerDay*G2/E2)`},
		{SheetStages, "L2", `IF(OR(K2="",N(Demand)<=0),"",Demand/K2)`},
		{SheetStages, "M2", "F2/G2"},
		// Little's law where a stage has a queue and no wait.
		{SheetStages, "D5", "IF(N(Demand)>0,I5/Demand*HoursPerDay,0)"},
		{SheetStages, "D11", "SUM(D2:D10)"},
		{SheetStages, "G11", "PRODUCT(G2:G10)"},
		{SheetStages, "J11", `IF(F11=0,"",E11/F11)`},
		{SheetStages, "K11", `IF(COUNT(K2:K10)=0,"",MIN(K2:K10))`},
		{SheetStages, "M11", "SUMPRODUCT(F2:F10/G2:G10)"},
		{SheetSummary, "B11", "Stages!F11"},
		{SheetSummary, "B17", `IF(N(Demand)>0,HoursPerDay/Demand,"")`},
	}
	for _, c := range formulas {
		got, err := f.GetCellFormula(c.sheet, c.cell)
		if err != nil || got != c.want {
			t.Errorf("%s!%s formula = %q, %v; want %q", c.sheet, c.cell, got, err, c.want)
		}
	}
	// Inputs are plain numbers; cached results are the metrics.
	x := vsm.Compute(m)
	values := []struct{ sheet, cell, want string }{
		{SheetStages, "D3", "8"},  // Plan's wait, an input
		{SheetStages, "D5", "12"}, // Build: 3 items / 2 a day x 8 h
		{SheetStages, "F11", fmtFloat(x.Totals.LeadHours)},
		{SheetSummary, "B7", "2"}, // the demand
	}
	for _, c := range values {
		got, err := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != c.want {
			t.Errorf("%s!%s value = %q, %v; want %q", c.sheet, c.cell, got, err, c.want)
		}
	}
	if f, _ := f.GetCellFormula(SheetStages, "D3"); f != "" {
		t.Errorf("Plan's wait is a formula %q, want a plain number", f)
	}
	comments, err := f.GetComments(SheetStages)
	if err != nil || len(comments) != 1 || comments[0].Cell != "D5" || !strings.Contains(comments[0].Text, "Little's law") {
		t.Errorf("comments = %+v, %v; want one on D5 explaining Little's law", comments, err)
	}
	for name, ref := range map[string]string{NameHoursPerDay: "Summary!$B$5", NameDaysPerWeek: "Summary!$B$6", NameDemand: "Summary!$B$7"} {
		found := false
		for _, d := range f.GetDefinedName() {
			found = found || (d.Name == name && d.RefersTo == ref)
		}
		if !found {
			t.Errorf("defined name %s = %s is missing", name, ref)
		}
	}
}

// fmtFloat writes v as excelize stores a float.
func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// TestWorkbookFormatting checks what makes the workbook look finished: number
// formats, frozen headers, filters, landscape fit-to-width printing, the
// picture and the document properties.
func TestWorkbookFormatting(t *testing.T) {
	data := workbookBytes(t, historyMap())
	f := openBook(t, data)
	numFmt := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if s.CustomNumFmt != nil {
			return *s.CustomNumFmt
		}
		return map[int]string{0: "General", 1: "0", 9: "0%"}[s.NumFmt]
	}
	// Ratios by vsm.FormatPercent's rule: 0%; below 10% one decimal; whole.
	const pct = "[=0]0%;[<0.1]0.0%;0%"
	for _, c := range []struct{ sheet, cell, want string }{
		{SheetStages, "D2", "0.0"}, {SheetStages, "F2", "0.0"}, {SheetStages, "G2", pct},
		{SheetStages, "J2", pct}, {SheetStages, "K2", "0.00"}, {SheetStages, "L2", pct},
		{SheetStages, "G11", pct}, {SheetSummary, "B11", "0.0"}, {SheetSummary, "B14", pct},
		{SheetMeasurements, "A2", "yyyy-mm-dd"}, {SheetMeasurements, "J2", "0.0"}, {SheetKaizen, "H2", "0.0"},
	} {
		if got := numFmt(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s number format = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	for _, sheet := range []string{SheetStages, SheetKaizen, SheetMeasurements, SheetMeasuredStages, SheetLearning} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v; want the header row frozen", sheet, panes, err)
		}
	}
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v, %v; want landscape, one page wide", sheet, pl, err)
		}
	}
	// Filters on every list: the hidden _FilterDatabase names, one per sheet.
	parts := zipParts(t, data)
	filters := regexp.MustCompile(`<autoFilter ref="\$A\$1:\$([A-Z]+)\$(\d+)"`)
	wantFilters := map[string]string{SheetStages: "O10", SheetKaizen: "U5", SheetMeasurements: "Q4",
		SheetMeasuredStages: "N28", SheetLearning: "M2"}
	for sheet, want := range wantFilters {
		idx, _ := f.GetSheetIndex(sheet)
		xml := parts["xl/worksheets/sheet"+strconv.Itoa(idx+1)+".xml"]
		m := filters.FindStringSubmatch(xml)
		if m == nil || m[1]+m[2] != want {
			t.Errorf("%s: autofilter %v, want A1:%s", sheet, m, want)
		}
	}
	// The map picture on the Summary, a 1600x900 PNG.
	cells, err := f.GetPictureCells(SheetSummary)
	if err != nil || len(cells) != 1 {
		t.Fatalf("Summary pictures at %v, %v; want one", cells, err)
	}
	pics, err := f.GetPictures(SheetSummary, cells[0])
	if err != nil || len(pics) != 1 {
		t.Fatalf("Summary picture: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(pics[0].File))
	if err != nil || img.Bounds().Dx() != 1600 || img.Bounds().Dy() != 900 {
		t.Errorf("Summary picture: %v, %v; want a 1600x900 PNG", err, img.Bounds())
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "Value stream report: Feature delivery (with history)" || props.Creator != "Flowmap" ||
		!strings.HasPrefix(props.Created, "2026-03-16") {
		t.Errorf("document properties %+v, %v", props, err)
	}
	if !strings.Contains(parts["xl/workbook.xml"], `fullCalcOnLoad="true"`) {
		t.Error("workbook does not ask for a full calculation on load")
	}
}

// TestWorkbookCharts finds the native charts: a stacked bar of wait and work
// per stage, and (with measurements) lead time and flow efficiency over time
// on two axes.
func TestWorkbookCharts(t *testing.T) {
	cases := []struct {
		name   string
		m      *vsm.Map
		charts int
	}{
		{"example", vsm.ExampleMap(), 1},
		{"history", historyMap(), 2},
	}
	for _, c := range cases {
		data := workbookBytes(t, c.m)
		parts := zipParts(t, data)
		var charts []string
		for name, body := range parts {
			if strings.HasPrefix(name, "xl/charts/chart") {
				charts = append(charts, body)
			}
		}
		if len(charts) != c.charts {
			t.Fatalf("%s: %d charts, want %d", c.name, len(charts), c.charts)
		}
		var bar, trend string
		for _, body := range charts {
			switch {
			case strings.Contains(body, "<barChart>"):
				bar = body
			case strings.Contains(body, "<lineChart>"):
				trend = body
			}
		}
		if !strings.Contains(bar, `<grouping val="stacked">`) || !strings.Contains(bar, "<f>Stages!$D$2:$D$10</f>") ||
			!strings.Contains(bar, "<f>Stages!$E$2:$E$10</f>") {
			t.Errorf("%s: the wait/work chart is not a stacked bar of Stages!D and E", c.name)
		}
		if c.charts == 2 && (strings.Count(trend, "<lineChart>") != 2 ||
			!strings.Contains(trend, "<f>Measurements!$J$2:$J$4</f>") ||
			!strings.Contains(trend, "<f>Measurements!$K$2:$K$4</f>") ||
			!strings.Contains(trend, "<f>Measurements!$L$2:$L$4</f>")) {
			t.Errorf("%s: the trend chart does not draw lead time, flow efficiency and rolled %%C&A from Measurements", c.name)
		}
		// Its ratio axis reads by vsm.FormatPercent's rule (0%, 2.5%, 10%).
		if c.charts == 2 && !strings.Contains(trend, `formatCode="[=0]0%;[&lt;0.1]0.0%;0%"`) {
			t.Errorf("%s: the trend chart's ratio axis does not use the percent rule", c.name)
		}
		// Every chart is on the Charts sheet's drawing.
		f := openBook(t, data)
		idx, _ := f.GetSheetIndex(SheetCharts)
		rels := parts["xl/worksheets/_rels/sheet"+strconv.Itoa(idx+1)+".xml.rels"]
		drawing := regexp.MustCompile(`drawings/(drawing\d+\.xml)`).FindStringSubmatch(rels)
		if drawing == nil {
			t.Fatalf("%s: the Charts sheet has no drawing", c.name)
		}
		if n := strings.Count(parts["xl/drawings/_rels/"+drawing[1]+".rels"], "charts/chart"); n != c.charts {
			t.Errorf("%s: the Charts sheet holds %d charts, want %d", c.name, n, c.charts)
		}
	}
}

// A done kaizen's expected effect is computed from the measurement before it,
// as the app and flowmap-cli kaizen list show it: k1 of historyMap (Test's
// wait to 8 h, done 2026-01-20) expects 32 - 8 = -24 h from m1 (2026-01-05),
// where the current map, already at 8 h, would promise nothing. Its realized
// effect, m1 to m2 (2026-02-02), is the same -24 h.
func TestWorkbookKaizenExpectedFromTheMeasurementBefore(t *testing.T) {
	f := openBook(t, workbookBytes(t, historyMap()))
	rows, err := f.GetRows(SheetKaizen, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 2 {
		t.Fatalf("Kaizen sheet: %d rows, %v", len(rows), err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, rows[0])
		return -1
	}
	exp, real := col("Expected lead time change (h)"), col("Realized lead time change (h)")
	if got := rows[1][exp]; got != "-24" {
		t.Errorf("k1 expected lead time change %q, want -24", got)
	}
	if got := rows[1][real]; got != "-24" {
		t.Errorf("k1 realized lead time change %q, want -24", got)
	}
}

// The Learning log sheet marks an entry that repeats an earlier one (a shared
// stage and factor within 90 days): l1 is on 2026-02-12 (Release, Deploy;
// process, tooling), l2 on 2026-03-01 (Deploy; tooling), 16 + 1 = 17 days on.
func TestWorkbookLearningRecurs(t *testing.T) {
	m := historyMap()
	m.Learning = append(m.Learning, vsm.LearningEntry{ID: "l2", Date: day("2026-03-01"), Title: "Deploy script failed again",
		Stages: []string{"Deploy"}, Factors: []vsm.Factor{vsm.FactorTooling}})
	f := openBook(t, workbookBytes(t, m))
	rows, err := f.GetRows(SheetLearning)
	if err != nil || len(rows) != 3 {
		t.Fatalf("Learning log: %d rows, %v", len(rows), err)
	}
	last := len(learningHeader) - 1
	if rows[0][last] != "Recurs (within 90 days of)" {
		t.Fatalf("last column %q", rows[0][last])
	}
	if len(rows[1]) > last && rows[1][last] != "" {
		t.Errorf("l1 recurs %q; it is the first", rows[1][last])
	}
	if got := rows[2][last]; got != "l1 (17 days earlier)" {
		t.Errorf("l2 recurs %q, want l1 (17 days earlier)", got)
	}
}
