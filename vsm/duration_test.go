package vsm

import (
	"errors"
	"math"
	"testing"
)

func TestParseDuration(t *testing.T) {
	cal := DefaultCalendar() // 8 h a day, 5 days a week: a week is 40 h
	tests := []struct {
		in   string
		bare Unit
		cal  Calendar
		want float64 // working hours
	}{
		{"45m", Hours, cal, 0.75},
		{"45 min", Hours, cal, 0.75},
		{"45 minutes", Hours, cal, 0.75},
		{"4h", Hours, cal, 4},
		{"4 h", Hours, cal, 4},
		{"4 hrs", Hours, cal, 4},
		{"4 hours", Hours, cal, 4},
		{"1.5h", Hours, cal, 1.5},
		{"2d", Hours, cal, 16},         // 2 x 8
		{"2 days", Hours, cal, 16},     // 2 x 8
		{"1w", Hours, cal, 40},         // 5 x 8
		{"1 week", Hours, cal, 40},     // 5 x 8
		{"1mo", Hours, cal, 520.0 / 3}, // 52/12 weeks x 40 h = 173.33 h
		{"1 month", Hours, cal, 520.0 / 3},
		{"1d 4h", Hours, cal, 12},     // 8 + 4
		{"2h30m", Hours, cal, 2.5},    // 2 + 30/60
		{"1d, 2h", Hours, cal, 10},    // 8 + 2
		{"01:30", Hours, cal, 1.5},    // 1 h 30 min
		{"0:45", Hours, cal, 0.75},    // 45 min
		{"1:30:36", Hours, cal, 1.51}, // 1 + 30/60 + 36/3600
		{"3", Hours, cal, 3},
		{"3", Days, cal, 24},      // 3 x 8
		{"3", Minutes, cal, 0.05}, // 3 / 60
		{"0.5", Weeks, cal, 20},   // half of 40
		{"  2 D ", Hours, cal, 16},
		{"2d", Hours, Calendar{HoursPerDay: 7.5, DaysPerWeek: 5}, 15}, // 2 x 7.5
		{"1w", Hours, Calendar{HoursPerDay: 6, DaysPerWeek: 4}, 24},   // 4 x 6
		{"0", Hours, cal, 0},
		{"2d", Hours, Calendar{}, 16}, // a zero calendar means the defaults
		// Exponents, as spreadsheets write numbers.
		{"1.5E+03", Hours, cal, 1500},
		{"2e3h", Hours, cal, 2000},
		{"3.6e-3 h", Hours, cal, 0.0036},
		// The bounds themselves: 100 years of 24-hour days, one nanosecond.
		{"876600h", Hours, cal, 876600},                                      // 100 x 365.25 x 24
		{"36525d", Hours, Calendar{HoursPerDay: 24, DaysPerWeek: 7}, 876600}, // the same on a 24x7 calendar
		{"0:00:00.000000001", Hours, cal, 1.0 / 3.6e12},                      // 1 ns = 1e-9 s / 3600 s/h
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in, tt.bare, tt.cal)
		if err != nil {
			t.Errorf("ParseDuration(%q, %v) error: %v", tt.in, tt.bare, err)
			continue
		}
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("ParseDuration(%q, %v) = %v, want %v", tt.in, tt.bare, got, tt.want)
		}
	}
}

func TestParseDurationErrors(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "it is empty"},
		{"   ", "it is empty"},
		{"-2h", "durations cannot be negative"},
		{"-3", "durations cannot be negative"},
		{"NaN", "it is not a finite number"},
		{"Inf", "it is not a finite number"},
		{"+Inf", "it is not a finite number"},
		{"2 dayz", `unknown unit "dayz" (use m, h, d, w or mo)`},
		{"abc", `expected a number at "abc"`},
		{"5 5", `"5" has no unit (use m, h, d, w or mo)`},
		{"1:75", "75 is not below 60"},
		{"1::2", "use h:mm or h:mm:ss"},
		{"1:2:3:4", "use h:mm or h:mm:ss"},
		{"2h x", `expected a number at "x"`},
		// Past the bounds (MaxHours = 876,600 h, MinHours = 1 ns).
		{"1e308h", "it is more than 100 years (876,600 h), the longest duration"},
		{"1e300mo", "it is more than 100 years (876,600 h), the longest duration"},
		{"1e308mo", "it is more than 100 years (876,600 h), the longest duration"}, // 1e308 x 173.3 h overflows to +Inf
		{"1e400", "it is more than 100 years (876,600 h), the longest duration"},   // beyond float64: ParseFloat's ErrRange
		{"876601", "it is more than 100 years (876,600 h), the longest duration"},
		{"876600h 1m", "it is more than 100 years (876,600 h), the longest duration"},
		{"21916w", "it is more than 100 years (876,600 h), the longest duration"}, // 21,916 x 40 h = 876,640 h
		{"1e-20h", "it is above 0 but below one nanosecond, the shortest duration (write 0 for no time)"},
		{"1e-400h", "it is above 0 but below one nanosecond, the shortest duration (write 0 for no time)"}, // reads as 0: an underflow
		{"2e", `unknown unit "e" (use m, h, d, w or mo)`},                                                  // no digits after the e: not an exponent
	}
	for _, tt := range tests {
		_, err := ParseDuration(tt.in, Hours, DefaultCalendar())
		var de *DurationError
		if !errors.As(err, &de) {
			t.Errorf("ParseDuration(%q) error = %v, want a *DurationError", tt.in, err)
			continue
		}
		if de.Reason != tt.reason {
			t.Errorf("ParseDuration(%q) reason = %q, want %q", tt.in, de.Reason, tt.reason)
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDuration(%q) error does not wrap ErrInvalid", tt.in)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		hours float64
		cal   Calendar
		want  string
	}{
		{0, cal, "0h"},
		{0.004, cal, "0h"}, // 0.24 min rounds to 0
		{0.75, cal, "45m"},
		{10.0 / 3, cal, "3h 20m"},
		{12, cal, "1d 4h"}, // 8 + 4
		{40, cal, "1w"},    // 5 x 8
		{56, cal, "1w 2d"}, // 40 + 16
		{1.5, cal, "1h 30m"},
		{479.4 / 60, cal, "7h 59m"}, // 479 min
		{479.7 / 60, cal, "1d"},     // rounds to 480 min = 1 day
		{8.1, cal, "1d"},            // 6 min is below half an hour: dropped
		{8.5, cal, "1d 1h"},         // 30 min rounds the hour up
		{39.9, cal, "1w"},           // 4d 7.9h: 7.9 h rounds to 8 h = a day, and 5 d carry into the week
		{15, Calendar{HoursPerDay: 7.5, DaysPerWeek: 5}, "2d"},
		{-2, cal, "-2h"},
		{math.NaN(), cal, "—"},
		// A day of 0.6 min, a week of 4.2 min: 63,115,200.12 h is 3,786,912,007
		// min (rounded) = 901,645,715 w + 4 min, and 4 min is 6.7 d, which
		// rounds to 7 d = a week: 901,645,716 w. Formatting that again rounded
		// it back below 901,645,716 w and carried forever (a stack overflow)
		// before carries were counted.
		{6.3115200120000005e+07, Calendar{HoursPerDay: 0.01, DaysPerWeek: 7}, "901645716w"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.hours, tt.cal); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.hours, got, tt.want)
		}
	}
}

func TestParseUnit(t *testing.T) {
	for in, want := range map[string]Unit{"m": Minutes, "h": Hours, "d": Days, "days": Days, "W": Weeks, "mo": Months} {
		got, err := ParseUnit(in)
		if err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseUnit("fortnight"); err == nil {
		t.Error("ParseUnit(fortnight) succeeded")
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"45m", "4 hrs", "1.5h", "2d", "1w", "1mo", "1d 4h", "2h30m", "01:30", "3", "", "-1h", "1e308w", "9:59:59", "2 dayz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cal := DefaultCalendar()
		h, err := ParseDuration(s, Hours, cal)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseDuration(%q) error %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 {
			t.Fatalf("ParseDuration(%q) = %v, want a finite value >= 0", s, h)
		}
		// What we print for people must read back as a duration.
		out := FormatDuration(h, cal)
		if h < 1e12 {
			if _, err := ParseDuration(out, Hours, cal); err != nil {
				t.Fatalf("FormatDuration(%v) = %q does not parse back: %v", h, out, err)
			}
		}
	})
}
