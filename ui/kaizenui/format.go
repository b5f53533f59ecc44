package kaizenui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"flowmap/vsm"
)

// minus is the typographic minus: a hyphen reads as a dash in "−1w 3d".
const minus = "−"

// arrow joins a value before and after: "13% ⟶ 17%". Not "→": Fyne 2.8.1
// draws a missing-glyph box after "→" when a space follows it.
const arrow = " ⟶ "

// fmtPctPtr is fmtPct, or "—" where the ratio is undefined.
func fmtPctPtr(v *float64) string {
	if v == nil {
		return "—"
	}
	return vsm.FormatPercent(*v)
}

// fmtSignedDur writes a change of hours as "−1w 3d" or "+4h"; a change that
// rounds to less than a minute is "no change".
func fmtSignedDur(h float64, cal vsm.Calendar) string {
	if math.IsNaN(h) || math.IsInf(h, 0) {
		return "—"
	}
	if math.Round(h*60) == 0 {
		return "no change"
	}
	if h < 0 {
		return minus + vsm.FormatDuration(-h, cal)
	}
	return "+" + vsm.FormatDuration(h, cal)
}

// fmtPoints writes a change of a ratio in percentage points: "+4.5 pts"
// (vsm.FormatPointsChange).
func fmtPoints(d float64) string { return vsm.FormatPointsChange(d) }

// fmtRelative writes after/before − 1 as "−26%" (vsm.FormatPercentChange);
// "" when before is 0 or nothing changed.
func fmtRelative(change, before float64) string {
	if before == 0 || math.IsNaN(change) {
		return ""
	}
	if s := vsm.FormatPercentChange(change / before); s != "no change" {
		return s
	}
	return ""
}

// leadChange is "lead time −1w 3d (−26%)", or "lead time: no change".
func leadChange(d vsm.TotalsDelta, before vsm.Totals, cal vsm.Calendar) string {
	s := fmtSignedDur(d.LeadHours, cal)
	if s == "no change" {
		return "lead time: no change"
	}
	if r := fmtRelative(d.LeadHours, before.LeadHours); r != "" {
		s += " (" + r + ")"
	}
	return "lead time " + s
}

// flowChange is "flow efficiency 13% ⟶ 17%", or its change in points when
// the level before is unknown, or "" when it is undefined.
func flowChange(d vsm.TotalsDelta, before vsm.Totals) string {
	if d.FlowEfficiency == nil {
		return ""
	}
	if math.Round(*d.FlowEfficiency*1000) == 0 {
		return "flow efficiency: no change"
	}
	if before.FlowEfficiency != nil {
		return "flow efficiency " + fromTo(*before.FlowEfficiency, *before.FlowEfficiency+*d.FlowEfficiency)
	}
	return "flow efficiency " + fmtPoints(*d.FlowEfficiency)
}

// fromTo is "13% ⟶ 17%", with a decimal when whole percents would read the
// same ("14.6% ⟶ 15.1%").
func fromTo(before, after float64) string {
	a, b := vsm.FormatPercentPair(before, after)
	return a + arrow + b
}

// gainText is the change a kaizen makes, for people: "lead time −1w 3d
// (−26%) · flow efficiency 13% ⟶ 17%".
func gainText(d vsm.TotalsDelta, before vsm.Totals, cal vsm.Calendar) string {
	parts := []string{leadChange(d, before, cal)}
	if f := flowChange(d, before); f != "" {
		parts = append(parts, f)
	}
	if math.Round(d.RolledCompleteAccurate*1000) != 0 {
		parts = append(parts, "rolled %C&A "+fmtPoints(d.RolledCompleteAccurate))
	}
	return strings.Join(parts, " · ")
}

// cardGain is the lead-time change for a card: "lead time −1w 3d".
func cardGain(d vsm.TotalsDelta, cal vsm.Calendar) string {
	return "lead time " + fmtSignedDur(d.LeadHours, cal)
}

// day writes the day of t as Flowmap writes dates: 2026-01-05.
func day(t time.Time) string { return t.Format(vsm.DateLayout) }

// statusLabel is how a status reads on a board: "In progress".
func statusLabel(s vsm.KaizenStatus) string {
	switch s {
	case vsm.KaizenIdea:
		return "Idea"
	case vsm.KaizenPlanned:
		return "Planned"
	case vsm.KaizenInProgress:
		return "In progress"
	case vsm.KaizenDone:
		return "Done"
	case vsm.KaizenDropped:
		return "Dropped"
	}
	return string(s)
}

// statusLabels are the board's statuses as people read them, in board order.
func statusLabels() []string {
	out := make([]string, len(vsm.KaizenStatuses))
	for i, s := range vsm.KaizenStatuses {
		out[i] = statusLabel(s)
	}
	return out
}

// statusOf reads a status label back.
func statusOf(label string) vsm.KaizenStatus {
	for _, s := range vsm.KaizenStatuses {
		if statusLabel(s) == label {
			return s
		}
	}
	return vsm.KaizenStatus(label)
}

// wasteLabel is "manual testing" for manual-testing.
func wasteLabel(w vsm.Waste) string { return strings.ReplaceAll(string(w), "-", " ") }

// plural is "1 kaizen" / "3 entries" style counting.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
