package eventlog

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"flowmap/vsm"

	"github.com/xuri/excelize/v2"
)

// replacePart rewrites one part of a zip package.
func replacePart(t *testing.T, data []byte, name string, content string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			b = []byte(content)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// bothReaders reads every row of sheet with the fast reader and with
// excelize's iterator, as row number -> cells (empty rows left out).
func bothReaders(t *testing.T, data []byte, sheet string) (fast, slow map[int]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	norm := func(cells []string) string {
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		return fmt.Sprintf("%q", cells)
	}
	fast, slow = map[int]string{}, map[int]string{}
	fs, err := openFastSheet(f, sheet)
	if err != nil {
		t.Fatalf("fast reader refused the sheet: %v", err)
	}
	src, err := fs.rows()
	if err != nil {
		t.Fatalf("fast reader: %v", err)
	}
	for {
		r, cells, ok, err := src.next()
		if err != nil {
			t.Fatalf("fast reader, after row %d: %v", r, err)
		}
		if !ok {
			break
		}
		if c := norm(cells); c != "[]" {
			fast[r] = c
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	ex := &excelizeRows{rows: rows}
	for {
		r, cells, ok, err := ex.next()
		if err != nil {
			t.Fatalf("excelize, row %d: %v", r, err)
		}
		if !ok {
			break
		}
		if c := norm(cells); c != "[]" {
			slow[r] = c
		}
	}
	return fast, slow
}

func sameRows(t *testing.T, what string, fast, slow map[int]string) {
	t.Helper()
	if len(fast) != len(slow) {
		t.Errorf("%s: fast reader has %d rows, excelize %d", what, len(fast), len(slow))
	}
	for r, want := range slow {
		if got := fast[r]; got != want {
			t.Errorf("%s, row %d: fast %s, excelize %s", what, r, got, want)
		}
	}
}

// TestEventFastSheetMatchesExcelize: the fast worksheet reader gives the
// cells excelize's iterator gives, on workbooks excelize writes and on
// hand-written sheet XML with every cell form.
func TestEventFastSheetMatchesExcelize(t *testing.T) {
	rows := sampleRows(t)
	for _, d1904 := range []bool{false, true} {
		data := testWorkbook(t, d1904, rows, nil)
		fast, slow := bothReaders(t, data, "Log")
		sameRows(t, fmt.Sprintf("workbook 1904=%v", d1904), fast, slow)
	}
	// A streamed workbook: inline strings, styled date cells.
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"item", "stage", "entered", "exited"})
	sw.SetRow("A2", []any{101, "Dev & <Test>", excelize.Cell{Value: 46083.375}, "2026-03-02T10:00:00Z"})
	sw.SetRow("A4", []any{true, nil, 3.25, excelize.Cell{Formula: "C4*2", Value: 6.5}})
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	fast, slow := bothReaders(t, buf.Bytes(), "Sheet1")
	sameRows(t, "streamed", fast, slow)
	// Hand-written XML: shared strings with rich text and escapes, entities,
	// formulas, booleans, errors, dates, cells without r, an empty cell,
	// comments and extensions.
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="3" spans="1:5"><c t="inlineStr"><is><r><t>In</t></r><r><rPr><b/></rPr><t xml:space="preserve"> QA </t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c><c><v>46083.375</v></c><c r="D3" t="str"><f>A3&amp;"!"</f><v>a &lt;b&gt; &#x41;&#66;</v></c><c r="E3"/></row>
<!-- a comment -->
<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" t="d"><v>2026-03-02T09:00:00</v></c><c r="D4" s="3"><f>1+1</f></c><c r="F4" t="n"><v>-1.5E3</v></c></row>
<row r="6"/>
<row r="7"><c r="B7" t="s"><v>3</v></c><extLst><ext uri="x"><y/></ext></extLst></row>
<row r="8"><c r="A8" t="inlineStr"><is><t>line&#13;
two</t></is></c><c r="B8"><v>1</v></c></row>
</sheetData></worksheet>`
	sst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>issue_key</t></si><si><r><t>to</t></r><r><t>_status</t></r></si><si><t>changed_x005F_at_x0041_</t></si><si><t xml:space="preserve"> Ready for QA </t><rPh sb="0" eb="1"><t>r</t></rPh></si></sst>`
	base := testWorkbook(t, false, rows, nil)
	crafted := replacePart(t, base, "xl/worksheets/sheet2.xml", sheet)
	crafted = replacePart(t, crafted, "xl/sharedStrings.xml", sst)
	fast, slow = bothReaders(t, crafted, "Log")
	sameRows(t, "crafted", fast, slow)
	if !strings.Contains(fast[3], `In QA `) || !strings.Contains(fast[1], "changed_atA") {
		t.Errorf("crafted rows: %v", fast)
	}
}

// TestEventFastSheetFallback: markup the fast reader does not take on (a
// namespace prefix) is read by excelize's iterator, with the same figures.
func TestEventFastSheetFallback(t *testing.T) {
	want, err := ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	data := testWorkbook(t, false, sampleRows(t), nil)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var sheet string
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet2.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			sheet = string(b)
		}
	}
	// The same sheet with every element of the main namespace prefixed.
	prefixed := strings.NewReplacer("<worksheet xmlns=", "<x:worksheet xmlns:x=", "</worksheet>", "</x:worksheet>",
		"<sheetData", "<x:sheetData", "</sheetData>", "</x:sheetData>", "<row", "<x:row", "</row>", "</x:row>",
		"<c ", "<x:c ", "</c>", "</x:c>", "<v>", "<x:v>", "</v>", "</x:v>").Replace(sheet)
	data = replacePart(t, data, "xl/worksheets/sheet2.xml", prefixed)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if fs, err := openFastSheet(f, "Log"); err == nil {
		if _, err := fs.rows(); err == nil {
			t.Errorf("the fast reader took a prefixed sheet")
		}
	}
	f.Close()
	st, err := Read(bytes.NewReader(data), "prefixed.xlsx", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if stagesJSON(t, st) != stagesJSON(t, want) {
		t.Errorf("prefixed sheet: figures differ")
	}
}

// FuzzEventSheetXML feeds arbitrary worksheet XML to the fast reader: it must
// not panic or loop, and on well-formed XML that it accepts it must give the
// cells excelize's iterator gives.
func FuzzEventSheetXML(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row><c t="inlineStr"><is><t>a&amp;b</t></is></c><c><f>1</f><v>x</v></c></row><row r="5"/></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><!--c--><row r="2"><c r="C2" t="str"><v>&#65;</v></c><extLst><e/></extLst></row></sheetData></worksheet>`)
	base := func() []byte {
		x := excelize.NewFile()
		x.SetCellValue("Sheet1", "A1", "a")
		x.SetCellValue("Sheet1", "A2", "b")
		var buf bytes.Buffer
		x.Write(&buf)
		return buf.Bytes()
	}()
	f.Fuzz(func(t *testing.T, sheet string) {
		if len(sheet) > 4096 {
			return
		}
		fs := &fastSheet{data: []byte(sheet), sst: []string{"a", "b"}}
		src, err := fs.rows()
		if err != nil {
			return
		}
		fast := map[int]string{}
		for n := 0; ; n++ {
			if n > len(sheet)+1 {
				t.Fatalf("more rows than bytes: a loop")
			}
			r, cells, ok, err := src.next()
			if err != nil {
				return // the fast reader stepped aside or refused: excelize decides
			}
			if !ok {
				break
			}
			for len(cells) > 0 && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			if len(cells) > 0 {
				fast[r] = fmt.Sprintf("%q", cells)
			}
		}
		// Compare with excelize only on well-formed XML with the structure
		// excelize expects.
		d := xml.NewDecoder(strings.NewReader(sheet))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				return
			}
		}
		if !strings.HasPrefix(strings.TrimSpace(sheet), "<worksheet") {
			return
		}
		data := replacePart(t, base, "xl/worksheets/sheet1.xml", sheet)
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		defer x.Close()
		slow := map[int]string{}
		func() {
			defer func() { recover() }()
			rows, err := x.Rows("Sheet1")
			if err != nil {
				return
			}
			ex := &excelizeRows{rows: rows}
			for {
				r, cells, ok, err := ex.next()
				if err != nil || !ok {
					if err != nil {
						slow = nil
					}
					return
				}
				for len(cells) > 0 && cells[len(cells)-1] == "" {
					cells = cells[:len(cells)-1]
				}
				if len(cells) > 0 {
					slow[r] = fmt.Sprintf("%q", cells)
				}
			}
		}()
		if slow == nil {
			return
		}
		if fmt.Sprint(fast) != fmt.Sprint(slow) {
			t.Fatalf("fast %v\nexcelize %v", fast, slow)
		}
	})
}
