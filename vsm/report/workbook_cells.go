package report

import (
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// The cells the workbook writes (text, numbers, formulas with their cached
// results, dates) and the styles that make them read: number formats,
// fills for inputs and totals, borders.

type cells []interface{}

func (b *book) text(s string, style string) excelize.Cell {
	if s == "" { // a styled blank, not an empty inline string (smaller files)
		return excelize.Cell{StyleID: b.style(style)}
	}
	return excelize.Cell{StyleID: b.style(style), Value: s}
}

func (b *book) num(v float64, style string) excelize.Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return excelize.Cell{StyleID: b.style(style)}
	}
	return excelize.Cell{StyleID: b.style(style), Value: v}
}

func (b *book) optNum(v *float64, style string) excelize.Cell {
	if v == nil {
		return excelize.Cell{StyleID: b.style(style)}
	}
	return b.num(*v, style)
}

// formula is a cell with a formula and the value it computes to, cached so
// that viewers which do not calculate still show it. A nil or NaN cached value
// is written as the empty string the formula gives for undefined figures.
func (b *book) formula(f string, cached interface{}, style string) excelize.Cell {
	switch v := cached.(type) {
	case *float64:
		if v == nil {
			cached = ""
		} else {
			cached = *v
		}
	}
	if v, ok := cached.(float64); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
		cached = nil
	}
	if cached == nil {
		cached = ""
	}
	return excelize.Cell{StyleID: b.style(style), Formula: f, Value: cached}
}

func (b *book) blank(style string) excelize.Cell { return excelize.Cell{StyleID: b.style(style)} }

func (b *book) date(t time.Time, style string) excelize.Cell {
	if t.IsZero() {
		return b.blank(style)
	}
	// Dates are days: the time of day and the zone would only confuse a filter.
	y, mo, d := t.Date()
	return excelize.Cell{StyleID: b.style(style), Value: time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)}
}

const (
	colourHeader   = "34495E"
	colourInput    = "FFF8E1"
	colourTotal    = "ECEFF1"
	colourBorder   = "CFD8DC"
	colourSubtitle = "607D8B"
)

// style returns the id of a named style, creating it on first use.
func (b *book) style(name string) int {
	if id, ok := b.styles[name]; ok {
		return id
	}
	s := styleFor(name)
	id, err := b.f.NewStyle(s)
	b.check(err)
	b.styles[name] = id
	return id
}

// styleFor builds the style a name describes: a base ("header", "total",
// "input", "cell", "title", ...) and a number format after a colon
// ("input:hours", "total:pct").
func styleFor(name string) *excelize.Style {
	base, format, _ := strings.Cut(name, ":")
	thin := func(c string) []excelize.Border {
		return []excelize.Border{
			{Type: "left", Color: c, Style: 1}, {Type: "right", Color: c, Style: 1},
			{Type: "top", Color: c, Style: 1}, {Type: "bottom", Color: c, Style: 1},
		}
	}
	s := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
	switch base {
	case "title":
		s.Font = &excelize.Font{Bold: true, Size: 18, Color: colourHeader}
		s.Alignment = &excelize.Alignment{Vertical: "center"}
	case "subtitle":
		s.Font = &excelize.Font{Italic: true, Color: colourSubtitle}
		s.Alignment = &excelize.Alignment{Vertical: "top", WrapText: true}
	case "section":
		s.Font = &excelize.Font{Bold: true, Size: 12, Color: colourHeader}
		s.Border = []excelize.Border{{Type: "bottom", Color: colourHeader, Style: 2}}
	case "label":
		s.Font = &excelize.Font{Bold: true}
		s.Border = thin(colourBorder)
	case "note":
		s.Font = &excelize.Font{Italic: true, Color: colourSubtitle}
		s.Alignment = &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: true, Indent: 1}
	case "caption":
		s.Font = &excelize.Font{Italic: true, Color: colourSubtitle}
	case "explain":
		s.Border = thin(colourBorder)
		s.Alignment = &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: true, Indent: 1}
	case "header":
		s.Font = &excelize.Font{Bold: true, Color: "FFFFFF"}
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}}
		s.Alignment = &excelize.Alignment{Vertical: "center", WrapText: true}
		s.Border = thin(colourHeader)
	case "cell", "wrap":
		s.Border = thin(colourBorder)
		if base == "wrap" {
			s.Alignment.WrapText = true
		}
	case "input":
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourInput}}
		s.Border = thin(colourBorder)
	case "total":
		s.Font = &excelize.Font{Bold: true}
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourTotal}}
		s.Border = []excelize.Border{
			{Type: "top", Color: colourHeader, Style: 6}, {Type: "bottom", Color: colourBorder, Style: 1},
			{Type: "left", Color: colourBorder, Style: 1}, {Type: "right", Color: colourBorder, Style: 1},
		}
	}
	if s.Font != nil {
		s.Font.Family = "Arial"
	}
	if format != "" {
		s.Alignment.Horizontal = "right"
	}
	switch format {
	case "hours", "days":
		s.CustomNumFmt = strptr("0.0")
	case "pct": // vsm.FormatPercent's rule: 85%, 3.5%, 0%
		s.CustomNumFmt = strptr(vsm.PercentNumFmt)
	case "cap":
		s.CustomNumFmt = strptr("0.00")
	case "num":
		s.NumFmt = 0 // General: 4, 0.5
	case "int":
		s.NumFmt = 1 // 0
	case "date":
		s.CustomNumFmt = strptr("yyyy-mm-dd")
	case "dhours": // a change of hours, with its sign
		s.CustomNumFmt = strptr("+0.0;-0.0;0.0")
	case "dpct": // a change of a ratio, in percentage points
		// One decimal: flow-efficiency changes are often under a point.
		s.CustomNumFmt = strptr("+0.0%;-0.0%;0.0%")
	case "dcap":
		s.CustomNumFmt = strptr("+0.00;-0.00;0.00")
	case "left":
		s.Alignment.Horizontal = "left"
	}
	return s
}

func strptr(s string) *string { return &s }
