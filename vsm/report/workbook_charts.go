package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// The Charts sheet: native spreadsheet charts of where the time goes and of
// the trend over measurements.

func (b *book) writeCharts() {
	const sheet = SheetCharts
	b.pageSetup(sheet, 0)
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return
	}
	b.check(sw.SetRow("A1", cells{b.text("Charts of "+b.m.Name, "title")}, excelize.RowOpts{Height: 30}))
	n := len(b.m.Stages)
	if n == 0 {
		b.check(sw.SetRow("A3", cells{b.text("No stages yet: add stages to see where time goes.", "caption")}))
		b.check(sw.Flush())
		return
	}
	b.check(sw.SetRow("A2", cells{b.text("The charts read the Stages and Measurements sheets: they follow every edit.", "caption")}))
	height := 80 + 22*n
	if height < 360 {
		height = 360
	}
	if height > 4000 {
		height = 4000
	}
	off := false
	b.check(b.f.AddChart(sheet, "A4", &excelize.Chart{
		Type:       excelize.BarStacked,
		VaryColors: boolptr(false),
		Dimension:  excelize.ChartDimension{Width: 820, Height: uint(height)},
		Series: []excelize.ChartSeries{
			{Name: SheetStages + "!$" + colWait + "$1", Categories: b.rng(colStage), Values: b.rng(colWait),
				Fill: solid(hexWait)},
			{Name: SheetStages + "!$" + colProcess + "$1", Categories: b.rng(colStage), Values: b.rng(colProcess),
				Fill: solid(hexWork)},
		},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Wait and work per stage (working hours)"}}},
		Legend: excelize.ChartLegend{Position: "top"},
		// Bar charts list categories bottom-up; reversed, the flow reads top-down.
		XAxis:    excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:    excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont},
		GapWidth: uintPtr(40),
		Format:   excelize.GraphicOptions{PrintObject: boolptr(true), Locked: &off},
	}))
	if k := len(b.m.Measurements); k > 0 {
		dates := fmt.Sprintf("%s!$A$2:$A$%d", SheetMeasurements, k+1)
		zero := 0.0
		b.check(b.f.AddChart(sheet, "N4", &excelize.Chart{
			Type:      excelize.Line,
			Dimension: excelize.ChartDimension{Width: 820, Height: 420},
			Series: []excelize.ChartSeries{{
				Name: fmt.Sprintf("%s!$J$1", SheetMeasurements), Categories: dates,
				Values: fmt.Sprintf("%s!$J$2:$J$%d", SheetMeasurements, k+1),
				Fill:   solid(hexLead),
				Line:   excelize.LineOptions{Width: 2.25},
				Marker: excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: solid(hexLead), Border: excelize.LineOptions{Fill: solid(hexLead)}},
			}},
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Lead time, flow efficiency and rolled %C&A over time"}}},
			Legend: excelize.ChartLegend{Position: "top"},
			XAxis:  excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "yyyy-mm-dd"}, Font: axisFont},
			// From zero: a one-hour change must not look like a doubling.
			YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont,
				Minimum: &zero, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Lead time (h)"}}}},
			Format: excelize.GraphicOptions{PrintObject: boolptr(true), Locked: &off},
		}, &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{{
				Name: fmt.Sprintf("%s!$K$1", SheetMeasurements), Categories: dates,
				Values: fmt.Sprintf("%s!$K$2:$K$%d", SheetMeasurements, k+1),
				Fill:   solid(hexWork),
				Line:   excelize.LineOptions{Width: 2.25},
				Marker: excelize.ChartMarker{Symbol: "diamond", Size: 6, Fill: solid(hexWork), Border: excelize.LineOptions{Fill: solid(hexWork)}},
			}, {
				Name: fmt.Sprintf("%s!$L$1", SheetMeasurements), Categories: dates,
				Values: fmt.Sprintf("%s!$L$2:$L$%d", SheetMeasurements, k+1),
				Fill:   solid(hexRolledCA),
				Line:   excelize.LineOptions{Width: 2.25},
				Marker: excelize.ChartMarker{Symbol: "triangle", Size: 6, Fill: solid(hexRolledCA), Border: excelize.LineOptions{Fill: solid(hexRolledCA)}},
			}},
			YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: vsm.PercentNumFmt}, Font: axisFont,
				Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Flow efficiency, rolled %C&A"}}}},
		}))
	}
	b.check(sw.Flush())
}

// axisFont makes axis labels as dark as the sheets' text (the default is a
// pale grey that vanishes in print).
var axisFont = excelize.Font{Color: "37474F", Size: 9, Family: "Arial"}

func boolptr(v bool) *bool { return &v }

func solid(hex string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}}
}
func uintPtr(v uint) *uint { return &v }
