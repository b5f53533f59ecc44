package main

import (
	"flowmap/importers"
	"flowmap/importers/eventlog"
	"flowmap/importers/stagesheet"
	"flowmap/ui"
	"flowmap/ui/clipboard"
	"flowmap/ui/importui"
	"flowmap/ui/kaizenui"
	"flowmap/vsm/report"
)

// wireScreens adds the Kaizen, History, Future state and Learning log tabs
// beside the map editor a, and File > Import spreadsheet, Import event log
// and Export, with the readers of importers and the writers of report; files
// dropped on the window open in the import, which it returns.
func wireScreens(a *ui.App, st importui.MapStore) *importui.Importer {
	kaizenui.New(a, kaizenui.Options{Chart: report.RenderSized, ReadSheet: stagesheet.ReadMap}).AddTo(a)
	im := importui.New(a, importui.Deps{
		Store:         st,
		ReadSheet:     stagesheet.ReadFile,
		ReadMapFile:   importers.OpenMapFile,
		ReadEventLog:  eventlog.ReadFile,
		IsEventLog:    eventlog.IsLogFile,
		WriteWorkbook: report.WriteWorkbookPath,
		WritePicture:  report.WritePNGPath,
		RenderPicture: report.RenderPNG,
		Charts:        report.ChartNames(),
		CopyImage:     clipboard.CopyPNG,
	})
	a.AddFileMenuItems(im.MenuItems()...)
	a.Window().SetOnDropped(im.Dropped)
	return im
}
