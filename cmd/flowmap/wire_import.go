package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"flowmap/importers"
	"flowmap/importers/eventlog"
	"flowmap/importers/stagesheet"
	"flowmap/ui"
	"flowmap/ui/importui"
	"flowmap/vsm"
	"flowmap/vsm/report"
	"flowmap/vsm/store"
)

// The import and export screens work in the main window, on the store.
var (
	_ importui.Host           = (*ui.App)(nil)
	_ creatorStore            = (*store.DB)(nil)
	_ importui.SheetReader    = stagesheet.ReadFile
	_ importui.EventReader    = eventlog.ReadFile
	_ importui.WorkbookWriter = writeWorkbook
	_ importui.PictureWriter  = writePicture
	_ importui.ImageCopier    = copyImage
)

// creatorStore is what the import screens need of the map store.
type creatorStore interface {
	List() ([]vsm.MapInfo, error)
	Get(id string) (*vsm.Map, error)
	Create(m *vsm.Map) (*vsm.Map, error)
	Save(m *vsm.Map) error
}

// wireImport adds File > Import spreadsheet, Import event log and Export to
// a, opens files dropped on the window in the import preview, and opens file
// (named on the command line; "" for none) the same way.
func wireImport(a *ui.App, st creatorStore, file string) *importui.Importer {
	im := importui.New(a, importDeps(st))
	a.AddFileMenuItems(im.MenuItems()...)
	a.Window().SetOnDropped(im.Dropped)
	if file != "" {
		im.Open(file)
	}
	return im
}

// importDeps are the readers of importers and the writers of report.
func importDeps(st creatorStore) importui.Deps {
	charts := make([]string, len(report.Charts))
	for i, c := range report.Charts {
		charts[i] = string(c)
	}
	return importui.Deps{
		Store:         st,
		ReadSheet:     stagesheet.ReadFile,
		ReadMapFile:   readMapFile,
		ReadEventLog:  eventlog.ReadFile,
		IsEventLog:    eventlog.IsLogFile,
		WriteWorkbook: writeWorkbook,
		WritePicture:  writePicture,
		RenderPicture: renderPicture,
		Charts:        charts,
		CopyImage:     copyImage,
	}
}

// readMapFile reads a .flowmap.json file.
func readMapFile(path string) (*vsm.Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return importers.ReadMapFile(f, path)
}

func writeWorkbook(path string, m *vsm.Map) error {
	return report.WriteWorkbookFile(path, m, report.Options{})
}

func writePicture(path string, m *vsm.Map, chart string) error {
	c, err := report.ParseChart(chart)
	if err != nil {
		return err
	}
	return report.WritePNGFile(path, m, c, report.Options{})
}

func renderPicture(m *vsm.Map, chart string) ([]byte, error) {
	c, err := report.ParseChart(chart)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := report.WritePNG(&buf, m, c, report.Options{}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// copyImage puts a PNG on the system clipboard with the system's own tool:
// Fyne's clipboard (v2.8) holds text only. wl-copy on Wayland, xclip on X11,
// osascript on macOS, PowerShell on Windows. Without one it returns
// importui.ErrNoImageClipboard, saying what to install.
func copyImage(data []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	switch runtime.GOOS {
	case "darwin":
		return viaTempFile(data, func(path string) *exec.Cmd {
			script := fmt.Sprintf(`set the clipboard to (read (POSIX file "%s") as «class PNGf»)`, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(path))
			return exec.CommandContext(ctx, "osascript", "-e", script)
		})
	case "windows":
		return viaTempFile(data, func(path string) *exec.Cmd {
			script := fmt.Sprintf("Add-Type -AssemblyName System.Windows.Forms,System.Drawing; $i = [System.Drawing.Image]::FromFile('%s'); [System.Windows.Forms.Clipboard]::SetImage($i); $i.Dispose()", strings.ReplaceAll(path, "'", "''"))
			return exec.CommandContext(ctx, "powershell", "-NoProfile", "-STA", "-Command", script)
		})
	}
	var cmd *exec.Cmd
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		if p, err := exec.LookPath("wl-copy"); err == nil {
			cmd = exec.CommandContext(ctx, p, "--type", "image/png")
		}
	}
	if cmd == nil && os.Getenv("DISPLAY") != "" {
		if p, err := exec.LookPath("xclip"); err == nil {
			cmd = exec.CommandContext(ctx, p, "-selection", "clipboard", "-t", "image/png", "-i")
		}
	}
	if cmd == nil {
		return fmt.Errorf("%w: install xclip (X11) or wl-clipboard (Wayland) to copy pictures", importui.ErrNoImageClipboard)
	}
	// No stdout or stderr pipes: xclip and wl-copy leave a child serving the
	// clipboard, which would hold a pipe open and make Wait hang.
	cmd.Stdin = bytes.NewReader(data)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", cmd.Path, err)
	}
	return nil
}

// viaTempFile writes data to a temporary PNG, runs the command made for its
// path, and removes the file: the clipboard keeps its own copy.
func viaTempFile(data []byte, command func(path string) *exec.Cmd) error {
	f, err := os.CreateTemp("", "flowmap-*.png")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	cmd := command(f.Name())
	if out, err := cmd.CombinedOutput(); err != nil {
		if _, lerr := exec.LookPath(cmd.Args[0]); lerr != nil {
			return fmt.Errorf("%w: %s is missing", importui.ErrNoImageClipboard, cmd.Args[0])
		}
		return fmt.Errorf("%s: %w: %s", cmd.Args[0], err, strings.TrimSpace(string(out)))
	}
	return nil
}
