package vsm

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LearningQuestions are the system questions the learning-log form asks, in
// the order it asks them: they point at the system, never at a person.
var LearningQuestions = []string{
	"What in the system made this possible?",
	"What made the path that failed look normal at the time?",
	"Which check, signal or default was missing or came too late?",
	"What went well, and helped limit the damage?",
	"What will we change so the system catches it next time?",
}

// BlameKind is why BlameHints flagged a phrase.
type BlameKind string

// The kinds of blaming wording BlameHints knows.
const (
	BlameFault       BlameKind = "fault"       // fault, blame, "his mistake"
	BlameCareless    BlameKind = "careless"    // careless, sloppy, negligent
	BlameHumanError  BlameKind = "human-error" // human error
	BlameHindsight   BlameKind = "hindsight"   // should have
	BlamePersonCause BlameKind = "person"      // a person or team named as the cause
)

// blameSuggestions are the system phrasings offered for each kind.
var blameSuggestions = map[BlameKind]string{
	BlameFault:       "Blame ends the learning. Ask instead: what in the system made this possible? Which step, check or signal was missing?",
	BlameCareless:    "People are careful when the system makes care easy. What in the system made this possible: time pressure, unclear steps, a missing check?",
	BlameHumanError:  "Human error is where the inquiry starts, not where it ends. What in the system made this possible and let the error through?",
	BlameHindsight:   "Hindsight shows what should have happened. Write what made the other choice look right at the time: what in the system made this possible?",
	BlamePersonCause: "Name the step or condition rather than the person: what in the system made this possible?",
}

// BlameHint is a phrase of a learning-log text that blames a person, with a
// system phrasing to consider. Start and End are byte offsets into the text:
// text[Start:End] == Phrase.
type BlameHint struct {
	Phrase     string
	Start, End int
	Kind       BlameKind
	Suggestion string
}

// BlameHints flags blaming wording in text, gently: it only suggests, and the
// form saves whatever it says. Words are matched whole and ignoring case, so
// "default" and "blameless" are never flagged. It finds:
//
//   - fault(s), blame(d/s), blaming; "his/her/their mistake (error, fault)"
//   - careless(ly/ness), sloppy/sloppily/sloppiness, negligent(ly)/negligence
//   - human error(s)
//   - should have, should've, shouldn't have, should not have
//   - a person named as the cause: one of people (names or team names, e.g.
//     Map.Teams; matched ignoring case when the text writes them with a capital
//     letter), or he/she, followed by forgot, failed, missed, broke, ignored,
//     skipped, neglected, overlooked, didn't, did not, messed up, should...;
//     "because of", "due to" or "caused by" followed by a name, him or her;
//     a name's "'s mistake (fault, error)".
//
// Words of a phrase may be separated by spaces or hyphens ("human-error"),
// not by other punctuation. Overlapping matches keep the one that starts first
// (the longer one on a tie). Hints are in text order.
func BlameHints(text string, people []string) []BlameHint {
	toks := tokenize(text)
	var names [][]string
	for _, p := range people {
		var words []string
		for _, t := range tokenize(p) {
			words = append(words, t.text)
		}
		if len(words) > 0 {
			names = append(names, words)
		}
	}
	var hints []BlameHint
	for i := range toks {
		for _, p := range blamePatterns {
			if end, ok := p.match(toks, i, names); ok {
				start, stop := toks[i].start, toks[end-1].end
				hints = append(hints, BlameHint{Phrase: text[start:stop], Start: start, End: stop,
					Kind: p.kind, Suggestion: blameSuggestions[p.kind]})
			}
		}
	}
	slices.SortStableFunc(hints, func(a, b BlameHint) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := hints[:0]
	for _, h := range hints {
		if len(out) > 0 && h.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, h)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// token is a word of a text: letters and digits, with apostrophes inside
// ("didn't", "Alice's"), at byte offsets start..end.
type token struct {
	text       string // as written, with ’ made '
	start, end int
	sep        string // what separates it from the previous token
}

func tokenize(s string) []token {
	var toks []token
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	prevEnd := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWord(r) {
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if isWord(r) {
				i += n
				continue
			}
			if r == '\'' || r == '’' {
				next, _ := utf8.DecodeRuneInString(s[i+n:])
				if i+n < len(s) && unicode.IsLetter(next) {
					i += n
					continue
				}
			}
			break
		}
		toks = append(toks, token{text: strings.ReplaceAll(s[start:i], "’", "'"), start: start, end: i, sep: s[prevEnd:start]})
		prevEnd = i
	}
	return toks
}

// joins reports whether a separator keeps two words in one phrase: only
// spaces and hyphens do.
func joins(sep string) bool {
	return strings.TrimFunc(sep, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) == ""
}

// slot is one position of a blame pattern.
type slot struct {
	words      []string // any of these words (lower case)
	person     bool     // a name of people, or one of words
	possessive bool     // the person's name + 's (or one of words)
}

type blamePattern struct {
	kind  BlameKind
	slots []slot
}

func w(words ...string) slot { return slot{words: words} }

var (
	personVerbs = w("forgot", "forgets", "failed", "fails", "missed", "misses", "broke", "breaks",
		"ignored", "ignores", "skipped", "skips", "neglected", "neglects", "overlooked", "didn't",
		"didnt", "should", "should've", "shouldn't", "messed", "screwed")
	blamePatterns = []blamePattern{
		{BlameFault, []slot{w("fault", "faults")}},
		{BlameFault, []slot{w("blame", "blamed", "blames", "blaming")}},
		{BlameFault, []slot{w("his", "her", "their"), w("mistake", "mistakes", "error", "errors", "fault", "faults")}},
		{BlameCareless, []slot{w("careless", "carelessly", "carelessness", "sloppy", "sloppily", "sloppiness",
			"negligent", "negligently", "negligence")}},
		{BlameHumanError, []slot{w("human"), w("error", "errors")}},
		{BlameHindsight, []slot{w("should've", "shouldn't've")}},
		{BlameHindsight, []slot{w("should", "shouldn't", "shouldnt"), w("have")}},
		{BlameHindsight, []slot{w("should"), w("not"), w("have")}},
		{BlamePersonCause, []slot{{words: []string{"he", "she"}, person: true}, personVerbs}},
		{BlamePersonCause, []slot{{words: []string{"he", "she"}, person: true}, w("did"), w("not")}},
		{BlamePersonCause, []slot{w("because"), w("of"), {words: []string{"him", "her"}, person: true}}},
		{BlamePersonCause, []slot{w("due"), w("to"), {words: []string{"him", "her"}, person: true}}},
		{BlamePersonCause, []slot{w("caused"), w("by"), {words: []string{"him", "her"}, person: true}}},
		{BlamePersonCause, []slot{{possessive: true}, w("mistake", "mistakes", "error", "errors", "fault", "faults")}},
	}
)

// match tries p at token i; it returns the index after the last token matched.
func (p blamePattern) match(toks []token, i int, names [][]string) (int, bool) {
	at := i
	for n, s := range p.slots {
		if at >= len(toks) || (n > 0 && !joins(toks[at].sep)) {
			return 0, false
		}
		next, ok := s.match(toks, at, names)
		if !ok {
			return 0, false
		}
		at = next
	}
	return at, true
}

func (s slot) match(toks []token, i int, names [][]string) (int, bool) {
	for _, x := range s.words {
		if strings.EqualFold(toks[i].text, x) {
			return i + 1, true
		}
	}
	if !s.person && !s.possessive {
		return 0, false
	}
	for _, name := range names {
		if end, ok := matchName(toks, i, name, s.possessive); ok {
			return end, true
		}
	}
	return 0, false
}

// matchName matches the words of a name at token i, each written with a
// capital letter; with possessive the last one carries 's ("Alice's").
func matchName(toks []token, i int, name []string, possessive bool) (int, bool) {
	if i+len(name) > len(toks) {
		return 0, false
	}
	for j, word := range name {
		t := toks[i+j]
		if j > 0 && !joins(t.sep) {
			return 0, false
		}
		r, _ := utf8.DecodeRuneInString(t.text)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return 0, false
		}
		text := t.text
		if possessive && j == len(name)-1 {
			var ok bool
			if text, ok = cutPossessive(text); !ok {
				return 0, false
			}
		}
		if !strings.EqualFold(text, word) {
			return 0, false
		}
	}
	return i + len(name), true
}

func cutPossessive(s string) (string, bool) {
	for _, suffix := range []string{"'s", "'S"} {
		if base, ok := strings.CutSuffix(s, suffix); ok {
			return base, true
		}
	}
	return "", false
}
