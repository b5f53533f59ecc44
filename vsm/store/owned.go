package store

import (
	"os"
	"path/filepath"
	"strings"
)

// IsStoreFile reports whether path names the store at dbPath or a file kept
// beside it: a backup, or a store a restore replaced. Links are followed and
// hard links caught (os.SameFile), so "out.xlsx" linked to the store counts.
// A path that does not exist counts when it is the store's own path (a store
// not created yet). Nothing Flowmap exports may be written there: an export
// over the store would replace every map with a report.
func IsStoreFile(dbPath, path string) bool {
	target, err := os.Stat(path)
	if err != nil { // not there yet, or not reachable: only its name can match
		return samePath(dbPath, path)
	}
	if st, err := os.Stat(dbPath); err == nil && os.SameFile(st, target) {
		return true
	}
	dir, base := splitPath(dbPath)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base+backupInfix) && !strings.HasPrefix(name, base+replacedInfix) {
			continue
		}
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && os.SameFile(st, target) {
			return true
		}
	}
	return false
}

// samePath reports whether a and b are the same path once made absolute and
// clean.
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
