package report

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"flowmap/vsm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenPictures are the pictures kept in testdata/: each picture of the
// example map, and the trend and compare pictures of a map with history.
func goldenPictures() []struct {
	file   string
	render func(o Options) (image.Image, error)
} {
	ex, hist := vsm.ExampleMap(), historyMap()
	chart := func(m *vsm.Map, c Chart) func(o Options) (image.Image, error) {
		return func(o Options) (image.Image, error) { return RenderImage(m, c, o) }
	}
	return []struct {
		file   string
		render func(o Options) (image.Image, error)
	}{
		{"map_example.png", chart(ex, ChartMap)},
		{"bars_example.png", chart(ex, ChartBars)},
		{"waterfall_example.png", chart(ex, ChartWaterfall)},
		{"map_history.png", chart(hist, ChartMap)},
		{"trend_history.png", chart(hist, ChartTrend)},
		{"compare_history.png", chart(hist, ChartCompare)},
	}
}

// TestGoldenPictures draws every golden picture and compares it with
// testdata/ within a tolerance for anti-aliasing differences between
// platforms; -update rewrites them.
func TestGoldenPictures(t *testing.T) {
	for _, g := range goldenPictures() {
		t.Run(g.file, func(t *testing.T) {
			img, err := g.render(Options{Now: reportNow})
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != DefaultWidth || b.Dy() != DefaultHeight {
				t.Fatalf("size = %dx%d, want %dx%d", b.Dx(), b.Dy(), DefaultWidth, DefaultHeight)
			}
			path := filepath.Join("testdata", g.file)
			if *update {
				var buf bytes.Buffer
				if err := png.Encode(&buf, img); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			defer f.Close()
			want, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := pixelDiff(img, want); diff > 0.002 {
				out := filepath.Join(t.TempDir(), g.file)
				var buf bytes.Buffer
				_ = png.Encode(&buf, img)
				_ = os.WriteFile(out, buf.Bytes(), 0o644)
				t.Errorf("%.2f%% of pixels differ from %s (over 0.2%%); the new picture is %s", 100*diff, path, out)
			}
		})
	}
}

// pixelDiff is the share of pixels whose colour differs by more than 64 in
// any channel; different sizes differ everywhere.
func pixelDiff(a, b image.Image) float64 {
	ab, bb := a.Bounds(), b.Bounds()
	if ab.Dx() != bb.Dx() || ab.Dy() != bb.Dy() {
		return 1
	}
	bad := 0
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			if absDiff(r1, r2) > 64<<8 || absDiff(g1, g2) > 64<<8 || absDiff(b1, b2) > 64<<8 {
				bad++
			}
		}
	}
	return float64(bad) / float64(ab.Dx()*ab.Dy())
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
