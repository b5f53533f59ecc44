package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscapeControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Code review", "Code review"},
		{"a\tb\nc", "a\tb\nc"}, // tab and line feed are the output's own
		{"Build\x1b[2J", `Build\u001b[2J`},
		{"\x1b]0;title\x07", `\u001b]0;title\u0007`},
		{"cr\rover", `cr\u000dover`},
		{"nul\x00", `nul\u0000`},
		{"del\x7f", `del\u007f`},
		{"c1\u009b", `c1\u009b`},
		{"rlo\u202Eevil\u202C", `rlo\u202eevil\u202c`},
		{"iso\u2067x\u2069", `iso\u2067x\u2069`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"בדיקה نشر café", "בדיקה نشر café"},
		{"mark\u200f", "mark\u200f"},
	}
	for _, tt := range tests {
		if got := escapeControls(tt.in); got != tt.want {
			t.Errorf("escapeControls(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCell(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"Code", 10, "Code"},
		{"0123456789", 10, "0123456789"},
		{"0123456789A", 10, "012345678…"},
		{"ßßßßßßßßßßß", 10, "ßßßßßßßßß…"}, // characters, not bytes
		{"a\tb", 10, `a\u0009b`},          // a tab would break the table
		{"abcdef\x1bgh", 10, "abcdef…"},   // \u001b does not fit whole: not cut in two
		{"ab\x1bcdefghij", 10, `ab\u001bc…`},
	}
	for _, tt := range tests {
		if got := cell(tt.in, tt.width); got != tt.want {
			t.Errorf("cell(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// TestEscaperKeepsRunesCutBetweenWrites: a multi-byte character split over
// two writes is written whole, not as two invalid bytes.
func TestEscaperKeepsRunesCutBetweenWrites(t *testing.T) {
	var out bytes.Buffer
	e := newEscaper(&out)
	text := []byte("Prüfung \u202e ok\x1b")
	for i := range text {
		e.Write(text[i : i+1])
	}
	e.Flush()
	if got := out.String(); got != `Prüfung \u202e ok\u001b` {
		t.Errorf("escaper wrote %q", got)
	}
	out.Reset()
	e = newEscaper(&out)
	e.Write([]byte("cut \xe2\x80")) // the output ends inside a character
	e.Flush()
	if got := out.String(); got != `cut \xe2\x80` {
		t.Errorf("escaper wrote %q", got)
	}
	if strings.ContainsAny(out.String(), "\x1b\u202e") {
		t.Error("raw control characters passed")
	}
}
