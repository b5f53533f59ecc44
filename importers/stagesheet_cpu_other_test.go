//go:build !unix

package importers

import "time"

// sheetTestCPUTime is not measured on this system: benchmarks report 0.
func sheetTestCPUTime() time.Duration { return 0 }
