package main

import (
	"fmt"
	"image"

	"flowmap/importers/stagesheet"
	"flowmap/ui"
	"flowmap/ui/kaizenui"
	"flowmap/vsm"
	"flowmap/vsm/report"
)

// The main window gives the improvement screens what they need.
var (
	_ kaizenui.Host          = (*ui.App)(nil)
	_ kaizenui.TabAdder      = (*ui.App)(nil)
	_ kaizenui.ChartFunc     = kaizenChart
	_ kaizenui.SheetMeasurer = kaizenStageSheet
)

// wireKaizen adds the Kaizen, History, Future state and Learning log tabs
// beside the map editor of a. chart draws their charts (kaizenChart) and
// readSheet reads a stage sheet for "Record from spreadsheet…"
// (kaizenStageSheet); either may be nil, and the screens say so.
func wireKaizen(a *ui.App, chart kaizenui.ChartFunc, readSheet kaizenui.SheetMeasurer) {
	s := kaizenui.New(a, kaizenui.Options{Chart: chart, ReadSheet: readSheet})
	s.AddTo(a)
}

// kaizenChart draws the screens' charts with the report package: the trend
// of the measurements, or the map beside its future state.
func kaizenChart(m *vsm.Map, chart string, width, height int) (image.Image, error) {
	opt := report.Options{Width: width, Height: height}
	if chart == kaizenui.ChartCompare {
		if m.Future == nil {
			return nil, report.ErrNoFutureState
		}
		return report.RenderCompareImage(m, m.Future, opt)
	}
	c, err := report.ParseChart(chart)
	if err != nil {
		return nil, fmt.Errorf("kaizen screens: %w", err)
	}
	return report.RenderImage(m, c, opt)
}

// kaizenStageSheet reads the stage sheet at path with the map's calendar, for
// a measurement: the same reader as the import and `flowmap-cli snapshot FILE`.
func kaizenStageSheet(path string, cal vsm.Calendar) (*vsm.Map, error) {
	p, err := stagesheet.ReadFile(path, vsm.SheetOptions{Calendar: cal})
	if err != nil {
		return nil, err
	}
	return p.Map("")
}
