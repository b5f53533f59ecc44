package report

import (
	"strconv"
	"strings"
	"testing"

	"flowmap/vsm"
)

// percentMap has ratios on both sides of every step of vsm.FormatPercent's
// rule. By hand, on an 8-hour day with demand 0.035 items a day:
//
//	stage  PT  WT  CA      flow eff.        capacity/day          utilization
//	A      1   99  1       1/100 = 1.0%     1x8x1/1 = 8           0.035/8 = 0.4%
//	B      4   36  0.285   4/40 = 10%       1x8x0.285/4 = 0.57    0.035/0.57 = 6.1%
//	C      8   0   1       8/8 = 100%       1x8x1/8 = 1           3.5%
//	D      0   5   0.0996  0/5 = 0%         none
//
// %C&A: 100%, 28% (0.285 x 100 is 28.499999999999996 in binary), 100%,
// 10.0% (9.96 is below 10%). Totals:
// flow efficiency 13/153 = 8.5%, rolled %C&A 0.285 x 0.0996 = 0.028386 =
// 2.8%; the constraint is B (0.57 a day), the biggest wait A, 99/140 = 71%.
func percentMap() *vsm.Map {
	m := vsm.NewMap("Percents")
	m.DemandPerDay = f64(0.035)
	m.Stages = []vsm.Stage{
		{Name: "A", ProcessHours: 1, WaitHours: 99, CompleteAccurate: 1, People: 1},
		{Name: "B", ProcessHours: 4, WaitHours: 36, CompleteAccurate: 0.285, People: 1},
		{Name: "C", ProcessHours: 8, WaitHours: 0, CompleteAccurate: 1, People: 1},
		{Name: "D", ProcessHours: 0, WaitHours: 5, CompleteAccurate: 0.0996, People: 1},
	}
	return m
}

// TestLibreOfficeShowsPercentsByTheOneRule: the workbook's ratio cells and
// the reasons its formulas write read exactly as vsm.FormatPercent writes the
// same values, as LibreOffice shows them after recalculating.
func TestLibreOfficeShowsPercentsByTheOneRule(t *testing.T) {
	skipShort(t)
	t.Parallel()
	books := map[string][]byte{"percents": workbookBytes(t, percentMap()), "example": workbookBytes(t, vsm.ExampleMap())}
	stored := recalculate(t, books)
	shown := convertToCSV(t, books, true)

	checked := 0
	for book := range books {
		for _, sheet := range []string{SheetSummary, SheetStages} {
			rows, rowsShown := stored[book][sheet], shown[book][sheet]
			for r := range rowsShown {
				for c, text := range rowsShown[r] {
					if !strings.HasSuffix(text, "%") || r >= len(rows) || c >= len(rows[r]) {
						continue
					}
					v, err := strconv.ParseFloat(strings.TrimSuffix(rows[r][c], "%"), 64)
					if err != nil {
						continue // text that ends in "%", such as a label
					}
					if strings.HasSuffix(rows[r][c], "%") {
						v /= 100
					}
					checked++
					if want := vsm.FormatPercent(v); text != want {
						t.Errorf("%s %s row %d column %d: LibreOffice shows %q for %v, FormatPercent writes %q",
							book, sheet, r+1, c+1, text, v, want)
					}
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d percentage cells checked", checked)
	}

	st := shown["percents"][SheetStages]
	for _, c := range []struct {
		row, col int // 0-based: row 1 is stage A; column 6 %C&A, 9 flow efficiency, 11 utilization
		want     string
	}{
		{1, 9, "1.0%"}, {2, 9, "10%"}, {3, 9, "100%"}, {4, 9, "0%"},
		{2, 6, "28%"}, {4, 6, "10.0%"},
		{1, 11, "0.4%"}, {2, 11, "6.1%"}, {3, 11, "3.5%"},
	} {
		if got := st[c.row][c.col]; got != c.want {
			t.Errorf("Stages row %d column %d shows %q, want %q (by hand)", c.row+1, c.col+1, got, c.want)
		}
	}
	sum := shown["percents"][SheetSummary]
	for _, c := range []struct{ label, want string }{{"Flow efficiency", "8.5%"}, {"Rolled %C&A", "2.8%"}} {
		if got := lookup(t, sum, c.label, 1); got != c.want {
			t.Errorf("Summary %q shows %q, want %q (by hand)", c.label, got, c.want)
		}
	}
	if got, want := lookup(t, sum, "Constraint (lowest capacity)", 3), "lowest capacity: 0.6 items/day (4.0 h work, 1 person, 28% C&A), 6.1% utilized"; got != want {
		t.Errorf("constraint reason = %q, want %q", got, want)
	}
	if got, want := lookup(t, sum, "Biggest wait", 3), "waits 99.0 h (12.4 working days), 71% of all waiting"; got != want {
		t.Errorf("biggest-wait reason = %q, want %q", got, want)
	}
}
