package vsm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MapFileFormat is the value of the "format" field of a .flowmap.json file
// as Flowmap writes it. Version 2 added the flow model (mapfile_flow.go).
const MapFileFormat = "flowmap/2"

// MapFileFormatV1 is the first version, a straight line of stages; Flowmap
// still reads it (it is version 2 without the flow keys).
const MapFileFormatV1 = "flowmap/1"

// MapFileExt is the extension of a map file.
const MapFileExt = ".flowmap.json"

// ErrMapFile is wrapped by every error about a map file's content.
var ErrMapFile = errors.New("not a Flowmap map file")

// mapFile is the portable form of a Map (shared/formats.md, part 3). Its field
// names are a contract with files people keep in git: add, never rename.
type mapFile struct {
	Format       string      `json:"format"`
	Name         string      `json:"name"`
	Description  string      `json:"description,omitempty"`
	Calendar     fileCal     `json:"calendar"`
	DemandPerDay *float64    `json:"demand_per_day"`
	Created      *time.Time  `json:"created,omitempty"`
	Updated      *time.Time  `json:"updated,omitempty"`
	Stages       []fileStage `json:"stages"`
	extension
	mapFileFlow
}

type fileCal struct {
	HoursPerDay float64 `json:"hours_per_day"`
	DaysPerWeek float64 `json:"days_per_week"`
}

type fileStage struct {
	Name             string   `json:"name"`
	Team             string   `json:"team,omitempty"`
	WaitHours        float64  `json:"wait_hours"`
	ProcessHours     float64  `json:"process_hours"`
	CompleteAccurate *float64 `json:"complete_accurate"`
	People           *float64 `json:"people"`
	Queue            *float64 `json:"queue"`
	Waste            []string `json:"waste,omitempty"`
	Notes            string   `json:"notes,omitempty"`
	fileStageFlow
}

// EncodeMapFile writes m as an indented .flowmap.json document.
func EncodeMapFile(m *Map) ([]byte, error) {
	f := mapFile{
		Format: MapFileFormat, Name: m.Name, Description: m.Description,
		Calendar:     fileCal{HoursPerDay: m.Calendar.HoursPerDay, DaysPerWeek: m.Calendar.DaysPerWeek},
		DemandPerDay: m.DemandPerDay,
		Stages:       fileStagesOf(m.Stages),
	}
	if !m.Created.IsZero() {
		t := m.Created
		f.Created = &t
	}
	if !m.Updated.IsZero() {
		t := m.Updated
		f.Updated = &t
	}
	f.extension = encodeExtension(m)
	f.Throughput = m.Throughput
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encoding map %q: %w", m.Name, err)
	}
	return buf.Bytes(), nil
}

// DecodeMapFile reads a .flowmap.json document and validates the map. Errors
// name what is wrong: a missing or foreign "format", an unknown version,
// malformed JSON (with its line), or the stage and field of an invalid value.
func DecodeMapFile(data []byte) (*Map, error) {
	var probe struct {
		Format *string `json:"format"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMapFile, jsonProblem(data, err))
	}
	switch {
	case probe.Format == nil:
		return nil, fmt.Errorf("%w: it has no \"format\" field (expected %q)", ErrMapFile, MapFileFormat)
	case *probe.Format == MapFileFormatV1:
		// Version 1 is version 2 without the flow keys: read on.
	case strings.HasPrefix(*probe.Format, "flowmap/") && *probe.Format != MapFileFormat:
		return nil, fmt.Errorf("%w: format %q is a version this Flowmap does not know (it reads %q and %q); update Flowmap", ErrMapFile, *probe.Format, MapFileFormatV1, MapFileFormat)
	case *probe.Format != MapFileFormat:
		return nil, fmt.Errorf("%w: format is %q, expected %q", ErrMapFile, *probe.Format, MapFileFormat)
	}
	var f mapFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMapFile, jsonProblem(data, err))
	}
	m := &Map{
		Name: f.Name, Description: f.Description,
		Calendar:     Calendar{HoursPerDay: f.Calendar.HoursPerDay, DaysPerWeek: f.Calendar.DaysPerWeek},
		DemandPerDay: f.DemandPerDay,
		Stages:       stagesOfFile(f.Stages),
	}
	if f.Created != nil {
		m.Created = *f.Created
	}
	if f.Updated != nil {
		m.Updated = *f.Updated
	}
	m.Throughput = nilIfEmpty(f.Throughput)
	if err := decodeExtension(&f.extension, m); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// jsonProblem turns a decoding error into a sentence with the line it is on.
func jsonProblem(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at line %d: %v", lineOf(data, syn.Offset), syn)
	case errors.As(err, &typ):
		return fmt.Sprintf("line %d: field %q should be a %v, not a JSON %s", lineOf(data, typ.Offset), typ.Field, typ.Type, typ.Value)
	}
	return err.Error()
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
