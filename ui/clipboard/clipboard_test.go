package clipboard

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCopyPNGWithoutAClipboardTool(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the tools of macOS and Windows are always there")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if err := CopyPNG([]byte("\x89PNG")); !errors.Is(err, ErrNoImageTool) {
		t.Errorf("copy without a display: %v", err)
	}
}

// On X11 the picture goes to xclip's standard input, typed image/png: a
// stand-in xclip on PATH records what it was given.
func TestCopyPNGThroughXclip(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("xclip is the X11 tool")
	}
	dir := t.TempDir()
	got := filepath.Join(dir, "got")
	script := "#!/bin/sh\necho \"$@\" > " + got + ".args\ncat > " + got + "\n"
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH")) // the stand-in first; sh needs cat
	t.Setenv("DISPLAY", ":7")
	t.Setenv("WAYLAND_DISPLAY", "")
	png := []byte("\x89PNG\r\n\x1a\nfake picture")
	if err := CopyPNG(png); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(got); err != nil || string(b) != string(png) {
		t.Errorf("xclip got %q (%v), want the picture", b, err)
	}
	if b, _ := os.ReadFile(got + ".args"); strings.TrimSpace(string(b)) != "-selection clipboard -t image/png -i" {
		t.Errorf("xclip ran with %q", b)
	}
}
