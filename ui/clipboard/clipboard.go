// Package clipboard puts pictures on the system clipboard, which Fyne's
// clipboard (v2.8) cannot: it holds text only. It runs the system's own
// tool, so it needs no cgo and no library.
package clipboard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// ErrNoImageTool: this system offers no way to put a picture on the
// clipboard (no xclip or wl-copy, no display).
var ErrNoImageTool = errors.New("this system has no tool to put a picture on the clipboard")

// CopyPNG puts a PNG picture on the system clipboard with the system's own
// tool: wl-copy on Wayland, xclip on X11, osascript on macOS, PowerShell on
// Windows. Without one it returns an error wrapping ErrNoImageTool that says
// what to install. A tool gets 10 seconds.
func CopyPNG(data []byte) error {
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
		return fmt.Errorf("%w: install xclip (X11) or wl-clipboard (Wayland) to copy pictures", ErrNoImageTool)
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
			return fmt.Errorf("%w: %s is missing", ErrNoImageTool, cmd.Args[0])
		}
		return fmt.Errorf("%s: %w: %s", cmd.Args[0], err, strings.TrimSpace(string(out)))
	}
	return nil
}
