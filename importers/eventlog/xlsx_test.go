package eventlog

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowmap/vsm"

	"github.com/xuri/excelize/v2"
)

// sampleRows are the data rows of the interval sample, split.
func sampleRows(t testing.TB) [][]string {
	t.Helper()
	text, err := os.ReadFile("testdata/events-intervals.csv")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n")[1:] {
		rows = append(rows, strings.Split(line, ","))
	}
	return rows
}

// testWorkbook writes the interval sample as a workbook people would bring: a
// notes sheet first, then the log under a title row, with item numbers as
// numbers, entry times as Excel date cells and exit times as text.
func testWorkbook(t testing.TB, date1904 bool, rows [][]string, mutate func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		on := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &on}); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Notes"))
	must(f.SetCellValue("Notes", "A1", "Exported from the team board"))
	_, err := f.NewSheet("Log")
	must(err)
	must(f.SetCellValue("Log", "A1", "Work item history"))
	must(f.SetSheetRow("Log", "A3", &[]any{"Work Item Id", "Stage", "Entered At", "Exited At"}))
	for i, r := range rows {
		entered, err := time.Parse(time.RFC3339, r[2])
		must(err)
		var id any = r[0]
		if n, ok := atoi(r[0]); ok {
			id = n
		}
		cell, _ := excelize.CoordinatesToCellName(1, 4+i)
		must(f.SetSheetRow("Log", cell, &[]any{id, r[1], entered, r[3]}))
	}
	if mutate != nil {
		mutate(f)
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func atoi(s string) (int, bool) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s != ""
}

// stagesJSON is the stages part of the events document, to compare logs
// read from different files.
func stagesJSON(t testing.TB, st *vsm.EventLogStats) string {
	t.Helper()
	b, err := st.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal([]any{doc["stages"], doc["rows"], doc["items"], doc["from"], doc["to"], doc["working_days"]})
	return string(out)
}

// TestEventXLSX reads the interval sample from workbooks in both date
// systems: the figures are the CSV's (checked by hand in
// TestEventSampleIntervals).
func TestEventXLSX(t *testing.T) {
	want, err := ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rows := sampleRows(t)
	for _, d1904 := range []bool{false, true} {
		data := testWorkbook(t, d1904, rows, nil)
		var progress []int64
		st, err := Read(bytes.NewReader(data), "board.xlsx", vsm.EventLogOptions{
			Progress: func(done, total int64) { progress = append(progress, done) }})
		if err != nil {
			t.Fatalf("1904=%v: %v", d1904, err)
		}
		if st.Sheet != "Log" {
			t.Errorf("sheet = %q, want Log (the first with a header)", st.Sheet)
		}
		if got, w := stagesJSON(t, st), stagesJSON(t, want); got != w {
			t.Errorf("1904=%v: figures differ from the CSV:\n%s\nwant\n%s", d1904, got, w)
		}
		if len(progress) == 0 || progress[len(progress)-1] != 18 {
			t.Errorf("progress = %v, want to end at row 18", progress)
		}
	}
	// Rows out of order: read again and sorted.
	rev := make([][]string, len(rows))
	for i, r := range rows {
		rev[len(rows)-1-i] = r
	}
	st, err := Read(bytes.NewReader(testWorkbook(t, false, rev, nil)), "rev.xlsx", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Sorted || stagesJSON(t, st) != stagesJSON(t, want) {
		t.Errorf("reversed workbook: sorted=%v, figures %s", st.Sorted, stagesJSON(t, st))
	}
}

// TestEventXLSXBad: errors name the workbook, sheet, row and column.
func TestEventXLSXBad(t *testing.T) {
	rows := sampleRows(t)
	data := testWorkbook(t, false, rows, func(f *excelize.File) {
		f.SetCellValue("Log", "C6", "soon")
	})
	_, err := Read(bytes.NewReader(data), "board.xlsx", vsm.EventLogOptions{})
	if err == nil || !strings.Contains(err.Error(), `board.xlsx, sheet "Log", row 6, column "Entered At": "soon" is not a timestamp`) {
		t.Errorf("bad cell: %v", err)
	}
	_, err = Read(bytes.NewReader(testWorkbook(t, false, rows, nil)), "board.xlsx", vsm.EventLogOptions{Sheet: "History"})
	if err == nil || !strings.Contains(err.Error(), `board.xlsx: has no sheet "History"; its sheets are "Notes", "Log"`) {
		t.Errorf("missing sheet: %v", err)
	}
	_, err = Read(bytes.NewReader(testWorkbook(t, false, rows, nil)), "board.xlsx", vsm.EventLogOptions{Sheet: "notes"})
	if err == nil || !strings.Contains(err.Error(), `board.xlsx, sheet "Notes", row 1: no event log header: found columns "Exported from the team board"`) {
		t.Errorf("sheet without header: %v", err)
	}
	empty := testWorkbook(t, false, nil, nil)
	_, err = Read(bytes.NewReader(empty), "empty.xlsx", vsm.EventLogOptions{})
	if err == nil || !strings.Contains(err.Error(), `empty.xlsx, sheet "Log": the event log has a header (row 3) but no rows`) {
		t.Errorf("no rows: %v", err)
	}
}

// BenchmarkEventsXLSX100k reads a 100,000-row interval log from an .xlsx
// written with excelize's StreamWriter: items as numbers, stages as shared
// strings, times as Excel date cells.
func BenchmarkEventsXLSX100k(b *testing.B) {
	const rows, items = 100_000, 5_000
	var csv bytes.Buffer
	if err := WriteSyntheticLog(&csv, rows, items, 1); err != nil {
		b.Fatal(err)
	}
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(&csv)
	r := 0
	for sc.Scan() {
		r++
		fields := strings.Split(sc.Text(), ",")
		row := make([]any, len(fields))
		for i, v := range fields {
			row[i] = v
			if r > 1 && i >= 2 && v != "" {
				tm, err := time.Parse(time.RFC3339, v)
				if err != nil {
					b.Fatal(err)
				}
				row[i] = excelize.Cell{StyleID: style, Value: tm}
			}
			if n, ok := atoi(v); ok && i == 0 {
				row[i] = n
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "events.xlsx")
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := ReadFile(path, vsm.EventLogOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if st.Rows != rows || st.Items != items {
			b.Fatalf("read %d rows, %d items", st.Rows, st.Items)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	if rss := maxRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/1e6, "MB-maxrss")
	}
}

// TestEventXLSXZipBomb: a workbook whose parts claim to unzip past the limit
// is refused before anything is unpacked.
func TestEventXLSXZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store,
			UncompressedSize64: 600 << 20, CompressedSize64: 4, CRC32: crc32.ChecksumIEEE([]byte("<x/>"))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := Read(&buf, "bomb.xlsx", vsm.EventLogOptions{})
	if err == nil || !strings.Contains(err.Error(), "bomb.xlsx: the workbook unzips to more than 1024 MB, the limit for an import") {
		t.Errorf("zip bomb: %v", err)
	}
}
