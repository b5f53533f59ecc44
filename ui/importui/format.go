package importui

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// plural writes "1 stage", "3 stages".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// fmtInt writes a whole number with thousands separators: 1,000,000.
func fmtInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// fmtPct writes a fraction by the one percent rule (vsm.FormatPercent).
func fmtPct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return vsm.FormatPercent(v)
}

// fmtDur writes hours on calendar c ("1d 4h").
func fmtDur(h float64, c vsm.Calendar) string { return vsm.FormatDuration(h, c) }

// calendarOf is m's calendar, or the default when no map is open.
func calendarOf(m *vsm.Map) vsm.Calendar {
	if m == nil {
		return vsm.DefaultCalendar()
	}
	return m.Calendar.OrDefault()
}

// nameFromFile is a map name from a file name: "Team map.xlsx" is "Team map".
func nameFromFile(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".json", ".flowmap", ".xlsx", ".csv", ".tsv", ".txt"} {
		if strings.HasSuffix(strings.ToLower(base), ext) && len(base) > len(ext) {
			base = base[:len(base)-len(ext)]
		}
	}
	base = strings.TrimSpace(base)
	if base == "" || base == "." || base == string(filepath.Separator) {
		return "Imported map"
	}
	return base
}

// safeFileName makes a map name usable as a file name on every system:
// path separators and the characters Windows refuses become "-".
func safeFileName(name string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(name) {
		switch {
		case r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune('-')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), " .")
	if s == "" {
		return "Flowmap"
	}
	return s
}

// dialogSize is size, shrunk to fit inside the window with a margin.
func dialogSize(w fyne.Window, want fyne.Size) fyne.Size {
	ws := w.Canvas().Size()
	if ws.Width <= 0 || ws.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, ws.Width-40), min(want.Height, ws.Height-40))
}
