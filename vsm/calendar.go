package vsm

// Calendar is the map's working calendar: every duration is working time.
type Calendar struct {
	HoursPerDay float64 // working hours in a day, default 8
	DaysPerWeek float64 // working days in a week, default 5
}

// Defaults of a new map's calendar (shared/metrics.md, "Units").
const (
	DefaultHoursPerDay = 8
	DefaultDaysPerWeek = 5
)

// DefaultCalendar is 8 hours a day, 5 days a week.
func DefaultCalendar() Calendar {
	return Calendar{HoursPerDay: DefaultHoursPerDay, DaysPerWeek: DefaultDaysPerWeek}
}

// OrDefault fills unset (zero or negative) fields with the defaults, so a
// zero Calendar works.
func (c Calendar) OrDefault() Calendar {
	if c.HoursPerDay <= 0 {
		c.HoursPerDay = DefaultHoursPerDay
	}
	if c.DaysPerWeek <= 0 {
		c.DaysPerWeek = DefaultDaysPerWeek
	}
	return c
}

// HoursPerWeek is DaysPerWeek x HoursPerDay.
func (c Calendar) HoursPerWeek() float64 {
	c = c.OrDefault()
	return c.DaysPerWeek * c.HoursPerDay
}
