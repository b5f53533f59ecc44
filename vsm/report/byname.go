package report

import (
	"bytes"
	"image"

	"flowmap/vsm"
)

// The app's screens name pictures as strings ("map", "trend", "compare"...)
// and declare their writers as plain functions; these are those functions, so
// the desktop main hands them over as they are. Each parses the name with
// ParseChart and draws at the default size unless told otherwise.

// ChartNames lists Charts as strings, in the same order, for pickers.
func ChartNames() []string {
	names := make([]string, len(Charts))
	for i, c := range Charts {
		names[i] = string(c)
	}
	return names
}

// WriteWorkbookPath writes the Excel report of m to path, whole or not at all,
// with the default options.
func WriteWorkbookPath(path string, m *vsm.Map) error {
	return WriteWorkbookFile(path, m, Options{})
}

// WritePNGPath writes the picture named chart of m to path as PNG, whole or
// not at all.
func WritePNGPath(path string, m *vsm.Map, chart string) error {
	c, err := ParseChart(chart)
	if err != nil {
		return err
	}
	return WritePNGFile(path, m, c, Options{})
}

// RenderPNG draws the picture named chart of m as PNG bytes.
func RenderPNG(m *vsm.Map, chart string) ([]byte, error) {
	c, err := ParseChart(chart)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, m, c, Options{}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderSized draws the picture named chart of m at width x height pixels:
// the screens' live charts ("compare" needs m.Future: ErrNoFutureState).
func RenderSized(m *vsm.Map, chart string, width, height int) (image.Image, error) {
	c, err := ParseChart(chart)
	if err != nil {
		return nil, err
	}
	return RenderImage(m, c, Options{Width: width, Height: height})
}
