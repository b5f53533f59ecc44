package report

import (
	"errors"
	"fmt"
	"image"
	"io"

	"flowmap/vsm"
)

// RenderImage draws one picture of m (the app's "copy picture"). Chart
// "compare" draws m beside its future state (m.Future) and returns
// ErrNoFutureState when it has none; "trend" returns ErrNoMeasurements
// without measurements.
func RenderImage(m *vsm.Map, chart Chart, opt Options) (image.Image, error) {
	p, err := render(m, chart, opt)
	if err != nil {
		return nil, err
	}
	return p.c.Image(), nil
}

// WritePNG writes one picture of m as PNG.
func WritePNG(w io.Writer, m *vsm.Map, chart Chart, opt Options) error {
	img, err := RenderImage(m, chart, opt)
	if err != nil {
		return err
	}
	return encodePNG(w, img, chart)
}

// WriteComparePNG writes the current and the future state side by side.
func WriteComparePNG(w io.Writer, current, future *vsm.Map, opt Options) error {
	img, err := RenderCompareImage(current, future, opt)
	if err != nil {
		return err
	}
	return encodePNG(w, img, ChartCompare)
}

// RenderCompareImage draws the current and the future state side by side.
func RenderCompareImage(current, future *vsm.Map, opt Options) (image.Image, error) {
	if current == nil || future == nil {
		return nil, fmt.Errorf("compare picture: %w", errors.New("both the current and the future map are needed"))
	}
	o, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	for _, m := range []*vsm.Map{current, future} {
		if err := m.Validate(); err != nil {
			return nil, fmt.Errorf("compare picture of %q: %w", m.Name, err)
		}
	}
	p := newPainter(o)
	if err := guard(ChartCompare, func() error { drawCompare(p, current, future, o); return nil }); err != nil {
		return nil, err
	}
	return p.c.Image(), nil
}

func encodePNG(w io.Writer, img image.Image, chart Chart) error {
	if err := encodeFastPNG(w, img); err != nil {
		return fmt.Errorf("%s picture: writing PNG: %w", chart, err)
	}
	return nil
}

func render(m *vsm.Map, chart Chart, opt Options) (*painter, error) {
	if m == nil {
		return nil, fmt.Errorf("%s picture: no map", chart)
	}
	o, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s picture of %q: %w", chart, m.Name, err)
	}
	var draw func(p *painter) error
	switch chart {
	case ChartMap:
		draw = func(p *painter) error { drawMap(p, m, o); return nil }
	case ChartBars:
		draw = func(p *painter) error { drawStageBars(p, m, o); return nil }
	case ChartWaterfall:
		draw = func(p *painter) error { drawWaterfall(p, m, o); return nil }
	case ChartTrend:
		draw = func(p *painter) error { return drawTrend(p, m, o) }
	case ChartCompare:
		if m.Future == nil {
			return nil, fmt.Errorf("%s picture of %q: %w", chart, m.Name, ErrNoFutureState)
		}
		draw = func(p *painter) error { drawCompare(p, m, m.Future, o); return nil }
	default:
		_, err := ParseChart(string(chart))
		return nil, err
	}
	p := newPainter(o)
	if err := guard(chart, func() error { return draw(p) }); err != nil {
		if errors.Is(err, ErrNoMeasurements) {
			return nil, fmt.Errorf("%s picture of %q: %w", chart, m.Name, err)
		}
		return nil, err
	}
	return p, nil
}

// guard turns a panic inside the plotting libraries into an error: a picture
// that cannot be drawn must not take the app down with it.
func guard(chart Chart, draw func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s picture: drawing failed: %v", chart, r)
		}
	}()
	return draw()
}
