package importui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

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
	labels := make([]string, len(vsm.ColumnFields))
	for i, f := range vsm.ColumnFields {
		labels[i] = f.Label()
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
			f, ok := fieldOf(label)
			if !ok {
				return
			}
			if p.opt.Columns == nil {
				p.opt.Columns = map[int]vsm.ColumnField{}
			}
			p.opt.Columns[idx] = f
			p.read()
		})
		sel.SetSelected(c.Field.Label())
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
func (p *preview) columnDetail(c vsm.SheetColumn) string {
	var parts []string
	if c.Field.IsDuration() {
		if c.UnitFromHeader {
			parts = append(parts, "numbers in "+c.UnitName()+", as the column name says")
		} else {
			parts = append(parts, "numbers without a unit read as "+c.UnitName())
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

// fieldOf is the column field a picker's label names.
func fieldOf(label string) (vsm.ColumnField, bool) {
	for _, f := range vsm.ColumnFields {
		if f.Label() == label {
			return f, true
		}
	}
	return "", false
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
func problemPlace(x vsm.SheetProblem) string {
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
func problemText(x vsm.SheetProblem) string {
	if x.Value == "" {
		return x.Message
	}
	return strconv.Quote(x.Value) + " " + x.Message
}

// importable reports whether the sheet can be imported as it was read.
func (p *preview) importable() bool {
	return p.err == nil && p.sh.Importable()
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
