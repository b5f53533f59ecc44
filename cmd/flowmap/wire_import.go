package main

import (
	"bytes"
	"os"

	"flowmap/importers"
	"flowmap/importers/eventlog"
	"flowmap/importers/stagesheet"
	"flowmap/ui"
	"flowmap/ui/clipboard"
	"flowmap/ui/importui"
	"flowmap/vsm"
	"flowmap/vsm/report"
	"flowmap/vsm/store"
)

// The import and export screens work in the main window, on the store.
var (
	_ importui.Host           = (*ui.App)(nil)
	_ creatorStore            = (*store.DB)(nil)
	_ importui.SheetReader    = stagesheet.ReadFile
	_ importui.EventReader    = eventlog.ReadFile
	_ importui.WorkbookWriter = writeWorkbook
	_ importui.PictureWriter  = writePicture
	_ importui.ImageCopier    = clipboard.CopyPNG
)

// creatorStore is what the import screens need of the map store.
type creatorStore interface {
	List() ([]vsm.MapInfo, error)
	Get(id string) (*vsm.Map, error)
	Create(m *vsm.Map) (*vsm.Map, error)
	Save(m *vsm.Map) error
}

// wireImport adds File > Import spreadsheet, Import event log and Export to
// a, opens files dropped on the window in the import preview, and opens file
// (named on the command line; "" for none) the same way.
func wireImport(a *ui.App, st creatorStore, file string) *importui.Importer {
	im := importui.New(a, importDeps(st))
	a.AddFileMenuItems(im.MenuItems()...)
	a.Window().SetOnDropped(im.Dropped)
	if file != "" {
		im.Open(file)
	}
	return im
}

// importDeps are the readers of importers and the writers of report.
func importDeps(st creatorStore) importui.Deps {
	charts := make([]string, len(report.Charts))
	for i, c := range report.Charts {
		charts[i] = string(c)
	}
	return importui.Deps{
		Store:         st,
		ReadSheet:     stagesheet.ReadFile,
		ReadMapFile:   readMapFile,
		ReadEventLog:  eventlog.ReadFile,
		IsEventLog:    eventlog.IsLogFile,
		WriteWorkbook: writeWorkbook,
		WritePicture:  writePicture,
		RenderPicture: renderPicture,
		Charts:        charts,
		CopyImage:     clipboard.CopyPNG,
	}
}

// readMapFile reads a .flowmap.json file.
func readMapFile(path string) (*vsm.Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return importers.ReadMapFile(f, path)
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
	if err := report.WritePNG(&buf, m, c, report.Options{}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
