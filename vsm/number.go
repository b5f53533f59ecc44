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
// semicolon- or tab-separated sheets from such locales hold them. Flowmap
// never reads a comma as a thousands separator ("1,000" is 1, not 1000); a
// text with both a point and a comma is left as it is, so the parser that
// follows refuses it rather than guessing.
//
// Every number Flowmap reads from people goes through this one rule: the
// editor's cells, the kaizen screens, stage sheets, ParseNumber,
// ParseDuration and ParseCompleteAccurate.
func DecimalComma(s string) string {
	if !strings.Contains(s, ",") || strings.Contains(s, ".") {
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
