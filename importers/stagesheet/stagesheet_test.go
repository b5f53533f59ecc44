package stagesheet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowmap/importers/table"
	"flowmap/vsm"
)

func TestStageSheetSamples(t *testing.T) {
	t.Run("mbpm-team.xlsx", func(t *testing.T) {
		p, err := ReadFile(filepath.Join("testdata", "mbpm-team.xlsx"), vsm.SheetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Layout != LayoutMetricsBasedProcessMap || p.Sheet != "Map" || p.HeaderRow != 3 || p.Format != "xlsx" {
			t.Errorf("layout %q sheet %q header row %d format %q", p.Layout, p.Sheet, p.HeaderRow, p.Format)
		}
		// PT is in minutes ("PT (min)"), LT in hours ("LT (hrs)"), no wait
		// column: WT = LT - PT. Refine ticket: 90 min = 1.5 h, 40 - 1.5 = 38.5.
		checkStages(t, p.Stages, []wantStage{
			{Name: "Refine ticket", PT: 1.5, Wait: 38.5, CA: 0.8, People: 2, Queue: -1, Team: "Product", Notes: "Unclear acceptance criteria"},
			{Name: "Implement", PT: 10, Wait: 46, CA: 0.85, People: 4, Queue: -1, Team: "Dev"},                                // 600 min; 56 - 10
			{Name: "Code review", PT: 0.75, Wait: 23.25, CA: 0.9, People: 2, Queue: -1, Team: "Dev", Notes: "Reviewers busy"}, // 45 min; 24 - 0.75
			{Name: "QA", PT: 4, Wait: 68, CA: 0.75, People: 1, Queue: -1, Team: "QA", Notes: "Manual regression"},             // 240 min; 72 - 4
			{Name: "Approve release", PT: 0.25, Wait: 47.75, CA: 1, People: 1, Queue: -1, Team: "Ops", Notes: "Weekly CAB"},   // 15 min; 48 - 0.25
			{Name: "Deploy", PT: 1, Wait: 7, CA: 0.95, People: 1, Queue: -1, Team: "Ops", Notes: "Manual steps"},              // 60 min; 8 - 1
		})
		if len(p.Skipped) != 1 || p.Skipped[0].Row != 10 || !strings.Contains(p.Skipped[0].Reason, "Total") {
			t.Errorf("skipped %+v, want the Total row 10", p.Skipped)
		}
		want := map[string]vsm.ColumnField{"Step": vsm.IgnoredColumn, "Activity": vsm.NameColumn, "Function": vsm.TeamColumn, "Staff": vsm.PeopleColumn,
			"PT (min)": vsm.ProcessColumn, "LT (hrs)": vsm.LeadColumn, "%C&A": vsm.CompleteAccurateColumn, "Barriers": vsm.NotesColumn}
		for _, c := range p.Columns {
			if want[c.Header] != c.Field {
				t.Errorf("column %q feeds %q, want %q", c.Header, c.Field, want[c.Header])
			}
		}
		if c := p.Columns[0]; !strings.Contains(c.Note, "step numbers") {
			t.Errorf("Step column note %q", c.Note)
		}
		if c := p.Columns[4]; c.Unit != vsm.Minutes || !c.UnitFromHeader {
			t.Errorf("PT (min) unit %v from header %v", c.Unit, c.UnitFromHeader)
		}
	})
	t.Run("feature-delivery.csv", func(t *testing.T) {
		p, err := ReadFile(filepath.Join("testdata", "feature-delivery.csv"), vsm.SheetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Layout != LayoutGeneric || p.Delimiter != "comma" || p.Encoding != "UTF-8" || p.HeaderRow != 1 {
			t.Errorf("layout %q delimiter %q encoding %q header %d", p.Layout, p.Delimiter, p.Encoding, p.HeaderRow)
		}
		// Days are 8 working hours: 3d = 24 h, 2d = 16, 4d = 32, 5d = 40, 10d = 80; 20m = 1/3 h.
		checkStages(t, p.Stages, []wantStage{
			{Name: "Idea", Wait: 0, PT: 2, CA: 1, People: 1, Queue: -1, Team: "Product", Notes: "Captured in the product board"},
			{Name: "Plan", Wait: 24, PT: 4, CA: 0.9, People: 2, Queue: -1, Team: "Product", Waste: "approvals", Notes: "Waits for the monthly planning meeting"},
			{Name: "Code", Wait: 16, PT: 12, CA: 0.85, People: 4, Queue: -1, Team: "Dev"},
			{Name: "Build", Wait: 2, PT: 1.0 / 3, CA: 0.98, People: 1, Queue: -1, Team: "Platform"},
			{Name: "Test", Wait: 32, PT: 6, CA: 0.8, People: 2, Queue: -1, Team: "QA", Waste: "manual-testing,handoffs", Notes: "Manual regression suite"},
			{Name: "Release", Wait: 40, PT: 1, CA: 0.95, People: 1, Queue: -1, Team: "Ops", Waste: "approvals", Notes: "Change advisory board every Thursday"},
			{Name: "Deploy", Wait: 8, PT: 2, CA: 0.9, People: 1, Queue: -1, Team: "Ops", Waste: "manual-deploy"},
			{Name: "Operate", Wait: 0, PT: 0, CA: 1, People: 2, Queue: -1, Team: "SRE"},
			{Name: "Feedback", Wait: 80, PT: 2, CA: 1, People: 1, Queue: -1, Team: "Product", Waste: "waiting", Notes: "Quarterly customer survey"},
		})
		if len(p.Warnings) != 0 {
			t.Errorf("warnings %q: every non-zero duration has its own unit", p.Warnings)
		}
		m, err := p.Map("")
		if err != nil {
			t.Fatal(err)
		}
		if m.Name != "feature-delivery" || len(m.Stages) != 9 || m.Calendar != vsm.DefaultCalendar() {
			t.Errorf("map %q with %d stages on %+v", m.Name, len(m.Stages), m.Calendar)
		}
	})
}

func TestStageSheetLayouts(t *testing.T) {
	t.Run("lead-time ladder", func(t *testing.T) {
		// LT 0 means unknown: the lead time is the process time (wait 0).
		// %C&A 0 means unknown: 100%.
		csv := "Stage,LT,PT,%C&A\nIdea,0,2,0\nBuild,10,4,90%\nTest,3d,1d,80\n"
		p := mustRead(t, "ladder.csv", []byte(csv), vsm.SheetOptions{})
		if p.Layout != LayoutLeadTimeLadder {
			t.Errorf("layout %q", p.Layout)
		}
		checkStages(t, p.Stages, []wantStage{
			{Name: "Idea", Wait: 0, PT: 2, CA: 1, People: 1, Queue: -1},
			{Name: "Build", Wait: 6, PT: 4, CA: 0.9, People: 1, Queue: -1}, // 10 - 4
			{Name: "Test", Wait: 16, PT: 8, CA: 0.8, People: 1, Queue: -1}, // 24 - 8
		})
		if len(p.Warnings) != 3 || !strings.Contains(p.Warnings[2], "1 stage(s) have \"LT\" 0") {
			t.Errorf("warnings %q, want LT and PT in hours and the LT 0 one", p.Warnings)
		}
	})
	t.Run("generic sheet with 0 LT is an error", func(t *testing.T) {
		// Outside a ladder LT 0 is a number: less than PT 2.
		p, err := testRead(t, "g.csv", []byte("Stage,Wait,LT,PT\nIdea,1,0,2\n"), vsm.SheetOptions{})
		want := `g.csv: row 2, column "LT": "0" is less than the process time (2h): lead time must be at least the process time`
		if err == nil || err.Error() != want {
			t.Fatalf("err %v\nwant %s", err, want)
		}
		if p.Layout != LayoutGeneric || !errors.Is(err, vsm.ErrInvalid) {
			t.Errorf("layout %q, errors.Is(ErrInvalid) %v", p.Layout, errors.Is(err, vsm.ErrInvalid))
		}
	})
	t.Run("eVSM", func(t *testing.T) {
		book := testWorkbook(t, testSheet{Name: "VSM data", Rows: [][]any{
			{"Process", "C/T (sec)", "C/O (min)", "Uptime", "Staff", "Inventory"},
			{"Cut", 3600, 30, 0.9, 2, 120},
			{"Weld", 90, 15, 0.85, 1, 0},
			{"Paint", "1.5h", 0, 1, 3, 40},
		}})
		p := mustRead(t, "plant.xlsx", book, vsm.SheetOptions{})
		if p.Layout != LayoutEVSM {
			t.Errorf("layout %q", p.Layout)
		}
		// 3600 s = 1 h; 90 s = 0.025 h; a cell unit wins: 1.5h.
		checkStages(t, p.Stages, []wantStage{
			{Name: "Cut", PT: 1, CA: 1, People: 2, Queue: 120},
			{Name: "Weld", PT: 0.025, CA: 1, People: 1, Queue: 0},
			{Name: "Paint", PT: 1.5, CA: 1, People: 3, Queue: 40},
		})
		if c := p.Columns[1]; !c.Seconds || c.UnitName() != "seconds" || c.Field != vsm.ProcessColumn {
			t.Errorf("C/T column %+v", c)
		}
		for _, c := range p.Columns[2:4] {
			if c.Field != vsm.IgnoredColumn {
				t.Errorf("column %q feeds %q, want ignored", c.Header, c.Field)
			}
		}
	})
	t.Run("M&O with title rows and wait and lead", func(t *testing.T) {
		book := testWorkbook(t, testSheet{Name: "MBPM", Rows: [][]any{
			{"Metrics-based process map"},
			{"Team Phoenix, measured in March"},
			nil,
			{nil, "Step", "Activity", "Function", "Staff", "PT (hours)", "LT (days)", "%C&A", "Wait (days)"},
			{nil, 1, "Intake", "Product", 1, 2, 1, 0.9, 3},
			{nil, 2, "Design", "UX", 0.5, 4, 2, "95%", nil},
			{nil, nil, "Total", nil, nil, 6, 3},
		}})
		p := mustRead(t, "mbpm.xlsx", book, vsm.SheetOptions{})
		if p.Layout != LayoutMetricsBasedProcessMap || p.HeaderRow != 4 {
			t.Errorf("layout %q header row %d", p.Layout, p.HeaderRow)
		}
		// Both wait and LT: WT = wait + (LT - PT). Intake: 3d + (1d - 2h) = 24 + 6 = 30.
		// Design: 0 + (16 - 4) = 12.
		checkStages(t, p.Stages, []wantStage{
			{Name: "Intake", Wait: 30, PT: 2, CA: 0.9, People: 1, Queue: -1, Team: "Product"},
			{Name: "Design", Wait: 12, PT: 4, CA: 0.95, People: 0.5, Queue: -1, Team: "UX"},
		})
		if len(p.Skipped) != 1 || p.Skipped[0].Row != 7 {
			t.Errorf("skipped %+v", p.Skipped)
		}
	})
}

func TestStageSheetUnits(t *testing.T) {
	cal := vsm.Calendar{HoursPerDay: 8, DaysPerWeek: 5}
	tests := []struct {
		header, cell string
		opt          vsm.SheetOptions
		want         float64 // wait hours
	}{
		{"Wait", "3", vsm.SheetOptions{}, 3},                                         // bare: hours
		{"Wait", "3", vsm.SheetOptions{Unit: vsm.Days, UnitSet: true}, 24},           // bare in the chosen unit
		{"Wait (days)", "3", vsm.SheetOptions{}, 24},                                 // header unit
		{"Wait (days)", "3", vsm.SheetOptions{Unit: vsm.Minutes, UnitSet: true}, 24}, // header beats the option
		{"Wait (days)", "4h", vsm.SheetOptions{}, 4},                                 // cell unit beats header
		{"Wait [h]", "1.5", vsm.SheetOptions{}, 1.5},
		{"Wait in minutes", "90", vsm.SheetOptions{}, 1.5},
		{"Wait time (mins)", "30", vsm.SheetOptions{}, 0.5},
		{"Wait hrs", "2", vsm.SheetOptions{}, 2},
		{"Wait (wks)", "1", vsm.SheetOptions{}, 40},            // 5 days x 8 h
		{"Wait (mo)", "1", vsm.SheetOptions{}, 52.0 / 12 * 40}, // 52/12 weeks
		{"Wait (sec)", "7200", vsm.SheetOptions{}, 2},
		{"Avg wait time (working days)", "0.5", vsm.SheetOptions{}, 4},
		{"Days waiting", "2", vsm.SheetOptions{}, 16},
		{"Queue time in hours", "2", vsm.SheetOptions{}, 2},
		{"Inventory (days)", "2", vsm.SheetOptions{}, 16}, // a queue in days is wait time
		{"Wait", "1d 4h", vsm.SheetOptions{}, 12},
		{"Wait", "2h30m", vsm.SheetOptions{}, 2.5},
		{"Wait", "01:30", vsm.SheetOptions{}, 1.5},
		{"Wait", "45 min", vsm.SheetOptions{}, 0.75},
		{"Wait", "1w", vsm.SheetOptions{}, 40},
		{"Wait", "1 month", vsm.SheetOptions{}, 52.0 / 12 * 40},
		{"Wait", "30s", vsm.SheetOptions{}, 30.0 / 3600},
		{"Wait", "2d", vsm.SheetOptions{Calendar: vsm.Calendar{HoursPerDay: 6}}, 12}, // the calendar's day
		{"Wait", "-", vsm.SheetOptions{}, 0},                                         // unknown
		{"Wait", "n/a", vsm.SheetOptions{}, 0},
	}
	for _, tt := range tests {
		csv := "Stage," + tt.header + "\nX," + tt.cell + "\n"
		p, err := testRead(t, "u.csv", []byte(csv), tt.opt)
		if err != nil {
			t.Errorf("%q / %q: %v", tt.header, tt.cell, err)
			continue
		}
		if len(p.Stages) != 1 || p.Stages[0].WaitHours-tt.want > 1e-9 || tt.want-p.Stages[0].WaitHours > 1e-9 {
			t.Errorf("%q / %q: stages %+v, want wait %v h", tt.header, tt.cell, p.Stages, tt.want)
		}
	}
	_ = cal
}

func TestStageSheetCompleteAccurate(t *testing.T) {
	tests := []struct {
		cell string
		want float64 // 0: a problem
		msg  string
	}{
		{"85%", 0.85, ""},
		{"85", 0.85, ""},
		{"0.85", 0.85, ""},
		{"1", 1, ""},
		{"100 %", 1, ""},
		{"", 1, ""}, // default
		{"0", 0, "is outside the range of %C&A"},
		{"120%", 0, "is outside the range of %C&A"},
		{"-5", 0, "is outside the range of %C&A"},
		{"good", 0, "is not a percentage"},
	}
	for _, tt := range tests {
		csv := "Stage,PT,%C&A\nX,1," + tt.cell + "\n"
		p, err := testRead(t, "ca.csv", []byte(csv), vsm.SheetOptions{})
		if tt.want == 0 {
			if err == nil || !strings.Contains(err.Error(), `column "%C&A": "`+tt.cell+`" `+tt.msg) {
				t.Errorf("CA %q: err %v, want %q", tt.cell, err, tt.msg)
			}
			continue
		}
		if err != nil || p.Stages[0].CompleteAccurate != tt.want {
			t.Errorf("CA %q: %v %+v, want %v", tt.cell, err, p.Stages, tt.want)
		}
	}
}

func TestStageSheetWaste(t *testing.T) {
	csv := "Stage,PT,Waste\n" +
		"A,1,approvals; handoffs\n" +
		"B,1,\"Manual testing, rework,rework\"\n" +
		"C,1,Task_Switching\n" +
		"D,1,\n"
	p := mustRead(t, "w.csv", []byte(csv), vsm.SheetOptions{})
	checkStages(t, p.Stages, []wantStage{
		{Name: "A", PT: 1, CA: 1, People: 1, Queue: -1, Waste: "approvals,handoffs"},
		{Name: "B", PT: 1, CA: 1, People: 1, Queue: -1, Waste: "manual-testing,rework"},
		{Name: "C", PT: 1, CA: 1, People: 1, Queue: -1, Waste: "task-switching"},
		{Name: "D", PT: 1, CA: 1, People: 1, Queue: -1},
	})

	p, err := testRead(t, "w.csv", []byte("Stage,PT,Waste\nA,1,approvals;slowness;meetings\n"), vsm.SheetOptions{})
	if err == nil || len(p.Problems) != 2 {
		t.Fatalf("err %v problems %v, want two unknown tags", err, p.Problems)
	}
	if p.Problems[0].Value != "slowness" || p.Problems[1].Value != "meetings" ||
		!strings.HasPrefix(err.Error(), `w.csv: row 2, column "Waste": "slowness" is not a waste type (one of approvals, manual-testing,`) {
		t.Errorf("problems %+v\nerr %v", p.Problems, err)
	}
}

func TestStageSheetSkippedRows(t *testing.T) {
	csv := "Value stream: onboarding\n" + // row 1: a title
		"\n" + // row 2
		"Stage,Wait,PT,Notes\n" + // row 3: the header
		"Sign up,1,1,\n" + // row 4
		",,,\n" + // row 5: blank (empty cells)
		"\n" + // row 6: blank line
		"Verify,2,1,\n" + // row 7
		"Subtotal,3,2,\n" + // row 8
		"Activate,1,1,\"needs a\nsecond line\"\n" + // rows 9 (one row in a spreadsheet)
		"TOTAL:,4,3,\n" + // row 10
		"Grand total,4,3,\n" + // row 11
		"Sum,4,3,\n" + // row 12
		"\n" + // row 13
		"Source: interviews in May\n" + // row 14: a note below the table
		",,,\n\n" // trailing blanks: the end, not reported
	p := mustRead(t, "skip.csv", []byte(csv), vsm.SheetOptions{})
	if p.HeaderRow != 3 {
		t.Errorf("header row %d, want 3", p.HeaderRow)
	}
	checkStages(t, p.Stages, []wantStage{
		{Name: "Sign up", Wait: 1, PT: 1, CA: 1, People: 1, Queue: -1},
		{Name: "Verify", Wait: 2, PT: 1, CA: 1, People: 1, Queue: -1},
		{Name: "Activate", Wait: 1, PT: 1, CA: 1, People: 1, Queue: -1, Notes: "needs a\nsecond line"},
	})
	wantRows := []int{5, 6, 8, 10, 11, 12, 13, 14}
	var got []int
	for _, s := range p.Skipped {
		got = append(got, s.Row)
	}
	if len(got) != len(wantRows) {
		t.Fatalf("skipped rows %v (%+v), want %v", got, p.Skipped, wantRows)
	}
	for i := range got {
		if got[i] != wantRows[i] {
			t.Fatalf("skipped rows %v, want %v", got, wantRows)
		}
	}
	if p.StageRows[2] != 9 {
		t.Errorf("stage rows %v, want Activate in row 9", p.StageRows)
	}
	if !strings.Contains(p.Skipped[7].Reason, "below the table") || p.Skipped[0].Reason != "blank row" {
		t.Errorf("reasons %+v", p.Skipped)
	}
}

func TestStageSheetProblems(t *testing.T) {
	tests := []struct {
		name, csv string
		want      string // the error: the first problem
		problems  int
	}{
		{"bad duration", "Stage,Wait\nA,1\nB,2 dayz\n",
			`p.csv: row 3, column "Wait": "2 dayz" is not a duration: unknown unit "dayz" (use m, h, d, w or mo)`, 1},
		{"negative", "Stage,PT\nA,-2\n", `p.csv: row 2, column "PT": "-2" is not a duration: durations cannot be negative`, 1},
		{"missing name", "Stage,PT\n,2\n", `p.csv: row 2, column "Stage": the stage name is missing (the row has other values)`, 1},
		{"people", "Stage,Staff\nA,0\nB,many\n", `p.csv: row 2, column "Staff": "0" must be more than 0 people (0.5 for half a person's time)`, 2},
		{"queue", "Stage,WIP\nA,-1\n", `p.csv: row 2, column "WIP": "-1" must be 0 or more items`, 1},
		{"every bad value of a row", "Stage,Wait,PT,%C&A\nA,x,y,z\n", `p.csv: row 2, column "Wait": "x" is not a duration: expected a number at "x"`, 3},
		{"LT < PT", "Stage,PT,Lead time\nA,1d,4h\n",
			`p.csv: row 2, column "Lead time": "4h" is less than the process time (1d): lead time must be at least the process time`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := testRead(t, "p.csv", []byte(tt.csv), vsm.SheetOptions{})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err %v\nwant %s", err, tt.want)
			}
			if len(p.Problems) != tt.problems || !errors.Is(err, vsm.ErrInvalid) {
				t.Errorf("problems %+v, want %d; Is(ErrInvalid) %v", p.Problems, tt.problems, errors.Is(err, vsm.ErrInvalid))
			}
			if _, err := p.Map("x"); err == nil {
				t.Error("Map succeeded on a sheet with problems")
			}
		})
	}
	t.Run("problems are capped", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("Stage,Wait\n")
		for range 150 {
			b.WriteString("A,bad\n")
		}
		p, err := testRead(t, "p.csv", []byte(b.String()), vsm.SheetOptions{})
		if err == nil || len(p.Problems) != maxProblems || p.MoreProblems != 50 || len(p.Stages) != 0 {
			t.Errorf("problems %d more %d stages %d err %v", len(p.Problems), p.MoreProblems, len(p.Stages), err)
		}
	})
	t.Run("xlsx names the sheet", func(t *testing.T) {
		book := testWorkbook(t, testSheet{Name: "Q3", Rows: [][]any{
			{"Stage", "Wait"}, {"A", 1}, {"B", 1}, {"C", 1}, {"D", 1}, {"E", 1}, {"F", "2 dayz"},
		}})
		_, err := testRead(t, "dir/stages.xlsx", book, vsm.SheetOptions{})
		want := `stages.xlsx: sheet "Q3", row 7, column "Wait": "2 dayz" is not a duration: unknown unit "dayz" (use m, h, d, w or mo)`
		if err == nil || err.Error() != want {
			t.Errorf("err %v\nwant %s", err, want)
		}
		var pr vsm.SheetProblem
		if !errors.As(err, &pr) || pr.Row != 7 || pr.Column != "Wait" || pr.Value != "2 dayz" || pr.Sheet != "Q3" || pr.File != "stages.xlsx" {
			t.Errorf("problem %+v", pr)
		}
	})
}

func TestStageSheetOptions(t *testing.T) {
	t.Run("columns override", func(t *testing.T) {
		csv := "Stage,Waiting (est.),Hands on,Owner\nA,2,3,Ann\n"
		// "Hands on" is no known name; "Owner" is the team but is dropped.
		p := mustRead(t, "o.csv", []byte(csv), vsm.SheetOptions{Columns: map[int]vsm.ColumnField{2: vsm.ProcessColumn, 3: vsm.IgnoredColumn}})
		checkStages(t, p.Stages, []wantStage{{Name: "A", Wait: 2, PT: 3, CA: 1, People: 1, Queue: -1}})
		if c := p.Columns[2]; !c.Chosen || c.Field != vsm.ProcessColumn || c.Note != "" {
			t.Errorf("column C %+v", c)
		}
	})
	t.Run("override beats a matching header", func(t *testing.T) {
		csv := "Stage,Wait,Queue time\nA,2,5\n"
		p := mustRead(t, "o.csv", []byte(csv), vsm.SheetOptions{Columns: map[int]vsm.ColumnField{2: vsm.WaitColumn}})
		if p.Stages[0].WaitHours != 5 || p.Columns[1].Field != vsm.IgnoredColumn || !strings.Contains(p.Columns[1].Note, `"Queue time" is used`) {
			t.Errorf("wait %v columns %+v", p.Stages[0].WaitHours, p.Columns)
		}
	})
	t.Run("header row with unknown names", func(t *testing.T) {
		csv := "Schritt,Wartezeit\nA,2\n"
		if _, err := testRead(t, "de.csv", []byte(csv), vsm.SheetOptions{}); !errors.Is(err, table.ErrNoHeader) {
			t.Fatalf("err %v, want table.ErrNoHeader", err)
		}
		p := mustRead(t, "de.csv", []byte(csv), vsm.SheetOptions{HeaderRow: 1, Columns: map[int]vsm.ColumnField{0: vsm.NameColumn, 1: vsm.WaitColumn}})
		checkStages(t, p.Stages, []wantStage{{Name: "A", Wait: 2, CA: 1, People: 1, Queue: -1}})
		// Without HeaderRow, naming the stage-name column makes the first
		// row with a value the header.
		p = mustRead(t, "de.csv", []byte("\n"+csv), vsm.SheetOptions{Columns: map[int]vsm.ColumnField{0: vsm.NameColumn, 1: vsm.WaitColumn}})
		if p.HeaderRow != 2 || len(p.Stages) != 1 || p.Stages[0].WaitHours != 2 {
			t.Errorf("header row %d stages %+v", p.HeaderRow, p.Stages)
		}
		if _, err := testRead(t, "de.csv", []byte(csv), vsm.SheetOptions{Columns: map[int]vsm.ColumnField{1: vsm.WaitColumn}}); !errors.Is(err, table.ErrNoHeader) {
			t.Errorf("a wait column alone: %v", err)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		for _, opt := range []vsm.SheetOptions{
			{Columns: map[int]vsm.ColumnField{0: "speed"}},
			{Columns: map[int]vsm.ColumnField{-1: vsm.NameColumn}},
			{MaxRows: -1},
		} {
			if _, err := testRead(t, "x.csv", []byte("Stage,PT\nA,1\n"), opt); err == nil {
				t.Errorf("options %+v accepted", opt)
			}
		}
	})
	t.Run("max rows", func(t *testing.T) {
		csv := "Stage,PT\n" + strings.Repeat("A,1\n", 10)
		if _, err := testRead(t, "r.csv", []byte(csv), vsm.SheetOptions{MaxRows: 11}); err != nil {
			t.Errorf("11 rows with MaxRows 11: %v", err)
		}
		_, err := testRead(t, "r.csv", []byte(csv+"B,1\n"), vsm.SheetOptions{MaxRows: 11})
		if !errors.Is(err, table.ErrTooLarge) || !strings.Contains(err.Error(), "more than 11 rows") {
			t.Errorf("12 rows with MaxRows 11: %v", err)
		}
		// Blank rows past the limit do not count.
		if _, err := testRead(t, "r.csv", []byte(csv+",\n,\n"), vsm.SheetOptions{MaxRows: 11}); err != nil {
			t.Errorf("trailing blank rows: %v", err)
		}
	})
	t.Run("default row limit", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds a 100,001-row sheet")
		}
		var b strings.Builder
		b.WriteString("Stage,PT\n")
		for range DefaultMaxRows {
			b.WriteString("A,1\n")
		}
		_, err := testRead(t, "big.csv", []byte(b.String()), vsm.SheetOptions{})
		if !errors.Is(err, table.ErrTooLarge) || !strings.Contains(err.Error(), "more than 100000 rows") {
			t.Errorf("100,001 rows: %v", err)
		}
	})
}

func TestStageSheetMap(t *testing.T) {
	data := []byte("Stage,Wait,PT\nA,2d,1w\nB,3,1\n")
	p := mustRead(t, "team-map.csv", data, vsm.SheetOptions{Calendar: vsm.Calendar{HoursPerDay: 6, DaysPerWeek: 4}})
	m, err := p.Map("Team map")
	if err != nil {
		t.Fatal(err)
	}
	// Read on 6 h days and 4-day weeks: 2d = 12 h, 1w = 24 h; bare hours stay.
	checkStages(t, m.Stages, []wantStage{
		{Name: "A", Wait: 12, PT: 24, CA: 1, People: 1, Queue: -1},
		{Name: "B", Wait: 3, PT: 1, CA: 1, People: 1, Queue: -1},
	})
	if m.Name != "Team map" || m.Calendar.HoursPerDay != 6 {
		t.Errorf("map %q calendar %+v", m.Name, m.Calendar)
	}
	// On the default calendar the same sheet reads 2d as 16 h.
	if p := mustRead(t, "team-map.csv", data, vsm.SheetOptions{}); p.Stages[0].WaitHours != 16 {
		t.Errorf("preview wait %v, want 16", p.Stages[0].WaitHours)
	}
	m.Stages[0].Name = "changed"
	if p.Stages[0].Name != "A" {
		t.Error("the map shares stages with the preview")
	}
	if p, _ := testRead(t, "team-map.csv", data, vsm.SheetOptions{Calendar: vsm.Calendar{HoursPerDay: 30}}); p != nil {
		if _, err := p.Map(""); err == nil {
			t.Error("a 30-hour day was accepted")
		}
	}

	if _, err := (&vsm.SheetPreview{File: "x.csv"}).Map("x"); !errors.Is(err, vsm.ErrEmpty) {
		t.Errorf("Map of an unread preview: %v", err)
	}
	_, err = testRead(t, "h.csv", []byte("Stage,PT\n\n"), vsm.SheetOptions{})
	if !errors.Is(err, vsm.ErrEmpty) || !strings.Contains(err.Error(), "has a header in row 1 but no stages") {
		t.Errorf("header only: %v", err)
	}
}

func TestStageSheetWarnings(t *testing.T) {
	p := mustRead(t, "w.csv", []byte("Stage,Wait,PT (min)\nTest,2,30\nTest,0,5\n"), vsm.SheetOptions{})
	want := []string{
		`column "Wait" names no unit: its bare numbers are read as hours`,
		`2 stages are named "Test": updating a map matches stages by name`,
	}
	if strings.Join(p.Warnings, "|") != strings.Join(want, "|") {
		t.Errorf("warnings %q\nwant %q", p.Warnings, want)
	}
	p = mustRead(t, "w.csv", []byte("Stage,Wait\nA,2\n"), vsm.SheetOptions{UnitSet: true})
	if len(p.Warnings) != 0 {
		t.Errorf("warnings with an explicit unit: %q", p.Warnings)
	}
}

// TestStageSheetCSVFixtures reads the committed exports: Excel's "Unicode
// text" (UTF-16LE, tab, decimal commas), a semicolon CSV with a BOM and
// decimal commas, and quoted fields with line breaks.
func TestStageSheetCSVFixtures(t *testing.T) {
	tests := []struct {
		file, enc, delim string
		want             []wantStage
	}{
		{"unicode-text-utf16le.txt", "UTF-16LE", "tab", []wantStage{
			// Wait (days) 1,5 = 12 h; PT (h) 0,5; %C&A 92,5 %.
			{Name: "Anfrage prüfen", Wait: 12, PT: 0.5, CA: 0.925, People: 1, Queue: -1, Team: "Vertrieb"},
			{Name: "Angebot", Wait: 4, PT: 2.25, CA: 1, People: 2, Queue: -1, Team: "Vertrieb"},
		}},
		{"semicolon-decimal-comma.csv", "UTF-8 with BOM", "semicolon", []wantStage{
			// Lead time 2,5d = 20 h, PT 1,5h: WT 18.5; Queue 3; CA 0,9.
			{Name: "Analyse", Wait: 18.5, PT: 1.5, CA: 0.9, People: 1.5, Queue: 3},
			{Name: "Réalisation", Wait: 28, PT: 12, CA: 0.75, People: 2, Queue: 0},
		}},
		{"quoted-newlines.csv", "UTF-8", "comma", []wantStage{
			{Name: "Review, legal", Wait: 16, PT: 1, CA: 1, People: 1, Queue: -1, Notes: "Two reviewers:\n- legal\n- security"},
			{Name: "Sign \"off\"", Wait: 4, PT: 0.5, CA: 1, People: 1, Queue: -1},
		}},
		{"utf16be.csv", "UTF-16BE", "comma", []wantStage{
			{Name: "Plan", Wait: 8, PT: 2, CA: 1, People: 1, Queue: -1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := ReadFile(filepath.Join("testdata", tt.file), vsm.SheetOptions{})
			if err != nil {
				t.Fatalf("%v (problems %v)", err, p.Problems)
			}
			if p.Encoding != tt.enc || p.Delimiter != tt.delim {
				t.Errorf("encoding %q delimiter %q, want %q %q", p.Encoding, p.Delimiter, tt.enc, tt.delim)
			}
			checkStages(t, p.Stages, tt.want)
		})
	}
}

func TestStageSheetFileErrors(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "missing.csv"), vsm.SheetOptions{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	tests := []struct {
		name string
		data []byte
		is   error
		msg  string
	}{
		{"empty.csv", nil, vsm.ErrEmpty, "empty.csv: the file is empty"},
		{"spaces.csv", []byte(" \n\t\n"), vsm.ErrEmpty, "spaces.csv: the file is empty"},
		{"bom.csv", []byte("\xff\xfe"), vsm.ErrEmpty, "bom.csv: the file is empty"},
		{"report.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), table.ErrNotSpreadsheet, "report.pdf: not a spreadsheet (.xlsx or .csv): it is a PDF document"},
		{"stages.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), table.ErrNotSpreadsheet, "stages.xlsx: not a spreadsheet (.xlsx or .csv): it is a PNG image"},
		{"random.csv", []byte("\x13\x88\xfe\x01\x9c\x00\x7f\x03\xaa\x10\x11\x12"), table.ErrNotSpreadsheet, "random.csv: not a spreadsheet (.xlsx or .csv): it holds binary data, not text"},
		{"page.csv", []byte("<!DOCTYPE html><html><table><tr><td>Stage</td></tr></table>"), table.ErrNotSpreadsheet, "it is an HTML page"},
		{"map.csv", []byte(`{"format": "flowmap/1", "name": "x"}`), table.ErrNotSpreadsheet, "it is a Flowmap map file"},
		{"nohead.csv", []byte("a,b,c\n1,2,3\n"), table.ErrNoHeader, "nohead.csv: no header row found in the first 20 rows: a stage sheet needs a column for the stage name"},
		{"onlyname.csv", []byte("Stage\nA\n"), table.ErrNoHeader, "no header row found"},
		{"quote.csv", []byte("Stage,PT\nA,1\n\"B,2\n"), vsm.ErrInvalid, `quote.csv: row 3: a quoted field is not closed`},
	}
	for _, tt := range tests {
		p, err := testRead(t, tt.name, tt.data, vsm.SheetOptions{})
		if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: err %v\nwant Is(%v) containing %q", tt.name, err, tt.is, tt.msg)
		}
		if len(p.Stages) != 0 {
			t.Errorf("%s: %d stages from a failed read", tt.name, len(p.Stages))
		}
	}
}

func TestStageSheetHeaderSearch(t *testing.T) {
	// The header may sit in any of the first 20 rows, below titles and notes.
	above := func(n int) string { return strings.Repeat("Value stream review, notes\n", n) }
	p, err := testRead(t, "h.csv", []byte(above(19)+"Stage,PT\nA,1\n"), vsm.SheetOptions{})
	if err != nil || p.HeaderRow != 20 {
		t.Errorf("header in row 20: row %d, %v", p.HeaderRow, err)
	}
	if _, err := testRead(t, "h.csv", []byte(above(20)+"Stage,PT\nA,1\n"), vsm.SheetOptions{}); !errors.Is(err, table.ErrNoHeader) {
		t.Errorf("header in row 21: %v", err)
	}
	// The row naming the most fields wins over an earlier, weaker one.
	p = mustRead(t, "h.csv", []byte("Process,Owner\nIntake,Ann\n\nStage,Wait,PT,Team\nA,1,2,Dev\n"), vsm.SheetOptions{})
	if p.HeaderRow != 4 || len(p.Stages) != 1 {
		t.Errorf("header row %d stages %d, want 4 and 1", p.HeaderRow, len(p.Stages))
	}
}

func TestStageSheetTextExports(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantStage
	}{
		{"excel-sep.csv", "sep=;\nStage;Wait;People;Queue\nA;1,5;2 FTE;3 items\n", []wantStage{
			{Name: "A", Wait: 1.5, CA: 1, People: 2, Queue: 3},
		}},
		{"cp1252.csv", "Stage;Notes;PT\nR\xe9vision;\x93OK\x94;1\n", []wantStage{
			{Name: "Révision", PT: 1, CA: 1, People: 1, Queue: -1, Notes: "“OK”"},
		}},
		{"tabs.tsv", "Stage\tWait\nA\t2\n", []wantStage{{Name: "A", Wait: 2, CA: 1, People: 1, Queue: -1}}},
		{"mac.csv", "Stage,Wait\rA,2\rB,3\r", []wantStage{
			{Name: "A", Wait: 2, CA: 1, People: 1, Queue: -1}, {Name: "B", Wait: 3, CA: 1, People: 1, Queue: -1},
		}},
		{"misnamed.xlsx", "Stage,Wait\nA,2\n", []wantStage{{Name: "A", Wait: 2, CA: 1, People: 1, Queue: -1}}},
	}
	for _, tt := range tests {
		p := mustRead(t, tt.name, []byte(tt.text), vsm.SheetOptions{})
		if p.Format != "csv" {
			t.Errorf("%s: format %q", tt.name, p.Format)
		}
		checkStages(t, p.Stages, tt.want)
	}
}

func TestSheetTotalName(t *testing.T) {
	for name, want := range map[string]bool{
		"Total": true, "TOTAL:": true, "total lead time": true, "Grand total": true, "Sum": true, "sum of all stages": true,
		"Subtotal (Q3)": true, "Totals": true, "  subtotals": true, "- Total -": true,
		"Summarize feedback": false, "Sum2": false, "Totality check": false, "Review total": false, "Grand opening": false,
		"": false, "1 Total": false, "Übersicht": false, "Totalé": false,
	} {
		if got := totalName(name); got != want {
			t.Errorf("totalName(%q) = %v, want %v", name, got, want)
		}
	}
}

// endless is an endless stream of CSV rows.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "A,1\n"[i%4]
	}
	return len(p), nil
}

func TestStageSheetInputLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MB")
	}
	p, err := Read(endless{}, "endless.csv", vsm.SheetOptions{})
	if !errors.Is(err, table.ErrTooLarge) || err.Error() != "endless.csv: the file is larger than 64 MB, the limit for an import" || p == nil {
		t.Errorf("endless input: %v", err)
	}
}

// "Process" names the stage in eVSM sheets; beside another name column it is
// what people mean by it in plain sheets: the process time.
func TestStageSheetProcessBesideAName(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []wantStage
		note      string // of the Process column
		problem   string // "" when the sheet imports
	}{
		{
			name: "Stage, Wait, Process",
			csv:  "Stage,Wait,Process\nPlan,2d,4h\nBuild,1 day,01:30\n",
			want: []wantStage{
				{Name: "Plan", Wait: 16, PT: 4, CA: 1, People: 1, Queue: -1},   // 2 x 8 h
				{Name: "Build", Wait: 8, PT: 1.5, CA: 1, People: 1, Queue: -1}, // 01:30 is 1.5 h
			},
			note: `process times: the stage name comes from column "Stage"`,
		},
		{
			name: "Step names, Process in minutes",
			csv:  "Step,Wait (h),Process (min)\nRefine,3,90\nShip,1,30\n",
			want: []wantStage{
				{Name: "Refine", Wait: 3, PT: 1.5, CA: 1, People: 1, Queue: -1}, // 90 min
				{Name: "Ship", Wait: 1, PT: 0.5, CA: 1, People: 1, Queue: -1},   // 30 min
			},
			note: `process times: the stage name comes from column "Step"`,
		},
		{
			name: "step numbers beside process times",
			csv:  "Step,Process,Wait\n1,2h,1d\n2,30m,4h\n",
			want: []wantStage{
				{Name: "1", Wait: 8, PT: 2, CA: 1, People: 1, Queue: -1},
				{Name: "2", Wait: 4, PT: 0.5, CA: 1, People: 1, Queue: -1},
			},
			note: `process times: the stage name comes from column "Step"`,
		},
		{
			name: "eVSM: Process names the stage",
			csv:  "Process,C/T (min),Staff,Inventory\nCut,30,2,5\nWeld,60,1,3\n",
			want: []wantStage{
				{Name: "Cut", PT: 0.5, CA: 1, People: 2, Queue: 5},
				{Name: "Weld", PT: 1, CA: 1, People: 1, Queue: 3},
			},
		},
		{
			name: "a process time column is there already",
			csv:  "Stage,Process,PT\nPlan,Backlog grooming,2h\n",
			want: []wantStage{{Name: "Plan", PT: 2, CA: 1, People: 1, Queue: -1}},
			note: `also a stage name column; column "Stage" is used`,
		},
		{
			name:    "a negative process time is reported in its column",
			csv:     "Step,Wait,Process\nA,2d,-3h\n",
			problem: `row 2, column "Process": "-3h" is not a duration: durations cannot be negative`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := testRead(t, "sheet.csv", []byte(tt.csv), vsm.SheetOptions{})
			if tt.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tt.problem) {
					t.Fatalf("error %v, want %q", err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkStages(t, p.Stages, tt.want)
			for _, c := range p.Columns {
				if c.Header == "Process" || c.Header == "Process (min)" {
					if tt.note != "" && c.Note != tt.note {
						t.Errorf("Process column note %q, want %q", c.Note, tt.note)
					}
				}
			}
		})
	}
}

// The stage sheet's header score decides the delimiter first (so "1,5" in
// a semicolon file cannot fool it).
func TestStageSheetDetectDelimiter(t *testing.T) {
	score := func(rows [][]string) int {
		_, s := bestHeaderRow(rows, vsm.SheetOptions{})
		return s
	}
	tests := []struct {
		name, text string
		want       rune
	}{
		{"comma", "Stage,Wait,PT\nA,1,2\nB,3,4\n", ','},
		{"semicolon with decimal commas", "Stage;Wait;PT\nA;1,5;2,25\nB;3,5;4\n", ';'},
		{"tab", "Stage\tWait\tPT\nA\t1,5\t2\n", '\t'},
		{"pipe", "Stage|Wait|PT\nA|1|2\n", '|'},
		{"quoted commas in a semicolon file", "Stage;Notes;PT\n\"A, B\";\"x, y, z\";1\n", ';'},
		{"title row first", "My map, v2\n\nStage;Wait\nA;1\n", ';'},
		{"no known header: consistent columns win", "a;b;c\n1;2;3\n4;5;6\n", ';'},
	}
	for _, tt := range tests {
		if got := table.DetectDelimiter(tt.text, score, false); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := table.DetectDelimiter("a\n", nil, true); got != '\t' {
		t.Errorf("a tie in a .tsv file: %q, want tab", got)
	}
}

// The preview of a messy export says everything the import screen shows,
// and the columns a person chooses make it import. testdata/messy-export.csv
// is a team's export as it comes: two title lines and a blank line above the
// header, a wait column under a name Flowmap does not know ("Lag (d)"),
// minutes in the PT header, a value that is not a duration, a blank row and
// a total row.
func TestStageSheetMessyExportAndChosenColumns(t *testing.T) {
	path := filepath.Join("testdata", "messy-export.csv")
	sh, err := ReadFile(path, vsm.SheetOptions{})
	if err == nil {
		t.Fatal("a sheet with a bad value read without an error")
	}
	if sh.HeaderRow != 4 || sh.Format != "csv" || sh.NoHeader {
		t.Errorf("header row %d, format %q, no header %v", sh.HeaderRow, sh.Format, sh.NoHeader)
	}
	var cols []string
	for _, c := range sh.Columns {
		unit := ""
		if c.Field.IsDuration() {
			unit = c.UnitName()
		}
		cols = append(cols, c.Letter+" "+c.Header+" "+string(c.Field)+" "+unit)
	}
	want := []string{"A Activity name ", "B Lag (d) ignore ", "C PT (min) process minutes", "D %C&A complete_accurate ", "E Owner team "}
	if strings.Join(cols, "|") != strings.Join(want, "|") {
		t.Errorf("columns\n%q\nwant\n%q", cols, want)
	}
	if len(sh.Problems) != 1 {
		t.Fatalf("problems %+v", sh.Problems)
	}
	if p := sh.Problems[0]; p.Row != 7 || p.Column != "PT (min)" || p.Value != "abc" || !strings.HasPrefix(p.Message, "is not a duration") {
		t.Errorf("problem %+v", p)
	}
	if len(sh.Skipped) != 2 || sh.Skipped[0].Row != 8 || sh.Skipped[1].Row != 10 {
		t.Errorf("skipped %+v, want rows 8 (blank) and 10 (total)", sh.Skipped)
	}

	// The person says "Lag (d)" is the wait and PT is to be ignored: the
	// header's days now count, and the sheet imports. 2 d of 8 h = 16 h.
	sh, err = ReadFile(path, vsm.SheetOptions{Columns: map[int]vsm.ColumnField{1: vsm.WaitColumn, 2: vsm.IgnoredColumn}})
	if err != nil {
		t.Fatal(err)
	}
	if c := sh.Columns[1]; c.Field != vsm.WaitColumn || c.UnitName() != "days" || !c.UnitFromHeader || !c.Chosen {
		t.Errorf("column B %+v", c)
	}
	m, err := sh.Map("Team alpha")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Stages) != 4 || m.Stages[0].WaitHours != 16 || m.Stages[2].Name != "Test" || m.Stages[2].WaitHours != 24 {
		t.Errorf("stages %+v", m.Stages)
	}
}

// An event log dropped on the window reaches the stage-sheet reader when it
// is not told by its header: the preview must say there is no stage-sheet
// header, so the screen offers to read it as a log.
func TestEventLogsAreNoStageSheets(t *testing.T) {
	for _, name := range []string{"events-intervals.csv", "events-transitions.csv"} {
		sh, err := ReadFile(filepath.Join("..", "eventlog", "testdata", name), vsm.SheetOptions{})
		if err == nil || sh == nil || !sh.NoHeader {
			t.Errorf("%s: no header %v, error %v", name, sh != nil && sh.NoHeader, err)
		}
	}
}

// ReadMap is what a measurement from a spreadsheet takes: the map of the
// sheet on the map's calendar, named after the file.
func TestStageSheetReadMap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "team-map.csv")
	if err := os.WriteFile(path, []byte("Stage,Wait,PT\nA,2d,1w\nB,3,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// On 6-hour days and 4-day weeks: 2d = 12 h, 1w = 24 h.
	m, err := ReadMap(path, vsm.Calendar{HoursPerDay: 6, DaysPerWeek: 4})
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "team-map" || len(m.Stages) != 2 || m.Stages[0].WaitHours != 12 || m.Stages[0].ProcessHours != 24 || m.Calendar.HoursPerDay != 6 {
		t.Errorf("map %q on %+v: %+v", m.Name, m.Calendar, m.Stages)
	}
	if _, err := ReadMap(filepath.Join(t.TempDir(), "missing.csv"), vsm.Calendar{}); err == nil {
		t.Error("a missing file gave a map")
	}
}
