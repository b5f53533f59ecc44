package vsm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Unit is the unit of a bare number: the unit named by a column header, or the
// map's default input unit (hours).
type Unit int

// Units a bare number may be in.
const (
	Hours Unit = iota
	Minutes
	Days
	Weeks
	Months
)

func (u Unit) String() string {
	switch u {
	case Minutes:
		return "minutes"
	case Days:
		return "days"
	case Weeks:
		return "weeks"
	case Months:
		return "months"
	}
	return "hours"
}

// hours is the length of one u in working hours on calendar c.
func (u Unit) hours(c Calendar) float64 {
	c = c.OrDefault()
	switch u {
	case Minutes:
		return 1.0 / 60
	case Days:
		return c.HoursPerDay
	case Weeks:
		return c.HoursPerWeek()
	case Months:
		// 52/12 weeks: a month of working weeks, not of calendar days.
		return 52.0 / 12 * c.HoursPerWeek()
	}
	return 1
}

// unitWords maps every unit spelling of shared/metrics.md to its unit. Keys are
// lower case with no spaces or dots.
var unitWords = map[string]Unit{
	"m": Minutes, "min": Minutes, "mins": Minutes, "minute": Minutes, "minutes": Minutes,
	"h": Hours, "hr": Hours, "hrs": Hours, "hour": Hours, "hours": Hours,
	"d": Days, "day": Days, "days": Days,
	"w": Weeks, "wk": Weeks, "wks": Weeks, "week": Weeks, "weeks": Weeks,
	"mo": Months, "mos": Months, "month": Months, "months": Months,
}

// ParseUnit reads a unit name such as "m", "hours" or "d".
func ParseUnit(s string) (Unit, error) {
	u, ok := unitWords[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return Hours, fmt.Errorf("%q is not a unit: use m, h, d, w or mo", s)
	}
	return u, nil
}

// DurationError says why a written duration was refused.
type DurationError struct {
	Value  string
	Reason string
}

func (e *DurationError) Error() string {
	return fmt.Sprintf("%q is not a duration: %s", e.Value, e.Reason)
}

func (e *DurationError) Unwrap() error { return ErrInvalid }

// ParseDuration reads a duration as people write it and returns working hours on
// calendar c. It accepts "45m", "4 hrs", "1.5h", "2d", "1w", "1mo", sums such as
// "1d 4h" or "2h30m", clock form "01:30" (h:mm, or h:mm:ss), and a bare number
// in unit bare; a decimal comma is read ("1,5h", see DecimalComma). Negative,
// NaN, infinite and empty values are errors.
func ParseDuration(s string, bare Unit, c Calendar) (float64, error) {
	in := strings.TrimSpace(DecimalComma(s))
	if in == "" {
		return 0, &DurationError{Value: s, Reason: "it is empty"}
	}
	if how := AmbiguousComma(in); how != "" {
		return 0, &DurationError{Value: s, Reason: ambiguousReason(how)}
	}
	if strings.HasPrefix(in, "-") {
		return 0, &DurationError{Value: s, Reason: "durations cannot be negative"}
	}
	if strings.Contains(in, ":") {
		return parseClock(s, in)
	}
	if v, err := strconv.ParseFloat(in, 64); err == nil {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, &DurationError{Value: s, Reason: "it is not a finite number"}
		}
		if v < 0 {
			return 0, &DurationError{Value: s, Reason: "durations cannot be negative"}
		}
		return v * bare.hours(c), nil
	}
	total, rest := 0.0, in
	for rest != "" {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			break
		}
		n := numberPrefix(rest)
		if n == 0 {
			return 0, &DurationError{Value: s, Reason: fmt.Sprintf("expected a number at %q", rest)}
		}
		v, err := strconv.ParseFloat(rest[:n], 64)
		if err != nil || math.IsInf(v, 0) {
			return 0, &DurationError{Value: s, Reason: fmt.Sprintf("%q is not a number", rest[:n])}
		}
		rest = strings.TrimLeft(rest[n:], " \t")
		w := wordPrefix(rest)
		if w == 0 {
			return 0, &DurationError{Value: s, Reason: fmt.Sprintf("%s has no unit (use m, h, d, w or mo)", rest0(in, rest))}
		}
		word := strings.ToLower(strings.TrimRight(rest[:w], "."))
		u, ok := unitWords[word]
		if !ok {
			return 0, &DurationError{Value: s, Reason: fmt.Sprintf("unknown unit %q (use m, h, d, w or mo)", rest[:w])}
		}
		total += v * u.hours(c)
		rest = strings.TrimLeft(rest[w:], " \t,+")
	}
	if math.IsNaN(total) || math.IsInf(total, 0) {
		return 0, &DurationError{Value: s, Reason: "it is not a finite number"}
	}
	return total, nil
}

// rest0 names the number that lacks a unit, for the error message.
func rest0(in, rest string) string {
	done := strings.TrimSpace(in[:len(in)-len(rest)])
	if i := strings.LastIndexAny(done, " \t"); i >= 0 {
		done = done[i+1:]
	}
	return fmt.Sprintf("%q", done)
}

func numberPrefix(s string) int {
	i, dot := 0, false
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		default:
			return i
		}
		i++
	}
	return i
}

func wordPrefix(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' {
			i++
			continue
		}
		break
	}
	return i
}

// parseClock reads "h:mm" or "h:mm:ss".
func parseClock(orig, in string) (float64, error) {
	parts := strings.Split(in, ":")
	if len(parts) > 3 {
		return 0, &DurationError{Value: orig, Reason: "use h:mm or h:mm:ss"}
	}
	total := 0.0
	scale := []float64{1, 1.0 / 60, 1.0 / 3600}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || numberPrefix(p) != len(p) {
			return 0, &DurationError{Value: orig, Reason: "use h:mm or h:mm:ss"}
		}
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsInf(v, 0) {
			return 0, &DurationError{Value: orig, Reason: "use h:mm or h:mm:ss"}
		}
		if i > 0 && v >= 60 {
			return 0, &DurationError{Value: orig, Reason: fmt.Sprintf("%s is not below 60", p)}
		}
		total += v * scale[i]
	}
	return total, nil
}

// FormatDuration writes working hours for people, in the largest two units of
// calendar c: "1w 2d", "1d 4h", "3h 20m", "45m". It rounds to the minute; zero is "0h".
func FormatDuration(hours float64, c Calendar) string {
	c = c.OrDefault()
	if math.IsNaN(hours) || math.IsInf(hours, 0) {
		return "—"
	}
	neg := hours < 0
	if neg {
		hours = -hours
	}
	mins := math.Round(hours * 60)
	if mins == 0 {
		return "0h"
	}
	type unit struct {
		name string
		mins float64
	}
	units := []unit{
		{"w", c.HoursPerWeek() * 60},
		{"d", c.HoursPerDay * 60},
		{"h", 60},
		{"m", 1},
	}
	var out string
	for i, u := range units {
		if mins < u.mins && i < len(units)-1 {
			continue
		}
		big := math.Floor(mins / u.mins)
		rest := mins - big*u.mins
		if i == len(units)-1 {
			out = fmt.Sprintf("%gm", big)
			break
		}
		next := units[i+1]
		small := math.Round(rest / next.mins)
		if small*next.mins >= u.mins {
			// Rounding carried into the big unit, which may carry on up
			// (4d 7.9h is 5d, which is 1w): format the rounded value again.
			rounded := FormatDuration((big+1)*u.mins/60, c)
			if neg {
				return "-" + rounded
			}
			return rounded
		}
		out = trimNum(big) + u.name
		if small > 0 {
			out += " " + trimNum(small) + next.name
		}
		break
	}
	if neg {
		return "-" + out
	}
	return out
}

func trimNum(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
