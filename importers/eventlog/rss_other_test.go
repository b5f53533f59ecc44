//go:build !unix

package eventlog

import "time"

// maxRSS is unknown off Unix.
func maxRSS() int64 { return 0 }

// cPUTime is unknown off Unix.
func cPUTime() time.Duration { return 0 }
