package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"flowmap/vsm"
)

// The writers the app's screens are given (moved here from the desktop
// main's wiring test): each writes a real file of its kind, by chart name.
func TestExportWriters(t *testing.T) {
	dir := t.TempDir()
	m := vsm.ExampleMap()
	xlsx := filepath.Join(dir, "r.xlsx")
	if err := WriteWorkbookPath(xlsx, m); err != nil {
		t.Fatal(err)
	}
	pngPath := filepath.Join(dir, "r.png")
	if err := WritePNGPath(pngPath, m, "bars"); err != nil {
		t.Fatal(err)
	}
	data, err := RenderPNG(m, "map")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"workbook": readFile(t, xlsx), "picture": readFile(t, pngPath), "rendered": data} {
		magic := []byte("\x89PNG")
		if name == "workbook" {
			magic = []byte("PK\x03\x04")
		}
		if !bytes.HasPrefix(b, magic) {
			t.Errorf("%s starts %q", name, b[:min(len(b), 8)])
		}
	}
	if err := WritePNGPath(filepath.Join(dir, "t.png"), m, "trend"); err == nil {
		t.Error("a trend of a map without measurements was drawn")
	}
	if _, err := RenderSized(m, "compare", 480, 320); !errors.Is(err, ErrNoFutureState) {
		t.Errorf("compare without a future state: %v, want ErrNoFutureState", err)
	}
	img, err := RenderSized(m, "map", 480, 320)
	if err != nil {
		t.Fatalf("RenderSized(map, 480, 320): %v", err)
	}
	if b := img.Bounds(); b.Dx() != 480 || b.Dy() != 320 {
		t.Errorf("RenderSized(map, 480, 320) is %v", b)
	}
	if _, err := RenderPNG(m, "pie"); err == nil {
		t.Error("an unknown chart name was drawn")
	}
	if got := ChartNames(); len(got) != len(Charts) || got[0] != string(Charts[0]) {
		t.Errorf("ChartNames() = %v", got)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
