package table

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// The cell details the row strings of excelize's Rows cannot give (a cell's
// number format, a formula saved without its value) are read here, from the
// sheet's XML, in one streaming pass. excelize would give them through
// GetCellStyle and GetCellFormula, but those load the whole sheet into memory
// and pad it to its highest row and column number: a crafted sheet with one
// cell in row 1,048,576 or column XFD makes that take gigabytes.

// CellKey is a cell: 1-based row, 0-based column.
type CellKey struct{ Row, Col int }

// CellInfo is what the sheet XML says about one cell.
type CellInfo struct {
	Format     NumFormat // of the cell's style
	HasFormula bool
	Formula    string // the formula's text; "" for a shared formula's follower
}

// sheetParts maps each sheet name to its part in the zip, through the
// package relationships (_rels/.rels), the workbook's <sheets> and the
// workbook's relationships. Parts it cannot resolve are left out.
func sheetParts(zr *zip.Reader) map[string]string {
	files := map[string]*zip.File{}
	for _, zf := range zr.File {
		files[strings.TrimPrefix(strings.ReplaceAll(zf.Name, "\\", "/"), "/")] = zf
	}
	type rel struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
	readRels := func(name string) []rel {
		var doc struct {
			Rels []rel `xml:"Relationship"`
		}
		if zf := files[name]; zf != nil {
			decodeXMLPart(zf, &doc)
		}
		return doc.Rels
	}
	resolve := func(dir, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/")
		}
		return path.Join(dir, target)
	}
	workbook := "xl/workbook.xml"
	for _, r := range readRels("_rels/.rels") {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			workbook = resolve("", r.Target)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if zf := files[workbook]; zf != nil {
		decodeXMLPart(zf, &wb)
	}
	dir := path.Dir(workbook)
	targets := map[string]string{}
	for _, r := range readRels(path.Join(dir, "_rels", path.Base(workbook)+".rels")) {
		targets[r.ID] = resolve(dir, r.Target)
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		for _, a := range s.Attr {
			if a.Name.Local == "id" && targets[a.Value] != "" {
				parts[s.Name] = targets[a.Value]
			}
		}
	}
	return parts
}

// decodeXMLPart unmarshals a small part (workbook, relationships); a
// part that does not decode leaves v as it was.
func decodeXMLPart(zf *zip.File, v any) {
	rc, err := zf.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	_ = xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v)
}

// Cells reads, from sheet's XML, the cells of rows 1..lastRow for which
// want is true, and returns those whose style formats numbers as a time or
// a date, or that hold a formula. A sheet whose part it cannot find yields
// nothing: the rows then read as they are.
func (w *Workbook) Cells(sheet string, lastRow int, want func(CellKey) bool) (map[CellKey]CellInfo, error) {
	formats, err := w.styleFormats()
	if err != nil {
		return nil, err
	}
	part := w.parts[sheet]
	var zf *zip.File
	for _, f := range w.zr.File {
		if strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/") == part {
			zf = f
		}
	}
	out := map[CellKey]CellInfo{}
	if part == "" || zf == nil {
		return out, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, Errorf(ErrDamaged, "%s: %v: sheet %q cannot be unzipped (%v)", w.file, ErrDamaged, sheet, err)
	}
	defer rc.Close()
	if err := scanCells(rc, lastRow, formats, want, out); err != nil {
		return nil, Errorf(ErrDamaged, "%s: %v: sheet %q: %v", w.file, ErrDamaged, sheet, err)
	}
	return out, nil
}

// scanCells walks sheet XML row by row and cell by cell (a <row> or <c>
// without an r attribute follows the previous one) and fills out.
func scanCells(r io.Reader, lastRow int, formats map[int]NumFormat, want func(CellKey) bool, out map[CellKey]CellInfo) error {
	d := xml.NewDecoder(r)
	row, col, rowStyle := 0, 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			next := row + 1
			rowStyle = 0
			custom := false
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "r":
					if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
						next = n
					}
				case "s":
					rowStyle, _ = strconv.Atoi(a.Value)
				case "customFormat":
					custom = a.Value == "1" || a.Value == "true"
				}
			}
			if !custom {
				rowStyle = 0
			}
			if next > lastRow {
				return nil
			}
			row, col = next, -1
		case "c":
			style, hasStyle := rowStyle, false
			col++
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "r":
					if c, r, ok := parseCellRef(a.Value); ok && r == row {
						col = c
					}
				case "s":
					style, _ = strconv.Atoi(a.Value)
					hasStyle = true
				}
			}
			if !hasStyle {
				style = rowStyle
			}
			key := CellKey{Row: row, Col: col}
			if row < 1 || !want(key) {
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			info := CellInfo{Format: formats[style]}
			if err := scanFormula(d, &info); err != nil {
				return err
			}
			if info.HasFormula || info.Format == FormatTime || info.Format == FormatDate {
				out[key] = info
			}
		}
	}
}

// scanFormula reads a <c> element's children for an <f>.
func scanFormula(d *xml.Decoder, info *CellInfo) error {
	depth, inF := 1, false
	var text strings.Builder
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "f" && depth == 2 {
				info.HasFormula, inF = true, true
			}
		case xml.EndElement:
			depth--
			inF = inF && depth >= 2
		case xml.CharData:
			if inF && text.Len() < 1024 {
				text.Write(t)
			}
		}
	}
	info.Formula = strings.TrimSpace(text.String())
	return nil
}

// parseCellRef reads a cell reference such as "B7" (or "$B$7") into a
// 0-based column and a 1-based row.
func parseCellRef(ref string) (col, row int, ok bool) {
	ref = strings.ReplaceAll(ref, "$", "")
	i := 0
	for i < len(ref) && i < 3 {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || col > 16384 {
		return 0, 0, false
	}
	return col - 1, row, true
}

// DateText writes an Excel date serial as a date for a message, on the
// workbook's date system (1900 or 1904).
func (w *Workbook) DateText(serial string) string {
	v, err := strconv.ParseFloat(serial, 64)
	if err != nil || v < 0 || v > 2958465 { // 9999-12-31
		return serial
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case w.date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case v < 61: // before Excel's fictitious 1900-02-29
		base = base.AddDate(0, 0, 1)
	}
	days := math.Floor(v)
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(math.Round((v-days)*86400)) * time.Second)
	if v == days {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}
