package desktop

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Prepare readies the account for Fyne before the app starts, so the
// first run of a freshly installed Flowmap is quiet in a terminal. Fyne logs
// three harmless complaints on a fresh or headless account:
//
//   - "Failed to create fyne cache space": Fyne makes its cache folder
//     (os.UserCacheDir()/fyne/APPID) one level at a time and fails while the
//     user cache folder itself (~/.cache on a new Linux account) is missing.
//     Creating the whole path first fixes it.
//   - "failed to watch theme settings ... dbus-launch not found": on Linux and
//     the BSDs Fyne asks the desktop portal on the D-Bus session bus for the
//     light or dark preference. Without a session bus it can only fall back to
//     its default, the dark variant, and logs the failure. When no bus can be
//     found, FYNE_THEME=dark makes that same choice without asking.
//   - "error: XDG_RUNTIME_DIR is invalid or not set in the environment." from
//     the Wayland client library, which GLFW tries before X11 when it cannot
//     tell the session's kind. On an X display with no Wayland display
//     (ssh -X, Xvfb), XDG_SESSION_TYPE=x11 tells it.
//
// A setting the user made (FYNE_THEME, XDG_SESSION_TYPE) is never changed.
func Prepare(appID string) {
	if err := makeCacheFolder(appID); err != nil {
		fmt.Fprintln(os.Stderr, "flowmap:", err)
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return // no D-Bus, no Wayland
	}
	for name, value := range quietDesktopEnv(sessionBusProbe{
		getenv:   os.Getenv,
		uid:      os.Getuid(),
		exists:   fileExists,
		lookPath: exec.LookPath,
	}) {
		if err := os.Setenv(name, value); err != nil {
			fmt.Fprintln(os.Stderr, "flowmap:", err)
		}
	}
}

// makeCacheFolder creates Fyne's cache folder for appID, as Fyne names it.
func makeCacheFolder(appID string) error {
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil // no home folder: Fyne keeps no cache either
	}
	if err := os.MkdirAll(filepath.Join(dir, "fyne", appID), 0o700); err != nil {
		return fmt.Errorf("creating the cache folder: %w", err)
	}
	return nil
}

// sessionBusProbe is what finding a D-Bus session bus looks at, passed in so
// the rule can be tested without the machine's own environment.
type sessionBusProbe struct {
	getenv   func(string) string
	uid      int
	exists   func(path string) bool
	lookPath func(file string) (string, error)
}

// reachable tells whether Fyne's D-Bus library (godbus) would find a session
// bus, looking where it looks, in its order: $DBUS_SESSION_BUS_ADDRESS, then
// /run/user/UID/bus or /run/user/UID/dbus-session, then a dbus-launch it can
// run to start one.
func (p sessionBusProbe) reachable() bool {
	if p.getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	run := fmt.Sprintf("/run/user/%d", p.uid)
	if p.exists(filepath.Join(run, "bus")) || p.exists(filepath.Join(run, "dbus-session")) {
		return true
	}
	_, err := p.lookPath("dbus-launch")
	return err == nil
}

// quietDesktopEnv is the environment to add on Linux and the BSDs so Fyne
// and GLFW make the choices they would make anyway without logging why (see
// Prepare). It leaves alone every variable already set.
func quietDesktopEnv(p sessionBusProbe) map[string]string {
	add := map[string]string{}
	if p.getenv("FYNE_THEME") == "" && !p.reachable() {
		add["FYNE_THEME"] = "dark"
	}
	if p.getenv("XDG_SESSION_TYPE") == "" && p.getenv("WAYLAND_DISPLAY") == "" &&
		p.getenv("XDG_RUNTIME_DIR") == "" && p.getenv("DISPLAY") != "" {
		add["XDG_SESSION_TYPE"] = "x11"
	}
	return add
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
