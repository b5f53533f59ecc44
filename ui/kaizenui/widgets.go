package kaizenui

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// columns is a row layout for list rows: every column has a fixed width
// except the stretch one, which takes what is left, so the rows of a list
// line up like a table.
type columns struct {
	widths  []float32 // one per object; the stretch column's is its minimum
	stretch int
}

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for i := range objs {
		if i != c.stretch {
			fixed += c.width(i)
		}
	}
	free := size.Width - fixed - pad*float32(max(len(objs)-1, 0))
	x := float32(0)
	for i, o := range objs {
		w := c.width(i)
		if i == c.stretch {
			w = max(free, c.width(i))
		}
		h := min(o.MinSize().Height, size.Height)
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	s := fyne.Size{}
	for i, o := range objs {
		s.Width += c.width(i)
		s.Height = max(s.Height, o.MinSize().Height)
	}
	s.Width += pad * float32(max(len(objs)-1, 0))
	return s
}

func (c columns) width(i int) float32 {
	if i < len(c.widths) {
		return c.widths[i]
	}
	return 0
}

// row lays objs out with c.
func (c columns) row(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(c, objs...)
}

// header is a list's column captions, in bold.
func (c columns) header(captions ...string) *fyne.Container {
	objs := make([]fyne.CanvasObject, len(captions))
	for i, t := range captions {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		objs[i] = l
	}
	return c.row(objs...)
}

// setText changes a label's text only when it differs: setting text shapes
// it again, which is most of what refreshing a screen costs.
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// setLabel is setText with the label's importance (its colour).
func setLabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Importance != imp {
		l.Importance = imp
		l.Text = text
		l.Refresh()
		return
	}
	setText(l, text)
}

// cell is a one-line label that shortens with an ellipsis instead of pushing
// the row wider.
func cell(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// wrapped is a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// muted is a short line in italics: "No items", "Done 2026-01-05". A label,
// so it lines up with the labels around it.
func muted(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Italic = true
	return l
}

// hint is an explanation under a heading, in italics, wrapped.
func hint(text string) *widget.Label {
	l := wrapped(text)
	l.TextStyle.Italic = true
	return l
}

// heading is a section title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// panel puts content on a rounded surface, like a card on a board.
func panel(content fyne.CanvasObject, accent color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	objs := []fyne.CanvasObject{bg}
	if accent != nil {
		// A coloured edge on the left says the status without reading.
		bar := canvas.NewRectangle(accent)
		bar.CornerRadius = 2
		objs = append(objs, container.New(leftBar{}, bar))
	}
	objs = append(objs, container.NewPadded(content))
	return container.NewStack(objs...)
}

// leftBar places its object as a thin bar along the left edge.
type leftBar struct{}

func (leftBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(4, size.Height))
	}
}

func (leftBar) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(4, 0) }

// note is a coloured message line: an error beside a field, a blame hint, a
// recurrence warning. It is hidden while empty.
type note struct {
	label *widget.Label
	icon  *widget.Icon
	box   *fyne.Container
	// relayout lays out what holds the note again: a hidden object has no
	// place in its box until the box is laid out with it shown.
	relayout func()
}

func newNote(imp widget.Importance) *note {
	n := &note{label: wrapped(""), icon: widget.NewIcon(nil)}
	n.label.Importance = imp
	switch imp {
	case widget.DangerImportance:
		n.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	case widget.WarningImportance:
		n.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	default:
		n.icon.SetResource(theme.InfoIcon())
	}
	n.box = container.NewBorder(nil, nil, container.NewVBox(n.icon), nil, n.label)
	n.box.Hide()
	return n
}

// set shows text, or hides the note for "".
func (n *note) set(text string) {
	if text == n.label.Text && n.box.Visible() == (text != "") {
		return
	}
	n.label.SetText(text)
	if text == "" {
		n.box.Hide()
	} else {
		n.box.Show()
	}
	if n.relayout != nil {
		n.relayout()
	}
}

// text is what the note says ("" when hidden).
func (n *note) text() string {
	if !n.box.Visible() {
		return ""
	}
	return n.label.Text
}

// page is a scrolling column of sections. Its layout is redone whenever
// something in it shows, hides or changes height (relayout), so nothing is
// left at a stale place.
type page struct {
	box    *fyne.Container
	scroll *container.Scroll
}

func newPage(objs ...fyne.CanvasObject) *page {
	p := &page{box: container.NewVBox(objs...)}
	p.scroll = container.NewVScroll(container.NewPadded(p.box))
	return p
}

// relayout places every section again and tells the scroll the new height.
func (p *page) relayout() {
	p.box.Refresh()
	p.scroll.Refresh()
}

// watch makes the notes relayout p when they change.
func (p *page) watch(notes ...*note) {
	for _, n := range notes {
		n.relayout = p.relayout
	}
}

// checkSet is a set of checks in a grid: stages, factors, linked items. Its
// options are (key, label) pairs; the checked keys are its value.
type checkSet struct {
	cols     int
	keys     []string
	checks   []*widget.Check
	box      *fyne.Container
	onChange func()
	quiet    bool // true while the set itself changes checks
}

func newCheckSet(cols int) *checkSet {
	c := &checkSet{cols: cols}
	c.box = container.NewGridWithColumns(cols)
	return c
}

// setOptions replaces the options, keeping the checked state of keys that
// stay. The same keys only have their labels updated; rebuilt is true when
// the checks were made anew (their container needs laying out).
func (c *checkSet) setOptions(keys, labels []string) (rebuilt bool) {
	checked := c.checked()
	if slices.Equal(keys, c.keys) {
		for i, ch := range c.checks {
			if ch.Text != labels[i] {
				ch.SetText(labels[i])
			}
		}
		return false
	}
	c.keys = slices.Clone(keys)
	c.checks = make([]*widget.Check, len(keys))
	objs := make([]fyne.CanvasObject, len(keys))
	for i := range keys {
		ch := widget.NewCheck(labels[i], nil)
		ch.Checked = slices.Contains(checked, keys[i])
		ch.OnChanged = func(bool) {
			if !c.quiet && c.onChange != nil {
				c.onChange()
			}
		}
		c.checks[i] = ch
		objs[i] = ch
	}
	c.box.Objects = objs
	c.box.Refresh()
	return true
}

// checked is the keys checked, in option order.
func (c *checkSet) checked() []string {
	var out []string
	for i, ch := range c.checks {
		if ch.Checked {
			out = append(out, c.keys[i])
		}
	}
	return out
}

// setChecked checks exactly keys, without calling onChange.
func (c *checkSet) setChecked(keys []string) {
	c.quiet = true
	defer func() { c.quiet = false }()
	for i, ch := range c.checks {
		ch.SetChecked(slices.Contains(keys, c.keys[i]))
	}
}

// check is the check of key, nil when there is none.
func (c *checkSet) check(key string) *widget.Check {
	if i := slices.Index(c.keys, key); i >= 0 {
		return c.checks[i]
	}
	return nil
}

// fieldBox is a caption over a field with its note underneath.
func fieldBox(caption string, field fyne.CanvasObject, notes ...*note) *fyne.Container {
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), field}
	for _, n := range notes {
		objs = append(objs, n.box)
	}
	return container.NewVBox(objs...)
}

// newSwatch is a round marker of colour c and diameter d.
func newSwatch(c color.Color, d float32) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.CornerRadius = d / 2
	r.SetMinSize(fyne.NewSquareSize(d))
	return r
}

// spacer is an empty object of fixed height, for air between sections.
func spacer(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

// toolbarRow is buttons on the left and a message filling the rest.
func toolbarRow(msg fyne.CanvasObject, buttons ...fyne.CanvasObject) *fyne.Container {
	return container.NewBorder(nil, nil, container.NewHBox(buttons...), nil, msg)
}

var (
	_ fyne.Layout = columns{}
	_ fyne.Layout = leftBar{}
)
