package importui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
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
	opt  SheetOptions
	cal  vsm.Calendar // the calendar durations are read and shown in
	sh   *Sheet
	err  error

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
	p.dlg.Show()
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

// tableColumn is a column of a read-only text table: its header and width.
type tableColumn struct {
	title string
	width float32
}

// newTextTable is a read-only table of cols with a bold header row; rows
// counts the rows and text gives a cell's text.
func newTextTable(cols []tableColumn, rows func() int, text func(row, col int) string) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(text(id.Row, id.Col))
		},
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (p *preview) close() {
	p.closed = true
	p.dlg.Hide()
}

// read reads the file with the current options and shows the result.
func (p *preview) read() {
	sh, err := p.im.deps.ReadSheet(p.path, p.opt)
	if sh == nil {
		sh = &Sheet{File: p.path}
	}
	if err == nil && sh.Build == nil {
		err = errors.New("the reader returned no stages")
	}
	p.sh, p.err = sh, err
	p.show()
}

func (p *preview) stages() []vsm.Stage {
	if p.sh == nil {
		return nil
	}
	return p.sh.Stages
}

// cellText is the stage table's text at (row, col).
func (p *preview) cellText(row, col int) string {
	st := p.stages()
	if row < 0 || row >= len(st) {
		return ""
	}
	s := st[row]
	switch col {
	case 0:
		if row < len(p.sh.StageRows) {
			return strconv.Itoa(p.sh.StageRows[row])
		}
		return ""
	case 1:
		return s.Name
	case 2:
		return fmtDur(s.WaitHours, p.cal)
	case 3:
		return fmtDur(s.ProcessHours, p.cal)
	case 4:
		return fmtDur(s.LeadHours(), p.cal)
	case 5:
		return fmtPct(s.CompleteAccurate)
	case 6:
		return uikit.Number(s.People)
	case 7:
		return s.Team
	case 8:
		return wasteText(s.Waste)
	}
	return ""
}

// show fills every part of the dialog from p.sh and p.err.
func (p *preview) show() {
	p.quiet = true
	defer func() { p.quiet = false }()
	sh := p.sh

	switch {
	case sh.Format == "csv":
		desc := "CSV"
		if sh.Encoding != "" {
			desc += " · " + sh.Encoding
		}
		if sh.Delimiter != "" {
			desc += " · " + sh.Delimiter + "-separated"
		}
		p.source.SetText(desc)
		p.sheetSel.Hide()
	case len(sh.Sheets) > 1:
		p.source.SetText("Sheet")
		p.sheetSel.Options = sh.Sheets
		p.sheetSel.SetSelected(sh.Sheet)
		p.sheetSel.Show()
	case sh.Sheet != "":
		p.source.SetText(fmt.Sprintf("Sheet “%s”", sh.Sheet))
		p.sheetSel.Hide()
	default:
		p.source.SetText(filepath.Base(p.path))
		p.sheetSel.Hide()
	}
	p.unitSel.SetSelected(p.opt.Unit.String())

	var info []string
	if sh.Layout != "" {
		info = append(info, "Layout: "+sh.Layout)
	}
	if sh.HeaderRow > 0 {
		info = append(info, fmt.Sprintf("column names in row %d", sh.HeaderRow))
	}
	info = append(info, fmt.Sprintf("durations on a %s-hour day", uikit.Number(p.cal.HoursPerDay)))
	p.layoutInfo.SetText(strings.Join(info, " · "))

	p.stagesHead.SetText(fmt.Sprintf("Stages as understood (%d)", len(sh.Stages)))
	// The table takes what its rows need, between a third and 60% of the
	// height: a short sheet leaves room for the columns and problems.
	p.split.SetOffset(min(max((float64(len(sh.Stages)+1)*40+50)/520, 0.3), 0.6))
	p.table.Refresh()
	p.table.ScrollToTop()

	p.showColumns()
	p.showSkipped()
	p.showProblems()
	p.showVerdict()
}

func (p *preview) showColumns() {
	p.columns.RemoveAll()
	p.colSel = map[int]*widget.Select{}
	if len(p.sh.Columns) == 0 {
		l := widget.NewLabel("No column names were found, so no column has a meaning yet.")
		l.Wrapping = fyne.TextWrapWord
		p.columns.Add(l)
		return
	}
	labels := make([]string, len(p.im.deps.Fields))
	for i, f := range p.im.deps.Fields {
		labels[i] = f.Label
	}
	for _, c := range p.sh.Columns {
		head := strings.TrimSpace(c.Header)
		if head == "" {
			head = "(no name)"
		}
		title := widget.NewLabelWithStyle(fmt.Sprintf("%s  “%s”", c.Letter, head), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		detail := widget.NewLabel(p.columnDetail(c))
		detail.Wrapping = fyne.TextWrapWord
		detail.SizeName = theme.SizeNameCaptionText
		idx := c.Index
		sel := widget.NewSelect(labels, func(label string) {
			if p.quiet {
				return
			}
			id := p.fieldID(label)
			if id == "" {
				return
			}
			if p.opt.Columns == nil {
				p.opt.Columns = map[int]string{}
			}
			p.opt.Columns[idx] = id
			p.read()
		})
		sel.SetSelected(p.fieldLabel(c.Field))
		p.colSel[idx] = sel
		// Tight lines: a sheet has many columns and the list should show
		// most of them without scrolling.
		text := container.New(layout.NewCustomPaddedVBoxLayout(-14), title)
		if detail.Text != "" {
			text.Add(detail)
		}
		row := container.NewBorder(nil, nil, nil, container.New(uikit.MinWidth(170), container.NewVBox(sel)), text)
		p.columns.Add(row)
	}
}

// columnDetail says where the column's unit came from and why it is
// ignored, if it is.
func (p *preview) columnDetail(c Column) string {
	var parts []string
	switch c.Field {
	case FieldProcess, FieldWait, FieldLead:
		if c.UnitFromHeader {
			parts = append(parts, "numbers in "+c.Unit+", as the column name says")
		} else {
			parts = append(parts, "numbers without a unit read as "+c.Unit)
		}
	}
	if c.Chosen {
		parts = append(parts, "meaning chosen by you")
	}
	if c.Note != "" {
		parts = append(parts, c.Note)
	}
	return strings.Join(parts, "; ")
}

func (p *preview) fieldLabel(id string) string {
	for _, f := range p.im.deps.Fields {
		if f.ID == id {
			return f.Label
		}
	}
	return id
}

func (p *preview) fieldID(label string) string {
	for _, f := range p.im.deps.Fields {
		if f.Label == label {
			return f.ID
		}
	}
	return ""
}

// maxListed bounds the rows listed of skipped rows and problems: past a few
// hundred a list helps nobody, the count says the rest.
const maxListed = 200

func (p *preview) showSkipped() {
	sk := p.sh.Skipped
	p.skipHead.SetText(fmt.Sprintf("Rows skipped (%d)", len(sk)))
	p.skipped.RemoveAll()
	if len(sk) == 0 {
		p.skipped.Add(quietLabel("No rows were skipped."))
		return
	}
	for i, s := range sk {
		if i == maxListed {
			p.skipped.Add(quietLabel(fmt.Sprintf("… and %d more", len(sk)-maxListed)))
			break
		}
		p.skipped.Add(richLine(fmt.Sprintf("Row %d: ", s.Row), s.Reason, false))
	}
}

func (p *preview) showProblems() {
	pr := p.sh.Problems
	n := len(pr) + p.sh.MoreProblems
	p.probHead.SetText(fmt.Sprintf("Problems (%d)", n))
	p.problems.RemoveAll()
	if n == 0 && p.err != nil {
		p.probHead.SetText("Problems (1)")
		p.problems.Add(richLine("The file: ", p.err.Error(), true))
	}
	for i, x := range pr {
		if i == maxListed {
			break
		}
		p.problems.Add(richLine(problemPlace(x)+": ", problemText(x), true))
	}
	if more := n - min(len(pr), maxListed); more > 0 && len(pr) > 0 {
		p.problems.Add(quietLabel(fmt.Sprintf("… and %d more problems", more)))
	}
	for _, w := range p.sh.Warnings {
		p.problems.Add(richLine("Check: ", w, false))
	}
	if n == 0 && len(p.sh.Warnings) == 0 && p.err == nil {
		p.problems.Add(quietLabel("No problems: every value was understood."))
	}
}

// problemPlace is where a problem is: "Sheet “Q3”, row 7, column “Wait”".
func problemPlace(x Problem) string {
	var parts []string
	if x.Sheet != "" {
		parts = append(parts, fmt.Sprintf("sheet “%s”", x.Sheet))
	}
	if x.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", x.Row))
	}
	if x.Column != "" {
		parts = append(parts, fmt.Sprintf("column “%s”", x.Column))
	}
	if len(parts) == 0 {
		return "The sheet"
	}
	s := strings.Join(parts, ", ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// problemText is the value and what is wrong with it.
func problemText(x Problem) string {
	if x.Value == "" {
		return x.Message
	}
	return strconv.Quote(x.Value) + " " + x.Message
}

func quietLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// richLine is a wrapped line with a bold lead-in; bad colours it as an error.
func richLine(lead, text string, bad bool) *widget.RichText {
	strong := widget.RichTextStyleStrong
	plain := widget.RichTextStyleInline
	if bad {
		strong.ColorName = theme.ColorNameError
	}
	rt := widget.NewRichText(
		&widget.TextSegment{Text: lead, Style: strong},
		&widget.TextSegment{Text: text, Style: plain},
	)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// importable reports whether the sheet can be imported as it was read.
func (p *preview) importable() bool {
	return p.err == nil && len(p.sh.Problems) == 0 && p.sh.Build != nil && len(p.sh.Stages) > 0
}

func (p *preview) showVerdict() {
	sh := p.sh
	n := len(sh.Problems) + sh.MoreProblems
	ok := p.importable()
	switch {
	case n > 0:
		p.verdict.SetText(fmt.Sprintf("Import is off: %s in the file. Correct the values in the spreadsheet and press Read again, or pick another meaning for a column that was misread.",
			plural(n, "problem")))
	case p.err != nil && sh.NoHeader && p.im.deps.ReadEventLog != nil:
		p.verdict.SetText("Import is off: no row looks like the column names of a stage sheet. If this file is an event log of work items, read it as one.")
	case p.err != nil:
		p.verdict.SetText("Import is off: " + p.err.Error())
	case !ok:
		p.verdict.SetText("Import is off: the sheet holds no stages.")
	default:
		msg := plural(len(sh.Stages), "stage") + " ready to import"
		if len(sh.Skipped) > 0 {
			msg += fmt.Sprintf(" (%s skipped, see the list)", plural(len(sh.Skipped), "row"))
		}
		p.verdict.SetText(msg + ".")
	}
	if ok {
		p.verdict.Importance = widget.SuccessImportance
	} else {
		p.verdict.Importance = widget.DangerImportance
	}
	p.verdict.Refresh()
	enable(p.newBtn, ok)
	cur := p.im.host.CurrentMap()
	enable(p.updateBtn, ok && cur != nil)
	if cur != nil {
		p.updateBtn.SetText(fmt.Sprintf("Update “%s”…", shorten(cur.Name, 30)))
	}
	if sh.NoHeader && p.im.deps.ReadEventLog != nil {
		p.eventBtn.Show()
	} else {
		p.eventBtn.Hide()
	}
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// --- import as a new map ---

// askNewName asks for the new map's name and creates it; a taken name keeps
// the dialog open and says so.
func (p *preview) askNewName() {
	if !p.importable() {
		return
	}
	win := p.im.host.Window()
	entry := widget.NewEntry()
	entry.SetText(nameFromFile(p.path))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var d *dialog.CustomDialog
	submit := func() {
		name := strings.TrimSpace(entry.Text)
		if name == "" {
			problem.SetText("A map needs a name.")
			problem.Show()
			return
		}
		created, err := p.createMap(name)
		if err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		d.Hide()
		p.close()
		p.im.host.OpenMap(created.ID)
	}
	entry.OnSubmitted = func(string) { submit() }
	ok := widget.NewButton("Import", submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	hint := quietLabel(fmt.Sprintf("%s on a %s-hour, %s-day week.", plural(len(p.sh.Stages), "stage"), uikit.Number(p.cal.HoursPerDay), uikit.Number(p.cal.DaysPerWeek)))
	body := container.NewVBox(widget.NewLabel("Name of the new map"), entry, hint, problem,
		container.NewHBox(layout.NewSpacer(), cancel, ok))
	d = dialog.NewCustomWithoutButtons("Import as a new map", container.New(uikit.MinWidth(420), body), win)
	d.Show()
	win.Canvas().Focus(entry)
	entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// createMap builds the map and stores it.
func (p *preview) createMap(name string) (*vsm.Map, error) {
	m, err := p.sh.Build(name, p.cal)
	if err != nil {
		return nil, err
	}
	m.Name = name
	created, err := p.im.deps.Store.Create(m)
	if errors.Is(err, ErrNameTaken) {
		return nil, fmt.Errorf("a map named “%s” already exists: choose another name, or open that map and use Update", name)
	}
	if err != nil {
		return nil, fmt.Errorf("import as %q: %w", name, err)
	}
	return created, nil
}

// --- update the open map ---

// showUpdate shows what updating the open map from the sheet would change
// and applies it, as one undoable change, when the person agrees.
func (p *preview) showUpdate() {
	cur := p.im.host.CurrentMap()
	if cur == nil || !p.importable() {
		return
	}
	win := p.im.host.Window()
	cal := calendarOf(cur)
	m, err := p.sh.Build(cur.Name, cal)
	if err != nil {
		p.im.host.ShowError(err)
		return
	}
	fed := fedFields(p.sh.Columns)
	diff := diffStages(cur, m.Stages, fed, cal)

	list := container.NewVBox()
	intro := widget.NewLabel("Stages are matched by name. Only the values the sheet has columns for change (" +
		fedList(fed) + "); everything else stays as it is in the map.")
	intro.Wrapping = fyne.TextWrapWord
	list.Add(intro)
	if len(diff.Changed) > 0 {
		list.Add(heading(fmt.Sprintf("Changed (%d)", len(diff.Changed))))
		for _, c := range diff.Changed {
			parts := make([]string, len(c.Changes))
			for i, f := range c.Changes {
				// Words, not an arrow: the app's font has no arrow glyph.
				parts[i] = fmt.Sprintf("%s from %s to %s", f.Field, f.Old, f.New)
			}
			list.Add(richLine(c.Name+": ", strings.Join(parts, "; "), false))
		}
	}
	if len(diff.Added) > 0 {
		list.Add(heading(fmt.Sprintf("Added from the sheet (%d)", len(diff.Added))))
		for _, s := range diff.Added {
			list.Add(richLine(s.Name+": ", fmt.Sprintf("wait %s, process %s, %%C&A %s", fmtDur(s.WaitHours, cal), fmtDur(s.ProcessHours, cal), fmtPct(s.CompleteAccurate)), false))
		}
	}
	remove := widget.NewCheck("", nil)
	if len(diff.OnlyInMap) > 0 {
		names := make([]string, len(diff.OnlyInMap))
		for i, s := range diff.OnlyInMap {
			names[i] = s.Name
		}
		list.Add(heading(fmt.Sprintf("Only in the map (%d)", len(diff.OnlyInMap))))
		list.Add(richLine("", strings.Join(names, ", "), false))
		remove.Text = "Remove this stage from the map"
		if len(diff.OnlyInMap) > 1 {
			remove.Text = fmt.Sprintf("Remove these %d stages from the map", len(diff.OnlyInMap))
		}
		list.Add(remove)
	}
	if diff.Unchanged > 0 {
		list.Add(quietLabel(fmt.Sprintf("Unchanged: %s already holding the sheet's values.", plural(diff.Unchanged, "stage"))))
	}
	var d *dialog.CustomDialog
	apply := widget.NewButton("Update the map", func() {
		next := cur.Clone()
		next.MergeStages(m.Stages, fed, remove.Checked)
		if err := p.im.host.ReplaceMap(next); err != nil {
			return // ReplaceMap has said why; the map is unchanged
		}
		d.Hide()
		p.close()
	})
	apply.Importance = widget.HighImportance
	if diff.empty() {
		list.Add(quietLabel("The map already holds every value of the sheet: there is nothing to update."))
		apply.Disable()
		remove.OnChanged = func(on bool) { enable(apply, on) }
	}
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, apply), nil, nil, container.NewVScroll(list))
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf("Update “%s” from %s", cur.Name, filepath.Base(p.path)), body, win)
	d.Resize(dialogSize(win, fyne.NewSize(720, 520)))
	d.Show()
}

// fedList names the fed fields for people.
func fedList(f vsm.StageFields) string {
	var out []string
	for _, x := range []struct {
		field vsm.StageField
		name  string
	}{
		{vsm.WaitField, "wait"}, {vsm.LeadField, "lead time"}, {vsm.ProcessField, "process"},
		{vsm.CompleteAccurateField, "%C&A"}, {vsm.PeopleField, "people"}, {vsm.QueueField, "queue"},
		{vsm.TeamField, "team"}, {vsm.WasteField, "waste"}, {vsm.NotesField, "notes"},
	} {
		if f.Has(x.field) {
			out = append(out, x.name)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
