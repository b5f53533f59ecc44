package importui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
