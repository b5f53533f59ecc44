package importui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// eventImport is one event-log import: read with a progress bar, map the
// statuses of a transition log, show the statistics and build a map.
type eventImport struct {
	im   *Importer
	path string
	opt  vsm.EventLogOptions // Mapping and the calendar; Progress and Cancel are per read
	// proposals are the roles the reader proposed on the first read, for
	// "Proposed roles" in the mapping dialog.
	proposals *vsm.StatusMapping
	log       *vsm.EventLogStats
	result    *resultView
	progress  *progressDialog // the read under way, if any
}

// ImportEventLog reads the event log at path and shows what it measured.
func (im *Importer) ImportEventLog(path string) { im.importEventLog(path) }

func (im *Importer) importEventLog(path string) *eventImport {
	if im.deps.ReadEventLog == nil {
		im.host.ShowError(fmt.Errorf("cannot import %s: this build of Flowmap does not read event logs", filepath.Base(path)))
		return nil
	}
	ei := &eventImport{im: im, path: path}
	ei.opt.Calendar.HoursPerDay = calendarOf(im.host.CurrentMap()).HoursPerDay
	ei.opt.KeepSamples = true // for the distribution view
	ei.read(func(log *vsm.EventLogStats) {
		if log.Shape == vsm.ShapeTransitions && len(log.Statuses) > 0 {
			ei.proposals = log.Mapping
			ei.showMapping(log)
			return
		}
		ei.showResult(log)
	})
	return ei
}

// read reads the log in a goroutine behind a progress dialog with Cancel,
// then calls then on the UI goroutine. Errors are shown; a cancel is not an
// error.
func (ei *eventImport) read(then func(*vsm.EventLogStats)) {
	cancel := make(chan struct{})
	var once sync.Once
	pd := newProgressDialog(ei.im.host.Window(), "Import event log", "Reading "+filepath.Base(ei.path)+" and measuring every stage…",
		strings.EqualFold(filepath.Ext(ei.path), ".xlsx"), func() { once.Do(func() { close(cancel) }) })
	ei.progress = pd
	opt := ei.opt
	opt.Cancel = cancel
	opt.Progress = func(done, total int64) {
		fyne.Do(func() { pd.set(done, total) })
	}
	pd.showAfter(ei.im.progressDelay)
	read := ei.im.deps.ReadEventLog
	go func() {
		log, err := read(ei.path, opt)
		fyne.Do(func() {
			pd.hide()
			ei.progress = nil
			switch {
			case errors.Is(err, ErrCanceled) || (err != nil && pd.wasCanceled()):
				// The person asked for it: nothing to say.
			case err != nil:
				ei.im.host.ShowError(fmt.Errorf("import %s: %w", filepath.Base(ei.path), err))
			case log == nil:
				ei.im.host.ShowError(fmt.Errorf("import %s: the reader returned nothing", filepath.Base(ei.path)))
			default:
				then(log)
			}
			if f := ei.im.readFinished; f != nil {
				f()
			}
		})
	}()
}
