package vsm

import (
	"math"
	"testing"
	"time"
)

func TestWorkingHours(t *testing.T) {
	utc := time.UTC
	cet := time.FixedZone("CET", 3600)
	cest := time.FixedZone("CEST", 2*3600)
	est := time.FixedZone("EST", -5*3600)
	minus2 := time.FixedZone("-02", -2*3600)
	at := func(loc *time.Location, y int, mo time.Month, d, h, mi int) time.Time {
		return time.Date(y, mo, d, h, mi, 0, 0, loc)
	}
	workdays := WorkCalendar{}
	// 2026-03-02 is a Monday; 2026-03-06 a Friday; 2026-03-07/08 the weekend.
	tests := []struct {
		name     string
		cal      WorkCalendar
		from, to time.Time
		want     float64
	}{
		{"inside one window", workdays, at(utc, 2026, 3, 2, 10, 0), at(utc, 2026, 3, 2, 12, 0), 2},
		// Mon 16:00-17:00 = 1h, night = 0, Tue 09:00-10:00 = 1h.
		{"across a night", workdays, at(utc, 2026, 3, 2, 16, 0), at(utc, 2026, 3, 3, 10, 0), 2},
		// Fri 16-17 = 1h, Sat and Sun = 0, Mon 9-10 = 1h.
		{"across a weekend", workdays, at(utc, 2026, 3, 6, 16, 0), at(utc, 2026, 3, 9, 10, 0), 2},
		{"weekend only", workdays, at(utc, 2026, 3, 7, 10, 0), at(utc, 2026, 3, 8, 20, 0), 0},
		{"before the window", workdays, at(utc, 2026, 3, 2, 7, 0), at(utc, 2026, 3, 2, 8, 0), 0},
		// 07:00-09:00 is outside, 09:00-10:00 inside.
		{"into the window", workdays, at(utc, 2026, 3, 2, 7, 0), at(utc, 2026, 3, 2, 10, 0), 1},
		{"evening to morning", workdays, at(utc, 2026, 3, 2, 18, 0), at(utc, 2026, 3, 3, 8, 0), 0},
		// Mon 00:00 to the next Mon 00:00: five windows of 8h.
		{"a whole week", workdays, at(utc, 2026, 3, 2, 0, 0), at(utc, 2026, 3, 9, 0, 0), 40},
		// 26 weeks x 40h.
		{"half a year", workdays, at(utc, 2026, 1, 5, 9, 0), at(utc, 2026, 7, 6, 9, 0), 1040},
		{"same instant", workdays, at(utc, 2026, 3, 2, 10, 0), at(utc, 2026, 3, 2, 10, 0), 0},
		{"backwards", workdays, at(utc, 2026, 3, 2, 12, 0), at(utc, 2026, 3, 2, 10, 0), 0},
		// A 7.5h window closes at 16:30.
		{"7.5h day", WorkCalendar{HoursPerDay: 7.5}, at(utc, 2026, 3, 2, 9, 0), at(utc, 2026, 3, 2, 20, 0), 7.5},
		// A 24h window runs Mon 09:00 to Tue 09:00 ... Fri 09:00 to Sat 09:00:
		// Fri 12:00 to Sat 09:00 = 21h, Sat 09:00 to Sat 12:00 = 0.
		{"24h day over Friday night", WorkCalendar{HoursPerDay: 24}, at(utc, 2026, 3, 6, 12, 0), at(utc, 2026, 3, 7, 12, 0), 21},
		// Mon 00:00-09:00 belongs to Sunday's window, which does not exist.
		{"24h day Monday dawn", WorkCalendar{HoursPerDay: 24}, at(utc, 2026, 3, 2, 0, 0), at(utc, 2026, 3, 2, 9, 0), 0},
		{"over 24h is 24h", WorkCalendar{HoursPerDay: 30}, at(utc, 2026, 3, 2, 9, 0), at(utc, 2026, 3, 3, 9, 0), 24},
		// A 16h window runs 09:00 to 01:00: Mon 23:00 to Tue 01:00 = 2h,
		// Tue 01:00 to 02:00 = 0.
		{"window past midnight", WorkCalendar{HoursPerDay: 16}, at(utc, 2026, 3, 2, 23, 0), at(utc, 2026, 3, 3, 2, 0), 2},
		// Each instant on its own wall clock: 08:30 to 12:00 at -05:00 is
		// 09:00-12:00 = 3h (in UTC it would be 13:30-17:00 = 3.5h).
		{"own offset", workdays, at(est, 2026, 3, 2, 8, 30), at(est, 2026, 3, 2, 12, 0), 3},
		// DST in Berlin on Sunday 2026-03-29: Fri 16:00 +01:00 to Mon 10:00
		// +02:00 is Fri 16-17 + Mon 9-10 = 2h on the wall clocks.
		{"across a DST change", workdays, at(cet, 2026, 3, 27, 16, 0), at(cest, 2026, 3, 30, 10, 0), 2},
		// 10:00 +02:00 (08:00Z) to 10:30 +01:00 (09:30Z): the wall clocks say
		// 30 minutes.
		{"offsets differ", workdays, at(cest, 2026, 3, 2, 10, 0), at(cet, 2026, 3, 2, 10, 30), 0.5},
		// 11:00Z to 10:00 -02:00 (12:00Z): one hour later, but the second
		// wall clock is behind the first: no working time on the clocks.
		{"wall clock behind", workdays, at(utc, 2026, 3, 2, 11, 0), at(minus2, 2026, 3, 2, 10, 0), 0},
		// Before 1970: Mon 1969-12-29 10:00 to Fri 1970-01-02 12:00 =
		// 7 + 8 + 8 + 8 + 3 = 34h.
		{"before the epoch", workdays, at(utc, 1969, 12, 29, 10, 0), at(utc, 1970, 1, 2, 12, 0), 34},
		// 24x7: Fri 16:00 to Mon 10:00 = 8 + 24 + 24 + 10 = 66h.
		{"24x7 weekend", WorkCalendar{TwentyFourSeven: true}, at(utc, 2026, 3, 6, 16, 0), at(utc, 2026, 3, 9, 10, 0), 66},
		// 24x7 measures instants: 11:00Z to 12:00Z.
		{"24x7 offsets", WorkCalendar{TwentyFourSeven: true}, at(utc, 2026, 3, 2, 11, 0), at(minus2, 2026, 3, 2, 10, 0), 1},
		// 24x7 across DST: 15:00Z Friday to 08:00Z Monday = 65h.
		{"24x7 DST", WorkCalendar{TwentyFourSeven: true}, at(cet, 2026, 3, 27, 16, 0), at(cest, 2026, 3, 30, 10, 0), 65},
	}
	for _, tt := range tests {
		got := tt.cal.WorkingHours(tt.from, tt.to)
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: %v.WorkingHours(%v, %v) = %v, want %v", tt.name, tt.cal, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWorkingHoursRealZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	// The same DST case as above, with the zone's own rules choosing offsets.
	from := time.Date(2026, 3, 27, 16, 0, 0, 0, berlin)
	to := time.Date(2026, 3, 30, 10, 0, 0, 0, berlin)
	if got := (WorkCalendar{}).WorkingHours(from, to); got != 2 {
		t.Errorf("WorkingHours across DST = %v, want 2", got)
	}
}

// TestWorkClockAdditive checks that clock differences add up over any split
// point, which is what lets the importer compute one clock per timestamp.
func TestWorkClockAdditive(t *testing.T) {
	cal := WorkCalendar{HoursPerDay: 7.5}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	step := int64(37 * 60 * 1000) // 37 minutes, so splits land everywhere in a day
	prev := cal.Clock(base, 0)
	for i := int64(1); i < 2000; i++ {
		c := cal.Clock(base+i*step, 0)
		if c < prev {
			t.Fatalf("clock went back at step %d: %d < %d", i, c, prev)
		}
		if c-prev > step {
			t.Fatalf("clock ran faster than time at step %d", i)
		}
		prev = c
	}
	// A prepared clock reads the same.
	for _, c := range []WorkCalendar{cal, {}, {TwentyFourSeven: true}} {
		k := c.NewClock()
		for _, off := range []int{0, 3600, -5 * 3600} {
			if a, b := k.At(base+12345678, off), c.Clock(base+12345678, off); a != b {
				t.Errorf("%v: NewClock().At = %d, Clock = %d", c, a, b)
			}
		}
	}
	// 1999 x 37 min = 73,963 min = 51d 8h 43m: from Sun 2026-03-01 00:00 to
	// Tue 04-21 08:43, i.e. seven full weeks (7 x 5 x 7.5h = 262.5h), Monday
	// 04-20 (7.5h) and Tuesday before its window (0h) = 270h.
	if got, want := float64(prev-cal.Clock(base, 0))/3.6e6, 270.0; got != want {
		t.Errorf("51 days = %vh, want %vh", got, want)
	}
}

func TestWorkCalendarNames(t *testing.T) {
	if got := (WorkCalendar{}).String(); got != "workdays" {
		t.Errorf("String() = %q", got)
	}
	if got := (WorkCalendar{TwentyFourSeven: true}).String(); got != "24x7" {
		t.Errorf("String() = %q", got)
	}
	if got := (WorkCalendar{}).Hours(); got != 8 {
		t.Errorf("default Hours() = %v, want 8", got)
	}
	if got := (WorkCalendar{HoursPerDay: 6}).Days(15); got != 2.5 {
		t.Errorf("Days(15) on 6h days = %v, want 2.5", got)
	}
	if got := (WorkCalendar{TwentyFourSeven: true}).Days(36); got != 1.5 {
		t.Errorf("24x7 Days(36) = %v, want 1.5", got)
	}
}
