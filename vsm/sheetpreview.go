package vsm

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// A stage sheet is a spreadsheet with one stage per row (shared/formats.md
// part 1). Its reader (importers/stagesheet) fills a SheetPreview: which
// sheet and header row it read, what each column feeds, the stages, the rows
// it skipped and the problems. The import screen and the command line show
// that preview as it is, and build the map from it with SheetPreview.Map.

// ColumnField is what a column of a stage sheet feeds: one field of its
// stages (shared/metrics.md, "A stage"), or nothing (IgnoredColumn). The
// values are the IDs the command line and column pickers use.
type ColumnField string

// The fields a stage-sheet column can feed. A lead-time column gives the
// stage's wait as LT - PT (shared/metrics.md).
const (
	NameColumn             ColumnField = "name"
	ProcessColumn          ColumnField = "process"
	WaitColumn             ColumnField = "wait"
	LeadColumn             ColumnField = "lead"
	CompleteAccurateColumn ColumnField = "complete_accurate"
	PeopleColumn           ColumnField = "people"
	QueueColumn            ColumnField = "queue"
	TeamColumn             ColumnField = "team"
	WasteColumn            ColumnField = "waste"
	NotesColumn            ColumnField = "notes"
	IgnoredColumn          ColumnField = "ignore"
)

// ColumnFields lists every column field in the order a column-meaning picker
// offers them.
var ColumnFields = []ColumnField{
	NameColumn, ProcessColumn, WaitColumn, LeadColumn, CompleteAccurateColumn,
	PeopleColumn, QueueColumn, TeamColumn, WasteColumn, NotesColumn, IgnoredColumn,
}

// Label is the field's name for people: "process time", "%C&A".
func (f ColumnField) Label() string {
	switch f {
	case NameColumn:
		return "stage name"
	case ProcessColumn:
		return "process time"
	case WaitColumn:
		return "wait time"
	case LeadColumn:
		return "lead time"
	case CompleteAccurateColumn:
		return "%C&A"
	case PeopleColumn:
		return "people"
	case QueueColumn:
		return "queue"
	case TeamColumn:
		return "team"
	case WasteColumn:
		return "waste tags"
	case NotesColumn:
		return "notes"
	case IgnoredColumn:
		return "(ignored)"
	}
	return string(f)
}

// Known reports whether f is one of ColumnFields.
func (f ColumnField) Known() bool {
	for _, x := range ColumnFields {
		if x == f {
			return true
		}
	}
	return false
}

// IsDuration reports whether the column holds durations: process, wait or
// lead time.
func (f ColumnField) IsDuration() bool {
	return f == ProcessColumn || f == WaitColumn || f == LeadColumn
}

// SheetOptions steer a stage-sheet read. The zero value lets the reader find
// everything itself.
type SheetOptions struct {
	Sheet    string   // sheet to read; "" = the one whose header matches best (CSV: ignored)
	Unit     Unit     // unit of bare numbers when the header names none (default Hours)
	UnitSet  bool     // Unit was chosen explicitly (no "read as hours" warning)
	Calendar Calendar // for d, w and mo; zero fields take the defaults
	// Columns overrides the meaning of columns: 0-based column index ->
	// field (IgnoredColumn drops a column). An overridden field wins over a
	// column whose header merely matches it.
	Columns map[int]ColumnField
	MaxRows int // most rows the sheet may have; 0 = the reader's limit
	// HeaderRow is the 1-based row holding the column names; 0 = the row of
	// the first 20 that matches the most known names, or, when none does
	// and Columns names the stage-name column, the first row with a value.
	HeaderRow int
	// Progress, when set, is called with how far the read has come: rows of
	// the sheet read so far, out of total (0 when the total is unknown). It
	// is called from the reader's goroutine, at most about 20 times a second.
	Progress func(done, total int64)
	// Cancel, when closed, stops the read with an error wrapping ErrCanceled.
	Cancel <-chan struct{}
}

// SheetColumn says what one column of a stage sheet feeds.
type SheetColumn struct {
	Index          int         // 0-based column
	Letter         string      // the column as a spreadsheet names it: "A", "AB"
	Header         string      // the header cell as written ("" if blank)
	Field          ColumnField // what the column feeds; IgnoredColumn for nothing
	Unit           Unit        // unit of its bare numbers, for a duration column
	UnitFromHeader bool        // the header named the unit ("Wait (days)")
	// Seconds: the header names seconds, which Unit lacks; bare numbers are
	// seconds and Unit is meaningless. UnitName says it for people.
	Seconds bool
	Chosen  bool   // the field came from SheetOptions.Columns
	Note    string // why the column is ignored, for the preview ("" when used as its header says)
}

// UnitName names the unit of the column's bare numbers: "hours", "seconds".
func (c SheetColumn) UnitName() string {
	if c.Seconds {
		return "seconds"
	}
	return c.Unit.String()
}

// SkippedRow is a row of a sheet that holds no stage, and why.
type SkippedRow struct {
	Row    int // 1-based spreadsheet row
	Reason string
}

// SheetProblem is one value that stops a stage-sheet import. It is an error
// whose message names the file, sheet, row, column and value:
//
//	stages.xlsx: sheet "Q3", row 7, column "Wait": "2 dayz" is not a duration: ...
type SheetProblem struct {
	File    string // base name of the file
	Sheet   string // "" for a CSV file
	Row     int    // 1-based spreadsheet row; 0 for the whole sheet
	Column  string // the column's header, or its letter when the header is blank
	Value   string // the offending value as written
	Message string // what is wrong, continuing the value: "is not a duration: ..."
	Err     error  // the underlying error, if any
}

func (p SheetProblem) Error() string {
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

// Unwrap returns the underlying error, or ErrInvalid: every problem is bad data.
func (p SheetProblem) Unwrap() error {
	if p.Err != nil && errors.Is(p.Err, ErrInvalid) {
		return p.Err
	}
	return ErrInvalid
}

// SheetPreview is a stage sheet as its reader understood it: which sheet and
// header row, which column feeds which field, the stages, the rows skipped
// and the problems. A reader returns one even when the import cannot
// succeed, for the preview screen.
type SheetPreview struct {
	File      string   // the name the sheet was read under
	Format    string   // "xlsx" or "csv"
	Sheet     string   // the sheet read ("" for CSV)
	Sheets    []string // every sheet of the workbook (nil for CSV)
	HeaderRow int      // 1-based row of the column names; 0 if none was found
	// NoHeader: no row looks like the header of a stage sheet (the file may
	// be an event log).
	NoHeader  bool
	Layout    string // the known layout recognized, or "generic"
	Encoding  string // CSV: "UTF-8", "UTF-16LE", ...
	Delimiter string // CSV: "comma", "semicolon", "tab", ...
	Columns   []SheetColumn
	// Calendar is the calendar the durations written in days, weeks or
	// months were read on; the map built from the preview has it.
	Calendar  Calendar
	Stages    []Stage
	StageRows []int // StageRows[i] is the spreadsheet row of Stages[i]
	Skipped   []SkippedRow
	Problems  []SheetProblem
	// MoreProblems counts problems found beyond the first ones listed.
	MoreProblems int
	// Warnings are things the import did but a person may want to check
	// ("column "Wait" names no unit: bare numbers read as hours").
	Warnings []string
}

// Importable reports whether a map can be built from the preview: it has
// stages and no problems.
func (p *SheetPreview) Importable() bool {
	return len(p.Problems) == 0 && len(p.Stages) > 0
}

// Map is a new validated map holding the preview's stages (copies) on the
// calendar they were read with, named name; "" names it after the file
// ("team-map.xlsx" is "team-map"). A preview with problems gives its first
// problem; one without stages an error wrapping ErrEmpty. To import on
// another calendar, read the sheet again with it: a duration written in days
// has another length there.
func (p *SheetPreview) Map(name string) (*Map, error) {
	if len(p.Problems) > 0 {
		return nil, p.Problems[0]
	}
	file := fileBase(p.File)
	if len(p.Stages) == 0 {
		return nil, fmt.Errorf("%s: there are no stages to import: %w", file, ErrEmpty)
	}
	if strings.TrimSpace(name) == "" {
		name = MapNameFromFile(p.File)
	}
	m := NewMap(name)
	m.Calendar = p.Calendar.OrDefault()
	m.Stages = make([]Stage, len(p.Stages))
	for i, s := range p.Stages {
		m.Stages[i] = s.Clone()
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

// MapNameFromFile is the name a map imported from file gets: the file's base
// name without its extension ("team-map.xlsx" is "team-map"), or "Imported
// map" when that leaves nothing.
func MapNameFromFile(file string) string {
	base := filepath.Base(file)
	if ext := filepath.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	if strings.TrimSpace(base) == "" || base == "." || base == string(filepath.Separator) {
		return "Imported map"
	}
	return base
}

// fileBase is a file's name for messages: its base name, "input" for none.
func fileBase(name string) string {
	if name == "" {
		return "input"
	}
	return filepath.Base(name)
}
