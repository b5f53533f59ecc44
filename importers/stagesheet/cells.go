package stagesheet

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// The rules for the text of one cell: what says "no value", what marks a
// total row, seconds, and why a value was refused.

// totalLabel returns the text that makes a row a total row: a stage name
// starting with total, totals, sum, subtotal or grand total, or another cell
// saying exactly that ("Total" in the step column of M&O sheets).
func (c *converter) totalLabel(cells []string) string {
	if v := strings.TrimSpace(c.cell(cells, c.nameCol)); totalName(v) {
		return v
	}
	for i, v := range cells {
		if i == c.nameCol.Index || len(v) > 20 {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" || !strings.ContainsRune("tTsSgG", rune(v[0])) {
			continue // cheap: most cells are numbers or names
		}
		if totalWord(table.NormalizeHeader(v)) && len(strings.Fields(v)) <= 2 {
			return v
		}
	}
	return ""
}

// totalName reports whether a stage name labels a total row: its first
// word is total, totals, sum, subtotal(s), or "grand" before one of them.
func totalName(name string) bool {
	first, rest := firstWord(name)
	if first == "grand" {
		first, _ = firstWord(rest)
	}
	return totalWord(first)
}

// firstWord returns the first run of ASCII letters of s, lower case
// (at most 12 of them), and the text after it.
func firstWord(s string) (word, rest string) {
	i := 0
	for i < len(s) && !asciiLetter(s[i]) {
		if s[i] >= 0x80 || (s[i] >= '0' && s[i] <= '9') {
			return "", "" // a name starting with a digit or a non-ASCII letter
		}
		i++
	}
	j := i
	for j < len(s) && asciiLetter(s[j]) {
		j++
	}
	if j-i > 12 || (j < len(s) && (s[j] >= 0x80 || (s[j] >= '0' && s[j] <= '9'))) {
		return "", "" // a longer word ("Summarize", "Totalizer", "Sum2")
	}
	return strings.ToLower(s[i:j]), s[j:]
}

func asciiLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func totalWord(w string) bool {
	switch w {
	case "total", "totals", "sum", "subtotal", "subtotals", "grandtotal", "sumtotal":
		return true
	}
	return false
}

// unknownValue reports whether a cell says "no value": empty, or a dash,
// "n/a", "?" and the like.
func unknownValue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "-", "--", "–", "—", "n/a", "na", "?", "tbd", "unknown":
		return true
	}
	return false
}

// parseSeconds reads "30s", "45 sec", "90 seconds" (vsm.ParseDuration has no
// seconds); it returns the number of seconds.
func parseSeconds(s string) (float64, bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == 0 {
		return 0, false
	}
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s[i:]), ".")) {
	case "s", "sec", "secs", "second", "seconds":
	default:
		return 0, false
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// fieldReason is why a value was refused, without the field and the value
// (a problem names the column and quotes the cell).
func fieldReason(err error) string {
	var fe *vsm.FieldError
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return err.Error()
}

func wasteList() string {
	names := make([]string, len(vsm.WasteTypes))
	for i, w := range vsm.WasteTypes {
		names[i] = string(w)
	}
	return strings.Join(names, ", ")
}

// shorten cuts long text for a message.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
