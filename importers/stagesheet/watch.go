package stagesheet

import (
	"fmt"
	"time"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// progressEvery throttles SheetOptions.Progress to about 20 calls a second.
const progressEvery = 50 * time.Millisecond

// watch reports how far a read has come and stops it when the caller
// cancels (SheetOptions.Progress and Cancel).
type watch struct {
	file     string
	progress func(done, total int64)
	cancel   <-chan struct{}
	total    int64 // rows of the sheet as its dimension says, 0 when unknown
	last     time.Time
}

func newWatch(name string, opt vsm.SheetOptions) *watch {
	return &watch{file: table.FileName(name), progress: opt.Progress, cancel: opt.Cancel}
}

// check returns an error wrapping vsm.ErrCanceled once the read is canceled.
func (w *watch) check() error {
	if w.cancel == nil {
		return nil
	}
	select {
	case <-w.cancel:
		return fmt.Errorf("%s: stage sheet import %w", w.file, vsm.ErrCanceled)
	default:
		return nil
	}
}

// rows reports done rows read (of w.total) and checks for a cancel.
func (w *watch) rows(done int) error {
	if w.progress != nil && time.Since(w.last) >= progressEvery {
		w.last = time.Now()
		total := w.total
		if total > 0 && int64(done) > total {
			total = int64(done) // the dimension was short: still a total
		}
		w.progress(int64(done), total)
	}
	return w.check()
}

// finished reports the last count, done == total.
func (w *watch) finished(rows int) {
	if w.progress != nil {
		n := max(w.total, int64(rows))
		w.progress(n, n)
	}
}
