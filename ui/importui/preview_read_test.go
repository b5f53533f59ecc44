package importui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// slowSheet is a stage-sheet reader the test drives through channels, as a
// large workbook would take its time: it announces each read, reports
// progress or returns when told, and returns ErrCanceled once Cancel closes.
type slowSheet struct {
	started chan vsm.SheetOptions
	steps   chan func(vsm.SheetOptions) (*vsm.SheetPreview, bool, error)
	acked   chan struct{}
	sheet   *fakeSheet
}

func newSlowSheet() *slowSheet {
	return &slowSheet{started: make(chan vsm.SheetOptions), steps: make(chan func(vsm.SheetOptions) (*vsm.SheetPreview, bool, error)),
		acked: make(chan struct{}), sheet: cleanSheet()}
}

func (s *slowSheet) read(path string, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
	s.started <- opt
	for {
		select {
		case step := <-s.steps:
			if sh, final, err := step(opt); final {
				return sh, err
			}
			s.acked <- struct{}{}
		case <-opt.Cancel:
			return &vsm.SheetPreview{File: path}, fmt.Errorf("%s: %w", path, ErrCanceled)
		}
	}
}

// progress makes the reader report done of total rows and waits until it has.
func (s *slowSheet) progress(done, total int64) {
	s.steps <- func(opt vsm.SheetOptions) (*vsm.SheetPreview, bool, error) {
		opt.Progress(done, total)
		return nil, false, nil
	}
	<-s.acked
}

// finish makes the reader return the clean sheet read with its options.
func (s *slowSheet) finish(path string) {
	s.steps <- func(opt vsm.SheetOptions) (*vsm.SheetPreview, bool, error) {
		sh, err := s.sheet.read(path, opt)
		return sh, true, err
	}
}

func slowSetup(t *testing.T) (*Importer, *fakeHost, *slowSheet) {
	t.Helper()
	s := newSlowSheet()
	im, h := setup(t, nil, Deps{ReadSheet: s.read})
	im.deps.ReadSheet = s.read // it keeps its own pace through its channels
	return im, h, s
}

// A stage sheet is read off the UI goroutine: a progress dialog with Cancel
// shows the rows read, and a cancel opens no preview and says nothing.
func TestPreviewReadShowsProgressAndCancels(t *testing.T) {
	im, h, s := slowSetup(t)
	p := im.showPreview("/data/big.xlsx")
	opt := <-s.started
	if opt.Cancel == nil || opt.Progress == nil {
		t.Fatal("the sheet is read without a way to cancel or to report progress")
	}
	mustContain(t, "progress dialog", texts(t, h.win), "Reading big.xlsx…")
	s.progress(40_000, 100_000)
	bars := find[*widget.ProgressBar](t, h.win)
	if len(bars) != 1 || bars[0].Value != 0.4 {
		t.Fatalf("progress bars %v, want one at 0.4", bars)
	}
	mustContain(t, "progress", texts(t, h.win), "40,000 of 100,000 rows (40%)")
	s.progress(52_000, 0) // a workbook that does not say its size
	mustContain(t, "progress", texts(t, h.win), "52,000 rows read")

	test.Tap(button(t, h.win, "Cancel"))
	<-h.reads
	if len(h.errs) != 0 || !p.closed || p.shown {
		t.Errorf("after a cancel: errors %s, closed %v, shown %v", errText(h.errs), p.closed, p.shown)
	}
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is still open after the cancel:\n%s", texts(t, h.win))
	}
}

// A read again (another unit) that is canceled keeps what the preview shows,
// and the pickers go back to the options it was read with.
func TestPreviewCanceledReadAgainKeepsThePreview(t *testing.T) {
	im, h, s := slowSetup(t)
	p := im.showPreview("team.xlsx")
	<-s.started
	s.finish("team.xlsx")
	<-h.reads
	mustContain(t, "preview", texts(t, h.win), "Stages as understood (4)", "1h 30m")

	p.unitSel.SetSelected("days")
	if opt := <-s.started; opt.Unit != vsm.Days || !opt.UnitSet {
		t.Fatalf("read again with unit %v (set %v)", opt.Unit, opt.UnitSet)
	}
	test.Tap(button(t, h.win, "Cancel"))
	<-h.reads
	mustEqual(t, "unit picker", p.unitSel.Selected, "hours")
	mustContain(t, "the table, still in hours", tableTexts(p.table), "Refine|2d|1h 30m|")
	if p.closed || len(h.errs) != 0 {
		t.Errorf("closed %v, errors %s", p.closed, errText(h.errs))
	}
}
