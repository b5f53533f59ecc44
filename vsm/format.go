package vsm

import (
	"math"
	"strconv"
	"strings"
)

// FormatPercent writes a fraction as a percentage for people: the one
// display rule of Flowmap's ratios (flow efficiency, %C&A, utilization,
// shares of the lead time) in the app, the CLI's text, the charts and the
// workbook (PercentNumFmt is the same rule for a spreadsheet):
//
//   - from 10% up, whole percents: 0.853 is "85%", 0.1268 is "13%", 1 is "100%";
//   - below 10%, one decimal: 0.0354 is "3.5%", 0.03 is "3.0%", 0.0004 is
//     "0.0%" (not zero, but below a twentieth of a percent);
//   - exactly 0 is "0%".
//
// Why: on a projector a whole percent is read at a glance and a decimal more
// is noise once a ratio is 10% or more, but flow efficiency is often a few
// percent, and 3.5% against 4.4% is the change a kaizen made: rounding both
// to 4% hides it. The decimal is always written below 10%, so a column of
// small values lines up, and the rule is one a spreadsheet's number format
// can say. The side is chosen on the exact value (0.0996 is "10.0%", as in
// the workbook), the sign kept (-0.038 is "-3.8%"); NaN and infinities are
// "—". Rounding is of the binary value, as LibreOffice rounds: 0.285 x 100
// is 28.499999999999996 and reads "28%" in both. Machines get the exact
// fraction: JSON and cell values are never rounded.
func FormatPercent(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	case v == 0:
		return "0%"
	case math.Abs(v) >= 0.1:
		return strconv.FormatFloat(math.Round(v*100), 'f', 0, 64) + "%"
	}
	tenths := math.Round(v * 1000)
	if tenths == 0 {
		tenths = 0 // -0.0004 is "0.0%", not "-0.0%"
	}
	return strconv.FormatFloat(tenths/10, 'f', 1, 64) + "%"
}

// FormatPercentPair writes two values of one ratio, before and after, by
// FormatPercent's rule, with one decimal more when the rule would write the
// same text for values that differ by a twentieth of a point or more: 0.146
// and 0.151 are "14.6%" and "15.1%", not "15%" and "15%".
func FormatPercentPair(before, after float64) (string, string) {
	a, b := FormatPercent(before), FormatPercent(after)
	if a == b && math.Abs(after-before) >= 0.0005 {
		a = strconv.FormatFloat(math.Round(before*1000)/10, 'f', 1, 64) + "%"
		b = strconv.FormatFloat(math.Round(after*1000)/10, 'f', 1, 64) + "%"
	}
	return a, b
}

// minus is the typographic minus of a change: "−26%" does not read as a dash.
const minus = "−"

// FormatPercentChange writes a relative change (after / before − 1) by
// FormatPercent's rule, with its sign: −0.26 is "−26%", 0.035 is "+3.5%". A
// change that reads as 0 ("0.0%") is "no change"; NaN and infinities are "—".
func FormatPercentChange(v float64) string { return signedChange(v, "%") }

// FormatPointsChange writes a change of a ratio in percentage points by
// FormatPercent's rule, with its sign: flow efficiency from 12.8% to 17.3%
// (+0.0445) is "+4.5 pts", from 10% to 25% "+15 pts", 0.3 points down
// "−0.3 pts"; under a twentieth of a point is "no change".
func FormatPointsChange(d float64) string { return signedChange(d, " pts") }

func signedChange(v float64, unit string) string {
	s := FormatPercent(math.Abs(v))
	switch {
	case s == "—":
		return s
	case s == "0%" || s == "0.0%":
		return "no change"
	}
	s = strings.TrimSuffix(s, "%") + unit
	if v < 0 {
		return minus + s
	}
	return "+" + s
}

// PercentNumFmt is FormatPercent's rule as a spreadsheet number format, for
// the workbook's ratio cells and for TEXT() in its formulas: 0 is "0%",
// below 10% one decimal, from 10% up whole percents. Excel and LibreOffice
// read the conditions on the cell's exact value, as FormatPercent does. The
// workbook's ratios are never negative (a negative value would take the
// middle section: -0.2 reads "-20.0%").
const PercentNumFmt = `[=0]0%;[<0.1]0.0%;0%`
