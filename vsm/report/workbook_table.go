package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet setup: printing, column widths, frozen headers, rows whose height
// fits their wrapped text, filters.

// pageSetup makes a sheet print landscape, one page wide, with the header row
// titleRow (0: none) repeated, the map's name in the header and page numbers in the footer.
func (b *book) pageSetup(sheet string, titleRow int) {
	landscape, one, unlimited := "landscape", 1, 0
	fit := true
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: &landscape, FitToWidth: &one, FitToHeight: &unlimited,
	}))
	name := strings.ReplaceAll(b.m.Name, "&", "&&")
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: fmt.Sprintf("&L&\"-,Bold\"%s&R%s", name, strings.ReplaceAll(sheet, "&", "&&")),
		OddFooter: fmt.Sprintf("&LFlowmap report, %s&RPage &P of &N", b.now.Format("2006-01-02")),
	}))
	if titleRow > 0 {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, titleRow, titleRow),
		}))
	}
}

// table starts a list sheet: print setup, column widths, frozen header, and
// returns a writer for its rows with the header written.
func (b *book) table(sheet string, header []string, widths []float64) *tableWriter {
	t := b.sheet(sheet, 1, widths)
	if t == nil {
		return nil
	}
	b.check(t.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	t.header(1, header)
	return t
}

// sheet starts a sheet with print setup (the header row titleRow repeated on
// every page) and column widths, and returns a writer for its rows.
func (b *book) sheet(sheet string, titleRow int, widths []float64) *tableWriter {
	b.pageSetup(sheet, titleRow)
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return nil
	}
	for i, w := range widths {
		b.check(sw.SetColWidth(i+1, i+1, w))
	}
	return &tableWriter{b: b, sw: sw, widths: widths}
}

// header writes a header row, tall enough for its longest wrapped name.
func (t *tableWriter) header(r int, names []string) {
	row := make(cells, len(names))
	lines := 1
	for i, h := range names {
		row[i] = t.b.text(h, "header")
		if i < len(t.widths) {
			lines = max(lines, wrappedLines(h, t.widths[i]-3)) // bold, and breaks at hyphens
		}
	}
	t.b.check(t.sw.SetRow("A"+strconv.Itoa(r), row, excelize.RowOpts{Height: rowHeight(lines) + 4 + 2*float64(lines)}))
}

// tableWriter writes the rows of a list sheet, each as tall as its longest
// wrapped text: streamed rows get no automatic height in every program.
type tableWriter struct {
	b      *book
	sw     *excelize.StreamWriter
	widths []float64
}

func (t *tableWriter) row(r int, c cells) {
	lines := 1
	wrap := map[int]bool{t.b.style("wrap"): true}
	for i, v := range c {
		cell, ok := v.(excelize.Cell)
		if !ok || !wrap[cell.StyleID] || i >= len(t.widths) {
			continue
		}
		if s, ok := cell.Value.(string); ok {
			lines = max(lines, wrappedLines(s, t.widths[i]))
		}
	}
	var opts []excelize.RowOpts
	if lines > 1 {
		opts = append(opts, excelize.RowOpts{Height: rowHeight(lines)})
	}
	t.b.check(t.sw.SetRow("A"+strconv.Itoa(r), c, opts...))
}

// rowHeight is the height in points of a row of n lines of 10-point text.
func rowHeight(n int) float64 { return 2 + 13.5*float64(n) }

// wrappedLines estimates how many lines text takes in a column width
// characters wide, wrapping at spaces as a spreadsheet does. A width unit is
// the width of a digit; average text is a little narrower.
func wrappedLines(text string, width float64) int {
	perLine := int(width * 1.1)
	if perLine < 1 {
		perLine = 1
	}
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, line := 1, 0
		for _, w := range strings.Fields(para) {
			l := len([]rune(w))
			switch {
			case line == 0:
				line = l
			case line+1+l <= perLine:
				line += 1 + l
			default:
				n++
				line = l
			}
			for line > perLine { // a word longer than the column breaks
				n++
				line -= perLine
			}
		}
		lines += n
	}
	return max(lines, 1)
}

// autoFilter puts filter buttons on the header of a table of rows 1..last.
// It must run while the stream writer is open: the filter is written with the
// sheet on Flush.
func (b *book) autoFilter(sheet string, columns, last int) {
	if last < 2 {
		last = 2
	}
	end, _ := excelize.CoordinatesToCellName(columns, last)
	b.check(b.f.AutoFilter(sheet, "A1:"+end, nil))
}
