package vsm

import (
	"errors"
	"strings"
	"testing"
)

func TestSheetProblemMessage(t *testing.T) {
	for _, tt := range []struct {
		p    SheetProblem
		want string
	}{
		{SheetProblem{File: "stages.xlsx", Sheet: "Q3", Row: 7, Column: "Wait", Value: "2 dayz", Message: "is not a duration"},
			`stages.xlsx: sheet "Q3", row 7, column "Wait": "2 dayz" is not a duration`},
		{SheetProblem{File: "s.csv", Row: 3, Column: "Stage", Message: "the stage name is missing"},
			`s.csv: row 3, column "Stage": the stage name is missing`},
		{SheetProblem{Message: "no column holds the stage name"}, "no column holds the stage name"},
	} {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.p, ErrInvalid) {
			t.Errorf("%q does not wrap ErrInvalid", tt.want)
		}
	}
	inner := &DurationError{Value: "x", Reason: "no unit"}
	if p := (SheetProblem{Err: inner}); !errors.Is(p, ErrInvalid) || errors.Unwrap(p) != error(inner) {
		t.Errorf("Unwrap() = %v, want the duration error", errors.Unwrap(p))
	}
}

func TestColumnFields(t *testing.T) {
	if len(ColumnFields) != 11 || ColumnFields[0] != NameColumn || ColumnFields[10] != IgnoredColumn {
		t.Errorf("ColumnFields = %v", ColumnFields)
	}
	for _, f := range ColumnFields {
		if !f.Known() || f.Label() == "" {
			t.Errorf("field %q: known %v, label %q", f, f.Known(), f.Label())
		}
	}
	if ColumnField("speed").Known() {
		t.Error("an unknown field is known")
	}
	if CompleteAccurateColumn.Label() != "%C&A" || ProcessColumn.Label() != "process time" {
		t.Errorf("labels %q, %q", CompleteAccurateColumn.Label(), ProcessColumn.Label())
	}
	for f, want := range map[ColumnField]bool{ProcessColumn: true, WaitColumn: true, LeadColumn: true, QueueColumn: false, NameColumn: false} {
		if f.IsDuration() != want {
			t.Errorf("%s.IsDuration() = %v", f, !want)
		}
	}
	if got := (SheetColumn{Unit: Days}).UnitName(); got != "days" {
		t.Errorf("UnitName of a days column = %q", got)
	}
	if got := (SheetColumn{Unit: Days, Seconds: true}).UnitName(); got != "seconds" {
		t.Errorf("UnitName of a seconds column = %q", got)
	}
}

func TestSheetPreviewMap(t *testing.T) {
	a, b := NewStage("A"), NewStage("B")
	a.WaitHours, a.ProcessHours = 12, 24 // 2d and 1w read on 6-hour, 4-day weeks
	p := &SheetPreview{File: "/data/team-map.csv", Stages: []Stage{a, b}, StageRows: []int{2, 3},
		Calendar: Calendar{HoursPerDay: 6, DaysPerWeek: 4}}
	if !p.Importable() {
		t.Fatal("a preview with stages and no problems is not importable")
	}
	m, err := p.Map("")
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "team-map" || m.Calendar != (Calendar{HoursPerDay: 6, DaysPerWeek: 4}) || len(m.Stages) != 2 || m.Stages[0].WaitHours != 12 {
		t.Errorf("map %q on %+v with %+v", m.Name, m.Calendar, m.Stages)
	}
	m.Stages[0].Name = "changed"
	if p.Stages[0].Name != "A" {
		t.Error("the map shares stages with the preview")
	}
	if m, err := (&SheetPreview{File: "x.csv", Stages: []Stage{a}}).Map("Team"); err != nil || m.Calendar != DefaultCalendar() || m.Name != "Team" {
		t.Errorf("a zero calendar: %+v, %v; want the default calendar", m, err)
	}

	bad := &SheetPreview{File: "s.csv", Stages: []Stage{a}, Problems: []SheetProblem{{File: "s.csv", Row: 4, Message: "first"}, {Row: 5, Message: "second"}}}
	if _, err := bad.Map("x"); err == nil || err.Error() != "s.csv: row 4: first" || bad.Importable() {
		t.Errorf("Map with problems: %v, want the first problem", err)
	}
	if _, err := (&SheetPreview{File: "dir/x.csv"}).Map("x"); !errors.Is(err, ErrEmpty) || !strings.HasPrefix(err.Error(), "x.csv: ") {
		t.Errorf("Map without stages: %v, want ErrEmpty naming x.csv", err)
	}
	thirty := &SheetPreview{File: "x.csv", Stages: []Stage{a}, Calendar: Calendar{HoursPerDay: 30}}
	if _, err := thirty.Map("x"); !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), "x.csv: ") {
		t.Errorf("a 30-hour day: %v, want an invalid-value error naming the file", err)
	}
}

func TestMapNameFromFile(t *testing.T) {
	for in, want := range map[string]string{
		"team-map.xlsx":        "team-map",
		"/data/Team alpha.csv": "Team alpha",
		"events-intervals.csv": "events-intervals",
		"stages":               "stages",
		".csv":                 ".csv",
		"":                     "Imported map",
		"/":                    "Imported map",
	} {
		if got := MapNameFromFile(in); got != want {
			t.Errorf("MapNameFromFile(%q) = %q, want %q", in, got, want)
		}
	}
}
