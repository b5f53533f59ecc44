package desktop

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestQuietDesktopEnv(t *testing.T) {
	notFound := func(string) (string, error) { return "", errors.New("not found") }
	found := func(f string) (string, error) { return "/usr/bin/" + f, nil }
	cases := []struct {
		name     string
		env      map[string]string
		files    []string // paths that exist
		lookPath func(string) (string, error)
		want     map[string]string
	}{
		{
			name:     "a desktop session: bus address and Wayland display set",
			env:      map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000", "XDG_SESSION_TYPE": "wayland"},
			lookPath: notFound,
			want:     map[string]string{},
		},
		{
			name:     "bus socket in the runtime folder, no address variable",
			env:      map[string]string{"DISPLAY": ":0", "XDG_RUNTIME_DIR": "/run/user/1000"},
			files:    []string{"/run/user/1000/bus"},
			lookPath: notFound,
			want:     map[string]string{},
		},
		{
			name:     "dbus-session file, as Ubuntu 16.04 writes",
			env:      map[string]string{"DISPLAY": ":0", "XDG_RUNTIME_DIR": "/run/user/1000"},
			files:    []string{"/run/user/1000/dbus-session"},
			lookPath: notFound,
			want:     map[string]string{},
		},
		{
			name:     "dbus-launch can start a bus",
			env:      map[string]string{"DISPLAY": ":0", "XDG_RUNTIME_DIR": "/run/user/1000"},
			lookPath: found,
			want:     map[string]string{},
		},
		{
			name:     "no bus anywhere, runtime folder set: only the theme",
			env:      map[string]string{"DISPLAY": ":0", "XDG_RUNTIME_DIR": "/tmp/rt"},
			lookPath: notFound,
			want:     map[string]string{"FYNE_THEME": "dark"},
		},
		{
			name:     "ssh -X or Xvfb: no bus, no runtime folder, an X display",
			env:      map[string]string{"DISPLAY": "localhost:10.0"},
			lookPath: notFound,
			want:     map[string]string{"FYNE_THEME": "dark", "XDG_SESSION_TYPE": "x11"},
		},
		{
			name:     "the user's own theme choice is kept",
			env:      map[string]string{"DISPLAY": ":1", "FYNE_THEME": "light"},
			lookPath: notFound,
			want:     map[string]string{"XDG_SESSION_TYPE": "x11"},
		},
		{
			name:     "a session type already set is kept",
			env:      map[string]string{"DISPLAY": ":1", "XDG_SESSION_TYPE": "tty"},
			lookPath: notFound,
			want:     map[string]string{"FYNE_THEME": "dark"},
		},
		{
			name:     "a Wayland display without a runtime folder: GLFW's own choice",
			env:      map[string]string{"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-1"},
			lookPath: notFound,
			want:     map[string]string{"FYNE_THEME": "dark"},
		},
		{
			name:     "no display at all: nothing to hint",
			env:      map[string]string{},
			lookPath: notFound,
			want:     map[string]string{"FYNE_THEME": "dark"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probe := sessionBusProbe{
				getenv: func(k string) string { return c.env[k] },
				uid:    1000,
				exists: func(p string) bool {
					for _, f := range c.files {
						if f == p {
							return true
						}
					}
					return false
				},
				lookPath: c.lookPath,
			}
			if got := quietDesktopEnv(probe); !maps.Equal(got, c.want) {
				t.Errorf("quietDesktopEnv(%v, files %v) = %v, want %v", c.env, c.files, got, c.want)
			}
		})
	}
}

// A new account has no ~/.cache: Fyne could not create its cache folder in
// it one level at a time, so makeCacheFolder creates the whole path.
func TestMakeCacheFolderOnNewAccount(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CACHE_HOME is the Linux rule")
	}
	home := t.TempDir()
	cache := filepath.Join(home, ".cache") // does not exist yet
	t.Setenv("XDG_CACHE_HOME", cache)
	if err := makeCacheFolder("io.flowmap.app"); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(cache, "fyne", "io.flowmap.app")
	if fi, err := os.Stat(want); err != nil || !fi.IsDir() {
		t.Fatalf("after makeCacheFolder: %s: %v", want, err)
	}
	// A second run finds it there and is content.
	if err := makeCacheFolder("io.flowmap.app"); err != nil {
		t.Errorf("second run: %v", err)
	}
}
