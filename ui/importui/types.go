package importui

import (
	"fyne.io/fyne/v2"

	"flowmap/ui/clipboard"
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
	// clipboard (Fyne's clipboard holds text only); package clipboard says so.
	ErrNoImageClipboard = clipboard.ErrNoImageTool
)

// --- readers ---

// SheetReader reads the stage sheet at path. It returns a preview even when
// the import cannot succeed (with the problems in it) and then also an error:
// the first problem, or why the file cannot be used at all. A canceled read
// returns an error wrapping ErrCanceled.
type SheetReader func(path string, opt vsm.SheetOptions) (*vsm.SheetPreview, error)

// EventReader reads and measures the event log at path. A canceled read
// returns an error wrapping ErrCanceled.
type EventReader func(path string, opt vsm.EventLogOptions) (*vsm.EventLogStats, error)

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
