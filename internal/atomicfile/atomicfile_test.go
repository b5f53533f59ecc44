package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteBytes(p, []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "second" {
		t.Errorf("content = %q, want second", b)
	}
	assertOnlyFile(t, dir, "out.txt")
}

func TestFailedWriteLeavesOldFileAndNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteBytes(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("renderer failed")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("content = %q, want old", b)
	}
	assertOnlyFile(t, dir, "out.txt")
}

func TestWriteErrorsSayWhy(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string
	}{
		{"missing folder", filepath.Join(dir, "nope", "x.txt"), "the folder does not exist"},
		{"name too long", filepath.Join(dir, strings.Repeat("n", 300)), "the path is too long"},
		{"a folder in the way", folderInTheWay(t, dir), "a folder of that name is in the way"},
	}
	if os.Geteuid() != 0 { // root may write anywhere
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o500)
		tests = append(tests, struct{ name, path, want string }{"read-only folder", filepath.Join(ro, "x.txt"), "permission denied"})
	}
	for _, tt := range tests {
		err := WriteBytes(tt.path, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want it to say %q", tt.name, err, tt.want)
		}
	}
	if full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		full.Close()
		err := Explain("/dev/full", writeErr(t))
		if !strings.Contains(err.Error(), "the disk is full") {
			t.Errorf("disk full: %v", err)
		}
	}
}

// writeErr is the error a real write to /dev/full returns (ENOSPC).
func writeErr(t *testing.T) error {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	_, err = f.Write([]byte("x"))
	return err
}

func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != name {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only %s", names, name)
	}
}

func folderInTheWay(t *testing.T, dir string) string {
	p := filepath.Join(dir, "report.xlsx")
	if err := os.MkdirAll(filepath.Join(p, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDiskFullMidWriteSaysSo(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	err := Write(filepath.Join(t.TempDir(), "x.txt"), func(w io.Writer) error {
		f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.Write([]byte("x")) // what a full disk answers mid-write
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Errorf("error = %v, want it to say the disk is full", err)
	}
}
