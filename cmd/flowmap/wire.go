package main

import (
	"bytes"
	"fmt"
	"image"

	"flowmap/importers"
	"flowmap/importers/eventlog"
	"flowmap/importers/stagesheet"
	"flowmap/ui"
	"flowmap/ui/clipboard"
	"flowmap/ui/importui"
	"flowmap/ui/kaizenui"
	"flowmap/vsm"
	"flowmap/vsm/report"
)

// wireScreens adds the Kaizen, History, Future state and Learning log tabs
// beside the map editor a, and File > Import spreadsheet, Import event log
// and Export, with the readers of importers and the writers of report; files
// dropped on the window and file (named on the command line; "" for none)
// open in the import.
func wireScreens(a *ui.App, st importui.MapStore, file string) {
	kaizenui.New(a, kaizenui.Options{Chart: kaizenChart, ReadSheet: stagesheet.ReadMap}).AddTo(a)
	charts := make([]string, len(report.Charts))
	for i, c := range report.Charts {
		charts[i] = string(c)
	}
	im := importui.New(a, importui.Deps{
		Store:         st,
		ReadSheet:     stagesheet.ReadFile,
		ReadMapFile:   importers.OpenMapFile,
		ReadEventLog:  eventlog.ReadFile,
		IsEventLog:    eventlog.IsLogFile,
		WriteWorkbook: writeWorkbook,
		WritePicture:  writePicture,
		RenderPicture: renderPicture,
		Charts:        charts,
		CopyImage:     clipboard.CopyPNG,
	})
	a.AddFileMenuItems(im.MenuItems()...)
	a.Window().SetOnDropped(im.Dropped)
	if file != "" {
		im.Open(file) // last: it may open a map at once
	}
}

func writeWorkbook(path string, m *vsm.Map) error {
	return report.WriteWorkbookFile(path, m, report.Options{})
}

func writePicture(path string, m *vsm.Map, chart string) error {
	c, err := report.ParseChart(chart)
	if err != nil {
		return err
	}
	return report.WritePNGFile(path, m, c, report.Options{})
}

func renderPicture(m *vsm.Map, chart string) ([]byte, error) {
	c, err := report.ParseChart(chart)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = report.WritePNG(&buf, m, c, report.Options{})
	return buf.Bytes(), err
}

// kaizenChart draws the kaizen screens' charts: the trend of the
// measurements, or the map beside its future state.
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
