package importers

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"flowmap/vsm"
)

// DefaultMaxRows is the most rows a stage sheet may have (shared/formats.md).
const DefaultMaxRows = 100000

// The layouts ReadStageSheet recognizes; SheetPreview.Layout is one of them.
const (
	LayoutMetricsBasedProcessMap = "Martin & Osterling metrics-based process map"
	LayoutLeadTimeLadder         = "lead-time ladder"
	LayoutEVSM                   = "eVSM"
	LayoutGeneric                = "generic"
)

// SheetOptions steer ReadStageSheet. The zero value finds everything itself.
type SheetOptions struct {
	Sheet    string       // sheet to read; "" = the one whose header matches best (CSV: ignored)
	Unit     vsm.Unit     // unit of bare numbers when the header names none (default vsm.Hours)
	UnitSet  bool         // Unit was chosen explicitly (no "read as hours" warning)
	Calendar vsm.Calendar // for d, w and mo; zero fields take the defaults
	// Columns overrides the meaning of columns: 0-based column index -> field
	// (FieldIgnore drops a column). An overridden field wins over a column
	// whose header merely matches it.
	Columns map[int]Field
	MaxRows int // most rows the sheet may have; 0 = DefaultMaxRows
	// HeaderRow is the 1-based row holding the column names; 0 = the row of
	// the first 20 that matches the most known names, or, when none does
	// and Columns names the stage-name column, the first row with a value.
	HeaderRow int
}

// ColumnUse says what one column of the sheet feeds.
type ColumnUse struct {
	Index          int      // 0-based column
	Letter         string   // the column as a spreadsheet names it: "A", "AB"
	Header         string   // the header cell as written ("" if blank)
	Field          Field    // what the column feeds; FieldIgnore for nothing
	Unit           vsm.Unit // unit of its bare numbers, for a duration column
	UnitFromHeader bool     // the header named the unit ("Wait (days)")
	// Seconds: the header names seconds, which vsm.Unit lacks; bare numbers
	// are seconds and Unit is meaningless. UnitName says it for people.
	Seconds bool
	Chosen  bool   // the field came from SheetOptions.Columns
	Note    string // why the column is ignored, for the preview ("" when used as its header says)
}

// UnitName names the unit of the column's bare numbers: "hours", "seconds".
func (c ColumnUse) UnitName() string {
	if c.Seconds {
		return "seconds"
	}
	return c.Unit.String()
}

// SkippedRow is a row that holds no stage, and why.
type SkippedRow struct {
	Row    int // 1-based spreadsheet row
	Reason string
}

// Problem is one value that stops the import. It is an error whose message
// names the file, sheet, row, column and value:
//
//	stages.xlsx: sheet "Q3", row 7, column "Wait": "2 dayz" is not a duration: ...
type Problem struct {
	File    string // base name of the file
	Sheet   string // "" for a CSV file
	Row     int    // 1-based spreadsheet row; 0 for the whole sheet
	Column  string // the column's header, or its letter when the header is blank
	Value   string // the offending value as written
	Message string // what is wrong, continuing the value: "is not a duration: ..."
	Err     error  // the underlying error, if any

	col int // 0-based column, to order a row's problems
}

func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(": ")
	}
	var where []string
	if p.Sheet != "" {
		where = append(where, fmt.Sprintf("sheet %q", p.Sheet))
	}
	if p.Row > 0 {
		where = append(where, fmt.Sprintf("row %d", p.Row))
	}
	if p.Column != "" {
		where = append(where, fmt.Sprintf("column %q", p.Column))
	}
	if len(where) > 0 {
		b.WriteString(strings.Join(where, ", "))
		b.WriteString(": ")
	}
	if p.Value != "" {
		b.WriteString(strconv.Quote(p.Value))
		b.WriteString(" ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Unwrap returns the underlying error, or vsm.ErrInvalid: every problem is bad data.
func (p Problem) Unwrap() error {
	if p.Err != nil && errors.Is(p.Err, vsm.ErrInvalid) {
		return p.Err
	}
	return vsm.ErrInvalid
}

// SheetPreview is a stage sheet as understood: which sheet and header row,
// which column feeds which field, the stages, the rows skipped and the
// problems. ReadStageSheet returns one even when the import cannot succeed,
// for the preview dialog.
type SheetPreview struct {
	File      string   // the name given to ReadStageSheet
	Format    string   // "xlsx" or "csv"
	Sheet     string   // the sheet read ("" for CSV)
	Sheets    []string // every sheet of the workbook (nil for CSV)
	HeaderRow int      // 1-based row of the column names; 0 if none was found
	Layout    string   // one of the Layout constants
	Encoding  string   // CSV: "UTF-8", "UTF-16LE", ...
	Delimiter string   // CSV: "comma", "semicolon", "tab", ...
	Columns   []ColumnUse
	Stages    []vsm.Stage
	StageRows []int // StageRows[i] is the spreadsheet row of Stages[i]
	Skipped   []SkippedRow
	Problems  []Problem
	// MoreProblems counts problems found beyond the first ones listed.
	MoreProblems int
	// Warnings are things the import did but a person may want to check
	// ("column "Wait" names no unit: bare numbers read as hours").
	Warnings []string

	conv     *sheetConverter // rebuilds the stages for another calendar
	calendar vsm.Calendar    // the calendar Stages were read with
}

// ReadStageSheetFile opens path and reads it with ReadStageSheet.
func ReadStageSheetFile(path string, opt SheetOptions) (*SheetPreview, error) {
	f, err := os.Open(path)
	if err != nil {
		return &SheetPreview{File: path}, fmt.Errorf("opening the stage sheet: %w", err)
	}
	defer f.Close()
	return ReadStageSheet(f, path, opt)
}

// ReadStageSheet reads a stage sheet (.xlsx or .csv, decided by the content;
// the name's extension only breaks ties and names the file in errors). It
// returns a preview even when there are problems (for the UI), and a non-nil
// error when the import cannot succeed: a sentinel-wrapping error for a file
// it cannot use (ErrNotSpreadsheet, ErrPasswordProtected, ErrTooLarge,
// ErrNoHeader, ErrEmpty, ErrSheetNotFound, ErrDamaged), or the first Problem,
// formatted `stages.xlsx: sheet "Q3", row 7, column "Wait": "2 dayz" is not a
// duration: ...`.
func ReadStageSheet(r io.Reader, name string, opt SheetOptions) (*SheetPreview, error) {
	p := &SheetPreview{File: name}
	if err := opt.check(); err != nil {
		return p, err
	}
	opt = opt.withDefaults()
	data, err := tableReadAll(r, name, tableMaxInputBytes)
	if err != nil {
		return p, err
	}
	kind, err := tableSniff(data, name)
	if err != nil {
		return p, err
	}
	var g *sheetGrid
	if kind == tableKindXLSX {
		p.Format = "xlsx"
		g, err = sheetReadWorkbook(data, name, opt, p)
	} else {
		p.Format = "csv"
		g, err = sheetReadCSV(data, name, opt, p)
	}
	if err != nil {
		return p, err
	}
	return p, p.build(g, opt)
}

// check refuses options a caller got wrong.
func (o SheetOptions) check() error {
	for i, f := range o.Columns {
		if i < 0 || i >= tableMaxColumns {
			return fmt.Errorf("column option: column index %d is outside 0..%d", i, tableMaxColumns-1)
		}
		if !f.known() {
			return fmt.Errorf("column option for column %s: %q is not a stage field", sheetColumnLetter(i), f)
		}
	}
	if o.MaxRows < 0 || o.HeaderRow < 0 {
		return errors.New("options: MaxRows and HeaderRow cannot be negative")
	}
	return nil
}

func (o SheetOptions) withDefaults() SheetOptions {
	if o.MaxRows == 0 {
		o.MaxRows = DefaultMaxRows
	}
	o.Calendar = o.Calendar.OrDefault()
	return o
}

// sheetGrid is the sheet chosen for import, in memory.
type sheetGrid struct {
	sheet     string
	rows      [][]string // rows[i] is spreadsheet row i+1
	headerRow int        // 1-based; 0 when no header was found
	formats   map[tableCellKey]sheetCellFormat
}

// sheetCellFormat is what a workbook cell's text does not say: its number
// format (kept for numeric cells of duration columns), or the formula of an
// empty cell.
type sheetCellFormat struct {
	format     tableNumFormat
	shown      string // a date cell's date (2024-01-01), for the message
	formula    string // an empty cell's formula, saved without its value
	hasFormula bool   // formula may be "" for a shared formula's follower
}

// sheetReadCSV decodes text, finds the delimiter and splits the rows.
func sheetReadCSV(data []byte, name string, opt SheetOptions, p *SheetPreview) (*sheetGrid, error) {
	text, enc, err := tableDecodeText(data, name)
	if err != nil {
		return nil, err
	}
	p.Encoding = enc
	d, rest, ok := tableSepLine(text)
	if !ok {
		ext := strings.ToLower(filepath.Ext(name))
		d = tableDetectDelimiter(text, func(rows [][]string) int {
			_, score := sheetFindHeader(rows, opt)
			return score
		}, ext == ".tsv" || ext == ".tab" || ext == ".txt")
	}
	p.Delimiter = tableDelimiterName(d)
	rows, more, err := tableParseCSV(rest, d, opt.MaxRows, name)
	if err != nil {
		return nil, err
	}
	if more {
		return nil, tableErrorf(ErrTooLarge, "%s: the file has more than %d rows, the limit for a stage sheet", tableFileName(name), opt.MaxRows)
	}
	if len(rows) == 0 {
		return nil, tableErrorf(ErrEmpty, "%s: the file has no rows", tableFileName(name))
	}
	g := &sheetGrid{rows: rows}
	if err := g.findHeader(opt, name, nil); err != nil {
		return nil, err
	}
	return g, nil
}

// sheetReadWorkbook picks the sheet, reads it and the formats of its
// numeric duration cells, and closes the workbook.
func sheetReadWorkbook(data []byte, name string, opt SheetOptions, p *SheetPreview) (*sheetGrid, error) {
	file := tableFileName(name)
	wb, err := tableOpenWorkbook(data, name)
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
		return nil, tableErrorf(ErrEmpty, "%s: the workbook has no sheets", file)
	}
	sheet := ""
	if opt.Sheet != "" {
		sheet = sheetPick(sheets, opt.Sheet)
		if sheet == "" {
			return nil, tableErrorf(ErrSheetNotFound, "%s: there is no sheet named %q (the sheets are %s)", file, opt.Sheet, sheetQuoteList(sheets))
		}
	} else {
		best := -1
		for _, s := range sheets {
			top, _, err := wb.Rows(s, max(tableHeaderScan, opt.HeaderRow), false)
			if err != nil {
				return nil, err
			}
			var score int
			if opt.HeaderRow > 0 {
				if opt.HeaderRow <= len(top) {
					score, _ = sheetScoreRow(top[opt.HeaderRow-1], opt)
				}
			} else {
				_, score = sheetFindHeader(top, opt)
			}
			if score > best {
				sheet, best = s, score
			}
		}
	}
	p.Sheet = sheet
	rows, more, err := wb.Rows(sheet, opt.MaxRows, true)
	if err != nil {
		return nil, err
	}
	if more {
		return nil, tableErrorf(ErrTooLarge, "%s: sheet %q has more than %d rows, the limit for a stage sheet", file, sheet, opt.MaxRows)
	}
	if len(rows) == 0 {
		if len(sheets) > 1 && opt.Sheet == "" {
			return nil, tableErrorf(ErrEmpty, "%s: no sheet has any cells (the sheets are %s)", file, sheetQuoteList(sheets))
		}
		return nil, tableErrorf(ErrEmpty, "%s: sheet %q has no cells", file, sheet)
	}
	g := &sheetGrid{sheet: sheet, rows: rows}
	if err := g.findHeader(opt, name, sheets); err != nil {
		return nil, err
	}
	if err := g.readFormats(wb, opt); err != nil {
		return nil, err
	}
	return g, nil
}

// findHeader sets g.headerRow from the options or the best row of the first 20.
func (g *sheetGrid) findHeader(opt SheetOptions, name string, sheets []string) error {
	where := ""
	if g.sheet != "" {
		where = fmt.Sprintf(" of sheet %q", g.sheet)
	}
	if opt.HeaderRow > 0 {
		if opt.HeaderRow > len(g.rows) {
			return tableErrorf(ErrNoHeader, "%s: the header row %d is past the last row (%d)%s", tableFileName(name), opt.HeaderRow, len(g.rows), where)
		}
		g.headerRow = opt.HeaderRow
		return nil
	}
	top := g.rows[:min(len(g.rows), tableHeaderScan)]
	g.headerRow, _ = sheetFindHeader(top, opt)
	if g.headerRow == 0 && sheetOptionsName(opt) {
		// The caller said which column holds the names (a header in a
		// language or words Flowmap does not know): the first row with a
		// value is the header.
		for i, row := range top {
			if tableRowHasValue(row) {
				g.headerRow = i + 1
				break
			}
		}
	}
	if g.headerRow == 0 {
		also := ""
		if len(sheets) > 1 && opt.Sheet == "" {
			also = fmt.Sprintf(" (nor in any other sheet: %s)", sheetQuoteList(sheets))
		}
		return tableErrorf(ErrNoHeader,
			"%s: %v in the first %d rows%s%s: a stage sheet needs a column for the stage name (Stage, Step, Activity, Process, Task or Name) and at least one more known column (Process time, Wait, Lead time, %%C&A, People, Queue, Team, Waste, Notes)",
			tableFileName(name), ErrNoHeader, tableHeaderScan, where, also)
	}
	return nil
}

// sheetOptionsName reports whether the options name the stage-name column.
func sheetOptionsName(opt SheetOptions) bool {
	for _, f := range opt.Columns {
		if f == FieldName {
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
func (g *sheetGrid) readFormats(wb *tableWorkbook, opt SheetOptions) error {
	timeStyles, err := wb.HasTimeStyles()
	if err != nil || (!timeStyles && !wb.formulas) {
		return err
	}
	used := map[int]Field{}
	for _, c := range sheetMapColumns(g, opt) {
		if c.Field != FieldIgnore {
			used[c.Index] = c.Field
		}
	}
	want := func(k tableCellKey) bool {
		f, ok := used[k.Col]
		if !ok || k.Row <= g.headerRow || k.Row > len(g.rows) {
			return false
		}
		v := ""
		if row := g.rows[k.Row-1]; k.Col < len(row) {
			v = strings.TrimSpace(row[k.Col])
		}
		if v == "" {
			return wb.formulas
		}
		_, err := strconv.ParseFloat(v, 64)
		return timeStyles && f.duration() && err == nil
	}
	infos, err := wb.CellInfo(g.sheet, len(g.rows), want)
	if err != nil {
		return err
	}
	g.formats = map[tableCellKey]sheetCellFormat{}
	for k, info := range infos {
		v := ""
		if row := g.rows[k.Row-1]; k.Col < len(row) {
			v = strings.TrimSpace(row[k.Col])
		}
		switch {
		case v == "" && info.HasFormula:
			g.formats[k] = sheetCellFormat{formula: info.Formula, hasFormula: true}
		case v != "" && info.Format == tableFormatTime:
			g.formats[k] = sheetCellFormat{format: tableFormatTime}
		case v != "" && info.Format == tableFormatDate:
			g.formats[k] = sheetCellFormat{format: tableFormatDate, shown: wb.DateText(v)}
		}
	}
	return nil
}

// build maps the columns, converts the rows and fills the preview. It returns
// the first problem, or ErrEmpty when the sheet has a header but no stages.
func (p *SheetPreview) build(g *sheetGrid, opt SheetOptions) error {
	p.HeaderRow = g.headerRow
	cols := sheetMapColumns(g, opt)
	conv := newSheetConverter(tableFileName(p.File), g, cols, opt)
	p.Layout = conv.layout
	for _, c := range cols {
		p.Columns = append(p.Columns, c.ColumnUse)
	}
	res := conv.convert(opt.Calendar)
	p.Stages, p.StageRows, p.Skipped = res.stages, res.stageRows, res.skipped
	p.Problems, p.MoreProblems, p.Warnings = res.problems, res.more, res.warnings
	p.conv, p.calendar = conv, opt.Calendar
	if len(p.Problems) > 0 {
		return p.Problems[0]
	}
	if conv.nameCol == nil {
		return tableErrorf(ErrNoHeader, "%s: no column holds the stage name: choose one", tableFileName(p.File))
	}
	if len(p.Stages) == 0 {
		where := ""
		if g.sheet != "" {
			where = fmt.Sprintf("sheet %q ", g.sheet)
		}
		return tableErrorf(ErrEmpty, "%s: %shas a header in row %d but no stages below it", tableFileName(p.File), where, g.headerRow)
	}
	return nil
}

// Map is a new validated map holding the preview's stages, on calendar cal
// (zero fields take the defaults). A name of "" names the map after the file.
// When cal differs from the calendar the sheet was read with, the durations
// written in days, weeks or months are read again on cal.
func (p *SheetPreview) Map(name string, cal vsm.Calendar) (*vsm.Map, error) {
	if len(p.Problems) > 0 {
		return nil, p.Problems[0]
	}
	if p.conv == nil {
		return nil, tableErrorf(ErrEmpty, "%s: the sheet was not read, so there are no stages", tableFileName(p.File))
	}
	cal = cal.OrDefault()
	stages := p.Stages
	if cal != p.calendar {
		res := p.conv.convert(cal)
		if len(res.problems) > 0 {
			return nil, res.problems[0]
		}
		stages = res.stages
	}
	if len(stages) == 0 {
		return nil, tableErrorf(ErrEmpty, "%s: there are no stages to import", tableFileName(p.File))
	}
	if strings.TrimSpace(name) == "" {
		name = sheetMapName(p.File)
	}
	m := vsm.NewMap(name)
	m.Calendar = cal
	m.Stages = make([]vsm.Stage, len(stages))
	for i, s := range stages {
		m.Stages[i] = s.Clone()
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", tableFileName(p.File), err)
	}
	return m, nil
}

// sheetMapName is a map name from a file name: "team-map.xlsx" is "team-map".
func sheetMapName(file string) string {
	base := filepath.Base(file)
	if ext := filepath.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	if strings.TrimSpace(base) == "" || base == "." {
		return "Imported map"
	}
	return base
}

// sheetPick finds a sheet by name: exactly, then ignoring case and spaces.
func sheetPick(sheets []string, want string) string {
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

func sheetQuoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// sheetColumnLetter is a 0-based column index as a spreadsheet names it.
func sheetColumnLetter(i int) string {
	var b []byte
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}
