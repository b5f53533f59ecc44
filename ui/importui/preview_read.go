package importui

import (
	"errors"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// read reads the file again with the current options and shows the result.
func (p *preview) read() { p.readThen(nil) }

// readThen reads the file with the current options in a goroutine, behind a
// progress dialog with Cancel (shown when the read takes a while), and shows
// the result on the UI goroutine; the first read opens the preview. then,
// when not nil, runs after the result is shown. A read started while another
// runs cancels that one. A canceled first read opens nothing; a later one
// puts back the options of what is shown.
func (p *preview) readThen(then func()) {
	if p.cancelRead != nil {
		p.cancelRead()
	}
	p.reads++
	n := p.reads
	cancel := make(chan struct{})
	var once sync.Once
	stop := func() { once.Do(func() { close(cancel) }) }
	p.cancelRead = stop
	pd := newProgressDialog(p.im.host.Window(), "Import spreadsheet", "Reading "+filepath.Base(p.path)+"…", true, stop)
	opt := p.opt
	opt.Cancel = cancel
	opt.Progress = func(done, total int64) {
		fyne.Do(func() { pd.set(done, total) })
	}
	pd.showAfter(p.im.progressDelay)
	read := p.im.deps.ReadSheet
	go func() {
		sh, err := read(p.path, opt)
		fyne.Do(func() {
			pd.hide()
			if n == p.reads {
				p.cancelRead = nil
				p.finishRead(sh, err, pd.wasCanceled(), then)
			}
			if f := p.im.readFinished; f != nil {
				f()
			}
		})
	}()
}

// finishRead shows what a read gave, on the UI goroutine.
func (p *preview) finishRead(sh *vsm.SheetPreview, err error, canceled bool, then func()) {
	if p.closed {
		return
	}
	if canceled || errors.Is(err, ErrCanceled) {
		if !p.shown {
			p.closed = true
			return
		}
		p.opt = p.shownOpt
		p.show()
		return
	}
	if sh == nil {
		sh = &vsm.SheetPreview{File: p.path}
		if err == nil {
			err = errors.New("the reader returned no preview")
		}
	}
	p.sh, p.err, p.shownOpt = sh, err, p.opt
	p.show()
	if !p.shown {
		p.shown = true
		p.dlg.Show()
	}
	if then != nil {
		then()
	}
}
