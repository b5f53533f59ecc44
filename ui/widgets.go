package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapIcon is a small clickable icon that takes no keyboard focus, so Tab goes
// from cell to cell without stopping on it.
type tapIcon struct {
	widget.BaseWidget
	icon     fyne.Resource
	onTapped func()
	hovered  bool
}

func newTapIcon(icon fyne.Resource, onTapped func()) *tapIcon {
	t := &tapIcon{icon: icon, onTapped: onTapped}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapIcon) Tapped(*fyne.PointEvent) {
	if t.onTapped != nil {
		t.onTapped()
	}
}

func (t *tapIcon) Cursor() desktop.Cursor         { return desktop.PointerCursor }
func (t *tapIcon) MouseIn(*desktop.MouseEvent)    { t.hovered = true; t.Refresh() }
func (t *tapIcon) MouseMoved(*desktop.MouseEvent) {}
func (t *tapIcon) MouseOut()                      { t.hovered = false; t.Refresh() }
func (t *tapIcon) MinSize() fyne.Size             { return fyne.NewSquareSize(theme.IconInlineSize()) }
func (t *tapIcon) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHover))
	bg.CornerRadius = 4
	bg.Hide()
	img := canvas.NewImageFromResource(theme.NewThemedResource(t.icon))
	img.FillMode = canvas.ImageFillContain
	return &tapIconRenderer{t: t, bg: bg, img: img}
}

type tapIconRenderer struct {
	t   *tapIcon
	bg  *canvas.Rectangle
	img *canvas.Image
}

func (r *tapIconRenderer) Destroy()                     {}
func (r *tapIconRenderer) MinSize() fyne.Size           { return r.t.MinSize() }
func (r *tapIconRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.img} }
func (r *tapIconRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	pad := size.Width * 0.12
	r.img.Move(fyne.NewSquareOffsetPos(pad))
	r.img.Resize(size.SubtractWidthHeight(2*pad, 2*pad))
}
func (r *tapIconRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameHover)
	r.bg.Hidden = !r.t.hovered
	r.bg.Refresh()
	r.img.Refresh()
}
