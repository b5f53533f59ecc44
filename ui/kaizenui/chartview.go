package kaizenui

import (
	"errors"
	"fmt"
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// Chart pictures are drawn at this size and scaled to the space they get:
// the report's charts keep their layout at any size, so one size serves, and
// 16:9 is their design.
const (
	chartWidth  = 1280
	chartHeight = 720

	// chartMinHeight is the height a chart gets on its page: the report's
	// text is readable from about this size on.
	chartMinHeight = 560
)

// chartDelay lets a burst of edits (typing in the stage table) settle before
// a chart is drawn again: the comparison takes about a quarter of a second.
const chartDelay = 250 * time.Millisecond

// errNoChart is shown where a chart would be when no renderer is wired in.
var errNoChart = errors.New("charts are not available in this build of Flowmap")

// chartView shows one chart of the open map. It draws again only when what
// the chart shows changed (its key), in the background, and keeps showing
// the previous picture meanwhile.
type chartView struct {
	s       *Screens
	chart   string
	img     *canvas.Image
	msg     *widget.Label
	content *fyne.Container

	mu    sync.Mutex
	key   string // what the picture shows (or is being drawn for)
	gen   int    // bumped by every new request; a stale render is dropped
	timer *time.Timer
	last  image.Image
}

func newChartView(s *Screens, chart string, minW, minH float32) *chartView {
	c := &chartView{s: s, chart: chart}
	c.img = canvas.NewImageFromImage(nil)
	c.img.FillMode = canvas.ImageFillContain
	c.img.ScaleMode = canvas.ImageScaleSmooth
	c.img.SetMinSize(fyne.NewSize(minW, minH))
	c.msg = wrapped("")
	c.msg.Alignment = fyne.TextAlignCenter
	c.msg.Hide()
	c.content = container.NewStack(c.img, container.NewCenter(c.msg))
	return c
}

// show asks for the chart of m; key names what it depends on, so an
// unchanged key draws nothing. With m nil the message stands alone.
func (c *chartView) show(m *vsm.Map, key, emptyMsg string) {
	if m == nil || emptyMsg != "" {
		c.mu.Lock()
		c.key, c.last = "", nil
		c.gen++
		c.stopTimer()
		c.mu.Unlock()
		c.setResult(nil, emptyMsg)
		return
	}
	if c.s.opt.Chart == nil {
		c.setResult(nil, errNoChart.Error())
		return
	}
	c.mu.Lock()
	if key == c.key {
		c.mu.Unlock()
		return
	}
	c.key = key
	c.gen++
	gen := c.gen
	c.stopTimer()
	m = m.Clone() // the renderer reads it on another goroutine
	if c.s.syncCharts {
		c.mu.Unlock()
		c.render(m, gen)
		return
	}
	c.timer = time.AfterFunc(chartDelay, func() { c.render(m, gen) })
	c.mu.Unlock()
}

func (c *chartView) stopTimer() {
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
}

// render draws the chart and hands it to the UI goroutine, unless a newer
// request came meanwhile.
func (c *chartView) render(m *vsm.Map, gen int) {
	img, err := c.draw(m)
	apply := func() {
		c.mu.Lock()
		stale := gen != c.gen
		if !stale && err == nil {
			c.last = img
		}
		c.mu.Unlock()
		if stale {
			return
		}
		if err != nil {
			c.setResult(nil, fmt.Sprintf("The chart could not be drawn: %v", err))
			return
		}
		c.setResult(img, "")
	}
	if c.s.syncCharts {
		apply()
		return
	}
	fyne.Do(apply)
}

// draw calls the renderer, turning a panic into an error: a chart that
// cannot be drawn must not take the window down.
func (c *chartView) draw(m *vsm.Map) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("drawing failed: %v", r)
		}
	}()
	return c.s.opt.Chart(m, c.chart, chartWidth, chartHeight)
}

// setResult shows img, or the message when img is nil.
func (c *chartView) setResult(img image.Image, msg string) {
	c.img.Image = img
	c.img.Refresh()
	if img == nil && msg != "" {
		c.img.Hide()
		c.msg.SetText(msg)
		c.msg.Show()
	} else {
		c.img.Show()
		c.msg.Hide()
	}
}

// picture is the chart shown, nil when a message stands instead.
func (c *chartView) picture() image.Image {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
