package eventlog

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path"
	"strings"

	"flowmap/vsm"
)

// IsLogFile reports whether the file at path has an event-log header
// (an interval or a transition log), reading no further than it needs: the
// first 64 kB of a CSV; of a workbook, the start of each sheet and of its
// shared strings, unzipped from the file as they are read, so a large log is
// told in milliseconds. A file that cannot be read is not one; reading it
// for real says why.
func IsLogFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	magic := make([]byte, 4)
	_, err = io.ReadFull(f, magic)
	f.Close()
	if err == nil && bytes.Equal(magic, []byte("PK\x03\x04")) {
		if isLog, decided := sniffXLSX(path); decided {
			return isLog
		}
	}
	// A CSV, or a workbook the sniff cannot read: the reader, stopped at the
	// header (for a workbook, excelize unzips it whole).
	cfg := defaultConfig()
	cfg.headerOnly = true
	_, err = readFile(path, vsm.EventLogOptions{}, cfg)
	return err == nil
}

// Bounds of the sniff: the bytes unzipped from each sheet and from the
// shared strings, and the shared strings kept (a header's are among the
// first a spreadsheet writes).
const (
	sniffSheetBytes = 256 << 10
	sniffSSTBytes   = 4 << 20
	sniffSSTStrings = 4096
)

// sniffXLSX looks for an event-log header in the first rows of the
// workbook's sheets with the fast worksheet reader. decided is false when it
// cannot tell (a workbook laid out in a way the fast reader steps aside
// for, a header string past the ones kept, a damaged zip); the caller then
// asks excelize.
func sniffXLSX(file string) (isLog, decided bool) {
	defer func() {
		if recover() != nil {
			isLog, decided = false, false
		}
	}()
	zr, err := zip.OpenReader(file)
	if err != nil {
		return false, false
	}
	defer zr.Close()
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	read := func(name string, limit int64) ([]byte, bool) {
		f, ok := parts[name]
		if !ok {
			return nil, false
		}
		rc, err := f.Open()
		if err != nil {
			return nil, false
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, limit))
		return b, err == nil
	}
	wb, ok1 := read("xl/workbook.xml", 4<<20)
	rels, ok2 := read("xl/_rels/workbook.xml.rels", 4<<20)
	if !ok1 || !ok2 {
		return false, false
	}
	sheets, ok := sheetParts(wb, rels)
	if !ok {
		return false, false
	}
	var sst []string
	if _, has := parts["xl/sharedStrings.xml"]; has {
		f, _ := parts["xl/sharedStrings.xml"].Open()
		if f == nil {
			return false, false
		}
		sst = sstPrefix(io.LimitReader(f, sniffSSTBytes), sniffSSTStrings)
		f.Close()
	}
	for _, sh := range sheets {
		data, ok := read(sh.part, sniffSheetBytes)
		if !ok || bytes.Contains(data, []byte("<![CDATA[")) {
			return false, false
		}
		src, err := (&fastSheet{data: data, sst: sst}).rows()
		if err != nil {
			return false, false
		}
		for range headerRows {
			_, cells, more, err := src.next()
			if err != nil {
				return false, false
			}
			if !more {
				break
			}
			for i := range cells {
				cells[i] = cleanName(cells[i])
			}
			if lay, _ := detectLayout(cells); lay != nil {
				return true, true
			}
		}
	}
	return false, true
}

// sheetPart is a worksheet's name and its part in the zip.
type sheetPart struct{ name, part string }

// sheetParts lists the worksheets in the workbook's sheet order, from
// xl/workbook.xml and its relationships.
func sheetParts(wb, rels []byte) ([]sheetPart, bool) {
	var w struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	var r struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(wb, &w) != nil || xml.Unmarshal(rels, &r) != nil {
		return nil, false
	}
	var out []sheetPart
	for _, s := range w.Sheets {
		for _, rel := range r.Rels {
			if rel.ID != s.ID {
				continue
			}
			part := path.Join("xl", rel.Target)
			if strings.HasPrefix(rel.Target, "/") {
				part = strings.TrimPrefix(rel.Target, "/")
			}
			out = append(out, sheetPart{name: s.Name, part: part})
		}
	}
	return out, true
}

// sstPrefix reads up to max shared strings from the start of
// sharedStrings.xml, stopping where r ends (a bounded prefix may cut the
// last one off: it is left out).
func sstPrefix(r io.Reader, max int) []string {
	d := xml.NewDecoder(r)
	var out []string
	for len(out) < max {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "si" {
			continue
		}
		var si sharedString
		if d.DecodeElement(&si, &se) != nil {
			return out
		}
		out = append(out, si.text())
	}
	return out
}

// sharedString is one <si> of the shared strings: plain, or rich text runs.
type sharedString struct {
	T *string `xml:"t"`
	R []struct {
		T *string `xml:"t"`
	} `xml:"r"`
}

func (si sharedString) text() string {
	var b strings.Builder
	if si.T != nil {
		b.WriteString(*si.T)
	}
	for _, run := range si.R {
		if run.T != nil {
			b.WriteString(*run.T)
		}
	}
	return bstr(b.String())
}
