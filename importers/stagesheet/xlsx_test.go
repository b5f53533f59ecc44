package stagesheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"flowmap/importers/table"
	"flowmap/vsm"
)

func TestStageSheetXLSXTimeCells(t *testing.T) {
	book := testWorkbook(t, testSheet{Name: "Stages", Rows: [][]any{
		{"Stage", "Wait (days)", "Process time"},
		// [h]:mm: 1.1041666... days = 26.5 h; the header's days do not apply.
		{"Build", testCell{V: 26.5 / 24, Custom: "[h]:mm"}, testCell{V: 0.0625, NumFmt: 46}},  // [h]:mm:ss 1:30:00
		{"Test", 2, testCell{V: 0.5, NumFmt: 20}},                                             // h:mm 12:00 = 12 h
		{"Ship", testCell{V: 0.25, Custom: "h:mm;@"}, testCell{V: 1.0 / 48, Custom: "mm:ss"}}, // 6 h; 30 min
		{"Learn", testCell{V: 3, Custom: `0.0 "days"`}, "45m"},                                // a number with a label: days
	}})
	p := mustRead(t, "times.xlsx", book, vsm.SheetOptions{})
	checkStages(t, p.Stages, []wantStage{
		{Name: "Build", Wait: 26.5, PT: 1.5, CA: 1, People: 1, Queue: -1},
		{Name: "Test", Wait: 16, PT: 12, CA: 1, People: 1, Queue: -1},
		{Name: "Ship", Wait: 6, PT: 0.5, CA: 1, People: 1, Queue: -1},
		{Name: "Learn", Wait: 24, PT: 0.75, CA: 1, People: 1, Queue: -1},
	})

	// A date in a duration column is refused, shown as Excel shows it.
	book = testWorkbook(t, testSheet{Name: "S", Rows: [][]any{
		{"Stage", "Wait"},
		{"Build", testCell{V: 45292, NumFmt: 14}}, // 2024-01-01
	}})
	_, err := testRead(t, "dates.xlsx", book, vsm.SheetOptions{})
	if err == nil || !strings.Contains(err.Error(), `dates.xlsx: sheet "S", row 2, column "Wait": "2024-01-01" is a date, not a duration`) {
		t.Errorf("date cell: %v", err)
	}
}

func TestStageSheetXLSXSheets(t *testing.T) {
	notes := testSheet{Name: "Read me", Rows: [][]any{{"How to fill in this workbook"}, {"Process: one row per step"}}}
	partial := testSheet{Name: "Team", Rows: [][]any{{"Name", "Role"}, {"Ann", "Dev"}}} // name + team: usable, 2 fields
	stages := testSheet{Name: "Current state", Rows: [][]any{
		{"Current state map"},
		nil,
		{"Step", "Wait", "PT", "%C&A"},
		{"Plan", 4, 1, 0.9},
	}}
	future := testSheet{Name: "Future state", Rows: [][]any{
		{"Step", "Wait", "PT"},
		{"Plan", 1, 1},
	}}
	book := testWorkbook(t, notes, partial, stages, future)

	p := mustRead(t, "vsm.xlsx", book, vsm.SheetOptions{})
	if p.Sheet != "Current state" || p.HeaderRow != 3 || strings.Join(p.Sheets, "|") != "Read me|Team|Current state|Future state" {
		t.Errorf("best sheet %q header %d sheets %q", p.Sheet, p.HeaderRow, p.Sheets)
	}
	checkStages(t, p.Stages, []wantStage{{Name: "Plan", Wait: 4, PT: 1, CA: 0.9, People: 1, Queue: -1}})

	p = mustRead(t, "vsm.xlsx", book, vsm.SheetOptions{Sheet: "future STATE"})
	if p.Sheet != "Future state" || p.Stages[0].WaitHours != 1 {
		t.Errorf("named sheet %q stages %+v", p.Sheet, p.Stages)
	}

	_, err := testRead(t, "vsm.xlsx", book, vsm.SheetOptions{Sheet: "Q4"})
	want := `vsm.xlsx: there is no sheet named "Q4" (the sheets are "Read me", "Team", "Current state", "Future state")`
	if !errors.Is(err, table.ErrSheetNotFound) || err.Error() != want {
		t.Errorf("unknown sheet: %v\nwant %s", err, want)
	}

	_, err = testRead(t, "vsm.xlsx", book, vsm.SheetOptions{Sheet: "Read me"})
	if !errors.Is(err, table.ErrNoHeader) || !strings.Contains(err.Error(), `of sheet "Read me"`) {
		t.Errorf("sheet without a header: %v", err)
	}

	only := testWorkbook(t, notes, testSheet{Name: "Blank"})
	_, err = testRead(t, "notes.xlsx", only, vsm.SheetOptions{})
	if !errors.Is(err, table.ErrNoHeader) || !strings.Contains(err.Error(), `nor in any other sheet: "Read me", "Blank"`) {
		t.Errorf("no sheet with a header: %v", err)
	}

	empty := testWorkbook(t, testSheet{Name: "Sheet1"})
	if _, err := testRead(t, "empty.xlsx", empty, vsm.SheetOptions{}); !errors.Is(err, vsm.ErrEmpty) {
		t.Errorf("empty workbook: %v", err)
	}
}

func TestStageSheetXLSXRowLimit(t *testing.T) {
	rows := [][]any{{"Stage", "PT"}}
	for range 30 {
		rows = append(rows, []any{"A", 1})
	}
	book := testWorkbook(t, testSheet{Name: "S", Rows: rows})
	_, err := testRead(t, "rows.xlsx", book, vsm.SheetOptions{MaxRows: 30})
	if !errors.Is(err, table.ErrTooLarge) || !strings.Contains(err.Error(), `sheet "S" has more than 30 rows`) {
		t.Errorf("31 rows with MaxRows 30: %v", err)
	}
	if p, err := testRead(t, "rows.xlsx", book, vsm.SheetOptions{MaxRows: 31}); err != nil || len(p.Stages) != 30 {
		t.Errorf("31 rows with MaxRows 31: %v", err)
	}
}

func TestStageSheetHostileWorkbooks(t *testing.T) {
	good := testWorkbook(t, testSheet{Name: "S", Rows: [][]any{{"Stage", "Wait"}, {"A", 1}}})

	var protected bytes.Buffer
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Stage")
	if err := f.Write(&protected, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	docx := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
			w, _ := zw.Create(n)
			w.Write([]byte("<x/>"))
		}
		zw.Close()
		return b.Bytes()
	}()
	ods := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("mimetype")
		w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
		w, _ = zw.Create("content.xml")
		w.Write([]byte("<x/>"))
		zw.Close()
		return b.Bytes()
	}()
	// An OLE compound file (the signature, then the directory entry "Workbook" in UTF-16LE): an old .xls.
	xls := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, append(make([]byte, 100), []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00")...)...)

	// excelize v2.11.0 panics in GetCellValue on an empty merge-cell
	// reference; the importer reads the date cell's format and value without it.
	panicky := testWorkbook(t, testSheet{Name: "Sheet1", Rows: [][]any{{"Stage", "Wait"}, {"A", testCell{V: 45292, NumFmt: 14}}}})
	panicky = replacePart(t, panicky, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("</sheetData>"), []byte(`</sheetData><mergeCells count="1"><mergeCell ref=""/></mergeCells>`), 1)
	})
	badRef := replacePart(t, good, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`r="B2"`), []byte(`r="ZZZZZ2"`), 1)
	})
	badCRC := func() []byte {
		zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, zf := range zr.File {
			raw, _ := zf.OpenRaw()
			h := zf.FileHeader
			if zf.Name == "xl/worksheets/sheet1.xml" {
				h.CRC32++ // as a disk or a mail gateway might damage it
			}
			w, _ := zw.CreateRaw(&h)
			io.Copy(w, raw)
		}
		zw.Close()
		return b.Bytes()
	}()
	badStyles := replacePart(t, good, "xl/styles.xml", func([]byte) []byte { return []byte("<styleSheet><cellXfs><xf") })

	tests := []struct {
		name string
		data []byte
		is   error
		msg  string
	}{
		{"locked.xlsx", protected.Bytes(), table.ErrPasswordProtected, "locked.xlsx: the workbook is password-protected: remove the password"},
		{"old.xls", xls, table.ErrNotSpreadsheet, "old.xls: not a spreadsheet (.xlsx or .csv): it is an Excel 97-2003 workbook (.xls)"},
		{"letter.xlsx", docx, table.ErrNotSpreadsheet, "it is a Word document (.docx)"},
		{"calc.ods", ods, table.ErrNotSpreadsheet, "it is an OpenDocument spreadsheet (.ods)"},
		{"truncated.xlsx", good[:len(good)/2], table.ErrDamaged, "truncated.xlsx: the workbook is damaged: it is a zip file that cannot be read"},
		{"mergecell.xlsx", panicky, vsm.ErrInvalid, `mergecell.xlsx: sheet "Sheet1", row 2, column "Wait": "2024-01-01" is a date, not a duration`},
		{"badref.xlsx", badRef, table.ErrDamaged, `badref.xlsx: the workbook is damaged: sheet "S" cannot be read`},
		{"crc.xlsx", badCRC, table.ErrDamaged, `crc.xlsx: the workbook is damaged: its part "xl/worksheets/sheet1.xml" cannot be unzipped (zip: checksum error)`},
		{"badstyles.xlsx", badStyles, table.ErrDamaged, "badstyles.xlsx: the workbook is damaged"},
	}
	for _, tt := range tests {
		p, err := testRead(t, tt.name, tt.data, vsm.SheetOptions{})
		if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v\nwant Is(%v) containing %q", tt.name, err, tt.is, tt.msg)
		}
		if len(p.Stages) != 0 {
			t.Errorf("%s: stages from a refused file", tt.name)
		}
	}
}

func TestStageSheetZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 256 MiB zip bomb")
	}
	// Honest headers: refused from the declared size, before unzipping.
	bomb := zipBomb(t, 256<<20, 256<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := testRead(t, "bomb.xlsx", bomb, vsm.SheetOptions{})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, table.ErrTooLarge) || !strings.Contains(err.Error(), "would unzip to 256 MB, over the 200 MB limit") {
		t.Errorf("bomb: %v", err)
	}
	t.Logf("%d KB bomb refused in %v, %d KB allocated", len(bomb)>>10, took, (after.TotalAlloc-before.TotalAlloc)>>10)

	// Lying headers: the part says 2 MiB and inflates to 256 MiB. archive/zip
	// stops it at the declared size; the sheet is then XML of spaces.
	liar := zipBomb(t, 256<<20, 2<<20)
	runtime.ReadMemStats(&before)
	_, err = testRead(t, "liar.xlsx", liar, vsm.SheetOptions{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, table.ErrDamaged) || !strings.Contains(err.Error(), `its part "xl/worksheets/sheet1.xml" cannot be unzipped`) {
		t.Errorf("lying bomb: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the lying bomb allocated %d MB", alloc>>20)
	}
}

func TestStageSheetXLSXFormulas(t *testing.T) {
	// A formula with a saved value imports as the value.
	book := testWorkbook(t, testSheet{Name: "S", Rows: [][]any{{"Stage", "Wait", "PT"}, {"A", 3, 1}, {"B", 1, 1}, {"Total", nil, nil}}})
	book = replacePart(t, book, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		b = bytes.Replace(b, []byte(`<c r="B2"><v>3</v></c>`), []byte(`<c r="B2"><f>1+2</f><v>3</v></c>`), 1)
		// The total row's formulas have no saved values: it is skipped all the same.
		return bytes.Replace(b, []byte(`<c r="A4" t="s"><v>5</v></c>`), []byte(`<c r="A4" t="s"><v>5</v></c><c r="B4"><f>SUM(B2:B3)</f></c>`), 1)
	})
	p := mustRead(t, "formulas.xlsx", book, vsm.SheetOptions{})
	checkStages(t, p.Stages, []wantStage{
		{Name: "A", Wait: 3, PT: 1, CA: 1, People: 1, Queue: -1},
		{Name: "B", Wait: 1, PT: 1, CA: 1, People: 1, Queue: -1},
	})
	if len(p.Skipped) != 1 || p.Skipped[0].Row != 4 {
		t.Errorf("skipped %+v", p.Skipped)
	}

	// Formulas saved without values (as tools that write .xlsx without a
	// spreadsheet program do) are problems, not empty cells.
	f := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "Stage", "B1": "Wait", "C1": "PT", "A2": "Build", "C2": 2, "A3": "Test", "B3": 1, "C3": 1} {
		f.SetCellValue("Sheet1", cell, v)
	}
	f.SetCellFormula("Sheet1", "B2", "C2*2")
	f.SetCellFormula("Sheet1", "A4", `"Deploy"`)
	f.SetCellFormula("Sheet1", "B4", "1")
	var buf bytes.Buffer
	f.Write(&buf)
	p, err := testRead(t, "nocache.xlsx", buf.Bytes(), vsm.SheetOptions{})
	want := `nocache.xlsx: sheet "Sheet1", row 2, column "Wait": "=C2*2" is a formula saved without its value: open the file in Excel or LibreOffice, save it, and import again`
	if err == nil || err.Error() != want {
		t.Fatalf("err %v\nwant %s", err, want)
	}
	if len(p.Problems) != 3 || p.Problems[1].Row != 4 || p.Problems[1].Column != "Stage" || p.Problems[2].Value != "=1" {
		t.Errorf("problems %+v", p.Problems)
	}
}

func TestStageSheetXLSXWideRows(t *testing.T) {
	// Every row has a cell in the last column, XFD: excelize pads each row
	// to 16,384 cells; the importer stops after 50 such rows.
	book := testWorkbook(t, testSheet{Name: "S", Rows: [][]any{{"Stage", "Wait"}}})
	book = replacePart(t, book, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		var rows strings.Builder
		for r := 2; r <= 1300; r++ {
			fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>A</t></is></c><c r="XFD%d"><v>1</v></c></row>`, r, r, r)
		}
		return bytes.Replace(b, []byte("</row></sheetData>"), []byte("</row>"+rows.String()+"</sheetData>"), 1)
	})
	start := time.Now()
	_, err := testRead(t, "wide.xlsx", book, vsm.SheetOptions{})
	if !errors.Is(err, table.ErrTooLarge) || !strings.Contains(err.Error(), `sheet "S" has more than 50 rows with cells past column SR`) {
		t.Errorf("wide rows: %v", err)
	}
	t.Logf("refused in %v", time.Since(start))
}

// TestStageSheetLibreOffice reads files a spreadsheet program wrote: a CSV
// with clock times opened in LibreOffice Calc and saved as .xlsx (it formats
// the times "hh:mm:ss AM/PM" and "[hh]:mm:ss") and as .xls.
func TestStageSheetLibreOffice(t *testing.T) {
	p, err := ReadFile(filepath.Join("testdata", "lo-mbpm-times.xlsx"), vsm.SheetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Layout != LayoutMetricsBasedProcessMap || p.HeaderRow != 4 {
		t.Errorf("layout %q header row %d", p.Layout, p.HeaderRow)
	}
	// PT 0:30 and LT 8:00 (shown "08:00:00 AM"): WT 7.5; 0:15 and 16:00
	// (shown "04:00:00 PM"): 15.75; 1:30 and 24:00: 22.5.
	checkStages(t, p.Stages, []wantStage{
		{Name: "Take order", Wait: 7.5, PT: 0.5, CA: 0.9, People: 2, Queue: -1, Team: "Sales", Notes: "Phone only"},
		{Name: "Credit check", Wait: 15.75, PT: 0.25, CA: 0.95, People: 1, Queue: -1, Team: "Finance"},
		{Name: "Pick & pack", Wait: 22.5, PT: 1.5, CA: 0.85, People: 3, Queue: -1, Team: "Warehouse", Notes: "Manual"},
	})
	_, err = ReadFile(filepath.Join("testdata", "lo-mbpm-times.xls"), vsm.SheetOptions{})
	if !errors.Is(err, table.ErrNotSpreadsheet) || !strings.Contains(err.Error(), "it is an Excel 97-2003 workbook (.xls)") {
		t.Errorf(".xls: %v", err)
	}
}

func TestStageSheetXLSXFarRow(t *testing.T) {
	// One value in Excel's last row: excelize's whole-sheet calls would pad
	// the sheet to 1,048,576 rows; the importer streams it and stops at the
	// row limit.
	book := testWorkbook(t, testSheet{Name: "S", Rows: [][]any{{"Stage", "Wait"}, {"A", 1}}})
	far := replacePart(t, book, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("</row></sheetData>"), []byte(`</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>`), 1)
	})
	start := time.Now()
	_, err := testRead(t, "far.xlsx", far, vsm.SheetOptions{})
	if !errors.Is(err, table.ErrTooLarge) || !strings.Contains(err.Error(), "more than 100000 rows") {
		t.Errorf("far row: %v", err)
	}
	t.Logf("refused in %v", time.Since(start))

	// Within the limit, a far empty cell with a date style is harmless.
	styled := testWorkbook(t, testSheet{Name: "S", Rows: [][]any{{"Stage", "Wait"}, {"A", testCell{V: 0.5, Custom: "[h]:mm"}}}})
	styled = replacePart(t, styled, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("</row></sheetData>"), []byte(`</row><row r="90000"><c r="XFD90000" s="1"/></row></sheetData>`), 1)
	})
	p := mustRead(t, "styled.xlsx", styled, vsm.SheetOptions{})
	checkStages(t, p.Stages, []wantStage{{Name: "A", Wait: 12, CA: 1, People: 1, Queue: -1}})
}

// TestStageSheetMessy reads a messy workshop sheet (title rows, "#" step
// numbers, units in headers, a blank row inside the table, a total row, a
// note below, a typo and an unknown waste tag) as CSV and as the .xlsx
// LibreOffice Calc made of it (where 0:45 became a time cell).
func TestStageSheetMessy(t *testing.T) {
	for _, file := range []string{"lo-messy.csv", "lo-messy.xlsx"} {
		t.Run(file, func(t *testing.T) {
			p, err := ReadFile(filepath.Join("testdata", file), vsm.SheetOptions{})
			want := `row 8, column "Avg wait (days)": "2 dayz" is not a duration: unknown unit "dayz" (use m, h, d, w or mo)`
			if err == nil || !strings.HasSuffix(err.Error(), want) {
				t.Fatalf("err %v\nwant ...%s", err, want)
			}
			if len(p.Problems) != 2 || p.Problems[1].Column != "Waste" || p.Problems[1].Value != "meetings" {
				t.Errorf("problems %+v", p.Problems)
			}
			if p.HeaderRow != 4 || p.Layout != LayoutGeneric {
				t.Errorf("header row %d layout %q", p.HeaderRow, p.Layout)
			}
			// Avg wait (days): 2 = 16 h, 0.5 = 4 h, 1 = 8 h; Touch time [h]; 0:45 = 45 min.
			checkStages(t, p.Stages, []wantStage{
				{Name: "Refine story", Wait: 16, PT: 1.5, CA: 0.8, People: 1, Queue: 12, Team: "PO", Waste: "handoffs", Notes: "Often missing acceptance criteria"},
				{Name: "Develop", Wait: 4, PT: 16, CA: 0.9, People: 4, Queue: 6, Team: "Dev team", Waste: "task-switching"},
				{Name: "Deploy to test", Wait: 8, PT: 0.75, CA: 1, People: 1, Queue: -1, Team: "Ops", Waste: "manual-deploy"},
			})
			var rows []int
			for _, s := range p.Skipped {
				rows = append(rows, s.Row)
			}
			if fmt.Sprint(rows) != "[7 10 11 12]" {
				t.Errorf("skipped %+v", p.Skipped)
			}
			if _, err := p.Map(""); err == nil {
				t.Error("a sheet with problems made a map")
			}
		})
	}
}
