package importui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// chartLabels name the pictures in the export dialog.
var chartLabels = map[string]string{
	ChartMap:       "Value stream map with its lead-time ladder",
	ChartBars:      "Wait and work per stage (bars)",
	ChartWaterfall: "Where lead time goes: wait-time waterfall",
	ChartTrend:     "Lead time and flow efficiency over time",
	ChartCompare:   "Current and future state side by side",
}

func chartLabel(chart string) string {
	if l, ok := chartLabels[chart]; ok {
		return l
	}
	return chart
}

// chartUnavailable says why m has no data for chart, or "".
func chartUnavailable(m *vsm.Map, chart string) string {
	switch {
	case chart == ChartTrend && len(m.Measurements) == 0:
		return "needs at least one measurement (import an event log, or record one)"
	case chart == ChartCompare && m.Future == nil:
		return "needs a future state (design one from kaizen items)"
	}
	return ""
}

// exportName is the file name proposed for m: "<map name> <yyyy-mm-dd><ext>",
// with the chart's name before the date for pictures other than the map.
func (im *Importer) exportName(m *vsm.Map, chart, ext string) string {
	date := im.deps.Now().Format(vsm.DateLayout)
	name := safeFileName(m.Name)
	if chart != "" && chart != ChartMap {
		name += " " + chart
	}
	return name + " " + date + ext
}

// openMap is the map to export, or nil after telling the person there is none.
func (im *Importer) openMap() *vsm.Map {
	m := im.host.CurrentMap()
	if m == nil {
		im.host.ShowError(errors.New("no map is open: open or create a map to export it"))
	}
	return m
}

// ExportWorkbook asks where to save the open map's Excel report and writes it.
func (im *Importer) ExportWorkbook() {
	m := im.openMap()
	if m == nil {
		return
	}
	m = m.Clone()
	im.chooseSave("Export Excel report", im.exportName(m, "", ".xlsx"), []string{".xlsx"}, func(path string) {
		path = withExt(path, ".xlsx")
		im.writeOrReport(path, func() error { return im.deps.WriteWorkbook(path, m) })
	})
}

// ExportPicture asks which picture to draw, then where to save it.
func (im *Importer) ExportPicture() {
	m := im.openMap()
	if m == nil {
		return
	}
	m = m.Clone()
	im.showChartChoice(m, func(chart string) {
		im.chooseSave("Export PNG picture", im.exportName(m, chart, ".png"), []string{".png"}, func(path string) {
			path = withExt(path, ".png")
			im.writeOrReport(path, func() error { return im.deps.WritePicture(path, m, chart) })
		})
	})
}

// showChartChoice lists the pictures, the ones the map lacks data for
// disabled with the reason.
func (im *Importer) showChartChoice(m *vsm.Map, done func(chart string)) {
	charts := im.deps.Charts
	if len(charts) == 0 {
		charts = []string{ChartMap}
	}
	var labels []string
	byLabel := map[string]string{}
	var notes []fyne.CanvasObject
	for _, c := range charts {
		l := chartLabel(c)
		if why := chartUnavailable(m, c); why != "" {
			notes = append(notes, quietLabel(l+": "+why+"."))
			continue
		}
		labels = append(labels, l)
		byLabel[l] = c
	}
	radio := widget.NewRadioGroup(labels, nil)
	radio.Required = true
	if len(labels) > 0 {
		radio.SetSelected(labels[0])
	}
	var d *dialog.CustomDialog
	next := widget.NewButton("Save as…", func() {
		chart, ok := byLabel[radio.Selected]
		if !ok {
			return
		}
		d.Hide()
		done(chart)
	})
	next.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	body := container.NewVBox(widget.NewLabel("Which picture of “"+m.Name+"”?"), radio)
	if len(notes) > 0 {
		body.Add(widget.NewSeparator())
		for _, n := range notes {
			body.Add(n)
		}
	}
	body.Add(container.NewHBox(layout.NewSpacer(), cancel, next))
	d = dialog.NewCustomWithoutButtons("Export PNG picture", container.New(uikit.MinWidth(460), body), im.host.Window())
	d.Show()
}

// withExt adds ext to path when the person typed a name without it.
func withExt(path, ext string) string {
	if strings.EqualFold(filepath.Ext(path), ext) {
		return path
	}
	return path + ext
}

// writeOrReport runs write and shows its error. Fyne's save dialog has
// already created the file (empty) before write runs; when write fails and
// leaves it empty, it is removed, so a failed export leaves nothing behind.
func (im *Importer) writeOrReport(path string, write func() error) {
	if err := write(); err != nil {
		if fi, serr := os.Stat(path); serr == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			os.Remove(path)
		}
		im.host.ShowError(fmt.Errorf("export %s: %w", filepath.Base(path), err))
		return
	}
	dialog.ShowInformation("Exported", "Saved "+path, im.host.Window())
}

// CopyPicture puts the open map's picture on the clipboard. Fyne's clipboard
// holds text only, so the picture goes through the system's own clipboard
// tool; without one, the picture is saved to a temporary file, its path is
// copied instead, and the message says so.
func (im *Importer) CopyPicture() {
	m := im.openMap()
	if m == nil {
		return
	}
	data, err := im.deps.RenderPicture(m.Clone(), ChartMap)
	if err != nil {
		im.host.ShowError(fmt.Errorf("draw the picture of %q: %w", m.Name, err))
		return
	}
	win := im.host.Window()
	copyErr := ErrNoImageClipboard
	if im.deps.CopyImage != nil {
		copyErr = im.deps.CopyImage(data)
	}
	if copyErr == nil {
		dialog.ShowInformation("Picture copied", "The picture of “"+m.Name+"” is on the clipboard: paste it into a slide or a message.", win)
		return
	}
	if !errors.Is(copyErr, ErrNoImageClipboard) {
		im.host.ShowError(fmt.Errorf("copy the picture: %w", copyErr))
		return
	}
	dir := im.deps.TempDir
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "flowmap-pictures")
	}
	path := filepath.Join(dir, im.exportName(m, "", ".png"))
	err = os.MkdirAll(dir, 0o755)
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		im.host.ShowError(fmt.Errorf("copy the picture: %w, and saving it to %s failed: %w", copyErr, path, err))
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(path)
	dialog.ShowInformation("Picture saved, path copied",
		fmt.Sprintf("%s.\n\nThe picture was saved as\n%s\nand that file path (text, not the picture) is on the clipboard: attach or insert the file from there.", sentence(copyErr.Error()), path), win)
}

// sentence starts s with a capital letter.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
