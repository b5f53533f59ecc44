package ui

import (
	"fmt"
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

// parseWasteList reads "approvals, manual testing" into tags, in the order
// given and without repeats.
func parseWasteList(s string) ([]vsm.Waste, error) {
	var out []vsm.Waste
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		w, err := vsm.ParseWaste(part)
		if err != nil {
			return nil, err
		}
		dup := false
		for _, x := range out {
			dup = dup || x == w
		}
		if !dup {
			out = append(out, w)
		}
	}
	return out, nil
}

// parseNumber reads a plain number for people, queues or demand. A single
// comma without a dot is a decimal comma ("0,5" people), as many people type it.
func parseNumber(s string) (float64, error) {
	in := strings.TrimSpace(s)
	if strings.Count(in, ",") == 1 && !strings.Contains(in, ".") {
		in = strings.Replace(in, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(in, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}
