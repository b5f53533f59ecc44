package report

import (
	"image"
	"image/color"
	"math"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// Colours of every picture, so the map, the bars and the workbook's charts
// speak the same language: green is work, amber is waiting, red the
// constraint, purple the biggest wait.
var (
	clrWork       = rgb(0x2E7D32)
	clrWait       = rgb(0xF0A030)
	clrConstraint = rgb(0xC62828)
	clrBiggest    = rgb(0x7B1FA2)
	clrKaizen     = rgb(0xFDD835)
	clrKaizenLine = rgb(0xE65100)
	clrInk        = rgb(0x263238)
	clrMuted      = rgb(0x607D8B)
	clrLine       = rgb(0x90A4AE)
	clrBoxFill    = rgb(0xFFFFFF)
	clrBoxHead    = rgb(0xECEFF1)
	clrConstrHead = rgb(0xFFEBEE)
	clrWasteFill  = rgb(0xFBE9E7)
	clrWasteInk   = rgb(0xBF360C)
	clrTile       = rgb(0xF5F7F8)
	clrLead       = rgb(0x1565C0)
	clrRolledCA   = rgb(0x00838F) // teal: apart from flow efficiency's green and the kaizen orange
)

// The same colours as hex for the workbook's native charts.
const (
	hexWork     = "2E7D32"
	hexWait     = "F0A030"
	hexLead     = "1565C0"
	hexRolledCA = "00838F"
)

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}
}

// pxToPt converts layout pixels (at 96 dpi) to the points gonum draws in.
const pxToPt = 72.0 / 96.0

var (
	fontsOnce sync.Once
	fonts     *font.Cache
)

// fontCache holds the embedded Liberation fonts: pictures look the same on
// every machine, with no system fonts.
func fontCache() *font.Cache {
	fontsOnce.Do(func() { fonts = font.NewCache(liberation.Collection()) })
	return fonts
}

// textStyle is a font choice: weight, slant and size in layout pixels.
type textStyle struct {
	size   float64
	bold   bool
	italic bool
}

// textBox is a drawn text's rectangle in layout pixels, kept so tests can
// prove that no two texts overlap.
type textBox struct {
	text           string
	x0, y0, x1, y1 float64
}

// painter draws in layout pixels with y growing downwards, on a gonum image
// canvas that may be at a higher resolution (Options.Scale).
type painter struct {
	c     *vgimg.Canvas
	w, h  float64 // layout size in pixels at scale 1
	scale float64 // device pixels per layout pixel
	faces map[textStyle]font.Face
	texts []textBox

	// Text is drawn straight onto the image with these faces: the canvas
	// would draw every glyph through a resampling transform (its y axis is
	// flipped), which costs more than the rest of a picture.
	img       *image.RGBA
	drawFaces map[textStyle]xfont.Face
}

func newPainter(o Options) *painter {
	dpi := int(math.Round(96 * o.Scale))
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(float64(o.Width)*pxToPt), vg.Length(float64(o.Height)*pxToPt)),
		vgimg.UseDPI(dpi),
	)
	p := &painter{c: c, w: float64(o.Width), h: float64(o.Height), scale: float64(dpi) / 96,
		faces: map[textStyle]font.Face{}, drawFaces: map[textStyle]xfont.Face{}}
	p.img, _ = c.Image().(*image.RGBA)
	return p
}

// drawFace is the face that draws text of style s at the image's resolution.
func (p *painter) drawFace(s textStyle) xfont.Face {
	if f, ok := p.drawFaces[s]; ok {
		return f
	}
	f, err := opentype.NewFace(p.face(s).Face, &opentype.FaceOptions{
		Size: s.size * pxToPt, DPI: 96 * p.scale, Hinting: xfont.HintingNone,
	})
	if err != nil {
		return nil
	}
	p.drawFaces[s] = f
	return f
}

func (p *painter) pt(x, y float64) vg.Point {
	return vg.Point{X: vg.Length(x * pxToPt), Y: vg.Length((p.h - y) * pxToPt)}
}

func (p *painter) face(s textStyle) font.Face {
	if f, ok := p.faces[s]; ok {
		return f
	}
	fnt := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if s.bold {
		fnt.Weight = boldWeight
	}
	if s.italic {
		fnt.Style = xfont.StyleItalic
	}
	f := fontCache().Lookup(fnt, vg.Length(s.size*pxToPt))
	p.faces[s] = f
	return f
}

// width of s in layout pixels.
func (p *painter) width(s string, st textStyle) float64 {
	f := p.face(st)
	return float64(f.Width(s)) / pxToPt
}

// ascent and descent in layout pixels.
func (p *painter) extents(st textStyle) (ascent, descent float64) {
	f := p.face(st)
	e := f.Extents()
	return float64(e.Ascent) / pxToPt, float64(e.Descent) / pxToPt
}

// fit shortens s with an ellipsis until it is at most maxW wide; "" when not
// even the ellipsis fits.
func (p *painter) fit(s string, st textStyle, maxW float64) string {
	if maxW <= 0 {
		return ""
	}
	if p.width(s, st) <= maxW {
		return s
	}
	r := []rune(s)
	// Binary search the longest prefix that fits with the ellipsis.
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.width(string(r[:mid])+"…", st) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		if p.width("…", st) <= maxW {
			return "…"
		}
		return ""
	}
	return trimRightSpace(string(r[:lo])) + "…"
}

func trimRightSpace(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == ',') {
		s = s[:len(s)-1]
	}
	return s
}

// Horizontal anchors of text.
const (
	alignLeft = iota
	alignCenter
	alignRight
)

// text draws s with its top at y, anchored at x, fitted into maxW (0: no
// limit), and returns the width drawn. Empty text draws nothing.
func (p *painter) text(s string, x, y float64, st textStyle, col color.Color, align int, maxW float64) float64 {
	if maxW > 0 {
		s = p.fit(s, st, maxW)
	}
	if s == "" {
		return 0
	}
	w := p.width(s, st)
	switch align {
	case alignCenter:
		x -= w / 2
	case alignRight:
		x -= w
	}
	asc, desc := p.extents(st)
	if f := p.drawFace(st); p.img != nil && f != nil {
		d := xfont.Drawer{Dst: p.img, Src: image.NewUniform(col), Face: f,
			Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * p.scale * 64)), Y: fixed.Int26_6(math.Round((y + asc) * p.scale * 64))}}
		d.DrawString(s)
	} else {
		p.c.SetColor(col)
		p.c.FillString(p.face(st), p.pt(x, y+asc), s)
	}
	p.texts = append(p.texts, textBox{text: s, x0: x, y0: y, x1: x + w, y1: y + asc + desc})
	return w
}

// lineHeight is the height text of style st takes.
func (p *painter) lineHeight(st textStyle) float64 {
	a, d := p.extents(st)
	return a + d
}

func (p *painter) rect(x0, y0, x1, y1 float64, fill color.Color) {
	p.poly(fill, [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}})
}

func (p *painter) strokeRect(x0, y0, x1, y1, width float64, col color.Color) {
	p.stroke(width, col, nil, [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}})
}

// roundRect fills (and, with width > 0, strokes) a rectangle with rounded corners.
func (p *painter) roundRect(x0, y0, x1, y1, r float64, fill color.Color, width float64, border color.Color) {
	r = math.Min(r, math.Min((x1-x0)/2, (y1-y0)/2))
	var path vg.Path
	path.Move(p.pt(x0+r, y0))
	path.Line(p.pt(x1-r, y0))
	// y is flipped: in canvas space a top corner of the picture is a high y.
	path.Arc(p.pt(x1-r, y0+r), vg.Length(r*pxToPt), math.Pi/2, -math.Pi/2)
	path.Line(p.pt(x1, y1-r))
	path.Arc(p.pt(x1-r, y1-r), vg.Length(r*pxToPt), 0, -math.Pi/2)
	path.Line(p.pt(x0+r, y1))
	path.Arc(p.pt(x0+r, y1-r), vg.Length(r*pxToPt), -math.Pi/2, -math.Pi/2)
	path.Line(p.pt(x0, y0+r))
	path.Arc(p.pt(x0+r, y0+r), vg.Length(r*pxToPt), math.Pi, -math.Pi/2)
	path.Close()
	if fill != nil {
		p.c.SetColor(fill)
		p.c.Fill(path)
	}
	if width > 0 {
		p.c.SetColor(border)
		p.c.SetLineWidth(vg.Length(width * pxToPt))
		p.c.SetLineDash(nil, 0)
		p.c.Stroke(path)
	}
}

func (p *painter) poly(fill color.Color, pts [][2]float64) {
	if len(pts) < 3 {
		return
	}
	var path vg.Path
	path.Move(p.pt(pts[0][0], pts[0][1]))
	for _, q := range pts[1:] {
		path.Line(p.pt(q[0], q[1]))
	}
	path.Close()
	p.c.SetColor(fill)
	p.c.Fill(path)
}

func (p *painter) stroke(width float64, col color.Color, dash []float64, pts [][2]float64) {
	if len(pts) < 2 {
		return
	}
	var path vg.Path
	path.Move(p.pt(pts[0][0], pts[0][1]))
	for _, q := range pts[1:] {
		path.Line(p.pt(q[0], q[1]))
	}
	p.c.SetColor(col)
	p.c.SetLineWidth(vg.Length(width * pxToPt))
	d := make([]vg.Length, len(dash))
	for i, v := range dash {
		d[i] = vg.Length(v * pxToPt)
	}
	p.c.SetLineDash(d, 0)
	p.c.Stroke(path)
	p.c.SetLineDash(nil, 0)
}

// arrowHead draws a filled head at (x, y) pointing in direction (dx, dy).
func (p *painter) arrowHead(x, y, dx, dy, size float64, col color.Color) {
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	dx, dy = dx/l, dy/l
	bx, by := x-dx*size, y-dy*size
	nx, ny := -dy*size*0.5, dx*size*0.5
	p.poly(col, [][2]float64{{x, y}, {bx + nx, by + ny}, {bx - nx, by - ny}})
}

// star draws a kaizen burst: a spiky star of n points.
func (p *painter) star(cx, cy, r float64, n int, fill, border color.Color, width float64) {
	pts := make([][2]float64, 0, 2*n)
	for i := 0; i < 2*n; i++ {
		rr := r
		if i%2 == 1 {
			rr = r * 0.62
		}
		a := -math.Pi/2 + float64(i)*math.Pi/float64(n)
		pts = append(pts, [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
	}
	p.poly(fill, pts)
	p.stroke(width, border, nil, append(pts, pts[0]))
}

const boldWeight = xfont.WeightBold
