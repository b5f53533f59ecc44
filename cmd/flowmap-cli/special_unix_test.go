//go:build unix

package main

import (
	"os"
	"syscall"
	"testing"
)

// makeFIFO makes a named pipe at path; false where there are none.
func makeFIFO(t *testing.T, path string) bool {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	return true
}

// makeDevice makes a character device node at path (1:3, /dev/null on
// Linux, never opened here); false when not root, who alone may.
func makeDevice(t *testing.T, path string) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Log("not root: making a device node needs root, device case skipped")
		return false
	}
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o600, 1<<8|3); err != nil {
		t.Fatal(err)
	}
	return true
}
