//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package store

import (
	"os"
	"time"
)

// lockFile does nothing where flock is not available: bbolt's own lock, taken
// when the store is opened, still keeps two writers apart; only the check
// before opening and RestoreBackup go without it.
func lockFile(*os.File, bool, time.Duration) error { return nil }
