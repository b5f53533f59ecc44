package vsm

import "fmt"

// RecordDORA keeps DORA figures s in m's history, as the measurement of the
// window's last day (s.To): they join the measurement already taken that day,
// whose stage values stay as they are, or else a new measurement of the map
// as it is now (MeasurementOf, from source). A later record of the same day
// replaces the earlier figures. History then trends them beside lead time and
// flow efficiency. added is true when a new measurement was made. It is an
// error (wrapping ErrInvalid) for figures without a window or that do not
// validate.
func (m *Map) RecordDORA(s DORASummary, source string) (stored Measurement, added bool, err error) {
	if s.To.IsZero() {
		return Measurement{}, false, &ItemError{Kind: "DORA figures", Index: -1, Field: "window",
			Reason: "is empty: there is no day to record the figures on (give a window, or deployment records)"}
	}
	if err := s.Validate(); err != nil {
		return Measurement{}, false, err
	}
	day := dayNumber(s.To)
	for i, x := range m.Measurements {
		if dayNumber(x.Date) == day {
			d := s.Clone()
			m.Measurements[i].DORA = &d
			return m.Measurements[i].Clone(), false, nil
		}
	}
	x := MeasurementOf(m, s.To, source)
	d := s.Clone()
	x.DORA = &d
	stored, replaced, err := m.AddMeasurement(x)
	if err != nil {
		return Measurement{}, false, fmt.Errorf("recording DORA figures of %s: %w", s.To.Format(DateLayout), err)
	}
	return stored, !replaced, nil
}
