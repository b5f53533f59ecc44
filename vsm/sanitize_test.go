package vsm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Code review", "Code review"},
		{"Build\x1b[2J", "Build[2J"},                 // ESC dropped: no escape sequence is left
		{"Deploy\x1b]0;owned\x07", "Deploy]0;owned"}, // OSC: ESC and BEL dropped
		{"Te\x00st", "Test"},                         // NUL
		{"Test\u202Eyolpe\u202C", "Testyolpe"},       // RLO ... PDF
		{"\u2067Ops\u2069", "Ops"},                   // RLI ... PDI
		{"Plan\u009b31m", "Plan31m"},                 // C1 CSI
		{"Del\x7f", "Del"},                           // DEL
		{"  Code\r\nReview ", "Code  Review"},        // CR and LF become spaces, then trimmed
		{"Code\tReview\u2028QA", "Code Review QA"},   // tab, line separator
		{"בדיקה", "בדיקה"},                           // Hebrew stays
		{"نشر 2", "نشر 2"},                           // Arabic stays
		{"QA \u200f(2)", "QA \u200f(2)"},             // RLM stays: a mark, not an override
		{"Café ☕ 测试", "Café ☕ 测试"},                   // ordinary Unicode
		{"bad\xffbyte", "bad\ufffdbyte"},             // invalid UTF-8
		{"\x1b\x1b", ""},                             // nothing left
		{"zero\u200bwidth", "zero\u200bwidth"},       // other format characters stay
	}
	for _, tt := range tests {
		if got := CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"line 1\nline 2", "line 1\nline 2"},
		{"a\r\nb\rc", "a\nb\nc"},
		{"\tindented\x1b[31m red", "\tindented[31m red"},
		{" keeps spaces ", " keeps spaces "},
		{"\u202Eevil", "evil"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanNamesKeepsReferencesMatching(t *testing.T) {
	m := ExampleMap()
	m.Name = "Team\x1b[2J A"
	m.Stages[4].Name = "Te\u202Est"
	m.Stages[4].Notes = "flaky\x07\nsuite"
	m.Kaizen = []Kaizen{{ID: "k1", Title: "Auto\x00mate", Stage: "Te\u202Est", Status: KaizenIdea}}
	m.Learning = []LearningEntry{{ID: "l1", Title: "Out\x1bage", Stages: []string{"Te\u202Est"}}}
	m.Measurements = []Measurement{MeasurementOf(m, m.Created, "events: log\x1b.csv")}
	m.Future = m.Clone()
	m.CleanNames()
	if m.Name != "Team[2J A" || m.Stages[4].Name != "Test" || m.Stages[4].Notes != "flaky\nsuite" {
		t.Errorf("map %q, stage %q, notes %q", m.Name, m.Stages[4].Name, m.Stages[4].Notes)
	}
	if m.Kaizen[0].Title != "Automate" || m.Kaizen[0].Stage != m.Stages[4].Name || m.Learning[0].Stages[0] != m.Stages[4].Name ||
		m.Learning[0].Title != "Outage" {
		t.Errorf("kaizen %+v, learning %+v", m.Kaizen[0], m.Learning[0])
	}
	if x := m.Measurements[0]; x.Source != "events: log.csv" || x.Stages[4].Name != "Test" {
		t.Errorf("measurement source %q, stage %q", x.Source, x.Stages[4].Name)
	}
	if m.Future.Name != "Team[2J A" || m.Future.Stages[4].Name != "Test" {
		t.Errorf("future state %q, %q", m.Future.Name, m.Future.Stages[4].Name)
	}
}

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Code", "Build\x1b[2J", "Test\u202Eyolpe", "a\r\nb", "bad\xff", "בדיקה", "\u009b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{CleanName(s), CleanText(s)} {
			if !utf8.ValidString(got) {
				t.Fatalf("clean(%q) = %q is not valid UTF-8", s, got)
			}
			for _, r := range got {
				if (isControl(r) && r != '\n' && r != '\t') || isBidiOverride(r) {
					t.Fatalf("clean(%q) = %q keeps %U", s, got, r)
				}
			}
		}
		name := CleanName(s)
		if strings.ContainsAny(name, "\n\t") || CleanName(name) != name {
			t.Fatalf("CleanName(%q) = %q: not one clean line, or not idempotent", s, name)
		}
		if text := CleanText(s); CleanText(text) != text {
			t.Fatalf("CleanText(%q) = %q is not idempotent", s, text)
		}
	})
}

func BenchmarkCleanNameClean(b *testing.B) {
	s := strings.Repeat("Code review ", 10)
	for b.Loop() {
		CleanName(s)
	}
}
