// Package stagesheet reads a stage sheet (shared/formats.md part 1), a
// spreadsheet with one stage per row as teams keep them (a Martin & Osterling
// metrics-based process map, a lead-time ladder, an eVSM export or any
// table with a stage-name column), into a vsm.SheetPreview: the header row
// and what each column feeds (found from the column names, or chosen by the
// person), the stages, the rows skipped and every bad value with its row and
// column. The cells come from package table.
package stagesheet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// DefaultMaxRows is the most rows a stage sheet may have (shared/formats.md).
const DefaultMaxRows = 100000

// The layouts Read recognizes; vsm.SheetPreview.Layout is one of them.
const (
	LayoutMetricsBasedProcessMap = "Martin & Osterling metrics-based process map"
	LayoutLeadTimeLadder         = "lead-time ladder"
	LayoutEVSM                   = "eVSM"
	LayoutGeneric                = "generic"
)

// ReadFile opens path and reads it with Read.
func ReadFile(path string, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
	f, err := os.Open(path)
	if err != nil {
		return &vsm.SheetPreview{File: path}, fmt.Errorf("opening the stage sheet: %w", err)
	}
	defer f.Close()
	return Read(f, path, opt)
}

// ReadMap reads the stage sheet at path on calendar cal and builds its map,
// named after the file: a measurement taken from a spreadsheet.
func ReadMap(path string, cal vsm.Calendar) (*vsm.Map, error) {
	p, err := ReadFile(path, vsm.SheetOptions{Calendar: cal})
	if err != nil {
		return nil, err
	}
	return p.Map("")
}

// Read reads a stage sheet (.xlsx or .csv, decided by the content; the
// name's extension only breaks ties and names the file in errors). It
// returns a preview even when there are problems (for the UI), and a non-nil
// error when the import cannot succeed: a sentinel-wrapping error for a file
// it cannot use (table.ErrNotSpreadsheet, table.ErrPasswordProtected,
// table.ErrTooLarge, table.ErrNoHeader, vsm.ErrEmpty, table.ErrSheetNotFound,
// table.ErrDamaged), or the first vsm.SheetProblem, formatted `stages.xlsx:
// sheet "Q3", row 7, column "Wait": "2 dayz" is not a duration: ...`. When no
// row looks like a stage sheet's header, the preview says NoHeader.
func Read(r io.Reader, name string, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
	p, err := read(r, name, opt)
	p.NoHeader = errors.Is(err, table.ErrNoHeader) && p.HeaderRow == 0
	return p, err
}

func read(r io.Reader, name string, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
	p := &vsm.SheetPreview{File: name}
	if err := checkOptions(opt); err != nil {
		return p, err
	}
	opt = withDefaults(opt)
	p.Calendar = opt.Calendar
	w := newWatch(name, opt)
	data, err := table.ReadAll(r, name, table.MaxInputBytes)
	if err != nil {
		return p, err
	}
	if err := w.check(); err != nil {
		return p, err
	}
	kind, err := table.Sniff(data, name)
	if err != nil {
		return p, err
	}
	var g *grid
	if kind == table.KindXLSX {
		p.Format = "xlsx"
		g, err = readWorkbook(data, name, opt, p, w)
	} else {
		p.Format = "csv"
		g, err = readCSV(data, name, opt, p, w)
	}
	if err != nil {
		return p, err
	}
	return p, build(p, g, opt, w)
}

// checkOptions refuses options a caller got wrong.
func checkOptions(o vsm.SheetOptions) error {
	for i, f := range o.Columns {
		if i < 0 || i >= table.MaxColumns {
			return fmt.Errorf("column option: column index %d is outside 0..%d", i, table.MaxColumns-1)
		}
		if !f.Known() {
			return fmt.Errorf("column option for column %s: %q is not a stage field", table.ColumnLetter(i), f)
		}
	}
	if o.MaxRows < 0 || o.HeaderRow < 0 {
		return errors.New("options: MaxRows and HeaderRow cannot be negative")
	}
	return nil
}

func withDefaults(o vsm.SheetOptions) vsm.SheetOptions {
	if o.MaxRows == 0 {
		o.MaxRows = DefaultMaxRows
	}
	o.Calendar = o.Calendar.OrDefault()
	return o
}

// grid is the sheet chosen for import, in memory.
type grid struct {
	sheet     string
	rows      [][]string // rows[i] is spreadsheet row i+1
	headerRow int        // 1-based; 0 when no header was found
	formats   map[table.CellKey]cellFormat
}

// cellFormat is what a workbook cell's text does not say: its number
// format (kept for numeric cells of duration columns), or the formula of an
// empty cell.
type cellFormat struct {
	format     table.NumFormat
	shown      string // a date cell's date (2024-01-01), for the message
	formula    string // an empty cell's formula, saved without its value
	hasFormula bool   // formula may be "" for a shared formula's follower
}

// readCSV decodes text, finds the delimiter and splits the rows.
func readCSV(data []byte, name string, opt vsm.SheetOptions, p *vsm.SheetPreview, w *watch) (*grid, error) {
	text, enc, err := table.DecodeText(data, name)
	if err != nil {
		return nil, err
	}
	p.Encoding = enc
	d, rest, ok := table.SepLine(text)
	if !ok {
		ext := strings.ToLower(filepath.Ext(name))
		d = table.DetectDelimiter(text, func(rows [][]string) int {
			_, score := bestHeaderRow(rows, opt)
			return score
		}, ext == ".tsv" || ext == ".tab" || ext == ".txt")
	}
	p.Delimiter = table.DelimiterName(d)
	if err := w.check(); err != nil {
		return nil, err
	}
	rows, more, err := table.ParseCSV(rest, d, opt.MaxRows, name)
	if err != nil {
		return nil, err
	}
	if err := w.check(); err != nil {
		return nil, err
	}
	w.finished(len(rows))
	if more {
		return nil, table.Errorf(table.ErrTooLarge, "%s: the file has more than %d rows, the limit for a stage sheet", table.FileName(name), opt.MaxRows)
	}
	if len(rows) == 0 {
		return nil, table.Errorf(vsm.ErrEmpty, "%s: the file has no rows", table.FileName(name))
	}
	g := &grid{rows: rows}
	if err := g.findHeader(opt, name, nil); err != nil {
		return nil, err
	}
	return g, nil
}

// readWorkbook picks the sheet, reads it and the formats of its
// numeric duration cells, and closes the workbook.
func readWorkbook(data []byte, name string, opt vsm.SheetOptions, p *vsm.SheetPreview, w *watch) (*grid, error) {
	file := table.FileName(name)
	wb, err := table.OpenWorkbook(data, name)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	sheets, err := wb.Sheets()
	if err != nil {
		return nil, err
	}
	p.Sheets = sheets
	if len(sheets) == 0 {
		return nil, table.Errorf(vsm.ErrEmpty, "%s: the workbook has no sheets", file)
	}
	sheet := ""
	if opt.Sheet != "" {
		sheet = pickSheet(sheets, opt.Sheet)
		if sheet == "" {
			return nil, table.Errorf(table.ErrSheetNotFound, "%s: there is no sheet named %q (the sheets are %s)", file, opt.Sheet, quoteList(sheets))
		}
	} else {
		best := -1
		for _, s := range sheets {
			top, _, err := wb.Rows(s, max(table.HeaderScan, opt.HeaderRow), false, nil)
			if err != nil {
				return nil, err
			}
			var score int
			if opt.HeaderRow > 0 {
				if opt.HeaderRow <= len(top) {
					score, _ = scoreRow(top[opt.HeaderRow-1], opt)
				}
			} else {
				_, score = bestHeaderRow(top, opt)
			}
			if score > best {
				sheet, best = s, score
			}
		}
	}
	p.Sheet = sheet
	w.total = int64(min(wb.LastRow(sheet), opt.MaxRows))
	rows, more, err := wb.Rows(sheet, opt.MaxRows, true, w.rows)
	if err != nil {
		return nil, err
	}
	w.finished(len(rows))
	if more {
		return nil, table.Errorf(table.ErrTooLarge, "%s: sheet %q has more than %d rows, the limit for a stage sheet", file, sheet, opt.MaxRows)
	}
	if len(rows) == 0 {
		if len(sheets) > 1 && opt.Sheet == "" {
			return nil, table.Errorf(vsm.ErrEmpty, "%s: no sheet has any cells (the sheets are %s)", file, quoteList(sheets))
		}
		return nil, table.Errorf(vsm.ErrEmpty, "%s: sheet %q has no cells", file, sheet)
	}
	g := &grid{sheet: sheet, rows: rows}
	if err := g.findHeader(opt, name, sheets); err != nil {
		return nil, err
	}
	if err := g.readFormats(wb, opt); err != nil {
		return nil, err
	}
	return g, nil
}

// findHeader sets g.headerRow from the options or the best row of the first 20.
func (g *grid) findHeader(opt vsm.SheetOptions, name string, sheets []string) error {
	where := ""
	if g.sheet != "" {
		where = fmt.Sprintf(" of sheet %q", g.sheet)
	}
	if opt.HeaderRow > 0 {
		if opt.HeaderRow > len(g.rows) {
			return table.Errorf(table.ErrNoHeader, "%s: the header row %d is past the last row (%d)%s", table.FileName(name), opt.HeaderRow, len(g.rows), where)
		}
		g.headerRow = opt.HeaderRow
		return nil
	}
	top := g.rows[:min(len(g.rows), table.HeaderScan)]
	g.headerRow, _ = bestHeaderRow(top, opt)
	if g.headerRow == 0 && optionsNameColumn(opt) {
		// The caller said which column holds the names (a header in a
		// language or words Flowmap does not know): the first row with a
		// value is the header.
		for i, row := range top {
			if table.RowHasValue(row) {
				g.headerRow = i + 1
				break
			}
		}
	}
	if g.headerRow == 0 {
		also := ""
		if len(sheets) > 1 && opt.Sheet == "" {
			also = fmt.Sprintf(" (nor in any other sheet: %s)", quoteList(sheets))
		}
		return table.Errorf(table.ErrNoHeader,
			"%s: %v in the first %d rows%s%s: a stage sheet needs a column for the stage name (Stage, Step, Activity, Process, Task or Name) and at least one more known column (Process time, Wait, Lead time, %%C&A, People, Queue, Team, Waste, Notes)",
			table.FileName(name), table.ErrNoHeader, table.HeaderScan, where, also)
	}
	return nil
}

// optionsNameColumn reports whether the options name the stage-name column.
func optionsNameColumn(opt vsm.SheetOptions) bool {
	for _, f := range opt.Columns {
		if f == vsm.NameColumn {
			return true
		}
	}
	return false
}

// readFormats records what the row strings cannot say: the number format
// of each numeric cell in the duration columns (a [h]:mm cell is a duration,
// a date is not), and the formula of each empty cell in a used column (a
// formula saved without its value, as tools that write .xlsx without a
// spreadsheet program do, would otherwise import as an empty cell). It looks
// only when the workbook has time or date styles, or formulas.
func (g *grid) readFormats(wb *table.Workbook, opt vsm.SheetOptions) error {
	timeStyles, err := wb.HasTimeStyles()
	if err != nil || (!timeStyles && !wb.HasFormulas()) {
		return err
	}
	used := map[int]vsm.ColumnField{}
	for _, c := range mapColumns(g, opt) {
		if c.Field != vsm.IgnoredColumn {
			used[c.Index] = c.Field
		}
	}
	want := func(k table.CellKey) bool {
		f, ok := used[k.Col]
		if !ok || k.Row <= g.headerRow || k.Row > len(g.rows) {
			return false
		}
		v := ""
		if row := g.rows[k.Row-1]; k.Col < len(row) {
			v = strings.TrimSpace(row[k.Col])
		}
		if v == "" {
			return wb.HasFormulas()
		}
		_, err := strconv.ParseFloat(v, 64)
		return timeStyles && f.IsDuration() && err == nil
	}
	infos, err := wb.Cells(g.sheet, len(g.rows), want)
	if err != nil {
		return err
	}
	g.formats = map[table.CellKey]cellFormat{}
	for k, info := range infos {
		v := ""
		if row := g.rows[k.Row-1]; k.Col < len(row) {
			v = strings.TrimSpace(row[k.Col])
		}
		switch {
		case v == "" && info.HasFormula:
			g.formats[k] = cellFormat{formula: info.Formula, hasFormula: true}
		case v != "" && info.Format == table.FormatTime:
			g.formats[k] = cellFormat{format: table.FormatTime}
		case v != "" && info.Format == table.FormatDate:
			g.formats[k] = cellFormat{format: table.FormatDate, shown: wb.DateText(v)}
		}
	}
	return nil
}

// build maps the columns, converts the rows and fills the preview. It
// returns the first problem, or vsm.ErrEmpty when the sheet has a header but
// no stages.
func build(p *vsm.SheetPreview, g *grid, opt vsm.SheetOptions, w *watch) error {
	p.HeaderRow = g.headerRow
	cols := mapColumns(g, opt)
	conv := newConverter(table.FileName(p.File), g, cols, opt)
	p.Layout = conv.layout
	for _, c := range cols {
		p.Columns = append(p.Columns, c.SheetColumn)
	}
	res, err := conv.convert(opt.Calendar, w)
	if err != nil {
		return err
	}
	p.Stages, p.StageRows, p.Skipped = res.stages, res.stageRows, res.skipped
	p.Problems, p.MoreProblems, p.Warnings = res.sheetProblems(), res.more, res.warnings
	if len(p.Problems) > 0 {
		return p.Problems[0]
	}
	if conv.nameCol == nil {
		return table.Errorf(table.ErrNoHeader, "%s: no column holds the stage name: choose one", table.FileName(p.File))
	}
	if len(p.Stages) == 0 {
		where := ""
		if g.sheet != "" {
			where = fmt.Sprintf("sheet %q ", g.sheet)
		}
		return table.Errorf(vsm.ErrEmpty, "%s: %shas a header in row %d but no stages below it", table.FileName(p.File), where, g.headerRow)
	}
	return nil
}

// pickSheet finds a sheet by name: exactly, then ignoring case and spaces.
func pickSheet(sheets []string, want string) string {
	for _, s := range sheets {
		if s == want {
			return s
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
			return s
		}
	}
	return ""
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
