package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"flowmap/vsm"
)

// TestEncodeFastPNG: what the fast encoder writes decodes with image/png to
// the same pixels, opaque or not.
func TestEncodeFastPNG(t *testing.T) {
	pic, err := RenderImage(vsm.ExampleMap(), ChartMap, Options{Now: reportNow, Width: 640, Height: 360})
	if err != nil {
		t.Fatal(err)
	}
	// A translucent picture: a gradient of alpha over colours.
	tr := image.NewRGBA(image.Rect(0, 0, 64, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 64; x++ {
			tr.Set(x, y, color.NRGBA{R: uint8(4 * x), G: uint8(8 * y), B: 200, A: uint8(4*x + 3)})
		}
	}
	for name, img := range map[string]image.Image{"opaque map": pic, "translucent": tr} {
		var buf bytes.Buffer
		if err := encodeFastPNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		back, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if back.Bounds() != img.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", name, back.Bounds(), img.Bounds())
		}
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				a := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				b := color.NRGBAModel.Convert(back.At(x, y)).(color.NRGBA)
				// Premultiplied storage loses a little precision at low alpha.
				if absDiff(uint32(a.R), uint32(b.R)) > 2 || absDiff(uint32(a.G), uint32(b.G)) > 2 ||
					absDiff(uint32(a.B), uint32(b.B)) > 2 || a.A != b.A {
					t.Fatalf("%s: pixel (%d,%d) = %v, want %v", name, x, y, b, a)
				}
			}
		}
	}
}
