// Package report writes a value stream map as an Excel workbook that keeps
// computing when someone edits it (excelize: live formulas, native charts) and
// as PNG pictures for slides (gonum/plot and a drawn value stream map).
//
// The workbook's Stages sheet holds the inputs as plain numbers in hours and
// every derived figure as a formula, so a manager who changes a wait in Excel or
// LibreOffice sees lead time, flow efficiency, the constraint and the biggest
// wait follow. Cached values computed with vsm.Compute are stored beside the
// formulas, so viewers that do not calculate still show the right numbers.
//
// Files are written atomically: a temporary file in the same folder, synced and
// renamed, so a failed export never leaves half a file.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"syscall"
	"time"

	"flowmap/internal/atomicfile"
	"flowmap/vsm"
)

// Options tune a report.
type Options struct {
	// Now is the date printed on the report; zero means time.Now().
	Now time.Time
	// Width and Height are the picture size in pixels at scale 1; zero means
	// 1600x900.
	Width, Height int
	// Scale multiplies the resolution without changing the layout: 1 is 96 dpi,
	// 2 doubles every dimension for sharp slides. Zero means 1.
	Scale float64
}

// Default picture size and the bounds a caller may ask for.
const (
	DefaultWidth  = 1600
	DefaultHeight = 900

	minSide  = 320   // smaller pictures cannot hold a readable map
	maxSide  = 10000 // larger ones are a mistake, and would take seconds
	maxScale = 4
)

// withDefaults fills unset fields and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Width == 0 {
		o.Width = DefaultWidth
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	if o.Scale == 0 {
		o.Scale = 1
	}
	if o.Width < minSide || o.Width > maxSide || o.Height < minSide || o.Height > maxSide {
		return o, fmt.Errorf("picture size %dx%d: width and height must be between %d and %d pixels", o.Width, o.Height, minSide, maxSide)
	}
	if math.IsNaN(o.Scale) || o.Scale < 0.25 || o.Scale > maxScale {
		return o, fmt.Errorf("picture scale %g: must be between 0.25 and %d", o.Scale, maxScale)
	}
	if float64(o.Width)*o.Scale > maxSide || float64(o.Height)*o.Scale > maxSide {
		return o, fmt.Errorf("picture size %dx%d at scale %g is over %d pixels on a side", o.Width, o.Height, o.Scale, maxSide)
	}
	return o, nil
}

// Chart names a picture.
type Chart string

// The pictures WritePNG draws.
const (
	ChartMap       Chart = "map"       // the value stream map with its lead-time ladder
	ChartBars      Chart = "bars"      // stacked wait and work per stage
	ChartWaterfall Chart = "waterfall" // each stage's lead time laid end to end, split into wait and work
	ChartTrend     Chart = "trend"     // lead time and flow efficiency over the measurements
	ChartCompare   Chart = "compare"   // current vs future state side by side
)

// Charts lists every picture in the order menus offer them.
var Charts = []Chart{ChartMap, ChartBars, ChartWaterfall, ChartTrend, ChartCompare}

// ParseChart reads a chart name as the CLI's --chart flag gives it.
func ParseChart(s string) (Chart, error) {
	k := Chart(strings.ToLower(strings.TrimSpace(s)))
	for _, c := range Charts {
		if c == k {
			return c, nil
		}
	}
	names := make([]string, len(Charts))
	for i, c := range Charts {
		names[i] = string(c)
	}
	return "", fmt.Errorf("%q is not a chart: use one of %s", s, strings.Join(names, ", "))
}

// Errors for pictures that the map has no data for.
var (
	// ErrNoMeasurements: the trend needs at least one dated measurement.
	ErrNoMeasurements = errors.New("the map has no measurements yet: record one (snapshot) to see a trend")
	// ErrNoFutureState: compare needs a future state.
	ErrNoFutureState = errors.New("no future state: design one (kaizen with expected effects) to compare with")
)

// WriteWorkbookFile writes the workbook to path atomically.
func WriteWorkbookFile(path string, m *vsm.Map, opt Options) error {
	return writeFile(path, func(w io.Writer) error { return WriteWorkbook(w, m, opt) })
}

// WritePNGFile writes a picture to path atomically.
func WritePNGFile(path string, m *vsm.Map, chart Chart, opt Options) error {
	return writeFile(path, func(w io.Writer) error { return WritePNG(w, m, chart, opt) })
}

// WriteComparePNGFile writes the current vs future picture to path atomically.
func WriteComparePNGFile(path string, current, future *vsm.Map, opt Options) error {
	return writeFile(path, func(w io.Writer) error { return WriteComparePNG(w, current, future, opt) })
}

// writeFile renders into memory first, so a rendering error never touches the
// disk, then hands the bytes to atomicfile.
func writeFile(path string, render func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder: choose a file name", path)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		if errors.Is(err, syscall.ENOSPC) {
			return fmt.Errorf("the disk is full: %w", err)
		}
		return err
	})
}
