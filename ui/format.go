package ui

import (
	"math"
	"strconv"
	"strings"

	"flowmap/vsm"
)

// fmtRate writes items per day: one decimal is enough to compare with demand.
func fmtRate(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	if v >= 100 {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// fmtDur is vsm.FormatDuration on the map's calendar.
func fmtDur(h float64, c vsm.Calendar) string { return vsm.FormatDuration(h, c) }

// wasteText writes waste tags the way the table cell takes them back.
func wasteText(ws []vsm.Waste) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = string(w)
	}
	return strings.Join(parts, ", ")
}
