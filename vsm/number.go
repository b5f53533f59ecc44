package vsm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// DecimalComma rewrites the decimal commas of s as points. A comma between
// two digits is a decimal comma when s holds no point: "0,5" is "0.5", "1,5h"
// is "1.5h", "92,5 %" is "92.5 %". Many people type numbers that way, and
// semicolon- or tab-separated sheets from such locales hold them.
//
// A comma that could also group thousands, one to three digits (not starting
// with 0) before it and exactly three after ("1,500", "12,000h"), is left as
// it is, and so is a text with both a point and a comma ("1,234.5"): the
// parser that follows refuses the text rather than guess (AmbiguousComma says
// how to write it).
//
// Every number Flowmap reads from people goes through this one rule: the
// editor's cells, the kaizen screens, stage sheets, ParseNumber,
// ParseDuration and ParseCompleteAccurate.
func DecimalComma(s string) string {
	if !strings.Contains(s, ",") || strings.Contains(s, ".") || AmbiguousComma(s) != "" {
		return s
	}
	b := []byte(s)
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ',' && isDigit(b[i-1]) && isDigit(b[i+1]) {
			b[i] = '.'
		}
	}
	return string(b)
}

// AmbiguousComma says how to write a number whose comma may be a decimal
// comma or a thousands separator: for "1,500" it is "write 1.5 or 1500". It
// is "" when s holds no such comma.
func AmbiguousComma(s string) string {
	if strings.Contains(s, ".") {
		return "" // "1,500.5": the comma groups thousands, and ParseFloat refuses it
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		start := i
		for start > 0 && isDigit(s[start-1]) {
			start--
		}
		end := i + 1
		for end < len(s) && isDigit(s[end]) {
			end++
		}
		before, after := s[start:i], s[i+1:end]
		if len(before) >= 1 && len(before) <= 3 && before[0] != '0' && len(after) == 3 {
			decimal := before
			if frac := strings.TrimRight(after, "0"); frac != "" {
				decimal += "." + frac
			}
			return fmt.Sprintf("write %s or %s%s", decimal, before, after)
		}
	}
	return ""
}

// ambiguousReason asks which a comma is, with how to write it.
func ambiguousReason(how string) string {
	return "is the comma a decimal point or a thousands separator? " + how
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ParseNumber reads a plain number as people write it: a count of people,
// items in a queue, demand per day, hours in a working day. It accepts "2",
// "0.5", "-3", "1e3", a decimal comma ("0,5", see DecimalComma) and a number
// followed by one word of letters ("3 items", "2 FTE"), as sheets often
// write counts. Surrounding spaces are ignored. It checks no range (a queue
// may be 0, people may not): Stage.Validate and Map.Validate do that. An
// empty, unreadable, NaN or infinite text is an error that quotes it and
// wraps ErrInvalid.
func ParseNumber(s string) (float64, error) {
	in := strings.TrimSpace(s)
	if num, word, ok := strings.Cut(in, " "); ok && isWord(strings.TrimSpace(word)) {
		in = num
	}
	if how := AmbiguousComma(in); how != "" {
		return 0, fmt.Errorf("%q is not a number: %s: %w", shortValue(s), ambiguousReason(how), ErrInvalid)
	}
	in = DecimalComma(in)
	v, err := strconv.ParseFloat(in, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number: %w", shortValue(s), ErrInvalid)
	}
	return v, nil
}

// isWord reports whether s is one or more ASCII letters.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// shortValue is s trimmed and cut to at most 80 characters, for a message
// that quotes what a person typed or a file held.
func shortValue(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}
