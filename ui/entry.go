package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// editEntry is the text field of every editable value: a stage table cell, a
// map setting, the library search. Its text is committed when focus leaves
// or Enter is pressed, never per keystroke, so a half-typed "2 d" is not saved
// and undo steps are whole values. It passes the app's shortcuts and keys
// (F11, F1, Escape) on, so they work wherever the focus is.
type editEntry struct {
	widget.Entry

	app     *App
	shown   string // the text of the value as committed; Text differs while typing
	err     error  // why the typed text was refused; nil when it was not
	focused bool

	commit  func(e *editEntry)                         // nil: nothing to commit
	onFocus func(e *editEntry)                         // after focus arrives
	onKey   func(e *editEntry, ev *fyne.KeyEvent) bool // true: handled
	onError func(e *editEntry)                         // err changed
}

func newEditEntry(a *App) *editEntry {
	e := &editEntry{app: a}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) {
		if e.commit != nil {
			e.commit(e)
		}
	}
	return e
}

// dirty reports whether the person typed something not yet committed.
func (e *editEntry) dirty() bool { return e.Text != e.shown }

// show sets the committed value's text, unless the person is typing in the
// field or it holds a refused value they have not dealt with yet.
func (e *editEntry) show(text string, force bool) {
	if !force && e.dirty() && (e.focused || e.err != nil) {
		return
	}
	if e.err != nil {
		e.err = nil
		if e.onError != nil {
			e.onError(e)
		}
	}
	if e.Text != text {
		e.SetText(text)
	}
	e.shown = text
}

// setErr records why the typed text was refused (nil clears it).
func (e *editEntry) setErr(err error) {
	if err == nil && e.err == nil {
		return
	}
	e.err = err
	if e.onError != nil {
		e.onError(e)
	}
}

// revert puts back the committed text and forgets a refusal.
func (e *editEntry) revert() {
	e.SetText(e.shown)
	e.setErr(nil)
}

// FocusGained selects the whole value, so typing replaces it as in a spreadsheet.
func (e *editEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused = true
	if !e.MultiLine {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	if e.onFocus != nil {
		e.onFocus(e)
	}
}

// FocusLost commits what was typed.
func (e *editEntry) FocusLost() {
	if !e.MultiLine {
		// Show a long value from its start again, not where the cursor left it.
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	}
	e.Entry.FocusLost()
	e.focused = false
	if e.commit != nil {
		e.commit(e)
	}
}

// TypedKey handles Escape (drop the typing), F11 (workshop mode) and F1
// (shortcuts) before the entry's own keys.
func (e *editEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(e, ev) {
		return
	}
	if ev.Name == fyne.KeyEscape && (e.dirty() || e.err != nil) {
		e.revert()
		return
	}
	if e.app != nil && e.app.handleKey(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut gives the app's shortcuts (undo, add stage, ...) priority over
// the entry's own.
func (e *editEntry) TypedShortcut(s fyne.Shortcut) {
	if e.app != nil && e.app.handleShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
