package table

import (
	"strings"
	"unicode"

	"flowmap/vsm"
)

// NormalizeHeader is a header cell as matched against known names: lower
// case, letters and digits only ("%C&A" is "ca", "Process Time (PT)" is
// "processtimept", "C/T" is "ct").
func NormalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headerWords is a header cell split into lower-case words (runs of
// letters and digits): those outside brackets, and those of each bracketed
// group. "Wait (days)" is base [wait], groups [[days]].
type headerWords struct {
	Base   []string
	Groups [][]string
}

// splitHeader splits a header cell into words. Brackets are (), [] and
// {}; nesting counts, and an unmatched closing bracket is just a separator.
func splitHeader(s string) headerWords {
	var h headerWords
	var word strings.Builder
	var group []string
	depth := 0
	flush := func() {
		if word.Len() == 0 {
			return
		}
		if depth > 0 {
			group = append(group, word.String())
		} else {
			h.Base = append(h.Base, word.String())
		}
		word.Reset()
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		case r == '(' || r == '[' || r == '{':
			flush()
			if depth == 0 {
				group = nil
			}
			depth++
		case r == ')' || r == ']' || r == '}':
			flush()
			if depth > 0 {
				depth--
				if depth == 0 && len(group) > 0 {
					h.Groups = append(h.Groups, group)
					group = nil
				}
			}
		default:
			flush()
		}
	}
	flush()
	if depth > 0 && len(group) > 0 { // an unclosed bracket still groups its words
		h.Groups = append(h.Groups, group)
	}
	return h
}

// Unit is the unit of a column's bare numbers, as named by its header.
// vsm.Unit has no seconds, which eVSM-style sheets use for cycle times: a
// seconds column converts its bare numbers itself.
type Unit struct {
	Unit    vsm.Unit
	Seconds bool
}

// unitWord reads one header word as a unit: the spellings vsm.ParseUnit
// knows, "workday(s)", and seconds (s, sec, secs, second, seconds).
func unitWord(w string) (Unit, bool) {
	switch w {
	case "s", "sec", "secs", "second", "seconds":
		return Unit{Seconds: true}, true
	case "workday", "workdays", "wd":
		return Unit{Unit: vsm.Days}, true
	}
	u, err := vsm.ParseUnit(w)
	if err != nil {
		return Unit{}, false
	}
	return Unit{Unit: u}, true
}

// HeaderCandidate is one reading of a header cell: the words that may
// name a column, joined (Key), and the unit the header names, if any.
type HeaderCandidate struct {
	Key       string
	Unit      Unit
	HasUnit   bool
	FromGroup bool // Key is a bracketed group's words ("PT" in "Process (PT)")
}

// Words that qualify a column name without changing what it holds.
var (
	headerLeading = map[string]bool{
		"avg": true, "average": true, "mean": true, "median": true, "typical": true,
		"est": true, "estimated": true, "approx": true, "approximate": true,
		"actual": true, "current": true, "measured": true, "total": true,
		"number": true, "no": true, "num": true, "nr": true, "of": true, "the": true,
	}
	headerFiller = map[string]bool{"in": true, "of": true, "working": true, "business": true, "work": true}
)

// HeaderCandidates lists the readings of a header cell in the order a
// matcher should try them:
//
//  1. all words outside brackets as written ("W/T" is "wt", not weeks);
//  2. the same without unit words and qualifiers: "Avg wait time (days)",
//     "Lead time in working days", "LT hrs", "Days waiting", "PT per item";
//  3. each bracketed group that is not a unit ("PT" in "Process (PT)").
//
// Every candidate carries the unit the header names: in a bracket, after
// "in", or as the first or last word.
func HeaderCandidates(s string) []HeaderCandidate {
	h := splitHeader(s)
	var unit Unit
	hasUnit := false
	var named [][]string // groups that are not units
	for _, g := range h.Groups {
		words := g
		for len(words) > 1 && headerFiller[words[0]] {
			words = words[1:]
		}
		if len(words) == 1 {
			if u, ok := unitWord(words[0]); ok {
				if !hasUnit {
					unit, hasUnit = u, true
				}
				continue
			}
		}
		named = append(named, g)
	}

	base := h.Base
	if i := indexOf(base, "per"); i > 0 { // "PT per item (h)"
		base = base[:i]
	}
	if n := len(base); n > 1 && base[n-1] == "each" {
		base = base[:n-1]
	}
	// A unit word outside brackets belongs only to the reading without it:
	// "W/T" is wait time, not "T" in weeks.
	trimmed, trimUnit, trimHasUnit := base, unit, hasUnit
	for len(trimmed) > 1 && headerLeading[trimmed[0]] {
		trimmed = trimmed[1:]
	}
	if n := len(trimmed); n > 1 {
		if u, ok := unitWord(trimmed[n-1]); ok {
			trimmed = trimmed[:n-1]
			for len(trimmed) > 1 && headerFiller[trimmed[len(trimmed)-1]] {
				trimmed = trimmed[:len(trimmed)-1]
			}
			if !trimHasUnit {
				trimUnit, trimHasUnit = u, true
			}
		} else if u, ok := unitWord(trimmed[0]); ok {
			trimmed = trimmed[1:]
			for len(trimmed) > 1 && headerFiller[trimmed[0]] {
				trimmed = trimmed[1:]
			}
			if !trimHasUnit {
				trimUnit, trimHasUnit = u, true
			}
		}
	}

	var out []HeaderCandidate
	seen := map[string]bool{}
	add := func(words []string, u Unit, has, fromGroup bool) {
		k := strings.Join(words, "")
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, HeaderCandidate{Key: k, Unit: u, HasUnit: has, FromGroup: fromGroup})
	}
	add(h.Base, unit, hasUnit, false)
	add(base, unit, hasUnit, false)
	add(trimmed, trimUnit, trimHasUnit, false)
	for _, g := range named {
		add(g, trimUnit, trimHasUnit, true)
	}
	return out
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}
