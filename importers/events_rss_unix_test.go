//go:build unix

package importers

import (
	"syscall"
	"time"
)

// evMaxRSS is the peak resident memory of this process in bytes, 0 if unknown.
func evMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}

// evCPUTime is the user and system CPU time this process has used, 0 if
// unknown: on a shared machine it says more than wall time.
func evCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
