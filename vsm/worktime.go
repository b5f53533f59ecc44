package vsm

import "time"

// WorkdayStartHour is when the working window of each weekday opens, on the
// wall clock of the timestamp being measured (shared/metrics.md).
const WorkdayStartHour = 9

// Calendar names as the command line and the events JSON spell them.
const (
	CalendarWorkdays        = "workdays"
	CalendarTwentyFourSeven = "24x7"
)

const (
	workMsPerHour = int64(time.Hour / time.Millisecond)
	workMsPerDay  = 24 * workMsPerHour
)

// WorkCalendar measures the time between two timestamps of an event log.
//
// On the working calendar (the default) only the working windows count: Monday
// to Friday, HoursPerDay hours from 09:00. Each timestamp is read on its own
// wall clock, in the UTC offset it carries, so a window is always 09:00 to
// 09:00+HoursPerDay local time whatever the season: an item that leaves on a
// Friday at 16:00 +01:00 and comes back on Monday at 10:00 +02:00, across a
// daylight-saving change, was away for 2 working hours (Friday 16-17 and Monday
// 9-10) with an 8-hour day.
//
// With TwentyFourSeven every elapsed hour counts, measured between the two
// instants (offsets only locate them).
type WorkCalendar struct {
	// HoursPerDay is the length of the daily window: <= 0 (unset) means 8,
	// more than 24 is taken as 24. Fractions such as 7.5 are exact.
	HoursPerDay     float64
	TwentyFourSeven bool
}

// String is the calendar's name: "workdays" or "24x7".
func (c WorkCalendar) String() string {
	if c.TwentyFourSeven {
		return CalendarTwentyFourSeven
	}
	return CalendarWorkdays
}

// Hours is the window length in effect: HoursPerDay bounded to (0, 24], 8 when
// unset.
func (c WorkCalendar) Hours() float64 {
	switch {
	case !(c.HoursPerDay > 0):
		return DefaultHoursPerDay
	case c.HoursPerDay > 24:
		return 24
	}
	return c.HoursPerDay
}

// WindowMillis is the working window of one weekday in milliseconds.
func (c WorkCalendar) WindowMillis() int64 {
	return int64(c.Hours()*float64(workMsPerHour) + 0.5)
}

// WorkClock is a calendar's Clock with the window worked out once, for
// callers that read millions of timestamps.
type WorkClock struct {
	window  int64 // working window of a weekday in milliseconds
	elapsed bool  // 24x7
}

// NewClock prepares c's Clock.
func (c WorkCalendar) NewClock() WorkClock {
	return WorkClock{window: c.WindowMillis(), elapsed: c.TwentyFourSeven}
}

// At is WorkCalendar.Clock of the calendar the clock was made from.
func (k WorkClock) At(unixMilli int64, offsetSeconds int) int64 {
	if k.elapsed {
		return unixMilli
	}
	return workClock(unixMilli+int64(offsetSeconds)*1000, k.window)
}

// Clock is the working time, in milliseconds, from a fixed reference up to the
// instant unixMilli read on the wall clock of UTC offset offsetSeconds. The
// difference of two clocks is the working time between them, so a caller that
// measures many intervals computes each timestamp's clock once:
//
//	working(from, to) = max(0, Clock(to) - Clock(from))   when to is after from
//
// Workdays: with wall = unixMilli + offset, shifted so windows open at
// multiples of a day (u = wall - 09:00), day D = floor(u / 24h) and r = u - D x 24h,
//
//	Clock = H x (weekdays before day D) + (D is Mon-Fri ? min(H, r) : 0)
//
// where H is the window and weekdays are counted from Monday 1969-12-29. A
// window never reaches the next one (H <= 24h), so this is exact. 24x7: Clock
// is unixMilli itself.
func (c WorkCalendar) Clock(unixMilli int64, offsetSeconds int) int64 {
	return c.NewClock().At(unixMilli, offsetSeconds)
}

// workClock is Clock on a wall-clock millisecond value with window h.
func workClock(wall, h int64) int64 {
	u := wall - WorkdayStartHour*workMsPerHour
	d := workFloorDiv(u, workMsPerDay)
	r := u - d*workMsPerDay
	// Day 0 is Thursday 1970-01-01; day -3 is Monday 1969-12-29, so d+3
	// counts days from a Monday and its remainder mod 7 is 0 on Mondays.
	m := d + 3
	week := workFloorDiv(m, 7)
	wd := m - week*7
	n := week*5*h + min(wd, 5)*h
	if wd < 5 {
		n += min(h, r)
	}
	return n
}

func workFloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// WorkingMillis is the working time from from to to in milliseconds; 0 when to
// is not after from.
func (c WorkCalendar) WorkingMillis(from, to time.Time) int64 {
	if !to.After(from) {
		return 0
	}
	_, fo := from.Zone()
	_, to2 := to.Zone()
	d := c.Clock(to.UnixMilli(), to2) - c.Clock(from.UnixMilli(), fo)
	if d < 0 {
		// Possible only on the working calendar when to's wall clock is
		// behind from's (an offset change across the interval): no working
		// time passed on the clocks the timestamps were written with.
		return 0
	}
	return d
}

// WorkingHours is the working time from from to to in hours; 0 when to is not
// after from. See WorkCalendar for how windows and offsets are read.
func (c WorkCalendar) WorkingHours(from, to time.Time) float64 {
	return float64(c.WorkingMillis(from, to)) / float64(workMsPerHour)
}

// Days is working hours expressed in working days of this calendar: hours /
// HoursPerDay on the working calendar, hours / 24 on 24x7.
func (c WorkCalendar) Days(hours float64) float64 {
	if c.TwentyFourSeven {
		return hours / 24
	}
	return hours / c.Hours()
}
