//go:build !unix

package importers

import "time"

// evMaxRSS is unknown off Unix.
func evMaxRSS() int64 { return 0 }

// evCPUTime is unknown off Unix.
func evCPUTime() time.Duration { return 0 }
