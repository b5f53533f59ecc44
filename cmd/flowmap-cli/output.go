package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"flowmap/internal/atomicfile"
	"flowmap/vsm"
	"flowmap/vsm/store"
)

// Names in text tables are cut to this many characters with an ellipsis, so
// one long name cannot pad every row of a table to its width (a 2,000-stage
// sheet with one 100,000-character name wrote 220 MB). JSON keeps names whole.
const (
	nameWidth = 40 // a table column
	lineWidth = 80 // a name inside a sentence
)

// cell is s for a text table: control characters escaped, tabs and line
// breaks too (they would break the table), and at most width characters,
// the last an ellipsis when s is longer. An escape is never cut in two.
func cell(s string, width int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		piece := s[i : i+size]
		if r == '\t' || r == '\n' || mustEscape(r, size) {
			piece = escapeRune(r, size, s[i])
		}
		k := utf8.RuneCountInString(piece)
		if n+k > width-1 && i+size < len(s) || n+k > width {
			return b.String() + "…"
		}
		n += k
		b.WriteString(piece)
		i += size
	}
	return b.String()
}

// escapeControls writes every control character of s (C0 but tab and line
// feed, DEL, C1, invalid UTF-8) and the bidirectional embeddings, overrides
// and isolates as a visible escape: ESC is \u001b, RLO is \u202e, a stray
// byte \xff. Ordinary Unicode, right-to-left scripts included, is kept.
func escapeControls(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if mustEscape(r, n) {
			b.WriteString(escapeRune(r, n, s[i]))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if mustEscape(r, n) {
			return true
		}
		i += n
	}
	return false
}

// mustEscape reports the runes escapeControls escapes: those vsm.CleanName
// takes out of names, but tab and line feed, and invalid bytes. n is the
// rune's length in bytes (1 with utf8.RuneError: an invalid byte).
func mustEscape(r rune, n int) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return vsm.IsUnsafe(r) || r == utf8.RuneError && n == 1
}

// escapeRune is the escape of r, n bytes long, or of the invalid byte first
// when r is utf8.RuneError read from one byte.
func escapeRune(r rune, n int, first byte) string {
	if r == utf8.RuneError && n == 1 {
		return fmt.Sprintf(`\x%02x`, first)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// escaper is stdout for every command: whatever a command prints, a name a
// file brought in cannot move the cursor, retitle the window (OSC) or
// reverse the line (RLO). In JSON, which escapes C0 itself, what is left to
// escape (DEL, C1, the bidi controls) becomes a \u escape, so the document
// stays valid and means the same. A rune cut between two writes waits for
// the rest.
type escaper struct {
	w       io.Writer
	pending []byte // the start of a rune cut by the end of the last write
	err     error
}

func newEscaper(w io.Writer) *escaper { return &escaper{w: w} }

func (e *escaper) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	data := p
	if len(e.pending) > 0 {
		data = append(e.pending, p...)
		e.pending = nil
	}
	// Keep an incomplete rune at the end for the next write.
	if cut := incompleteTail(data); cut > 0 {
		e.pending = append([]byte(nil), data[len(data)-cut:]...)
		data = data[:len(data)-cut]
	}
	s := string(data)
	if needsEscape(s) {
		s = escapeControls(s)
	}
	if _, err := io.WriteString(e.w, s); err != nil {
		e.err = err
		return 0, err
	}
	return len(p), nil
}

// Flush writes a rune still cut at the end of the output, escaped.
func (e *escaper) Flush() {
	if len(e.pending) > 0 && e.err == nil {
		io.WriteString(e.w, escapeControls(string(e.pending)))
		e.pending = nil
	}
}

// incompleteTail is how many bytes at the end of p start a rune that the
// next write may finish (0 when p ends on a whole rune or on bytes that can
// never be one).
func incompleteTail(p []byte) int {
	for n := 1; n <= 3 && n <= len(p); n++ {
		c := p[len(p)-n]
		if c < 0x80 {
			return 0
		}
		if c >= 0xc0 { // a lead byte: incomplete if the rune needs more than n bytes
			if !utf8.FullRune(p[len(p)-n:]) {
				return n
			}
			return 0
		}
	}
	return 0
}

// checkOutput refuses an output path flag (--out, --xlsx, --png) that would
// replace what must not be replaced: a folder, a device node, a named pipe
// or a socket (atomicfile.CheckTarget), or the store the command uses (as
// --db, FLOWMAP_DB or the app's default say), a link to it or one of its
// backups. Writing a report there would replace every map with a picture.
func checkOutput(flag, path, db string, e env) error {
	if err := atomicfile.CheckTarget(path); err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	p, err := storePath(db, e)
	if err == nil && store.IsStoreFile(p, path) {
		return fmt.Errorf("%s %s is the Flowmap store %s or one of its backups: writing there would replace your maps; choose another file", flag, path, p)
	}
	return nil
}
