package importui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// units offered for numbers without a unit, as vsm.Unit.String writes them.
var bareUnits = []vsm.Unit{vsm.Minutes, vsm.Hours, vsm.Days, vsm.Weeks}

// The stage table's columns.
var previewCols = []tableColumn{
	{"Row", 52}, {"Stage", 190}, {"Wait", 92}, {"Process", 92}, {"Lead", 92},
	{"%C&A", 64}, {"People", 64}, {"Team", 110}, {"Waste", 150},
}

// preview is the import preview dialog of one file: the stages as the reader
// understood them, what each column feeds, the rows skipped and the problems.
// Every choice (sheet, unit, a column's meaning) reads the file again.
type preview struct {
	im   *Importer
	path string
	opt  vsm.SheetOptions
	cal  vsm.Calendar // the calendar durations are read and shown in
	sh   *vsm.SheetPreview
	err  error
	// shownOpt are the options p.sh was read with; a canceled read puts
	// them back.
	shownOpt vsm.SheetOptions
	// reads counts the reads started: a read's result is shown only while
	// it is the latest. cancelRead stops the one under way.
	reads      int
	cancelRead func()
	shown      bool // the preview dialog has been shown

	dlg        *dialog.CustomDialog
	source     *widget.Label
	sheetSel   *widget.Select
	unitSel    *widget.Select
	layoutInfo *widget.Label
	stagesHead *widget.Label
	table      *widget.Table
	columns    *fyne.Container
	skipHead   *widget.Label
	skipped    *fyne.Container
	probHead   *widget.Label
	problems   *fyne.Container
	verdict    *widget.Label
	newBtn     *widget.Button
	updateBtn  *widget.Button
	eventBtn   *widget.Button
	split      *container.Split
	colSel     map[int]*widget.Select // column index -> its meaning picker
	quiet      bool                   // set while widgets are filled in code
	closed     bool
}

// ShowPreview reads the stage sheet at path and shows the import preview.
func (im *Importer) ShowPreview(path string) { im.showPreview(path) }

func (im *Importer) showPreview(path string) *preview {
	if im.deps.ReadSheet == nil {
		im.host.ShowError(fmt.Errorf("cannot import %s: this build of Flowmap does not read spreadsheets", filepath.Base(path)))
		return nil
	}
	p := &preview{im: im, path: path, cal: calendarOf(im.host.CurrentMap())}
	p.opt.Calendar = p.cal
	p.build()
	p.read()
	return p
}

func (p *preview) build() {
	p.source = widget.NewLabel("")
	p.sheetSel = widget.NewSelect(nil, func(s string) {
		if p.quiet || s == p.sh.Sheet {
			return
		}
		p.opt.Sheet = s
		p.opt.Columns = nil // column numbers belong to the sheet they were chosen on
		p.read()
	})
	unitNames := make([]string, len(bareUnits))
	for i, u := range bareUnits {
		unitNames[i] = u.String()
	}
	p.unitSel = widget.NewSelect(unitNames, func(s string) {
		if p.quiet {
			return
		}
		u, err := vsm.ParseUnit(s)
		if err != nil {
			return
		}
		p.opt.Unit, p.opt.UnitSet = u, true
		p.read()
	})
	reload := widget.NewButtonWithIcon("Read again", theme.ViewRefreshIcon(), p.read)
	p.layoutInfo = widget.NewLabel("")
	p.layoutInfo.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(
		container.NewHBox(p.source, p.sheetSel, layout.NewSpacer(),
			widget.NewLabel("Numbers without a unit are"), p.unitSel, reload),
		p.layoutInfo,
	)

	p.stagesHead = heading("")
	p.table = newTextTable(previewCols, func() int { return len(p.stages()) }, p.cellText)
	stages := container.NewBorder(p.stagesHead, nil, nil, nil, p.table)

	p.columns = container.NewVBox()
	cols := container.NewBorder(heading("Which column feeds which field"), nil, nil, nil, container.NewVScroll(p.columns))
	p.skipHead = heading("")
	p.skipped = container.NewVBox()
	p.probHead = heading("")
	p.problems = container.NewVBox()
	notes := container.NewGridWithRows(2,
		container.NewBorder(p.probHead, nil, nil, nil, container.NewVScroll(p.problems)),
		container.NewBorder(p.skipHead, nil, nil, nil, container.NewVScroll(p.skipped)),
	)
	details := container.NewGridWithColumns(2, cols, notes)

	p.verdict = widget.NewLabel("")
	p.verdict.Wrapping = fyne.TextWrapWord
	p.eventBtn = widget.NewButton("Read as an event log…", func() {
		p.close()
		p.im.ImportEventLog(p.path)
	})
	cancel := widget.NewButton("Cancel", p.close)
	p.updateBtn = widget.NewButtonWithIcon("Update current map…", theme.ViewRefreshIcon(), p.showUpdate)
	p.newBtn = widget.NewButtonWithIcon("Import as new map…", theme.DocumentCreateIcon(), p.askNewName)
	p.newBtn.Importance = widget.HighImportance
	buttons := container.NewHBox(p.eventBtn, layout.NewSpacer(), cancel, p.updateBtn, p.newBtn)
	bottom := container.NewVBox(widget.NewSeparator(), p.verdict, buttons)

	p.split = container.NewVSplit(stages, details)
	center := p.split
	body := container.NewBorder(top, bottom, nil, nil, center)
	p.dlg = dialog.NewCustomWithoutButtons("Import "+filepath.Base(p.path), body, p.im.host.Window())
	p.dlg.Resize(dialogSize(p.im.host.Window(), fyne.NewSize(1160, 760)))
}

func (p *preview) close() {
	p.closed = true
	if p.cancelRead != nil {
		p.cancelRead()
	}
	p.dlg.Hide()
}
