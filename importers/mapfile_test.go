package importers

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowmap/importers/table"
	"flowmap/vsm"
)

func TestReadMapFile(t *testing.T) {
	want := vsm.ExampleMap()
	data, err := vsm.EncodeMapFile(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadMapFile(bytes.NewReader(data), "maps/feature.flowmap.json")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := vsm.EncodeMapFile(got)
	if !bytes.Equal(again, data) {
		t.Errorf("round trip differs:\n%s\nwant\n%s", again, data)
	}

	tests := []struct {
		name string
		r    io.Reader
		is   error
		msg  string
	}{
		{"empty", strings.NewReader(""), vsm.ErrEmpty, "m.flowmap.json: the file is empty"},
		{"not json", strings.NewReader("Stage,PT\n"), vsm.ErrMapFile, "m.flowmap.json: not a Flowmap map file: malformed JSON at line 1"},
		{"no format", strings.NewReader(`{"name": "x"}`), vsm.ErrMapFile, `m.flowmap.json: not a Flowmap map file: it has no "format" field`},
		{"bad value", strings.NewReader(`{"format": "flowmap/1", "name": "x", "calendar": {"hours_per_day": 8, "days_per_week": 5},
			"stages": [{"name": "A", "wait_hours": -1, "process_hours": 1}]}`), vsm.ErrInvalid, `m.flowmap.json: stage 1 "A": wait: "-1" cannot be negative`},
		{"too large", io.MultiReader(strings.NewReader(`{"format": "flowmap/1", "name": "`), strings.NewReader(strings.Repeat("x", mapFileMaxBytes))),
			table.ErrTooLarge, "m.flowmap.json: the file is larger than 32 MB"},
	}
	for _, tt := range tests {
		_, err := ReadMapFile(tt.r, "dir/m.flowmap.json")
		if !errors.Is(err, tt.is) || !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("%s: %v\nwant Is(%v) starting %q", tt.name, err, tt.is, tt.msg)
		}
	}
}

func TestOpenMapFile(t *testing.T) {
	data, err := vsm.EncodeMapFile(vsm.ExampleMap())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "feature.flowmap.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if m, err := OpenMapFile(path); err != nil || m.Name != vsm.ExampleMapName {
		t.Errorf("OpenMapFile = %v, %v", m, err)
	}
	if _, err := OpenMapFile(filepath.Join(t.TempDir(), "missing.flowmap.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
