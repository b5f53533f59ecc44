package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbook is an .xlsx opened for reading. Every call into excelize goes
// through Guard: crafted files make excelize v2.11.0 panic (negative
// shared-string indexes, empty merge-cell references, negative style ids).
// Only calls that stream a sheet are used (GetSheetList, Rows): the per-cell
// ones load and pad the whole sheet (see xlsxscan.go).
type Workbook struct {
	file     string // base name, for messages
	f        *excelize.File
	zr       *zip.Reader
	parts    map[string]string // sheet name -> worksheet part
	formats  map[int]NumFormat // by cell style id; nil until styleFormats
	formulas bool              // some worksheet holds a formula
	date1904 bool              // the workbook counts dates from 1904
}

// Guard runs fn and turns a panic inside it into ErrDamaged.
func Guard(file, doing string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Errorf(ErrDamaged, "%s: %v: %s failed (%v); open it in Excel or LibreOffice and save it again",
				file, ErrDamaged, doing, p)
		}
	}()
	return fn()
}

// OpenWorkbook checks data as a zip before excelize sees it, then opens
// it with unzip limits. It refuses, before anything is unzipped, a workbook
// whose parts declare more than unzipLimit bytes (a zip bomb), a zip that
// is another kind of document (.docx, .ods, ...), and a damaged zip. A part
// that lies about its size cannot expand past what it declares: archive/zip
// stops it with an error.
func OpenWorkbook(data []byte, name string) (*Workbook, error) {
	file := FileName(name)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, Errorf(ErrDamaged, "%s: %v: it is a zip file that cannot be read (%v)", file, ErrDamaged, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, Errorf(ErrTooLarge, "%s: the workbook has %d parts, more than the %d Flowmap reads", file, len(zr.File), maxZipEntries)
	}
	var total uint64
	var workbook, contentTypes bool
	other := ""
	for _, zf := range zr.File {
		total += min(zf.UncompressedSize64, 1<<62) // no overflow: at most 10,000 parts
		n := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		switch {
		case n == "[content_types].xml":
			contentTypes = true
		case strings.HasPrefix(n, "xl/workbook") && strings.HasSuffix(n, ".xml"):
			workbook = true
		case n == "word/document.xml":
			other = "a Word document (.docx)"
		case n == "ppt/presentation.xml":
			other = "a PowerPoint presentation (.pptx)"
		case n == "mimetype":
			other = odfKind(zf)
		}
	}
	if total > unzipLimit {
		return nil, Errorf(ErrTooLarge, "%s: the workbook would unzip to %s, over the %s limit (a zip bomb, or not a stage sheet)",
			file, byteCount(int64(min(total, 1<<62))), byteCount(unzipLimit))
	}
	if !workbook || !contentTypes {
		if other == "" {
			other = "a zip archive without a workbook in it"
		}
		return nil, Errorf(ErrNotSpreadsheet, "%s: %v: it is %s", file, ErrNotSpreadsheet, other)
	}
	// excelize ignores read errors while unzipping, so a part that is cut
	// short, fails its checksum or inflates past its declared size would
	// import as a silently shorter sheet. Inflate every part once here (at
	// most the declared total, checked above) to refuse those.
	w := &Workbook{file: file, zr: zr, parts: sheetParts(zr)}
	for _, zf := range zr.File {
		sheetPart := strings.HasPrefix(strings.ToLower(zf.Name), "xl/worksheets/")
		formulas, err := checkZipPart(zf, sheetPart)
		if err != nil {
			return nil, Errorf(ErrDamaged, "%s: %v: its part %q cannot be unzipped (%v); open it in Excel or LibreOffice and save it again",
				file, ErrDamaged, zf.Name, err)
		}
		w.formulas = w.formulas || formulas
	}
	err = Guard(file, "opening the workbook", func() error {
		var err error
		w.f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
			UnzipSizeLimit:    unzipLimit,
			UnzipXMLSizeLimit: unzipXMLLimit,
		})
		return err
	})
	if err != nil {
		w.Close()
		var te *fileError
		switch {
		case errors.As(err, &te):
			return nil, err
		case errors.Is(err, excelize.ErrWorkbookPassword):
			return nil, Errorf(ErrPasswordProtected, "%s: %v", file, ErrPasswordProtected)
		case strings.Contains(err.Error(), "unzip size exceeds"):
			return nil, Errorf(ErrTooLarge, "%s: the workbook unzips to more than %s", file, byteCount(unzipLimit))
		}
		return nil, Errorf(ErrDamaged, "%s: %v (%v); open it in Excel or LibreOffice and save it again", file, ErrDamaged, err)
	}
	err = Guard(file, "reading the workbook's properties", func() error {
		props, err := w.f.GetWorkbookProps()
		if err == nil && props.Date1904 != nil {
			w.date1904 = *props.Date1904
		}
		return nil
	})
	if err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// checkZipPart inflates one part to nowhere; archive/zip checks its
// size and checksum on the way. With findFormulas it also reports whether
// the part (a worksheet) holds a formula element.
func checkZipPart(zf *zip.File, findFormulas bool) (formulas bool, err error) {
	if zf.FileInfo().IsDir() {
		return false, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return false, err
	}
	defer rc.Close()
	if !findFormulas {
		_, err = io.Copy(io.Discard, rc)
		return false, err
	}
	fs := &formulaScan{}
	_, err = io.Copy(fs, rc)
	return fs.found, err
}

// formulaScan is an io.Writer that watches sheet XML go by for a
// formula element: <f>, <f t="shared" .../>, or a prefixed <x:f>.
type formulaScan struct {
	tail  []byte // the end of the previous chunk, for a tag split across writes
	found bool
}

func (s *formulaScan) Write(p []byte) (int, error) {
	if s.found {
		return len(p), nil
	}
	joined := append(append([]byte(nil), s.tail...), p[:min(len(p), 8)]...)
	s.found = hasFormulaTag(joined) || hasFormulaTag(p)
	s.tail = append(s.tail[:0], p[max(len(p)-8, 0):]...)
	return len(p), nil
}

func hasFormulaTag(b []byte) bool {
	for _, tag := range [][]byte{[]byte("<f>"), []byte("<f "), []byte(":f>"), []byte(":f ")} {
		if bytes.Contains(b, tag) {
			return true
		}
	}
	return false
}

// odfKind names an OpenDocument file from its "mimetype" part.
func odfKind(zf *zip.File) string {
	rc, err := zf.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 200))
	switch mt := string(b); {
	case strings.Contains(mt, "opendocument.spreadsheet"):
		return "an OpenDocument spreadsheet (.ods); save it as .xlsx or .csv"
	case strings.Contains(mt, "opendocument.text"):
		return "an OpenDocument text (.odt)"
	case strings.Contains(mt, "opendocument"):
		return "an OpenDocument file"
	case strings.Contains(mt, "epub"):
		return "an e-book (.epub)"
	}
	return ""
}

// Close releases the workbook (and any temp files excelize made for big sheets).
func (w *Workbook) Close() {
	if w == nil || w.f == nil {
		return
	}
	_ = Guard(w.file, "closing the workbook", func() error { return w.f.Close() })
	w.f = nil
}

// Sheets lists the sheet names in workbook order.
func (w *Workbook) Sheets() ([]string, error) {
	var names []string
	err := Guard(w.file, "listing the sheets", func() error {
		names = w.f.GetSheetList()
		return nil
	})
	return names, err
}

// Rows streams sheet's cells as stored (numbers unformatted: a [h]:mm cell is
// its serial number, a percentage 0.85). rows[i] is row i+1; at most
// MaxColumns cells are kept per row. Trailing rows without cells are
// dropped; a row whose cells are formulas saved without values is kept (its
// cells are "", and Formula tells them from empty ones). It keeps
// the first maxRows rows. With scanRest it reads on to the end and reports in
// more whether a later row holds a value; without, it stops at maxRows (a
// cheap look at the top of a sheet). each, when not nil, is called with the
// number of rows read every watchRows rows; an error from it stops the read
// and is returned as it is (a cancel).
func (w *Workbook) Rows(sheet string, maxRows int, scanRest bool, each func(rows int) error) (rows [][]string, more bool, err error) {
	err = Guard(w.file, fmt.Sprintf("reading sheet %q", sheet), func() error {
		it, err := w.f.Rows(sheet)
		if err != nil {
			return err
		}
		defer it.Close()
		raw := excelize.Options{RawCellValue: true}
		n, cells, wide := 0, 0, 0
		for it.Next() {
			n++
			if n > maxRows && !scanRest {
				break
			}
			if each != nil && n%watchRows == 0 {
				if err := each(n); err != nil {
					return &stopped{err}
				}
			}
			row, err := it.Columns(raw)
			if err != nil {
				return err
			}
			// excelize pads a row with empty cells up to its last cell: a
			// crafted sheet with a cell in column XFD on every row would
			// make it allocate 16,384 cells a row, for seconds.
			if len(row) > MaxColumns {
				if wide++; wide > maxWideRows {
					return Errorf(ErrTooLarge, "%s: sheet %q has more than %d rows with cells past column %s, more than a table Flowmap reads",
						w.file, sheet, maxWideRows, ColumnLetter(MaxColumns-1))
				}
			}
			if cells += len(row); cells > maxCells {
				return Errorf(ErrTooLarge, "%s: sheet %q has more than %d cells, more than a table Flowmap reads", w.file, sheet, maxCells)
			}
			if n > maxRows {
				if len(row) > 0 {
					more = true
					break
				}
				continue
			}
			if len(row) > MaxColumns {
				row = row[:MaxColumns]
			}
			rows = append(rows, row)
		}
		return it.Error()
	})
	if err != nil {
		var te *fileError
		var stop *stopped
		switch {
		case errors.As(err, &stop):
			return nil, false, stop.err
		case errors.As(err, &te):
			return nil, false, err
		}
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, false, Errorf(ErrDamaged, "%s: %v: sheet %q has a row number past Excel's last row", w.file, ErrDamaged, sheet)
		}
		return nil, false, Errorf(ErrDamaged, "%s: %v: sheet %q cannot be read (%v)", w.file, ErrDamaged, sheet, err)
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows, more, nil
}

// styleFormats classifies the number format of every cell style (cellXfs) of
// the workbook, once. It reads excelize's parsed style sheet directly instead
// of calling GetStyle, which also resolves fonts, fills and borders (and
// panics on some damaged ones).
func (w *Workbook) styleFormats() (map[int]NumFormat, error) {
	if w.formats != nil {
		return w.formats, nil
	}
	formats := map[int]NumFormat{}
	err := Guard(w.file, "reading the cell styles", func() error {
		st := w.f.Styles
		if st == nil || st.CellXfs == nil {
			return nil
		}
		custom := map[int]string{}
		if st.NumFmts != nil {
			for _, nf := range st.NumFmts.NumFmt {
				if nf != nil {
					custom[nf.NumFmtID] = nf.FormatCode
				}
			}
		}
		for i, xf := range st.CellXfs.Xf {
			id := 0
			if xf.NumFmtID != nil {
				id = *xf.NumFmtID
			}
			if code, ok := custom[id]; ok {
				formats[i] = classifyFormatCode(code)
			} else {
				formats[i] = classifyNumFmt(id, "")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	w.formats = formats
	return formats, nil
}

// HasTimeStyles reports whether any cell style of the workbook formats
// numbers as a time or a date.
func (w *Workbook) HasTimeStyles() (bool, error) {
	formats, err := w.styleFormats()
	if err != nil {
		return false, err
	}
	for _, f := range formats {
		if f == FormatTime || f == FormatDate {
			return true, nil
		}
	}
	return false, nil
}

// NumFormat is what a cell's number format makes of its number.
type NumFormat int

const (
	FormatNumber  NumFormat = iota // General, 0.00, ...
	FormatTime                     // h:mm, [h]:mm:ss, mm:ss: a duration, serial x 24 h
	FormatDate                     // a calendar date (maybe with a time)
	FormatPercent                  // 0%, 0.00%
)

// classifyNumFmt classifies a built-in number format id, or a custom
// format code when custom is not "".
func classifyNumFmt(id int, custom string) NumFormat {
	if custom == "" {
		switch {
		case id == 9 || id == 10:
			return FormatPercent
		case id >= 18 && id <= 21, id >= 45 && id <= 47:
			return FormatTime
		case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 81:
			return FormatDate
		}
		return FormatNumber
	}
	return classifyFormatCode(custom)
}

// classifyFormatCode reads a custom number format code. Only its first
// section (positive numbers) counts. Quoted text, escaped characters and
// bracketed modifiers ([Red], [$-409]) are ignored, except the elapsed-time
// markers [h], [m], [s]. A code with year or day letters is a date; one with
// hours, seconds or an elapsed marker (and no date letters) is a time, where
// "m" means minutes; "m" alone is a month.
func classifyFormatCode(code string) NumFormat {
	var b strings.Builder
	elapsed := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
			continue
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
			continue
		case '\\', '_', '*':
			i++ // the next character is literal or padding
			continue
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			in := strings.ToLower(code[i+1 : i+1+j])
			if in != "" && strings.Trim(in, "hms") == "" {
				elapsed = true
			}
			i += j + 1
			continue
		}
		b.WriteByte(c)
	}
	s := strings.ToLower(b.String())
	s = strings.NewReplacer("general", "", "am/pm", "", "a/p", "").Replace(s)
	switch {
	case strings.ContainsAny(s, "yd"), strings.Contains(s, "e") && !strings.ContainsAny(s, "0#?"):
		return FormatDate
	case elapsed || strings.ContainsAny(s, "hs"):
		return FormatTime
	case strings.Contains(s, "m"):
		return FormatDate
	case strings.Contains(s, "%"):
		return FormatPercent
	}
	return FormatNumber
}

// HasFormulas reports whether some worksheet of the workbook holds a formula.
func (w *Workbook) HasFormulas() bool { return w.formulas }

// watchRows is how often Rows calls its each: a few milliseconds of rows.
const watchRows = 1000

// stopped carries the error of Rows's each out of the guarded read.
type stopped struct{ err error }

func (s *stopped) Error() string { return s.err.Error() }

// LastRow is the last row of sheet as the workbook's dimension says, 0 when
// it does not say: the total of a progress bar, not a promise.
func (w *Workbook) LastRow(sheet string) int {
	last := 0
	_ = Guard(w.file, "reading the sheet's size", func() error {
		ref, err := w.f.GetSheetDimension(sheet)
		if err != nil {
			return nil
		}
		_, end, ok := strings.Cut(ref, ":")
		if !ok {
			return nil
		}
		if _, row, err := excelize.CellNameToCoordinates(end); err == nil {
			last = row
		}
		return nil
	})
	return last
}
