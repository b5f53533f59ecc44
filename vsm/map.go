package vsm

import (
	"math"
	"strings"
	"time"
)

// Map is a value stream: its stages in flow order, its working calendar and the
// customer demand, with the improvement history kept beside it.
type Map struct {
	// ID is the store's key for the map; it is not part of the portable file.
	ID           string
	Name         string
	Description  string
	Calendar     Calendar
	DemandPerDay *float64 // items the customer pulls per working day; nil when unknown
	Stages       []Stage
	Created      time.Time
	Updated      time.Time

	Kaizen       []Kaizen        // improvements planned, running and finished
	Measurements []Measurement   // dated measurements, in date order
	Learning     []LearningEntry // the blameless learning log

	// Throughput is the observed number of items done on each working day
	// (from an event log, in date order), for "when will N items be done"
	// (ForecastItems); nil when unknown.
	Throughput []float64

	// Future is the future-state map: stages, calendar and demand only, made by
	// applying chosen kaizens (FutureState) or by editing a copy; nil when none.
	Future *Map
}

// NewMap is an empty map with the default calendar.
func NewMap(name string) *Map {
	return &Map{Name: name, Calendar: DefaultCalendar()}
}

// Clone is a deep copy, so an edit of the copy never reaches the original (undo
// keeps clones).
func (m *Map) Clone() *Map {
	c := *m
	if m.DemandPerDay != nil {
		d := *m.DemandPerDay
		c.DemandPerDay = &d
	}
	// nil stays nil, so a clone compares equal to its original.
	if m.Stages != nil {
		c.Stages = make([]Stage, len(m.Stages))
		for i, s := range m.Stages {
			c.Stages[i] = s.Clone()
		}
	}
	if m.Kaizen != nil {
		c.Kaizen = make([]Kaizen, len(m.Kaizen))
		for i, k := range m.Kaizen {
			c.Kaizen[i] = k.Clone()
		}
	}
	if m.Measurements != nil {
		c.Measurements = make([]Measurement, len(m.Measurements))
		for i, x := range m.Measurements {
			c.Measurements[i] = x.Clone()
		}
	}
	if m.Learning != nil {
		c.Learning = make([]LearningEntry, len(m.Learning))
		for i, e := range m.Learning {
			c.Learning[i] = e.Clone()
		}
	}
	c.Throughput = cloneSlice(m.Throughput)
	if m.Future != nil {
		c.Future = m.Future.Clone()
	}
	return &c
}

// StageIndex is the position of the first stage named name (ignoring case and
// surrounding spaces), or -1.
func (m *Map) StageIndex(name string) int {
	k := strings.ToLower(strings.TrimSpace(name))
	for i, s := range m.Stages {
		if strings.ToLower(strings.TrimSpace(s.Name)) == k {
			return i
		}
	}
	return -1
}

// Validate checks the map's own fields and every stage.
func (m *Map) Validate() error {
	if strings.TrimSpace(m.Name) == "" {
		return &FieldError{Index: -1, Field: "name", Reason: "is required"}
	}
	c := m.Calendar
	if !(c.HoursPerDay > 0 && c.HoursPerDay <= 24) {
		return &FieldError{Index: -1, Field: "hours per day", Value: fmtValue(c.HoursPerDay), Reason: "must be more than 0 and at most 24"}
	}
	if !(c.DaysPerWeek > 0 && c.DaysPerWeek <= 7) {
		return &FieldError{Index: -1, Field: "days per week", Value: fmtValue(c.DaysPerWeek), Reason: "must be more than 0 and at most 7"}
	}
	if d := m.DemandPerDay; d != nil && (!(*d > 0) || math.IsInf(*d, 0)) {
		return &FieldError{Index: -1, Field: "demand per day", Value: fmtValue(*d), Reason: "must be more than 0 (leave it empty when unknown)"}
	}
	for i, s := range m.Stages {
		if err := s.Validate(i); err != nil {
			return err
		}
	}
	if err := m.validateFlow(); err != nil {
		return err
	}
	return m.validateImprovements()
}

// MapInfo is a line of the map library: enough to list a map without loading it.
type MapInfo struct {
	ID      string
	Name    string
	Stages  int
	Updated time.Time
}
