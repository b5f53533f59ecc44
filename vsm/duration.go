package vsm

import (
	"errors"
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
// in unit bare; a decimal comma is read ("1,5h", see DecimalComma). Numbers
// may carry an exponent as spreadsheets write them ("1.5E+03", "2e3h"), so a
// huge number is refused for its size rather than for an unknown unit "e".
//
// A duration is 0 or from one nanosecond (MinHours) to 100 years of 24-hour
// days (MaxHours, 876,600 h): "1e308h" and "1e300mo" are refused as more than
// 100 years, "1e-20h" as below one nanosecond. Negative, NaN, infinite and
// empty values are errors too.
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
		h, err := parseClock(s, in)
		if err != nil {
			return 0, err
		}
		return checkParsed(s, h, false)
	}
	if v, err := strconv.ParseFloat(in, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if math.IsNaN(v) || (math.IsInf(v, 0) && err == nil) {
			return 0, &DurationError{Value: s, Reason: "it is not a finite number"}
		}
		if v < 0 {
			return 0, &DurationError{Value: s, Reason: "durations cannot be negative"}
		}
		return checkParsed(s, v*bare.hours(c), v == 0 && nonZeroDigits(in))
	}
	total, rest, underflow := 0.0, in, false
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
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, &DurationError{Value: s, Reason: fmt.Sprintf("%q is not a number", rest[:n])}
		}
		underflow = underflow || v == 0 && nonZeroDigits(rest[:n])
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
	return checkParsed(s, total, underflow)
}

// checkParsed holds a parsed duration to the bounds: at most MaxHours (an
// overflow to +Inf is more than that too), and 0 or at least MinHours.
// underflow says a number written above 0 was too small for a float64.
func checkParsed(s string, h float64, underflow bool) (float64, error) {
	switch {
	case math.IsNaN(h):
		return 0, &DurationError{Value: s, Reason: "it is not a finite number"}
	case h > MaxHours:
		return 0, &DurationError{Value: s, Reason: "it " + reasonTooLong}
	case h > 0 && h < MinHours || h == 0 && underflow:
		return 0, &DurationError{Value: s, Reason: "it " + reasonTooShort}
	}
	return h, nil
}

// nonZeroDigits reports whether the mantissa of the number s has a digit
// other than 0: "1e-400" does, so reading it as 0 is an underflow.
func nonZeroDigits(s string) bool {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	return strings.ContainsAny(s, "123456789")
}

// rest0 names the number that lacks a unit, for the error message.
func rest0(in, rest string) string {
	done := strings.TrimSpace(in[:len(in)-len(rest)])
	if i := strings.LastIndexAny(done, " \t"); i >= 0 {
		done = done[i+1:]
	}
	return fmt.Sprintf("%q", done)
}

// numberPrefix is the length of the number at the start of s: digits with at
// most one decimal point, and an exponent (e or E, an optional sign, digits)
// when digits follow the e.
func numberPrefix(s string) int {
	i := decimalPrefix(s)
	if i == 0 || i == len(s) || (s[i] != 'e' && s[i] != 'E') {
		return i
	}
	j := i + 1
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	k := j
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == j {
		return i // "2e" alone: the e is a word, not an exponent
	}
	return k
}

// decimalPrefix is the length of the digits with at most one decimal point at
// the start of s.
func decimalPrefix(s string) int {
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
		if p == "" || decimalPrefix(p) != len(p) {
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
func FormatDuration(hours float64, c Calendar) string { return formatDuration(hours, c, 0) }

// formatDuration is FormatDuration after carries rounding moves into a larger
// unit. A calendar whose day is not a whole number of minutes (0.01 h) can
// round the carried value back below the unit; after a few carries the
// bigger unit is written as is instead of carrying forever.
func formatDuration(hours float64, c Calendar, carries int) string {
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
		if small*next.mins >= u.mins && carries >= len(units) {
			big, small = big+1, 0
		} else if small*next.mins >= u.mins {
			// Rounding carried into the big unit, which may carry on up
			// (4d 7.9h is 5d, which is 1w): format the rounded value again.
			rounded := formatDuration((big+1)*u.mins/60, c, carries+1)
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
