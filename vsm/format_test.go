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

func TestFormatChanges(t *testing.T) {
	for _, c := range []struct {
		v              float64
		percent, point string
	}{
		{-0.26, "−26%", "−26 pts"},
		{0.5, "+50%", "+50 pts"},
		{0.15, "+15%", "+15 pts"},     // 10% to 25% flow efficiency
		{0.0445, "+4.5%", "+4.5 pts"}, // 44.5 thousandths round up
		{-0.08, "−8.0%", "−8.0 pts"},  // below 10: one decimal, as FormatPercent
		{-0.003, "−0.3%", "−0.3 pts"}, // a change under a point still shows
		{0.0004, "no change", "no change"},
		{0, "no change", "no change"},
		{math.NaN(), "—", "—"},
	} {
		if got := FormatPercentChange(c.v); got != c.percent {
			t.Errorf("FormatPercentChange(%v) = %q, want %q", c.v, got, c.percent)
		}
		if got := FormatPointsChange(c.v); got != c.point {
			t.Errorf("FormatPointsChange(%v) = %q, want %q", c.v, got, c.point)
		}
	}
}

func TestFormatPercentPair(t *testing.T) {
	for _, c := range []struct {
		before, after float64
		a, b          string
	}{
		{0.128, 0.173, "13%", "17%"},     // they read apart: the rule as it is
		{0.146, 0.151, "14.6%", "15.1%"}, // both "15%": a decimal more
		{0.1502, 0.1504, "15%", "15%"},   // under a twentieth of a point: the same
		{0.035, 0.044, "3.5%", "4.4%"},   // below 10% the decimal is there already
		{0.0996, 0.1004, "10.0%", "10%"}, // "10.0%" and "10%" read apart already
	} {
		if a, b := FormatPercentPair(c.before, c.after); a != c.a || b != c.b {
			t.Errorf("FormatPercentPair(%v, %v) = %q, %q; want %q, %q", c.before, c.after, a, b, c.a, c.b)
		}
	}
}
