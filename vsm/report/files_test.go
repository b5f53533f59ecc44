package report

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowmap/vsm"
)

// onlyFiles fails unless dir holds exactly the named files (no temporary
// file left behind).
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "report.xlsx")
	pic := filepath.Join(dir, "map.png")
	cmp := filepath.Join(dir, "compare.png")
	if err := WriteWorkbookFile(book, historyMap(), Options{Now: reportNow}); err != nil {
		t.Fatal(err)
	}
	if err := WritePNGFile(pic, vsm.ExampleMap(), ChartMap, Options{Now: reportNow}); err != nil {
		t.Fatal(err)
	}
	if err := WriteComparePNGFile(cmp, historyMap(), futureMap(), Options{Now: reportNow}); err != nil {
		t.Fatal(err)
	}
	onlyFiles(t, dir, "compare.png", "map.png", "report.xlsx")
	for _, p := range []string{pic, cmp} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if fi, err := os.Stat(book); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("%s: %v, mode %v; want a 0644 file", book, err, fi.Mode())
	}
}

// TestFailedWriteLeavesNothing: a picture that cannot be drawn leaves the old
// file as it was and no temporary file.
func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "trend.png")
	if err := os.WriteFile(p, []byte("the old picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WritePNGFile(p, vsm.ExampleMap(), ChartTrend, Options{Now: reportNow})
	if !errors.Is(err, ErrNoMeasurements) || !strings.Contains(err.Error(), p) {
		t.Errorf("error = %v, want ErrNoMeasurements naming the file", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "the old picture" {
		t.Errorf("old file = %q, want it untouched", b)
	}
	onlyFiles(t, dir, "trend.png")
}

func TestWriteFileErrorsSayWhy(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 300) + ".xlsx" // over the 255-byte name limit
	cases := []struct {
		name, path, why string
	}{
		{"missing folder", filepath.Join(dir, "no", "such", "folder", "r.xlsx"), "folder does not exist"},
		{"name too long", filepath.Join(dir, long), "too long"},
		{"a folder in the way", dir, "it is a folder"},
	}
	for _, c := range cases {
		err := WriteWorkbookFile(c.path, vsm.ExampleMap(), Options{Now: reportNow})
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.why) {
			t.Errorf("%s: %q does not say %q", c.name, err, c.why)
		}
	}
	onlyFiles(t, dir)

	if os.Geteuid() == 0 {
		t.Log("running as root: a read-only folder does not stop root, permission case skipped")
		return
	}
	ro := filepath.Join(dir, "read-only")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	err := WritePNGFile(filepath.Join(ro, "map.png"), vsm.ExampleMap(), ChartMap, Options{Now: reportNow})
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("read-only folder: %v, want permission denied", err)
	}
}
