package eventlog

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"flowmap/vsm"

	"github.com/xuri/excelize/v2"
)

// Limits for .xlsx event logs. A million-row log unzips to a few hundred MB;
// the 1 GB limit stops zip bombs (excelize's default is 16 GB). A sheet up to
// the XML limit stays in memory and goes through the fast reader (a 300,000-
// row sheet of 80 MB: 1.7 s, 167 MB); a larger one is streamed through a
// temporary file by excelize, in less memory but about seven times slower.
const (
	unzipLimit    = 1 << 30
	unzipXMLLimit = 128 << 20
	xlsxChunk     = 4096 // rows folded at a time
)

// readXLSX reads an event log from a workbook. excelize opens it (with
// unzip limits) and finds the header; the rows are read by the fast
// worksheet reader of xlsx_fast.go, or by excelize's streaming Rows
// iterator when that reader steps aside. Malformed workbooks make excelize
// panic; that is reported as a damaged file.
func readXLSX(r io.Reader, file string, opt vsm.EventLogOptions, cfg config) (st *vsm.EventLogStats, err error) {
	defer func() {
		if p := recover(); p != nil {
			st, err = nil, &Error{File: file, Reason: fmt.Sprintf("the workbook is damaged and cannot be read (%v)", p)}
		}
	}()
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		reason := "is not a readable .xlsx workbook: " + err.Error()
		switch {
		case errors.Is(err, excelize.ErrWorkbookPassword):
			reason = "the workbook is password-protected: save it without a password and import again"
		case strings.Contains(err.Error(), "unzip size"):
			reason = fmt.Sprintf("the workbook unzips to more than %d MB, the limit for an import", unzipLimit>>20)
		}
		return nil, &Error{File: file, Reason: reason}
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	sheet, lay, hdrRow, err := xlsxHeader(f, file, opt.Sheet)
	if err != nil || cfg.headerOnly {
		return nil, err
	}
	total := int64(0)
	if ref, err := f.GetSheetDimension(sheet); err == nil {
		if _, last, ok := strings.Cut(ref, ":"); ok {
			if _, row, err := excelize.CellNameToCoordinates(last); err == nil {
				total = int64(row)
			}
		}
	}
	x := &xlsxRun{f: f, file: file, sheet: sheet, lay: lay, hdrRow: hdrRow, date1904: date1904, opt: opt, total: total}
	a, err := x.pass(false)
	if errors.Is(err, errUnsorted) {
		a, err = x.pass(true)
	}
	if err != nil {
		return nil, err
	}
	if a.rows == 0 {
		return nil, &Error{File: file, Sheet: sheet, Reason: fmt.Sprintf(
			"the event log has a header (row %d) but no rows", hdrRow)}
	}
	if a.collecting {
		if err := a.replay(); err != nil {
			return nil, err
		}
	}
	st = a.finish(opt)
	if opt.Progress != nil {
		opt.Progress(max(total, int64(x.lastRow)), max(total, int64(x.lastRow)))
	}
	return st, nil
}

// xlsxHeader picks the sheet (the named one, else the first with an event
// log header in its first rows) and its header.
func xlsxHeader(f *excelize.File, file, want string) (string, *logLayout, int, error) {
	sheets := f.GetSheetList()
	if want != "" {
		found := ""
		for _, s := range sheets {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
				found = s
			}
		}
		if found == "" {
			return "", nil, 0, &Error{File: file, Reason: fmt.Sprintf("has no sheet %q; its sheets are %s",
				want, quoteList(sheets))}
		}
		sheets = []string{found}
	}
	var problem string
	var problemSheet string
	problemRow, bestFound := 0, -1
	for _, s := range sheets {
		rows, err := f.Rows(s)
		if err != nil {
			return "", nil, 0, &Error{File: file, Sheet: s, Reason: "cannot be read: " + err.Error()}
		}
		row := 0
		for row < headerRows && rows.Next() {
			row++
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				break
			}
			for i := range cells {
				cells[i] = cleanName(cells[i])
			}
			lay, n := detectLayout(cells)
			if lay != nil {
				rows.Close()
				return s, lay, row, nil
			}
			if n > bestFound && strings.Join(cells, "") != "" {
				bestFound, problem, problemSheet, problemRow = n, headerProblem(cells), s, row
			}
		}
		rows.Close()
	}
	if problem == "" {
		return "", nil, 0, &Error{File: file, Reason: "the event log is empty: no sheet has any cells"}
	}
	return "", nil, 0, &Error{File: file, Sheet: problemSheet, Row: problemRow, Reason: problem, NoHeader: true}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

type xlsxRun struct {
	f           *excelize.File
	file, sheet string
	lay         *logLayout
	hdrRow      int
	date1904    bool
	opt         vsm.EventLogOptions
	total       int64
	lastRow     int
}

// rowSource yields a worksheet's rows: each row's number and its cells as
// excelize's Rows with RawCellValue gives them; ok is false after the last.
type rowSource interface {
	next() (row int, cells []string, ok bool, err error)
}

// excelizeRows is excelize's streaming iterator as an rowSource.
type excelizeRows struct {
	rows *excelize.Rows
	row  int
}

func (e *excelizeRows) next() (int, []string, bool, error) {
	if !e.rows.Next() {
		return 0, nil, false, e.rows.Error()
	}
	e.row++
	cells, err := e.rows.Columns(excelize.Options{RawCellValue: true})
	return e.row, cells, true, err
}

// pass reads the sheet's rows after the header once, folding them as they
// come (or collecting them when collect): with the fast worksheet reader
// when it can read the sheet, else with excelize's iterator.
func (x *xlsxRun) pass(collect bool) (*aggregator, error) {
	if fs, err := openFastSheet(x.f, x.sheet); err == nil {
		if src, err := fs.rows(); err == nil {
			a, err := x.fold(collect, src)
			if !errors.Is(err, errEvNoFastSheet) {
				return a, err
			}
		}
	}
	rows, err := x.f.Rows(x.sheet)
	if err != nil {
		return nil, &Error{File: x.file, Sheet: x.sheet, Reason: "cannot be read: " + err.Error()}
	}
	defer rows.Close()
	return x.fold(collect, &excelizeRows{rows: rows})
}

// fold parses and folds the rows of src below the header.
func (x *xlsxRun) fold(collect bool, src rowSource) (*aggregator, error) {
	p := newRowParser(x.lay, x.opt.Calendar, 0)
	p.xlsx, p.date1904 = true, x.date1904
	a := newAggregator(x.file, x.sheet, x.lay, x.opt, 1, 0)
	a.streaming, a.collecting = !collect, collect
	var out blockOut
	flush := func() error {
		out.minAbs, out.maxAbs, out.minOff, out.maxOff, out.times = p.minAbs, p.maxAbs, p.minOff, p.maxOff, p.hasTime
		p.hasTime = false
		items, stages := p.takeNew()
		err := a.consume(0, items, stages, &out)
		out.recs, out.data, out.err = out.recs[:0], 0, nil
		return err
	}
	canceled := func() bool {
		if x.opt.Cancel == nil {
			return false
		}
		select {
		case <-x.opt.Cancel:
			return true
		default:
			return false
		}
	}
	if canceled() {
		return nil, ErrCanceled
	}
	var last time.Time
	row, n := 0, 0
	for {
		r, cells, ok, err := src.next()
		if errors.Is(err, errEvNoFastSheet) {
			return nil, err
		}
		if err != nil {
			at := row + 1
			if r > 0 {
				at = r
			}
			return nil, &Error{File: x.file, Sheet: x.sheet, Row: at, Reason: "cannot be read: " + err.Error()}
		}
		if !ok {
			break
		}
		row = r
		if row <= x.hdrRow {
			continue
		}
		p.parseCells(cells, int32(row), &out)
		if len(out.recs) >= xlsxChunk || out.err != nil {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		if n++; n%1024 == 0 {
			if canceled() {
				return nil, ErrCanceled
			}
			if x.opt.Progress != nil && time.Since(last) >= progressEvery {
				last = time.Now()
				x.opt.Progress(int64(row), x.total)
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	x.lastRow = row
	return a, nil
}

// parseCells parses one worksheet row (row is its number in the sheet) into
// out, setting out.err on a bad value.
func (p *rowParser) parseCells(cells []string, row int32, out *blockOut) {
	p.fb.buf, p.fb.ends = p.fb.buf[:0], p.fb.ends[:0]
	for _, c := range p.lay.col {
		if c >= 0 && c < len(cells) {
			p.fb.buf = append(p.fb.buf, cells[c]...)
		}
		p.fb.ends = append(p.fb.ends, len(p.fb.buf))
	}
	for s := range p.lay.col {
		p.vs[s], p.ve[s] = 0, p.fb.ends[s]
		if s > 0 {
			p.vs[s] = p.fb.ends[s-1]
		}
	}
	out.recs = append(out.recs, logRecord{})
	blank, e := p.build(p.fb.buf, &out.recs[len(out.recs)-1], row)
	if e != nil || blank {
		out.recs = out.recs[:len(out.recs)-1]
	}
	if e != nil {
		out.err = e
		return
	}
	if !blank {
		out.data++
	}
}
