// Package importers reads the files teams already have into vsm domain
// types, one package per kind of file:
//
//   - stagesheet: stage sheets (.xlsx or .csv, one stage per row) into a
//     vsm.SheetPreview;
//   - eventlog: trackers' event logs into vsm.EventLogStats;
//   - table: the spreadsheet and CSV reading both share;
//   - this package: .flowmap.json map files (ReadMapFile).
//
// Every reader takes an io.Reader and a file name, refuses hostile input with
// an error that names the file, and never returns half an import.
package importers

import (
	"fmt"
	"io"
	"os"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// mapFileMaxBytes bounds a .flowmap.json file. A map with a thousand stages
// and years of measurements is well under a megabyte.
const mapFileMaxBytes = 32 << 20

// OpenMapFile reads the .flowmap.json map file at path with ReadMapFile.
func OpenMapFile(path string) (*vsm.Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadMapFile(f, path)
}

// ReadMapFile reads a .flowmap.json map file (shared/formats.md part 3) and
// validates the map. Errors start with the file's name; an empty file is
// vsm.ErrEmpty, one over 32 MB table.ErrTooLarge, and a file that is not a
// map wraps vsm.ErrMapFile (or vsm.ErrInvalid for a bad value).
func ReadMapFile(r io.Reader, name string) (*vsm.Map, error) {
	data, err := table.ReadAll(r, name, mapFileMaxBytes)
	if err != nil {
		return nil, err
	}
	file := table.FileName(name)
	if len(data) == 0 {
		return nil, table.Errorf(vsm.ErrEmpty, "%s: the file is empty", file)
	}
	m, err := vsm.DecodeMapFile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}
