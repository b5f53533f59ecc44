// Package importui is the desktop app's import and export screens: the
// stage-sheet import preview (File > Import spreadsheet, a file dropped on the
// window, `flowmap FILE`), the event-log import with its progress bar, status
// mapping, statistics and distribution view, and File > Export (Excel report,
// PNG picture, copy picture).
//
// It draws with Fyne and speaks in vsm types. The readers and writers of
// importers/ and vsm/report/ come in as the small func types of Deps, which
// cmd/flowmap fills, so this package never imports another adapter.
package importui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"flowmap/vsm"
)

// Deps are the readers, writers and the store the screens use. A nil reader
// or writer hides its menu item.
type Deps struct {
	Store MapStore

	ReadSheet SheetReader
	// ReadMapFile reads a .flowmap.json file.
	ReadMapFile func(path string) (*vsm.Map, error)

	ReadEventLog EventReader
	// IsEventLog tells an event log by its header, quickly (nil: files
	// opened or dropped go to the stage-sheet preview).
	IsEventLog func(path string) bool

	WriteWorkbook WorkbookWriter
	WritePicture  PictureWriter
	RenderPicture PictureRenderer
	// Charts are the pictures offered, in menu order (Chart* names).
	Charts []string
	// CopyImage puts a PNG on the clipboard; nil behaves as a system without
	// an image clipboard.
	CopyImage ImageCopier

	// Now dates exported files and is the default measurement date; nil
	// means time.Now.
	Now func() time.Time
	// TempDir holds pictures copied as a file path; "" means
	// flowmap-pictures in os.TempDir().
	TempDir string
}

// Importer runs the import and export screens in a host window.
type Importer struct {
	host Host
	deps Deps

	// The file choosers, replaced in tests: they call done with the chosen
	// path, or not at all when the person cancels.
	chooseOpen func(title string, exts []string, done func(path string))
	chooseSave func(title, name string, exts []string, done func(path string))

	// progressDelay is how long a read runs before its progress dialog
	// shows: a quick read flashes none. Tests set 0.
	progressDelay time.Duration
	// readFinished, when set, is called after a read (an event log or a
	// stage sheet) has been handled on the UI goroutine (tests wait on it).
	readFinished func()
}

// OnReadFinished sets f to run on the UI goroutine after each read of a
// stage sheet or event log has been shown. Fyne's test driver runs fyne.Do
// on the calling goroutine, so a test of the wiring waits on this before it
// touches the window again.
func (im *Importer) OnReadFinished(f func()) { im.readFinished = f }

// New makes the screens for host with deps.
func New(host Host, deps Deps) *Importer {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	im := &Importer{host: host, deps: deps, progressDelay: 300 * time.Millisecond}
	im.chooseOpen = im.fyneOpen
	im.chooseSave = im.fyneSave
	return im
}

// Extensions the file choosers offer.
var (
	sheetExts = []string{".xlsx", ".csv", ".tsv", ".txt", ".json"}
	logExts   = []string{".csv", ".xlsx", ".tsv", ".txt"}
)

// MenuItems are the File menu entries: Import spreadsheet, Import event log
// and the Export submenu (Excel report, PNG picture, Copy map picture).
func (im *Importer) MenuItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	if im.deps.ReadSheet != nil {
		items = append(items, fyne.NewMenuItem("Import spreadsheet…", im.ChooseSpreadsheet))
	}
	if im.deps.ReadEventLog != nil {
		items = append(items, fyne.NewMenuItem("Import event log…", im.ChooseEventLog))
	}
	var export []*fyne.MenuItem
	if im.deps.WriteWorkbook != nil {
		export = append(export, fyne.NewMenuItem("Excel report…", im.ExportWorkbook))
	}
	if im.deps.WritePicture != nil {
		export = append(export, fyne.NewMenuItem("PNG picture…", im.ExportPicture))
	}
	if im.deps.RenderPicture != nil {
		export = append(export, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Copy map picture", im.CopyPicture))
	}
	if len(export) > 0 {
		ex := fyne.NewMenuItem("Export", nil)
		ex.ChildMenu = fyne.NewMenu("Export", export...)
		items = append(items, ex)
	}
	return items
}

// ChooseSpreadsheet asks for a stage sheet (or a .flowmap.json map) and opens it.
func (im *Importer) ChooseSpreadsheet() {
	im.chooseOpen("Import spreadsheet", sheetExts, im.Open)
}

// ChooseEventLog asks for an event log and imports it.
func (im *Importer) ChooseEventLog() {
	im.chooseOpen("Import event log", logExts, im.ImportEventLog)
}

// Open imports the file at path the way its kind asks: a .flowmap.json map
// becomes a new map at once; anything else opens the import preview.
func (im *Importer) Open(path string) {
	if isMapFile(path) {
		im.openMapFile(path)
		return
	}
	im.openSpreadsheet(path)
}

// openSpreadsheet opens a file named on the command line or dropped: an
// event log (by its header) with the event-log import, anything else in the
// stage-sheet preview. The log is asked first: an interval log's "stage"
// column would pass for a stage sheet.
func (im *Importer) openSpreadsheet(path string) {
	if im.deps.IsEventLog != nil && im.deps.ReadEventLog != nil && im.deps.IsEventLog(path) {
		im.ImportEventLog(path)
		return
	}
	im.ShowPreview(path)
}

// Dropped opens files dropped on the window: every .flowmap.json map, and
// the first other file in the preview (one preview at a time).
func (im *Importer) Dropped(_ fyne.Position, uris []fyne.URI) {
	var sheets, others []string
	for _, u := range uris {
		if u == nil || u.Scheme() != "file" {
			if u != nil {
				others = append(others, u.String())
			}
			continue
		}
		if isMapFile(u.Path()) {
			im.openMapFile(u.Path())
			continue
		}
		sheets = append(sheets, u.Path())
	}
	if len(sheets) > 0 {
		im.openSpreadsheet(sheets[0])
		others = append(others, sheets[1:]...)
	}
	if len(others) > 0 {
		names := make([]string, len(others))
		for i, o := range others {
			names[i] = filepath.Base(o)
		}
		im.host.ShowError(fmt.Errorf("drop one spreadsheet at a time: %s was not opened", strings.Join(names, ", ")))
	}
}

// isMapFile tells a map file by its name: .flowmap.json, or any .json.
func isMapFile(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".json")
}

// openMapFile reads a map file and stores it as a new map, named after the
// map with " (2)", " (3)" when that name is taken.
func (im *Importer) openMapFile(path string) {
	if im.deps.ReadMapFile == nil {
		im.host.ShowError(fmt.Errorf("cannot open %s: this build of Flowmap does not read map files", filepath.Base(path)))
		return
	}
	m, err := im.deps.ReadMapFile(path)
	if err != nil {
		im.host.ShowError(fmt.Errorf("open %s: %w", filepath.Base(path), err))
		return
	}
	created, err := im.createUnique(m)
	if err != nil {
		im.host.ShowError(fmt.Errorf("open %s: %w", filepath.Base(path), err))
		return
	}
	im.host.OpenMap(created.ID)
}

// createUnique stores m as a new map, adding " (2)", " (3)"... to its name
// while the name is taken.
func (im *Importer) createUnique(m *vsm.Map) (*vsm.Map, error) {
	base := strings.TrimSpace(m.Name)
	if base == "" {
		base = "Imported map"
	}
	for n := 1; n < 1000; n++ {
		c := m.Clone()
		c.ID = ""
		c.Name = base
		if n > 1 {
			c.Name = fmt.Sprintf("%s (%d)", base, n)
		}
		created, err := im.deps.Store.Create(c)
		if errors.Is(err, ErrNameTaken) {
			continue
		}
		return created, err
	}
	return nil, fmt.Errorf("map %q: %w (and so are its next 998 numbered names)", base, ErrNameTaken)
}

// findMap is the stored map named name (ignoring case and surrounding
// spaces), or nil.
func (im *Importer) findMap(name string) (*vsm.MapInfo, error) {
	infos, err := im.deps.Store.List()
	if err != nil {
		return nil, err
	}
	want := strings.TrimSpace(name)
	for i := range infos {
		if strings.EqualFold(strings.TrimSpace(infos[i].Name), want) {
			return &infos[i], nil
		}
	}
	return nil, nil
}

// --- Fyne file choosers ---

func (im *Importer) fyneOpen(title string, exts []string, done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			im.host.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		done(path)
	}, im.host.Window())
	d.SetTitleText(title)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
	im.resizeChooser(d)
}

// fyneSave asks where to save. Fyne's save dialog creates (or truncates) the
// chosen file before it calls back; the handle is closed at once and the
// caller replaces the file atomically.
func (im *Importer) fyneSave(title, name string, exts []string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			im.host.ShowError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		done(path)
	}, im.host.Window())
	d.SetTitleText(title)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
	im.resizeChooser(d)
}

// resizeChooser gives a shown file dialog most of the window: its own size
// leaves long file names cut. (Before Show, FileDialog.Resize panics.)
func (im *Importer) resizeChooser(d *dialog.FileDialog) {
	ws := im.host.Window().Canvas().Size()
	if ws.Width > 0 && ws.Height > 0 {
		d.Resize(fyne.NewSize(min(ws.Width*0.9, 1000), min(ws.Height*0.9, 700)))
	}
}
