package importui

import (
	"errors"
	"flag"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

var update = flag.Bool("update", false, "rewrite the reference images in testdata/")

// fakeHost is the main window: it records what the screens ask of it.
type fakeHost struct {
	win      fyne.Window
	cur      *vsm.Map
	opened   []string
	replaced []*vsm.Map
	errs     []error
	failNext error // ReplaceMap fails with it once
	// release lets a reader started in the background run; reads hears
	// when its result has been handled.
	release, reads chan struct{}
}

// waitRead lets the read the screens started run, and waits until its
// result has been handled. The readers wait for it: the test driver runs
// fyne.Do on the reader's goroutine, which must not touch the widgets while
// the test is still inside a tap or a selection.
func (h *fakeHost) waitRead(t *testing.T) {
	t.Helper()
	select {
	case h.release <- struct{}{}:
	case <-time.After(10 * time.Second):
		t.Fatal("no read started within 10 s")
	}
	select {
	case <-h.reads:
	case <-time.After(10 * time.Second):
		t.Fatal("no read finished within 10 s")
	}
}

func (h *fakeHost) Window() fyne.Window  { return h.win }
func (h *fakeHost) CurrentMap() *vsm.Map { return h.cur }
func (h *fakeHost) OpenMap(id string)    { h.opened = append(h.opened, id) }
func (h *fakeHost) ShowError(err error)  { h.errs = append(h.errs, err) }
func (h *fakeHost) ReplaceMap(m *vsm.Map) error {
	if err := h.failNext; err != nil {
		h.failNext = nil
		h.errs = append(h.errs, err)
		return err
	}
	if err := m.Validate(); err != nil {
		h.errs = append(h.errs, err)
		return err
	}
	h.replaced = append(h.replaced, m.Clone())
	id := h.cur.ID
	h.cur = m.Clone()
	h.cur.ID = id
	return nil
}

// fakeStore keeps maps in memory with the store's name rule.
type fakeStore struct {
	maps  map[string]*vsm.Map
	order []string
	saved []*vsm.Map
}

func newFakeStore(maps ...*vsm.Map) *fakeStore {
	s := &fakeStore{maps: map[string]*vsm.Map{}}
	for _, m := range maps {
		if _, err := s.Create(m); err != nil {
			panic(err)
		}
	}
	return s
}

func (s *fakeStore) List() ([]vsm.MapInfo, error) {
	var out []vsm.MapInfo
	for _, id := range s.order {
		m := s.maps[id]
		out = append(out, vsm.MapInfo{ID: id, Name: m.Name, Stages: len(m.Stages)})
	}
	return out, nil
}

func (s *fakeStore) Get(id string) (*vsm.Map, error) {
	m, ok := s.maps[id]
	if !ok {
		return nil, fmt.Errorf("map %s: no such map", id)
	}
	return m.Clone(), nil
}

func (s *fakeStore) taken(name, self string) bool {
	for id, m := range s.maps {
		if id != self && strings.EqualFold(strings.TrimSpace(m.Name), strings.TrimSpace(name)) {
			return true
		}
	}
	return false
}

func (s *fakeStore) Create(m *vsm.Map) (*vsm.Map, error) {
	if s.taken(m.Name, "") {
		return nil, fmt.Errorf("map name %q: %w", m.Name, ErrNameTaken)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c := m.Clone()
	c.ID = fmt.Sprintf("m%d", len(s.order)+1)
	s.maps[c.ID] = c
	s.order = append(s.order, c.ID)
	return c.Clone(), nil
}

func (s *fakeStore) Save(m *vsm.Map) error {
	if _, ok := s.maps[m.ID]; !ok {
		return fmt.Errorf("map %s: no such map", m.ID)
	}
	if s.taken(m.Name, m.ID) {
		return fmt.Errorf("map name %q: %w", m.Name, ErrNameTaken)
	}
	if err := m.Validate(); err != nil {
		return err
	}
	s.maps[m.ID] = m.Clone()
	s.saved = append(s.saved, m.Clone())
	return nil
}

func (s *fakeStore) byName(name string) *vsm.Map {
	for _, m := range s.maps {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// fakeCol is a column of a fake stage sheet: its header and what the header
// says (field, and the unit of a duration column when it names one).
type fakeCol struct {
	header string
	field  vsm.ColumnField
	unit   *vsm.Unit
}

// fakeSheet stands in for the stage-sheet reader: it converts its cells with
// the options it is given the way the real reader does for these simple
// cases, and records every read.
type fakeSheet struct {
	sheets    []string
	headerRow int
	cols      []fakeCol
	rows      [][]string // the rows below the header
	reads     []vsm.SheetOptions
}

func (f *fakeSheet) read(path string, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
	f.reads = append(f.reads, opt)
	sheet := f.sheets[0]
	if opt.Sheet != "" {
		sheet = opt.Sheet
	}
	sh := &vsm.SheetPreview{File: path, Format: "xlsx", Sheet: sheet, Sheets: f.sheets, HeaderRow: f.headerRow, Layout: "generic",
		Calendar: opt.Calendar.OrDefault()}
	field := make([]vsm.ColumnField, len(f.cols))
	for i, c := range f.cols {
		field[i] = c.field
		chosen := false
		if id, ok := opt.Columns[i]; ok {
			field[i], chosen = id, true
		}
		col := vsm.SheetColumn{Index: i, Letter: string(rune('A' + i)), Header: c.header, Field: field[i], Chosen: chosen}
		if field[i] == vsm.IgnoredColumn && !chosen {
			col.Note = "not a column Flowmap knows"
		}
		if field[i].IsDuration() {
			col.Unit, col.UnitFromHeader = opt.Unit, false
			if c.unit != nil {
				col.Unit, col.UnitFromHeader = *c.unit, true
			}
		}
		sh.Columns = append(sh.Columns, col)
	}
	for r, row := range f.rows {
		rowNum := f.headerRow + 1 + r
		name := ""
		blank := true
		for i, cell := range row {
			if strings.TrimSpace(cell) != "" {
				blank = false
			}
			if field[i] == vsm.NameColumn {
				name = strings.TrimSpace(cell)
			}
		}
		switch {
		case blank:
			sh.Skipped = append(sh.Skipped, vsm.SkippedRow{Row: rowNum, Reason: "blank row"})
			continue
		case strings.EqualFold(name, "total"):
			sh.Skipped = append(sh.Skipped, vsm.SkippedRow{Row: rowNum, Reason: `a "Total" row`})
			continue
		case name == "":
			sh.Skipped = append(sh.Skipped, vsm.SkippedRow{Row: rowNum, Reason: "no stage name"})
			continue
		}
		st := vsm.NewStage(name)
		ok := true
		for i, cell := range row {
			cell = strings.TrimSpace(cell)
			bad := func(msg string) {
				sh.Problems = append(sh.Problems, vsm.SheetProblem{Sheet: sheet, Row: rowNum, Column: f.cols[i].header, Value: cell, Message: msg})
				ok = false
			}
			switch field[i] {
			case vsm.WaitColumn, vsm.ProcessColumn:
				if cell == "" {
					continue
				}
				unit := opt.Unit
				if u := f.cols[i].unit; u != nil {
					unit = *u
				}
				h, err := vsm.ParseDuration(cell, unit, opt.Calendar)
				if err != nil {
					bad("is not a duration")
					continue
				}
				if field[i] == vsm.WaitColumn {
					st.WaitHours = h
				} else {
					st.ProcessHours = h
				}
			case vsm.CompleteAccurateColumn:
				if cell == "" {
					continue
				}
				ca, err := vsm.ParseCompleteAccurate(cell)
				if err != nil {
					bad("is not a percentage")
					continue
				}
				st.CompleteAccurate = ca
			case vsm.TeamColumn:
				st.Team = cell
			case vsm.NotesColumn:
				st.Notes = cell
			}
		}
		if ok {
			sh.Stages = append(sh.Stages, st)
			sh.StageRows = append(sh.StageRows, rowNum)
		}
	}
	if len(sh.Problems) > 0 {
		return sh, fmt.Errorf("%s: %s", path, sh.Problems[0].Message)
	}
	return sh, nil
}

// messySheet is a team's sheet as it comes: a title above the header, units
// in one header only, a column Flowmap does not know ("Touch"), a value that
// is not a duration, a blank row and a total row.
func messySheet() *fakeSheet {
	days := vsm.Days
	return &fakeSheet{
		sheets:    []string{"Q3 delivery", "Notes"},
		headerRow: 3,
		cols: []fakeCol{
			{header: "Step", field: vsm.NameColumn},
			{header: "Wait (days)", field: vsm.WaitColumn, unit: &days},
			{header: "PT", field: vsm.ProcessColumn},
			{header: "Touch", field: vsm.IgnoredColumn},
			{header: "%C&A", field: vsm.CompleteAccurateColumn},
			{header: "Owner", field: vsm.TeamColumn},
		},
		rows: [][]string{
			{"Refine", "2", "1.5", "30m", "80%", "Product"},
			{"Build", "1", "6", "4h", "90", "Dev"},
			{"Test", "3", "two", "1h", "75%", "QA"},
			{"", "", "", "", "", ""},
			{"Deploy", "0.5", "1", "15m", "95%", "Ops"},
			{"Total", "6.5", "", "", "", ""},
		},
	}
}

// cleanSheet is messySheet with the bad value corrected.
func cleanSheet() *fakeSheet {
	f := messySheet()
	f.rows[2][2] = "2"
	return f
}

// setup makes a window, a host on it and an importer with the given store
// and reader.
func setup(t *testing.T, st *fakeStore, deps Deps) (*Importer, *fakeHost) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("main window"))
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1280, 860))
	h := &fakeHost{win: w, release: make(chan struct{}), reads: make(chan struct{}, 16)}
	if st == nil {
		st = newFakeStore()
	}
	deps.Store = st
	if read := deps.ReadSheet; read != nil {
		deps.ReadSheet = func(path string, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
			<-h.release
			return read(path, opt)
		}
	}
	if read := deps.ReadEventLog; read != nil {
		deps.ReadEventLog = func(path string, opt vsm.EventLogOptions) (*vsm.EventLogStats, error) {
			<-h.release
			return read(path, opt)
		}
	}
	if deps.Now == nil {
		deps.Now = func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }
	}
	im := New(h, deps)
	im.progressDelay = 0
	im.readFinished = func() { h.reads <- struct{}{} }
	return im, h
}

// openPreview opens the preview of path and waits for its first read.
func openPreview(t *testing.T, im *Importer, h *fakeHost, path string) *preview {
	t.Helper()
	p := im.showPreview(path)
	h.waitRead(t)
	return p
}

// walk visits o and everything inside it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		if r == nil {
			return
		}
		for _, c := range r.Objects() {
			walk(c, visit)
		}
	}
}

// topOverlay is the dialog on top of the window.
func topOverlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// find returns every object of type T in the top dialog.
func find[T fyne.CanvasObject](t *testing.T, w fyne.Window) []T {
	t.Helper()
	var out []T
	walk(topOverlay(t, w), func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
	})
	return out
}

// button is the button labelled text in the top dialog.
func button(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, b := range find[*widget.Button](t, w) {
		if b.Text == text || strings.HasPrefix(b.Text, text) {
			return b
		}
	}
	t.Fatalf("no button %q in the dialog", text)
	return nil
}

// texts is every label and rich text in the top dialog, joined by newlines.
func texts(t *testing.T, w fyne.Window) string {
	t.Helper()
	var parts []string
	walk(topOverlay(t, w), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			parts = append(parts, x.Text)
		case *widget.RichText:
			parts = append(parts, x.String())
		case *widget.Check:
			parts = append(parts, x.Text)
		}
	})
	return strings.Join(parts, "\n")
}

func mustContain(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("%s lacks %q; it says:\n%s", what, s, text)
		}
	}
}

func mustEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func errText(errs []error) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "; ")
}

var errBoom = errors.New("boom")
