package vsm

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// extremeMaps are maps at the bounds: every combination of the smallest and
// largest calendar and demand, each with a stage for every combination of
// the smallest and largest process, wait, %C&A, people and queue.
func extremeMaps(t *testing.T) []*Map {
	t.Helper()
	var stages []Stage
	for _, pt := range []float64{0, MinHours, MaxHours} {
		for _, wt := range []float64{0, MinHours, MaxHours} {
			for _, ca := range []float64{MinCompleteAccurate, 1} {
				for _, people := range []float64{MinCount, MaxCount} {
					for _, q := range []*float64{nil, f(0), f(MaxCount)} {
						s := Stage{Name: "S", ProcessHours: pt, WaitHours: wt, CompleteAccurate: ca, People: people, Queue: q}
						stages = append(stages, s)
					}
				}
			}
		}
	}
	var maps []*Map
	for _, hpd := range []float64{MinCalendar, 24} {
		for _, dpw := range []float64{MinCalendar, 7} {
			for _, demand := range []*float64{nil, f(MinCount), f(MaxCount)} {
				m := NewMap("extreme")
				m.Calendar = Calendar{HoursPerDay: hpd, DaysPerWeek: dpw}
				m.DemandPerDay = demand
				m.Stages = append([]Stage(nil), stages...)
				if err := m.Validate(); err != nil {
					t.Fatalf("a map at the bounds is invalid: %v", err)
				}
				maps = append(maps, m)
			}
		}
	}
	return maps
}

// TestMetricsAtTheBoundsAreFinite: whatever a valid map holds, every metric
// is a finite number, so every JSON document encodes (encoding/json refuses
// +Inf and NaN) and every duration formats as a duration, not "—".
func TestMetricsAtTheBoundsAreFinite(t *testing.T) {
	for _, m := range extremeMaps(t) {
		x := Compute(m)
		if _, err := json.Marshal(NewMetricsDocument(m, x)); err != nil {
			t.Fatalf("calendar %+v, demand %v: metrics document: %v", m.Calendar, show(m.DemandPerDay), err)
		}
		for _, h := range []float64{x.Totals.LeadHours, x.Totals.ReworkAdjustedLeadHours} {
			if s := FormatDuration(h, m.Calendar); s == "—" || strings.Contains(s, "Inf") {
				t.Errorf("calendar %+v: FormatDuration(%v) = %q", m.Calendar, h, s)
			}
		}
		if _, _, err := m.AddMeasurement(MeasurementOf(m, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), "test")); err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(NewHistoryDocument(m)); err != nil {
			t.Fatalf("calendar %+v, demand %v: history document: %v", m.Calendar, show(m.DemandPerDay), err)
		}
	}
}

// TestValidateBounds: one step past each bound is refused, naming the field,
// the value and the bound.
func TestValidateBounds(t *testing.T) {
	tests := []struct {
		name string
		edit func(m *Map)
		want string
	}{
		{"process 1e308", func(m *Map) { m.Stages[0].ProcessHours = 1e308 },
			`stage 1 "A": process: "1e+308" is more than 100 years (876,600 h), the longest duration`},
		{"wait past 100 years", func(m *Map) { m.Stages[1].WaitHours = 876601 },
			`stage 2 "B": wait: "876601" is more than 100 years (876,600 h), the longest duration`},
		{"wait below 1 ns", func(m *Map) { m.Stages[1].WaitHours = 1e-13 }, // 1 ns = 2.8e-13 h
			`stage 2 "B": wait: "1e-13" is above 0 but below one nanosecond, the shortest duration (write 0 for no time)`},
		{"people 1e300", func(m *Map) { m.Stages[0].People = 1e300 },
			`stage 1 "A": people: "1e+300" must be at most 1,000,000`},
		{"people +Inf", func(m *Map) { m.Stages[0].People = math.Inf(1) },
			`stage 1 "A": people: "+Inf" must be at most 1,000,000`},
		{"people 5e-324", func(m *Map) { m.Stages[0].People = 5e-324 },
			`stage 1 "A": people: "5e-324" must be at least 0.0001`},
		{"queue 1e7", func(m *Map) { m.Stages[0].Queue = f(1e7) },
			`stage 1 "A": queue: "1e+07" must be at most 1,000,000`},
		{"CA 1e-300", func(m *Map) { m.Stages[2].CompleteAccurate = 1e-300 },
			`stage 3 "C": complete & accurate: "1e-300" must be at least 0.01%`},
		{"demand 1e9", func(m *Map) { m.DemandPerDay = f(1e9) },
			`demand per day: "1e+09" must be at most 1,000,000`},
		{"demand 1e-9", func(m *Map) { m.DemandPerDay = f(1e-9) },
			`demand per day: "1e-09" must be at least 0.0001`},
		{"hours per day 1e-300", func(m *Map) { m.Calendar.HoursPerDay = 1e-300 },
			`hours per day: "1e-300" must be at least 0.01`},
		{"days per week 0.001", func(m *Map) { m.Calendar.DaysPerWeek = 0.001 },
			`days per week: "0.001" must be at least 0.01`},
		{"kaizen effect process", func(m *Map) {
			m.Kaizen = []Kaizen{{ID: "k1", Title: "Big", Status: KaizenIdea, Stage: "A", Effect: Effect{ProcessHours: f(1e308)}}}
		}, `kaizen 1 "Big": effect process: "1e+308" is more than 100 years (876,600 h), the longest duration`},
		{"kaizen effect people", func(m *Map) {
			m.Kaizen = []Kaizen{{ID: "k1", Title: "Many", Status: KaizenIdea, Stage: "A", Effect: Effect{People: f(2e6)}}}
		}, `kaizen 1 "Many": effect people: "2e+06" must be at most 1,000,000`},
		{"learning hours lost", func(m *Map) {
			m.Learning = []LearningEntry{{ID: "l1", Title: "Outage", Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Impact: Impact{HoursLost: 1e308}}}
		}, `learning-log entry 1 "Outage": impact hours lost: "1e+308" is more than 100 years (876,600 h), the longest duration`},
	}
	for _, tt := range tests {
		m := threeStages(nil)
		tt.edit(m)
		err := m.Validate()
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error = %v\nwant %s", tt.name, err, tt.want)
		}
	}
	// The bounds themselves are valid.
	m := threeStages(f(MaxCount))
	m.Stages[0].ProcessHours, m.Stages[0].WaitHours, m.Stages[0].People = MaxHours, MinHours, MinCount
	m.Stages[1].CompleteAccurate, m.Stages[1].Queue = MinCompleteAccurate, f(MaxCount)
	m.Calendar = Calendar{HoursPerDay: MinCalendar, DaysPerWeek: MinCalendar}
	if err := m.Validate(); err != nil {
		t.Errorf("a map at the bounds: %v", err)
	}
}

func TestParseCompleteAccurateBound(t *testing.T) {
	if v, err := ParseCompleteAccurate("0.01%"); err != nil || v != MinCompleteAccurate {
		t.Errorf(`ParseCompleteAccurate("0.01%%") = %v, %v; want 0.0001`, v, err)
	}
	_, err := ParseCompleteAccurate("0.005%")
	if err == nil || err.Error() != `"0.005%" must be at least 0.01% (write 85%, 85 or 0.85): invalid value` {
		t.Errorf(`ParseCompleteAccurate("0.005%%") error = %v`, err)
	}
}

// TestMapFileBeyondTheBounds: a .flowmap.json file holding 1e308 h (finite in
// JSON, +Inf once summed) is refused when read, naming the stage and field.
func TestMapFileBeyondTheBounds(t *testing.T) {
	data, err := EncodeMapFile(ExampleMap())
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"process_hours": 12`, `"process_hours": 1e308`, 1)
	if edited == string(data) {
		t.Fatal("the example map file has no process_hours 12 to edit")
	}
	_, err = DecodeMapFile([]byte(edited))
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `stage 3 "Code": process: "1e+308" is more than 100 years`) {
		t.Errorf("DecodeMapFile(1e308 h) = %v", err)
	}
}
