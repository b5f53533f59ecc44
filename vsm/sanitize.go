package vsm

import (
	"strings"
	"unicode/utf8"
)

// CleanName is s as a name Flowmap keeps: a map, stage, team or item name
// from a file, stripped of what would let the file drive a terminal or
// disguise the name. It
//
//   - turns line breaks, tabs and other whitespace controls (\t \n \v \f \r,
//     U+0085, U+2028, U+2029) into a space, so "Code\nReview" stays two words;
//   - drops every other control character: C0 (NUL, ESC, ...), DEL and C1
//     (U+0080 to U+009F, where U+009B is a one-byte CSI on some terminals), so
//     no escape or OSC sequence survives;
//   - drops the bidirectional embeddings, overrides and isolates (U+202A to
//     U+202E, U+2066 to U+2069): they reorder the text around them, so a name
//     could show "Deploy" while holding something else (the "Trojan Source"
//     trick), and a name has no use for them;
//   - turns invalid UTF-8 into U+FFFD and trims surrounding spaces.
//
// Everything else stays, right-to-left scripts included: Arabic and Hebrew
// letters carry their direction themselves, and the marks U+200E, U+200F
// and U+061C, which only settle the direction of neutral characters beside
// them, are kept for names that mix such scripts with numbers.
//
//	CleanName("Build\x1b[2J") == "Build[2J"
//	CleanName("Test\u202Eyolpe\u202C") == "Testyolpe"
//	CleanName("  Code\r\nReview ") == "Code  Review"
//	CleanName("בדיקה") == "בדיקה"
func CleanName(s string) string {
	return strings.TrimSpace(clean(s, false))
}

// CleanText is CleanName for free text (notes, descriptions, what happened):
// line breaks and tabs stay (a "\r\n" or lone "\r" becomes "\n"), other
// controls and the bidirectional overrides go, and surrounding spaces stay.
func CleanText(s string) string {
	return clean(s, true)
}

// clean does CleanName (multiline false) or CleanText (true), without the
// trim. Clean text is returned as is, without an allocation.
func clean(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s { // an invalid byte reads as U+FFFD
		switch {
		case multiline && r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case multiline && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case isSpaceControl(r):
			b.WriteByte(' ')
		case IsUnsafe(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether clean would return s unchanged.
func isClean(s string, multiline bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if !multiline || (c != '\n' && c != '\t') {
					return false
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || IsUnsafe(r) || isSpaceControl(r) {
			return false
		}
		i += n
	}
	return true
}

// IsUnsafe reports the characters CleanName takes out of a name: control
// characters (C0, DEL, C1) and the bidirectional embeddings, overrides and
// isolates. A text output that shows a name as it is escapes these.
func IsUnsafe(r rune) bool { return isControl(r) || isBidiOverride(r) }

// isControl reports the control characters: C0, DEL and C1.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// isSpaceControl reports the controls and separators that break or space a
// line: a name gets a space for each.
func isSpaceControl(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isBidiOverride reports the bidirectional embeddings, overrides and
// isolates: LRE, RLE, PDF, LRO, RLO (U+202A-U+202E) and LRI, RLI, FSI, PDI
// (U+2066-U+2069).
func isBidiOverride(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// CleanNames applies CleanName to every name in m and CleanText to its free
// text, for a map that came from a file: the map's name and description; each
// stage's name, team and notes; each kaizen item's title, stage, team and
// texts; each measurement's stages and source; each learning-log entry's
// title, stages and texts; and the future state. Names that refer to a stage
// are cleaned by the same rule as the stage's own name, so they keep
// matching. Nothing else changes.
func (m *Map) CleanNames() {
	m.Name = CleanName(m.Name)
	m.Description = CleanText(m.Description)
	cleanStages(m.Stages)
	for i := range m.Kaizen {
		k := &m.Kaizen[i]
		k.Title, k.Stage, k.Team = CleanName(k.Title), CleanName(k.Stage), CleanName(k.Team)
		k.Hypothesis, k.Result, k.Learning = CleanText(k.Hypothesis), CleanText(k.Result), CleanText(k.Learning)
	}
	for i := range m.Measurements {
		x := &m.Measurements[i]
		x.Source = CleanName(x.Source)
		cleanStages(x.Stages)
	}
	for i := range m.Learning {
		e := &m.Learning[i]
		e.Title = CleanName(e.Title)
		for j := range e.Stages {
			e.Stages[j] = CleanName(e.Stages[j])
		}
		e.WhatHappened, e.WentWell, e.Learned = CleanText(e.WhatHappened), CleanText(e.WentWell), CleanText(e.Learned)
		e.Impact.Description = CleanText(e.Impact.Description)
	}
	if m.Future != nil {
		m.Future.CleanNames()
	}
}

func cleanStages(stages []Stage) {
	for i := range stages {
		s := &stages[i]
		s.Name, s.Team, s.Notes = CleanName(s.Name), CleanName(s.Team), CleanText(s.Notes)
	}
}
