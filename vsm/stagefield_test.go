package vsm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSetField(t *testing.T) {
	six := Calendar{HoursPerDay: 6, DaysPerWeek: 5}
	base := func() Stage {
		s := NewStage("Dev")
		s.ProcessHours = 2
		s.WaitHours = 5
		return s
	}
	q := func(v float64) *float64 { return &v }
	tests := []struct {
		field StageField
		text  string
		cal   Calendar
		want  func(s *Stage) // the expected stage, from base
	}{
		{WaitField, "2d", six, func(s *Stage) { s.WaitHours = 12 }}, // 2 x 6 h
		{WaitField, "", six, func(s *Stage) { s.WaitHours = 0 }},    // empty is 0
		{WaitField, "1,5h", six, func(s *Stage) { s.WaitHours = 1.5 }},
		{ProcessField, " 30m ", six, func(s *Stage) { s.ProcessHours = 0.5 }},
		{LeadField, "1d", Calendar{}, func(s *Stage) { s.WaitHours = 6 }}, // LT 8 h - PT 2 h
		{LeadField, "2h", Calendar{}, func(s *Stage) { s.WaitHours = 0 }}, // LT = PT
		{CompleteAccurateField, "85%", six, func(s *Stage) { s.CompleteAccurate = 0.85 }},
		{CompleteAccurateField, "92,5 %", six, func(s *Stage) { s.CompleteAccurate = 0.925 }},
		{CompleteAccurateField, "0.6", six, func(s *Stage) { s.CompleteAccurate = 0.6 }},
		{CompleteAccurateField, "", six, func(s *Stage) { s.CompleteAccurate = 1 }},
		{PeopleField, "0,5", six, func(s *Stage) { s.People = 0.5 }},
		{PeopleField, "2 FTE", six, func(s *Stage) { s.People = 2 }},
		{PeopleField, "", six, func(s *Stage) { s.People = 1 }},
		{QueueField, "12", six, func(s *Stage) { s.Queue = q(12) }},
		{QueueField, "0", six, func(s *Stage) { s.Queue = q(0) }},
		{QueueField, " ", six, func(s *Stage) { s.Queue = nil }},
		{WasteField, "approvals; Manual testing, approvals", six, func(s *Stage) {
			s.Waste = []Waste{WasteApprovals, WasteManualTesting}
		}},
		{WasteField, "", six, func(s *Stage) { s.Waste = nil }},
		{NameField, "  Build ", six, func(s *Stage) { s.Name = "Build" }},
		{TeamField, " Platform ", six, func(s *Stage) { s.Team = "Platform" }},
		{NotesField, " flaky suite ", six, func(s *Stage) { s.Notes = "flaky suite" }},
	}
	for _, tt := range tests {
		got := base()
		got.Waste = []Waste{WasteRework}
		if err := got.SetField(tt.field, tt.text, tt.cal); err != nil {
			t.Errorf("SetField(%v, %q): %v", tt.field, tt.text, err)
			continue
		}
		want := base()
		want.Waste = []Waste{WasteRework}
		tt.want(&want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("SetField(%v, %q) = %+v, want %+v", tt.field, tt.text, got, want)
		}
	}
}

func TestSetFieldErrors(t *testing.T) {
	tests := []struct {
		field StageField
		text  string
		want  string // the whole message
	}{
		{WaitField, "2 dayz", `wait: "2 dayz" is not a duration: unknown unit "dayz" (use m, h, d, w or mo)`},
		{WaitField, "-2h", `wait: "-2h" is not a duration: durations cannot be negative`},
		{ProcessField, "lots", `process: "lots" is not a duration: expected a number at "lots"`},
		{LeadField, "1h", `lead time: "1h" is less than the process time (2h): lead time must be at least the process time`},
		{CompleteAccurateField, "150%", `complete & accurate: "150%" must be above 0% and at most 100% (write 85%, 85 or 0.85)`},
		{CompleteAccurateField, "0", `complete & accurate: "0" must be above 0% and at most 100% (write 85%, 85 or 0.85)`},
		{CompleteAccurateField, "zero", `complete & accurate: "zero" is not a percentage (write 85%, 85 or 0.85)`},
		{PeopleField, "0", `people: "0" must be more than 0 people (0.5 for half a person's time)`},
		{PeopleField, "-1", `people: "-1" must be more than 0 people (0.5 for half a person's time)`},
		{PeopleField, "many", `people: "many" is not a number of people`},
		{QueueField, "-3", `queue: "-3" must be 0 or more items`},
		{QueueField, "lots", `queue: "lots" is not a number of items`},
		{QueueField, "1,200", `queue: "1,200" is not a number of items: is the comma a decimal point or a thousands separator? write 1.2 or 1200`},
		{WasteField, "approvals, slowness", `waste: "slowness" is not a waste type (one of approvals, manual-testing, manual-deploy, waiting, environments, handoffs, rework, defects, task-switching, partially-done)`},
		{NameField, "   ", `name: is required (a stage needs a name)`},
	}
	for _, tt := range tests {
		s := NewStage("Dev")
		s.ProcessHours = 2
		before := s.Clone()
		err := s.SetField(tt.field, tt.text, Calendar{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("SetField(%v, %q) error = %v\nwant %s", tt.field, tt.text, err, tt.want)
		}
		var fe *FieldError
		if !errors.Is(err, ErrInvalid) || !errors.As(err, &fe) || fe.Field != tt.field.String() {
			t.Errorf("SetField(%v, %q) error %v: want a *FieldError for %q wrapping ErrInvalid", tt.field, tt.text, err, tt.field)
		}
		if !reflect.DeepEqual(s, before) {
			t.Errorf("SetField(%v, %q) failed but changed the stage to %+v", tt.field, tt.text, s)
		}
	}
	long := strings.Repeat("x", 200)
	s := NewStage("Dev")
	err := s.SetField(PeopleField, long, Calendar{})
	if err == nil || strings.Count(err.Error(), "x") > 80 {
		t.Errorf("a 200-character value is quoted whole: %v", err)
	}
}

// TestSetFieldAgreesWithValidate: every value SetField accepts passes
// Stage.Validate, and every value it refuses for its range is one Validate
// refuses (the ranges live in Validate only).
func TestSetFieldAgreesWithValidate(t *testing.T) {
	for _, tt := range []struct {
		field StageField
		texts []string
	}{
		{PeopleField, []string{"0", "0.001", "-1", "1e300", "3"}},
		{QueueField, []string{"0", "-0.5", "7"}},
		{CompleteAccurateField, []string{"0.001", "1", "100%", "101%", "0%"}},
	} {
		for _, text := range tt.texts {
			s := NewStage("Dev")
			err := s.SetField(tt.field, text, Calendar{})
			v, perr := ParseNumber(strings.TrimSuffix(text, "%"))
			if perr != nil {
				t.Fatal(perr)
			}
			probe := NewStage("Dev")
			switch tt.field {
			case PeopleField:
				probe.People = v
			case QueueField:
				probe.Queue = &v
			case CompleteAccurateField:
				if strings.HasSuffix(text, "%") || v > 1 {
					v /= 100
				}
				probe.CompleteAccurate = v
			}
			if verr := probe.Validate(0); (err == nil) != (verr == nil) {
				t.Errorf("%v %q: SetField error %v, Validate error %v", tt.field, text, err, verr)
			}
		}
	}
}

func TestParseCompleteAccurateMessages(t *testing.T) {
	for in, want := range map[string]string{
		"150%": `"150%" must be above 0% and at most 100% (write 85%, 85 or 0.85): invalid value`,
		"abc":  `"abc" is not a percentage (write 85%, 85 or 0.85): invalid value`,
	} {
		if _, err := ParseCompleteAccurate(in); err == nil || err.Error() != want {
			t.Errorf("ParseCompleteAccurate(%q) error = %v, want %s", in, err, want)
		}
	}
	if v, err := ParseCompleteAccurate("92,5%"); err != nil || !near(v, 0.925) {
		t.Errorf(`ParseCompleteAccurate("92,5%%") = %v, %v; want 0.925 (a decimal comma)`, v, err)
	}
}

func TestParseDurationDecimalComma(t *testing.T) {
	for _, tt := range []struct {
		in   string
		bare Unit
		want float64
	}{
		{"1,5h", Hours, 1.5},
		{"2,5", Days, 20},       // 2.5 x 8 h
		{"1d 0,5h", Hours, 8.5}, // 8 + 0.5
		{"1d, 2h", Hours, 10},   // a list comma stays a list comma
	} {
		got, err := ParseDuration(tt.in, tt.bare, DefaultCalendar())
		if err != nil || !near(got, tt.want) {
			t.Errorf("ParseDuration(%q, %v) = %v, %v; want %v", tt.in, tt.bare, got, err, tt.want)
		}
	}
}

func TestParseDurationAmbiguousComma(t *testing.T) {
	_, err := ParseDuration("1,500h", Hours, DefaultCalendar())
	want := `"1,500h" is not a duration: is the comma a decimal point or a thousands separator? write 1.5 or 1500`
	if err == nil || err.Error() != want || !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseDuration(1,500h) error = %v, want %s", err, want)
	}
}

func TestStageFields(t *testing.T) {
	s := FieldsOf(WaitField, PeopleField)
	for _, f := range []StageField{NameField, TeamField, WaitField, ProcessField, LeadField, CompleteAccurateField, PeopleField, QueueField, WasteField, NotesField} {
		if want := f == WaitField || f == PeopleField; s.Has(f) != want {
			t.Errorf("FieldsOf(wait, people).Has(%v) = %v", f, !want)
		}
	}
	if !MeasuredFields.Has(WaitField) || !MeasuredFields.Has(ProcessField) || !MeasuredFields.Has(CompleteAccurateField) ||
		MeasuredFields.Has(PeopleField) || MeasuredFields.Has(TeamField) || MeasuredFields.Has(QueueField) {
		t.Errorf("MeasuredFields = %b, want wait, process and %%C&A only", MeasuredFields)
	}
}
