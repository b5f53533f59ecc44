//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteRefusesSpecialFiles: a named pipe or a device node at the target
// is refused and left as it is. Before, the rename replaced it with a file
// (as root, a device node such as /dev/null).
func TestWriteRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, kind string }{{fifo, "a named pipe (FIFO)"}}
	if os.Geteuid() == 0 {
		dev := filepath.Join(dir, "null")
		// Character device 1:3 is /dev/null on Linux; on other systems the
		// numbers may name another device, which is never opened here.
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o600, 1<<8|3); err != nil {
			t.Fatalf("mknod as root: %v", err)
		}
		cases = append(cases, struct{ path, kind string }{dev, "a device"})
	} else {
		t.Log("not root: making a device node needs root, device case skipped")
	}
	link := filepath.Join(dir, "link-to-pipe")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, struct{ path, kind string }{link, "a named pipe (FIFO)"})
	for _, c := range cases {
		before, _ := os.Lstat(c.path)
		err := WriteBytes(c.path, []byte("report"))
		if err == nil || !strings.Contains(err.Error(), "it is "+c.kind+", not a regular file") {
			t.Errorf("%s: error = %v, want it to say %q", c.path, err, c.kind)
		}
		after, err := os.Lstat(c.path)
		if err != nil {
			t.Errorf("%s: gone: %v", c.path, err)
		} else if after.Mode() != before.Mode() {
			t.Errorf("%s: was %v, now %v", c.path, before.Mode(), after.Mode())
		}
	}
	// No temporary file was left beside them.
	ents, _ := os.ReadDir(dir)
	if len(ents) != len(cases) {
		t.Errorf("the folder holds %d entries, want the %d special files only", len(ents), len(cases))
	}
}
