package vsm

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// DateLayout is how Flowmap writes a day: 2026-01-05.
const DateLayout = "2006-01-02"

// dayNumber is the civil day of t (its year, month and day in t's own
// location) counted from 1970-01-01, so that days compare and subtract exactly
// whatever the time of day or the daylight-saving rules.
func dayNumber(t time.Time) int64 {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// DaysBetween is the number of calendar days from a's day to b's day, each
// taken in its own location: 0 for the same day, 1 for the next, negative when
// b's day is before a's. Times of day do not matter.
func DaysBetween(a, b time.Time) int { return int(dayNumber(b) - dayNumber(a)) }

// MeasurementOf is a dated measurement of m as it is now: a deep copy of its
// calendar, demand and stages, taken on date from source ("app", a file name).
// Its ID is empty until AddMeasurement stores it.
func MeasurementOf(m *Map, date time.Time, source string) Measurement {
	s := streamCopy(m)
	return Measurement{Date: date, Source: source, Calendar: s.Calendar, DemandPerDay: s.DemandPerDay, Stages: s.Stages}
}

// Map is the measured value stream as a map (a deep copy), named after the
// measurement's date, for Compute and the reports.
func (x Measurement) Map() *Map {
	c := x.Clone()
	name := "measurement"
	if !x.Date.IsZero() {
		name = "measurement of " + x.Date.Format(DateLayout)
	}
	return &Map{Name: name, Calendar: c.Calendar, DemandPerDay: c.DemandPerDay, Stages: c.Stages}
}

// MeasurementTotals are the totals of the stage values x was taken with,
// computed with the rules of shared/metrics.md (Compute).
func MeasurementTotals(x Measurement) Totals {
	// Compute only reads the map, so the measurement's own values serve.
	return Compute(&Map{Calendar: x.Calendar, DemandPerDay: x.DemandPerDay, Stages: x.Stages}).Totals
}

// MeasurementIndex is the position of the measurement with ID id, or -1.
func (m *Map) MeasurementIndex(id string) int {
	return slices.IndexFunc(m.Measurements, func(x Measurement) bool { return x.ID == id })
}

// AddMeasurement validates x and stores a copy in date order. A day has one
// measurement: one on the same calendar day as a stored one replaces it, and
// keeps the replaced one's ID when x has none (replaced is then true). An
// empty ID otherwise gets the next "m<n>". It returns the measurement as stored.
func (m *Map) AddMeasurement(x Measurement) (stored Measurement, replaced bool, err error) {
	x = x.Clone()
	if err := x.validate(-1); err != nil {
		return Measurement{}, false, err
	}
	day := dayNumber(x.Date)
	at := -1
	for i, y := range m.Measurements {
		if dayNumber(y.Date) == day {
			at = i
			break
		}
	}
	ids := make([]string, 0, len(m.Measurements))
	for i, y := range m.Measurements {
		if i != at {
			ids = append(ids, y.ID)
		}
	}
	switch {
	case x.ID == "" && at >= 0:
		x.ID = m.Measurements[at].ID
	case x.ID == "":
		x.ID = NextID(MeasurementIDPrefix, ids)
	case slices.Contains(ids, x.ID):
		return Measurement{}, false, &ItemError{Kind: "measurement", Index: -1, Name: x.Date.Format(DateLayout), Field: "id", Value: x.ID, Reason: "is already used by another measurement"}
	}
	if at >= 0 {
		m.Measurements[at] = x
		return x.Clone(), true, nil
	}
	i, _ := slices.BinarySearchFunc(m.Measurements, day, func(y Measurement, d int64) int {
		return cmp.Compare(dayNumber(y.Date), d)
	})
	m.Measurements = slices.Insert(m.Measurements, i, x)
	return x.Clone(), false, nil
}

// RemoveMeasurement deletes the measurement with ID id.
func (m *Map) RemoveMeasurement(id string) error {
	i := m.MeasurementIndex(id)
	if i < 0 {
		return fmt.Errorf("no measurement with id %q on map %q: %w", id, m.Name, ErrInvalid)
	}
	m.Measurements = slices.Delete(m.Measurements, i, i+1)
	if len(m.Measurements) == 0 {
		m.Measurements = nil
	}
	return nil
}

// HistoryPoint is one measurement's date and totals.
type HistoryPoint struct {
	MeasurementID string
	Date          time.Time
	Source        string
	Totals        Totals
	DORA          *DORASummary // the DORA figures recorded that day (RecordDORA); nil when none
}

// History is the totals of every measurement of m, in date order (measurements
// on the same day keep their stored order).
func History(m *Map) []HistoryPoint {
	out := make([]HistoryPoint, 0, len(m.Measurements))
	for _, x := range sortedMeasurements(m) {
		p := HistoryPoint{MeasurementID: x.ID, Date: x.Date, Source: x.Source, Totals: MeasurementTotals(x)}
		if x.DORA != nil {
			d := x.DORA.Clone()
			p.DORA = &d
		}
		out = append(out, p)
	}
	return out
}

// sortedMeasurements is m's measurements in day order, without copying when
// they already are (AddMeasurement and Validate keep them so).
func sortedMeasurements(m *Map) []Measurement {
	byDay := func(a, b Measurement) int { return cmp.Compare(dayNumber(a.Date), dayNumber(b.Date)) }
	if slices.IsSortedFunc(m.Measurements, byDay) {
		return m.Measurements
	}
	xs := slices.Clone(m.Measurements)
	slices.SortStableFunc(xs, byDay)
	return xs
}

// Completion marks a kaizen item's done date on the history chart.
type Completion struct {
	KaizenID string
	Title    string
	Stage    string
	Date     time.Time
}

// Completions are the done kaizen items of m with a done date (DoneDate), in
// date order; ties keep the map's order.
func Completions(m *Map) []Completion {
	var out []Completion
	for _, k := range m.Kaizen {
		if d, ok := k.DoneDate(); ok {
			out = append(out, Completion{KaizenID: k.ID, Title: k.Title, Stage: k.Stage, Date: d})
		}
	}
	slices.SortStableFunc(out, func(a, b Completion) int { return cmp.Compare(dayNumber(a.Date), dayNumber(b.Date)) })
	return out
}

// RealizedMeasurements are the two measurements that bracket k's done date D
// (compared by calendar day): before is the last measurement on a day
// strictly before D, after the first one on D or later. ok is false until k is
// done (DoneDate) and both exist.
func RealizedMeasurements(m *Map, k Kaizen) (before, after Measurement, ok bool) {
	done, isDone := k.DoneDate()
	if !isDone {
		return Measurement{}, Measurement{}, false
	}
	d := dayNumber(done)
	xs := sortedMeasurements(m)
	bi, ai := -1, -1
	for i, x := range xs {
		switch day := dayNumber(x.Date); {
		case day < d:
			bi = i
		case ai < 0:
			ai = i
		}
	}
	if bi < 0 || ai < 0 {
		return Measurement{}, Measurement{}, false
	}
	return xs[bi], xs[ai], true
}

// ExpectationBase is the map kaizen k's expected effect is computed on. For
// a done kaizen it is the last measurement of a day before the done day, the
// one its realized effect starts from, so that expected and realized share a
// starting point (the current map may already hold the change, and applying
// it again would promise nothing). Otherwise, and for a done kaizen with no
// measurement before it, it is the current map m. The measurement is
// returned when it was used, nil otherwise.
func ExpectationBase(m *Map, k Kaizen) (*Map, *Measurement) {
	done, ok := k.DoneDate()
	if !ok {
		return m, nil
	}
	d := dayNumber(done)
	xs := sortedMeasurements(m)
	for i := len(xs) - 1; i >= 0; i-- {
		if dayNumber(xs[i].Date) < d {
			x := xs[i]
			return x.Map(), &x
		}
	}
	return m, nil
}

// ExpectedFromBase is ExpectedEffect on ExpectationBase(m, k): what kaizen k
// expects from where it started, the figure to set beside RealizedEffect.
func ExpectedFromBase(m *Map, k Kaizen) (TotalsDelta, error) {
	base, _ := ExpectationBase(m, k)
	return ExpectedEffect(base, k)
}

// RealizedEffect is the change of the totals that came with k:
//
//	MeasurementTotals(after) - MeasurementTotals(before)   (TotalsChange)
//
// where before is the last measurement strictly before k's done day and after
// the first on or after it (RealizedMeasurements). It is nil and false until k
// is done and both measurements exist. Everything else that changed between
// the two measurements is in it too: that is what was measured.
func RealizedEffect(m *Map, k Kaizen) (*TotalsDelta, bool) {
	before, after, ok := RealizedMeasurements(m, k)
	if !ok {
		return nil, false
	}
	d := TotalsChange(MeasurementTotals(before), MeasurementTotals(after))
	return &d, true
}
