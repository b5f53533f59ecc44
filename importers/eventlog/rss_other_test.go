//go:build !unix

package eventlog

import "time"

// maxRSS is unknown off Unix.
func maxRSS() int64 { return 0 }

// cpuTime is unknown off Unix.
func cpuTime() time.Duration { return 0 }
