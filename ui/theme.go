package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// palette is the set of colours the map drawing and the metrics strip use,
// resolved for the current theme variant. The constraint, the biggest wait and
// overload each have their own hue, and each also carries a text label, so
// nothing depends on telling colours apart.
type palette struct {
	fg, muted, bg, surface, header, border, primary, selection color.Color
	constraint, wait, overload, chip, onAccent, ladder         color.Color
	dark                                                       bool
}

func variant() fyne.ThemeVariant {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().ThemeVariant()
	}
	return theme.VariantLight
}

// currentPalette reads th; whether it is dark is judged from its background so
// forced variants (FYNE_THEME=dark, a test theme) are honoured too.
func currentPalette(th fyne.Theme) palette {
	v := variant()
	bg := th.Color(theme.ColorNameBackground, v)
	p := palette{
		fg:        th.Color(theme.ColorNameForeground, v),
		muted:     th.Color(theme.ColorNamePlaceHolder, v),
		bg:        bg,
		surface:   th.Color(theme.ColorNameInputBackground, v),
		border:    th.Color(theme.ColorNameInputBorder, v),
		primary:   th.Color(theme.ColorNamePrimary, v),
		selection: th.Color(theme.ColorNameSelection, v),
		dark:      luminance(bg) < 0.5,
	}
	if p.dark {
		p.header = color.NRGBA{R: 0x2c, G: 0x3e, B: 0x50, A: 0xff}
		p.constraint = color.NRGBA{R: 0xff, G: 0x6b, B: 0x6b, A: 0xff}
		p.wait = color.NRGBA{R: 0xff, G: 0xb3, B: 0x47, A: 0xff}
		p.overload = color.NRGBA{R: 0xd0, G: 0x9c, B: 0xff, A: 0xff}
		p.chip = color.NRGBA{R: 0x4a, G: 0x3f, B: 0x24, A: 0xff}
		p.onAccent = color.NRGBA{R: 0x12, G: 0x12, B: 0x12, A: 0xff}
		p.ladder = color.NRGBA{R: 0x9a, G: 0xa8, B: 0xb8, A: 0xff}
	} else {
		p.header = color.NRGBA{R: 0xe3, G: 0xee, B: 0xf8, A: 0xff}
		p.constraint = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
		p.wait = color.NRGBA{R: 0xd9, G: 0x6c, B: 0x00, A: 0xff}
		p.overload = color.NRGBA{R: 0x7b, G: 0x1f, B: 0xa2, A: 0xff}
		p.chip = color.NRGBA{R: 0xfb, G: 0xef, B: 0xd5, A: 0xff}
		p.onAccent = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
		p.ladder = color.NRGBA{R: 0x55, G: 0x63, B: 0x72, A: 0xff}
	}
	return p
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// tint mixes c into the background at share f (0..1), for soft fills.
func tint(c, bg color.Color, f float64) color.Color {
	cr, cg, cb, _ := c.RGBA()
	br, bgg, bb, _ := bg.RGBA()
	mix := func(a, b uint32) uint8 { return uint8((float64(a)*f + float64(b)*(1-f)) / 0x101) }
	return color.NRGBA{R: mix(cr, br), G: mix(cg, bgg), B: mix(cb, bb), A: 0xff}
}

// scaledTheme enlarges every size of the app's theme, for workshop mode on a
// projector. Colours, fonts and icons follow the app theme as it changes. It
// reads the app's settings, not theme.Current, which inside a theme override
// answers with the override itself.
type scaledTheme struct{ factor float32 }

func appTheme() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil && a.Settings().Theme() != nil {
		return a.Settings().Theme()
	}
	return theme.DefaultTheme()
}

func (t scaledTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return appTheme().Color(n, v)
}
func (t scaledTheme) Font(s fyne.TextStyle) fyne.Resource     { return appTheme().Font(s) }
func (t scaledTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return appTheme().Icon(n) }
func (t scaledTheme) Size(n fyne.ThemeSizeName) float32 {
	return appTheme().Size(n) * t.factor
}

// textFitter shortens text to a width with an ellipsis, remembering results:
// the map drawing fits the same labels on every redraw.
type textFitter struct {
	cache map[fitKey]string
}

type fitKey struct {
	text  string
	size  float32
	style fyne.TextStyle
	width float32
}

func (f *textFitter) fit(s string, size float32, style fyne.TextStyle, width float32) string {
	if s == "" {
		return s
	}
	k := fitKey{s, size, style, width}
	if v, ok := f.cache[k]; ok {
		return v
	}
	if f.cache == nil || len(f.cache) > 20000 {
		f.cache = make(map[fitKey]string)
	}
	out := s
	if fyne.MeasureText(s, size, style).Width > width {
		runes := []rune(s)
		lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		out = string(runes[:lo]) + "…"
		if lo == 0 {
			out = ""
			if fyne.MeasureText("…", size, style).Width <= width {
				out = "…"
			}
		}
	}
	f.cache[k] = out
	return out
}
