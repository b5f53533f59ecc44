package importui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
)

// progressDialog shows how far a read has come, with a Cancel button.
type progressDialog struct {
	d        *dialog.CustomDialog
	bar      *widget.ProgressBar
	busy     *widget.ProgressBarInfinite // while the total is unknown
	detail   *widget.Label
	cancel   *widget.Button
	rows     bool // progress counts rows, not bytes
	canceled bool
	finished bool // the read is over: a late show does nothing
}

// newProgressDialog is a progress dialog titled title that says text above
// the bar; Cancel calls cancel, which must stop the read.
func newProgressDialog(win fyne.Window, title, text string, rows bool, cancel func()) *progressDialog {
	pd := &progressDialog{rows: rows}
	pd.bar = widget.NewProgressBar()
	pd.bar.Hide()
	pd.busy = widget.NewProgressBarInfinite()
	pd.detail = widget.NewLabel("Starting…")
	pd.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		// Widgets first: once the channel is closed the reader returns and
		// the dialog goes.
		pd.canceled = true
		pd.cancel.Disable()
		pd.detail.SetText("Canceling…")
		cancel()
	})
	what := widget.NewLabel(text)
	what.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(what, container.NewStack(pd.bar, pd.busy), pd.detail, container.NewHBox(layout.NewSpacer(), pd.cancel))
	pd.d = dialog.NewCustomWithoutButtons(title, container.New(uikit.MinWidth(460), body), win)
	return pd
}

// show shows the dialog, unless the read is already over.
func (pd *progressDialog) show() {
	if !pd.finished {
		pd.d.Show()
	}
}

// showAfter shows the dialog once the read has taken delay (at once for 0):
// a quick read shows none.
func (pd *progressDialog) showAfter(delay time.Duration) {
	if delay <= 0 {
		pd.show()
		return
	}
	time.AfterFunc(delay, func() { fyne.Do(pd.show) })
}

func (pd *progressDialog) hide() {
	pd.finished = true
	pd.busy.Stop()
	pd.d.Hide()
}

func (pd *progressDialog) wasCanceled() bool { return pd.canceled }

// set shows done of total (bytes of a CSV, rows of a workbook).
func (pd *progressDialog) set(done, total int64) {
	if pd.canceled {
		return
	}
	if total > 0 {
		if pd.busy.Visible() {
			pd.busy.Stop()
			pd.busy.Hide()
			pd.bar.Show()
		}
		pd.bar.SetValue(min(float64(done)/float64(total), 1))
	}
	pd.detail.SetText(progressText(done, total, pd.rows))
}

// progressText is "12.5 of 55.0 MB (23%)" or "40,000 of 100,000 rows (40%)".
func progressText(done, total int64, rows bool) string {
	pct := ""
	if total > 0 {
		pct = fmt.Sprintf(" (%d%%)", min(done*100/total, 100))
	}
	if rows {
		if total > 0 {
			return fmt.Sprintf("%s of %s rows%s", fmtInt(done), fmtInt(total), pct)
		}
		return fmtInt(done) + " rows read"
	}
	mb := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }
	if total > 0 {
		return fmt.Sprintf("%s of %s MB%s", mb(done), mb(total), pct)
	}
	return mb(done) + " MB read"
}
