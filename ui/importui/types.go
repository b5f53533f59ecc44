package importui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// Host is the main window the import and export screens work in; *ui.App
// satisfies it.
type Host interface {
	Window() fyne.Window
	// CurrentMap is the open map, nil when none; read-only.
	CurrentMap() *vsm.Map
	// ReplaceMap makes m the open map's content as one saved, undoable
	// change (the map keeps its ID). It shows its own error and returns it.
	ReplaceMap(m *vsm.Map) error
	// OpenMap shows map id from the store.
	OpenMap(id string)
	// ShowError tells the person what went wrong.
	ShowError(err error)
}

// MapStore is what the import screens need from the map store. Create and
// Save fail with an error wrapping ErrNameTaken when another map has the name.
type MapStore interface {
	List() ([]vsm.MapInfo, error)
	Get(id string) (*vsm.Map, error)
	Create(m *vsm.Map) (*vsm.Map, error)
	Save(m *vsm.Map) error
}

// Errors of the domain's vocabulary this package tells apart; the store and
// the importers wrap the same ones.
var (
	// ErrNameTaken: another map already has that name.
	ErrNameTaken = vsm.ErrNameTaken
	// ErrCanceled: the person canceled a read.
	ErrCanceled = vsm.ErrCanceled
	// ErrNoImageClipboard: this system offers no way to put a picture on the
	// clipboard (Fyne's clipboard holds text only).
	ErrNoImageClipboard = errors.New("this system has no tool to put a picture on the clipboard")
)

// --- stage sheets ---

// SheetOptions steer a stage-sheet read; the zero value lets the reader find
// everything itself.
type SheetOptions struct {
	Sheet    string       // "" = the sheet whose header matches best
	Unit     vsm.Unit     // unit of bare numbers in columns whose header names none
	UnitSet  bool         // Unit was chosen by the person
	Calendar vsm.Calendar // for days and weeks
	// Columns overrides what columns mean: 0-based column -> FieldChoice.ID.
	Columns map[int]string
}

// SheetReader reads the stage sheet at path. It returns a preview even when
// the import cannot succeed (with the problems in it) and then also an error:
// the first problem, or why the file cannot be used at all.
type SheetReader func(path string, opt SheetOptions) (*Sheet, error)

// FieldChoice is one meaning a column can have, for the column pickers.
type FieldChoice struct {
	ID    string // as SheetOptions.Columns and Column.Field name it: "wait"
	Label string // for people: "wait time"
}

// Field IDs the preview knows the meaning of; the reader's FieldChoice IDs
// must use them.
const (
	FieldName             = "name"
	FieldProcess          = "process"
	FieldWait             = "wait"
	FieldLead             = "lead"
	FieldCompleteAccurate = "complete_accurate"
	FieldPeople           = "people"
	FieldQueue            = "queue"
	FieldTeam             = "team"
	FieldWaste            = "waste"
	FieldNotes            = "notes"
	FieldIgnore           = "ignore"
)

// Sheet is a stage sheet as the reader understood it.
type Sheet struct {
	File      string   // path as given
	Format    string   // "xlsx" or "csv"
	Sheet     string   // the sheet read ("" for CSV)
	Sheets    []string // every sheet of a workbook
	HeaderRow int      // 1-based; 0 when none was found
	Layout    string   // the known layout recognized, or "generic"
	Encoding  string   // CSV only
	Delimiter string   // CSV only
	Columns   []Column
	Stages    []vsm.Stage
	StageRows []int // spreadsheet row of each stage
	Skipped   []SkippedRow
	Problems  []Problem
	// MoreProblems counts problems beyond those listed.
	MoreProblems int
	Warnings     []string
	// NoHeader: no row looks like a stage sheet's header (perhaps the file is
	// an event log).
	NoHeader bool
	// Build makes the map to import: the stages on calendar cal, named name
	// ("" names it after the file). Nil when the sheet could not be read.
	Build func(name string, cal vsm.Calendar) (*vsm.Map, error)
}

// Column says what one column of the sheet feeds.
type Column struct {
	Index  int    // 0-based
	Letter string // "A", "AB"
	Header string // as written
	Field  string // FieldChoice.ID; FieldIgnore for nothing
	// Unit of the column's bare numbers ("hours", "minutes", "seconds"),
	// for duration columns; UnitFromHeader says the header named it.
	Unit           string
	UnitFromHeader bool
	Chosen         bool   // the meaning was picked by the person
	Note           string // why the column is ignored, when it is
}

// SkippedRow is a row that holds no stage, and why.
type SkippedRow struct {
	Row    int
	Reason string
}

// Problem is one value that stops the import.
type Problem struct {
	Sheet   string
	Row     int    // 0 for the whole sheet
	Column  string // header, or letter when blank
	Value   string
	Message string // continues the value: "is not a duration: ..."
}

// --- event logs ---

// Kinds of a status's role in a transition log.
const (
	KindWork   = "work"
	KindWait   = "wait"
	KindDone   = "done"
	KindIgnore = "ignore"
)

// StatusRole is what time in one status of a transition log counts as: work
// or wait of Stage (wait with no stage: of the next stage the item enters),
// the end of the flow (done), or nothing (ignore).
type StatusRole struct {
	Status string
	Kind   string
	Stage  string
}

// EventOptions steer an event-log read.
type EventOptions struct {
	TwentyFourSeven bool    // count every hour instead of working hours
	HoursPerDay     float64 // the working day from 09:00; <= 0 means 8
	// Mapping gives the role of statuses of a transition log; nil, or a
	// status it does not name, gets the reader's proposal.
	Mapping []StatusRole
	// Progress is called from the reader's goroutine with how far it came:
	// bytes of a CSV file or rows of a workbook, of total (0 if unknown).
	Progress func(done, total int64)
	// Cancel stops the read with ErrCanceled when closed.
	Cancel <-chan struct{}
}

// EventReader reads and measures the event log at path. A canceled read
// returns an error wrapping ErrCanceled.
type EventReader func(path string, opt EventOptions) (*EventLog, error)

// Shapes of an event log.
const (
	ShapeIntervals   = "intervals"
	ShapeTransitions = "transitions"
)

// EventLog is what a read measured.
type EventLog struct {
	File        string // base name
	Shape       string // ShapeIntervals or ShapeTransitions
	Rows, Items int
	From, To    time.Time // the log's first and last timestamps; To is its end
	Calendar    string    // "workdays" or "24x7"
	HoursPerDay float64
	WorkingDays float64 // the span From-To in working days
	Stages      []StageStats
	// Statuses of a transition log in order of first appearance, and the
	// role each was given (one per status, same order).
	Statuses []string
	Mapping  []StatusRole
	// Map builds a map from the log with the wait and work of stat
	// ("median", "p85" or "mean") on a day of hoursPerDay (<= 0: the log's).
	Map func(name, stat string, hoursPerDay float64) (*vsm.Map, error)
}

// Dist summarizes per-item hours.
type Dist struct {
	Median, P85, Mean float64
}

// StageStats are one stage's measured figures.
type StageStats struct {
	Name             string
	Items            int // items that visited the stage
	Completed        int // of them, no longer inside at the log's end
	Wait, Work       Dist
	WIP              int // items inside at the log's end
	Reentries        int // items that came back after a later stage
	CompleteAccurate float64
	ThroughputPerDay float64
	// WaitHours and WorkHours are the per-item samples, sorted, for the
	// distribution view; nil when the reader kept none.
	WaitHours, WorkHours []float64
}

// Statistics a map can be built from.
const (
	StatMedian = "median"
	StatP85    = "p85"
	StatMean   = "mean"
)

// --- export ---

// Pictures the export can draw (the report's chart names).
const (
	ChartMap       = "map"
	ChartBars      = "bars"
	ChartWaterfall = "waterfall"
	ChartTrend     = "trend"
	ChartCompare   = "compare"
)

// WorkbookWriter writes the Excel report of m to path atomically.
type WorkbookWriter func(path string, m *vsm.Map) error

// PictureWriter writes picture chart of m to path as PNG, atomically.
type PictureWriter func(path string, m *vsm.Map, chart string) error

// PictureRenderer draws picture chart of m as PNG bytes.
type PictureRenderer func(m *vsm.Map, chart string) ([]byte, error)

// ImageCopier puts a PNG picture on the system clipboard, or returns an
// error wrapping ErrNoImageClipboard when the system offers no way to.
type ImageCopier func(png []byte) error
