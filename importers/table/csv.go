package table

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"flowmap/vsm"
)

// delimiters are the delimiters DetectDelimiter tries, in the order
// that breaks ties.
var delimiters = []rune{',', ';', '\t', '|'}

// DelimiterName names a delimiter for the preview.
func DelimiterName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "vertical bar"
	}
	return fmt.Sprintf("%q", d)
}

// SepLine reads Excel's optional first line "sep=;" that names the
// delimiter. It returns the delimiter and the text after that line.
func SepLine(text string) (rune, string, bool) {
	line, rest, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	if len(line) != 5 || !strings.EqualFold(line[:4], "sep=") {
		return 0, text, false
	}
	d := rune(line[4])
	if d == '"' || d == '\r' || d == '\n' {
		return 0, text, false
	}
	return d, rest, true
}

// DetectDelimiter picks the delimiter that turns the first lines of text
// into the best table. score, when not nil, rates a candidate's rows by how well
// a header among them matches the caller's known column names; it decides
// first (so "1,5" in a semicolon file cannot fool it). Then the delimiter that
// gives the most rows with the same number (two or more) of fields wins, then
// the one with more fields. preferTab puts tab first among equals (.tsv files).
func DetectDelimiter(text string, score func(rows [][]string) int, preferTab bool) rune {
	sample := text
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
		if i := strings.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i+1]
		}
	}
	order := delimiters
	if preferTab {
		order = []rune{'\t', ',', ';', '|'}
	}
	best, bestHdr, bestRows, bestFields := order[0], -1, -1, -1
	for _, d := range order {
		rows := sampleRows(sample, d, 30)
		hdr := 0
		if score != nil {
			hdr = score(rows)
		}
		counts := map[int]int{}
		for _, r := range rows {
			if len(r) > 1 {
				counts[len(r)]++
			}
		}
		modeRows, modeFields := 0, 0
		for fields, n := range counts {
			if n > modeRows || (n == modeRows && fields > modeFields) {
				modeRows, modeFields = n, fields
			}
		}
		if hdr > bestHdr || (hdr == bestHdr && (modeRows > bestRows || (modeRows == bestRows && modeFields > bestFields))) {
			best, bestHdr, bestRows, bestFields = d, hdr, modeRows, modeFields
		}
	}
	return best
}

// sampleRows splits at most n non-blank records off text with delimiter d,
// forgiving bad quoting (the sample may end inside a quoted field).
func sampleRows(text string, d rune, n int) [][]string {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = d
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for len(rows) < n {
		rec, err := r.Read()
		if err != nil {
			break
		}
		rows = append(rows, rec)
	}
	return rows
}

// ParseCSV splits text into rows with delimiter d and numbers them the way
// a spreadsheet program shows the file: a blank line is an empty row, and the
// line breaks inside a quoted field stay inside its row. rows[i] is row i+1. It
// keeps at most maxRows rows; more reports a row with a value after those.
// Bare quotes inside unquoted fields (`12" screen`) are accepted; a quoted
// field that is never closed is an error naming its row.
func ParseCSV(text string, d rune, maxRows int, name string) ([][]string, bool, error) {
	rows, more, row, err := parseCSVQuotes(text, d, maxRows, false)
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
		rows, more, row, err = parseCSVQuotes(text, d, maxRows, true)
	}
	if errors.As(err, &pe) {
		return nil, false, Errorf(vsm.ErrInvalid,
			"%s: row %d: a quoted field is not closed, or text follows its closing quote (%v); fix the quotes and import again",
			FileName(name), row, pe.Err)
	}
	return rows, more, err
}

// parseCSVQuotes is ParseCSV with or without lazy quotes; on an
// error it also returns the spreadsheet row of the record that failed.
func parseCSVQuotes(text string, d rune, maxRows int, lazy bool) ([][]string, bool, int, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = d
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	var (
		rows     [][]string
		lines    int   // newlines consumed by the records read so far
		consumed int64 // bytes consumed by the records read so far
		row      int   // spreadsheet row of the last record
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, false, row + max(pe.StartLine-1-lines, 0) + 1, err
			}
			return nil, false, 0, err
		}
		start, _ := r.FieldPos(0)
		off := r.InputOffset()
		// encoding/csv skips blank lines; a spreadsheet shows each as a row.
		blank := max(start-1-lines, 0)
		lines += strings.Count(text[consumed:off], "\n")
		consumed = off
		row += blank + 1
		if row > maxRows {
			if RowHasValue(rec) {
				return rows, true, 0, nil
			}
			continue
		}
		for range blank {
			rows = append(rows, nil)
		}
		if len(rec) > MaxColumns {
			rec = rec[:MaxColumns]
		}
		rows = append(rows, rec)
	}
	return trimRows(rows), false, 0, nil
}

// RowHasValue reports whether any cell of a row holds more than spaces.
func RowHasValue(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

// trimRows drops the blank rows at the end.
func trimRows(rows [][]string) [][]string {
	for len(rows) > 0 && !RowHasValue(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	return rows
}
