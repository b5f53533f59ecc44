package vsm

import (
	"math"
	"testing"
)

// TestFormatPercent: the rule of FormatPercent's doc comment, worked by hand.
func TestFormatPercent(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0%"},
		{0.853, "85%"},    // 85.3: whole from 10% up
		{0.1268, "13%"},   // 12.68 rounds to 13
		{0.285, "28%"},    // 28.499999999999996 in binary: down, as LibreOffice shows it
		{0.565, "56%"},    // 56.49999999999999 likewise
		{0.0355, "3.6%"},  // 3.55 likewise
		{0.1, "10%"},      // the boundary reads whole
		{1, "100%"},       // %C&A of a perfect stage
		{1.5, "150%"},     // an overloaded stage's utilization
		{0.0354, "3.5%"},  // 3.54: one decimal below 10%
		{0.03, "3.0%"},    // the decimal is always written below 10%
		{0.0995, "10.0%"}, // 9.95 is below 10%: one decimal; 99.5 tenths round to 100
		{0.0996, "10.0%"},
		{0.00042, "0.0%"}, // 0.042%: below a twentieth of a percent
		{0.0005, "0.1%"},  // 0.05% rounds up to a tenth
		{-0.038, "-3.8%"},
		{-0.0004, "0.0%"}, // no "-0.0%"
		{-0.25, "-25%"},
		{math.NaN(), "—"},
		{math.Inf(1), "—"},
	} {
		if got := FormatPercent(c.v); got != c.want {
			t.Errorf("FormatPercent(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
