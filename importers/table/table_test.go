package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"

	"flowmap/vsm"
)

func testUTF16(s string, bigEndian, bom bool) []byte {
	var b []byte
	if bom {
		if bigEndian {
			b = append(b, 0xfe, 0xff)
		} else {
			b = append(b, 0xff, 0xfe)
		}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestTableDecodeText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		text string
		enc  string
		is   error
	}{
		{"utf-8", []byte("Stage,PT\nA,1\n"), "Stage,PT\nA,1\n", "UTF-8", nil},
		{"utf-8 bom", []byte("\xef\xbb\xbfStage;PT\n"), "Stage;PT\n", "UTF-8 with BOM", nil},
		{"utf-16le bom", testUTF16("Stage\tPT\r\nÉtape\t1\r\n", false, true), "Stage\tPT\r\nÉtape\t1\r\n", "UTF-16LE", nil},
		{"utf-16be bom", testUTF16("Stage\tPT\n", true, true), "Stage\tPT\n", "UTF-16BE", nil},
		{"utf-16le no bom", testUTF16("Stage\tPT\nA\t1\n", false, false), "Stage\tPT\nA\t1\n", "UTF-16LE", nil},
		{"utf-16be no bom", testUTF16("Stage\tPT\nA\t1\n", true, false), "Stage\tPT\nA\t1\n", "UTF-16BE", nil},
		{"windows-1252", []byte("Stage;Notes\nCaf\xe9;\x93quoted\x94\n"), "Stage;Notes\nCafé;“quoted”\n", "Windows-1252", nil},
		{"old mac line ends", []byte("Stage,PT\rA,1\r"), "Stage,PT\nA,1\n", "UTF-8", nil},
		{"nul bytes", []byte("Stage\x00,PT"), "", "", ErrNotSpreadsheet},
		{"control characters", []byte("\x01\x02\x03\x04abc\x05\x06"), "", "", ErrNotSpreadsheet},
		{"bom only", []byte("\xef\xbb\xbf"), "", "", vsm.ErrEmpty},
		{"utf-16 spaces", testUTF16("  \r\n", false, true), "", "", vsm.ErrEmpty},
	}
	for _, tt := range tests {
		text, enc, err := DecodeText(tt.in, "f.csv")
		if tt.is != nil {
			if !errors.Is(err, tt.is) {
				t.Errorf("%s: err %v, want %v", tt.name, err, tt.is)
			}
			continue
		}
		if err != nil || text != tt.text || enc != tt.enc {
			t.Errorf("%s: %q %q %v, want %q %q", tt.name, text, enc, err, tt.text, tt.enc)
		}
	}
}

func TestTableSniff(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
		is   error
		what string
	}{
		{"Stage,PT\n", KindText, nil, ""},
		{"PK\x03\x04rest", KindXLSX, nil, ""},
		{"", 0, vsm.ErrEmpty, "the file is empty"},
		{"%PDF-1.4", 0, ErrNotSpreadsheet, "a PDF document"},
		{"\x89PNG\r\n\x1a\nxx", 0, ErrNotSpreadsheet, "a PNG image"},
		{"\xff\xd8\xff\xe0", 0, ErrNotSpreadsheet, "a JPEG image"},
		{"GIF89a", 0, ErrNotSpreadsheet, "a GIF image"},
		{"\x1f\x8b\x08", 0, ErrNotSpreadsheet, "a gzip archive"},
		{"PK\x05\x06" + strings.Repeat("\x00", 18), 0, ErrNotSpreadsheet, "an empty zip archive"},
		{"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">", 0, ErrNotSpreadsheet, "Excel 2003 XML"},
		{"<html><body>", 0, ErrNotSpreadsheet, "an HTML page"},
		{"{\"a\": 1}", 0, ErrNotSpreadsheet, "a JSON document"},
		{string(magicOLE) + string(utf16LE("EncryptedPackage")), 0, ErrPasswordProtected, "password-protected"},
		{string(magicOLE) + string(utf16LE("WordDocument")), 0, ErrNotSpreadsheet, "a Word 97-2003 document"},
		{string(magicOLE) + "\x00\x00", 0, ErrNotSpreadsheet, "an old Office (OLE) file"},
	}
	for _, tt := range tests {
		kind, err := Sniff([]byte(tt.in), "dir/in.xlsx")
		if tt.is == nil {
			if err != nil || kind != tt.kind {
				t.Errorf("sniff %q: %v %v, want %v", tt.in, kind, err, tt.kind)
			}
			continue
		}
		if !errors.Is(err, tt.is) || !strings.HasPrefix(err.Error(), "in.xlsx: ") || !strings.Contains(err.Error(), tt.what) {
			t.Errorf("sniff %q: %v, want Is(%v) naming in.xlsx and %q", tt.in, err, tt.is, tt.what)
		}
	}
}

func TestTableParseCSV(t *testing.T) {
	text := "h1,h2\r\n" + // row 1
		"\r\n" + // row 2: blank line
		"a,\"two\r\nlines\"\r\n" + // row 3 (two lines in the file)
		"\n\n" + // rows 4, 5
		"b,12\" screen\n" + // row 6: a bare quote
		"c,\"x\"\"y\"\n" + // row 7
		",\n\n" // trailing blanks are dropped
	rows, more, err := ParseCSV(text, ',', 100, "f.csv")
	if err != nil || more {
		t.Fatal(err, more)
	}
	want := [][]string{{"h1", "h2"}, nil, {"a", "two\nlines"}, nil, nil, {"b", "12\" screen"}, {"c", "x\"y"}}
	if len(rows) != len(want) {
		t.Fatalf("rows %q, want %q", rows, want)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}

	_, _, err = ParseCSV("h\n\n\"x\ny\n\"a\"b\n", ',', 100, "f.csv")
	if !errors.Is(err, vsm.ErrInvalid) || !strings.HasPrefix(err.Error(), "f.csv: row 3: a quoted field is not closed") {
		t.Errorf("broken quotes: %v", err)
	}

	rows, more, err = ParseCSV("a\nb\nc\n\nd\n", ',', 3, "f.csv")
	if err != nil || !more || len(rows) != 3 {
		t.Errorf("limit: %q %v %v", rows, more, err)
	}
	wide := strings.Repeat("x,", MaxColumns+10) + "\n"
	if rows, _, _ := ParseCSV(wide, ',', 3, "f.csv"); len(rows[0]) != MaxColumns {
		t.Errorf("a wide row keeps %d cells, want %d", len(rows[0]), MaxColumns)
	}
}

func TestTableHeaderCandidates(t *testing.T) {
	tests := []struct {
		header string
		keys   string // candidate keys joined by |
		unit   string // the unit of the last candidate; "" when it names none
	}{
		{"Wait (days)", "wait", "days"},
		{"PT [h]", "pt", "hours"},
		{"Lead time in minutes", "leadtimeinminutes|leadtime", "minutes"},
		{"LT hrs", "lthrs|lt", "hours"},
		{"Avg. wait time (working days)", "avgwaittime|waittime", "days"},
		{"Days waiting", "dayswaiting|waiting", "days"},
		{"Process time per item (min)", "processtimeperitem|processtime", "minutes"},
		{"C/T (sec)", "ct", "seconds"},
		{"W/T", "wt|t", "weeks"}, // "t" in weeks is a later reading: "wt" comes first, with no unit
		{"Process (PT)", "process|pt", ""},
		{"Lead Time (LT) in weeks", "leadtimeinweeks|leadtime|lt", "weeks"},
		{"No. of staff", "noofstaff|staff", ""},
		{"%C&A", "ca", ""},
		{"Complete & Accurate (%)", "completeaccurate", ""},
		{"Wait ((nested) days)", "wait|nesteddays", ""},
		{"Wait (days", "wait", "days"},
		{"", "", ""},
	}
	for _, tt := range tests {
		cands := HeaderCandidates(tt.header)
		var keys []string
		unit := ""
		for _, c := range cands {
			keys = append(keys, c.Key)
			unit = ""
			if c.HasUnit {
				unit = c.Unit.Unit.String()
				if c.Unit.Seconds {
					unit = "seconds"
				}
			}
		}
		if len(cands) > 0 && cands[0].Key == "wt" && cands[0].HasUnit {
			t.Errorf("candidates(%q): the first reading has a unit", tt.header)
		}
		if strings.Join(keys, "|") != tt.keys || unit != tt.unit {
			t.Errorf("candidates(%q) = %q unit %q, want %q unit %q", tt.header, strings.Join(keys, "|"), unit, tt.keys, tt.unit)
		}
	}
	if got := NormalizeHeader(" %C&A — Process_Time "); got != "caprocesstime" {
		t.Errorf("normalize = %q", got)
	}
}

func TestTableClassifyFormatCode(t *testing.T) {
	tests := []struct {
		code string
		want NumFormat
	}{
		{"[h]:mm", FormatTime},
		{"[h]:mm:ss", FormatTime},
		{"h:mm", FormatTime},
		{"h:mm AM/PM", FormatTime},
		{"mm:ss", FormatTime},
		{"[mm]", FormatTime},
		{`h "hrs"`, FormatTime},
		{"[Red][h]:mm;@", FormatTime},
		{"yyyy-mm-dd", FormatDate},
		{"m/d/yy h:mm", FormatDate},
		{"d-mmm", FormatDate},
		{"mmm", FormatDate},
		{"[$-409]mmmm d, yyyy", FormatDate},
		{"0%", FormatPercent},
		{"0.00%", FormatPercent},
		{"General", FormatNumber},
		{"0.00", FormatNumber},
		{`0 "days"`, FormatNumber},
		{`0.0\h`, FormatNumber},
		{"0.00E+00", FormatNumber},
		{"#,##0;[Red]-#,##0", FormatNumber},
		{"_(* #,##0_)", FormatNumber},
	}
	for _, tt := range tests {
		if got := classifyFormatCode(tt.code); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	for id, want := range map[int]NumFormat{0: FormatNumber, 9: FormatPercent, 14: FormatDate,
		20: FormatTime, 22: FormatDate, 46: FormatTime, 47: FormatTime, 49: FormatNumber} {
		if got := classifyNumFmt(id, ""); got != want {
			t.Errorf("built-in format %d = %v, want %v", id, got, want)
		}
	}
}

func TestSheetColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("letter(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestTableScanCells(t *testing.T) {
	formats := map[int]NumFormat{1: FormatTime, 2: FormatDate, 3: FormatPercent}
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row><c><v>1</v></c><c s="1"><v>0.5</v></c></row>
<row r="5" s="2" customFormat="1"><c r="B5"><v>45000</v></c><c r="C5" s="0"><v>1</v></c></row>
<row r="6"><c r="B6"><f>A6*2</f></c><c r="C6"><f t="shared" si="0"/></c><c r="D6" s="3"><v>0.9</v></c></row>
<x:row r="7" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="B7" s="1"><x:v>0.25</x:v></x:c></x:row>
<row r="9"><c r="B9" s="1"><v>1</v></c></row>
</sheetData></worksheet>`
	out := map[CellKey]CellInfo{}
	err := scanCells(strings.NewReader(sheet), 8, formats, func(CellKey) bool { return true }, out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[CellKey]CellInfo{
		{Row: 2, Col: 1}: {Format: FormatTime},                // a row and cells without r follow on
		{Row: 5, Col: 1}: {Format: FormatDate},                // the row's custom format
		{Row: 6, Col: 1}: {HasFormula: true, Formula: "A6*2"}, // a formula
		{Row: 6, Col: 2}: {HasFormula: true},                  // a shared formula's follower
		{Row: 7, Col: 1}: {Format: FormatTime},                // prefixed elements
	}
	if len(out) != len(want) {
		t.Errorf("cells %+v, want %+v", out, want)
	}
	for k, w := range want {
		if out[k] != w {
			t.Errorf("cell %+v = %+v, want %+v", k, out[k], w)
		}
	}
	if err := scanCells(strings.NewReader("<worksheet><row><c"), 8, formats, func(CellKey) bool { return true }, out); err == nil {
		t.Error("broken XML scanned without an error")
	}
	for ref, want := range map[string][3]int{"A1": {0, 1, 1}, "$B$7": {1, 7, 1}, "xfd1048576": {16383, 1048576, 1}, "AAAA1": {0, 0, 0}, "A0": {0, 0, 0}, "12": {0, 0, 0}} {
		c, r, ok := parseCellRef(ref)
		if okInt := map[bool]int{true: 1}[ok]; okInt != want[2] || (ok && (c != want[0] || r != want[1])) {
			t.Errorf("cell ref %q = %d %d %v", ref, c, r, ok)
		}
	}
}

func TestTableDateText(t *testing.T) {
	w := &Workbook{}
	for serial, want := range map[string]string{"45292": "2024-01-01", "45292.75": "2024-01-01 18:00", "1": "1900-01-01", "61": "1900-03-01", "x": "x", "-3": "-3"} {
		if got := w.DateText(serial); got != want {
			t.Errorf("DateText(%s) = %q, want %q", serial, got, want)
		}
	}
	w.date1904 = true
	if got := w.DateText("0"); got != "1904-01-01" {
		t.Errorf("1904 DateText(0) = %q", got)
	}
}

func TestTableSheetParts(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="B" sheetId="2" r:id="rId2"/><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="Lost" sheetId="3" r:id="rId9"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/other.xml"/></Relationships>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	got := sheetParts(zr)
	if len(got) != 2 || got["A"] != "xl/worksheets/sheet1.xml" || got["B"] != "xl/worksheets/other.xml" {
		t.Errorf("sheet parts %v", got)
	}
}

func TestTableGuard(t *testing.T) {
	err := Guard("x.xlsx", "reading", func() error {
		var m map[string]int
		//lint:ignore SA5000 the panic is the point: excelize panics like this on crafted files
		m["boom"]++
		return nil
	})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "x.xlsx: the workbook is damaged: reading failed (assignment to entry in nil map)") {
		t.Errorf("Guard: %v", err)
	}
}

func TestTableSepLine(t *testing.T) {
	if d, rest, ok := SepLine("sep=;\nStage;PT\n"); !ok || d != ';' || rest != "Stage;PT\n" {
		t.Errorf("sep line: %q %q %v", d, rest, ok)
	}
	if _, _, ok := SepLine("Stage,PT\n"); ok {
		t.Error("a header taken for a sep= line")
	}
}
