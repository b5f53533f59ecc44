package stagesheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// sentinels are the error classes a failed import may have.
var sentinels = []error{
	table.ErrNotSpreadsheet, table.ErrPasswordProtected, table.ErrTooLarge, table.ErrNoHeader, vsm.ErrEmpty,
	table.ErrSheetNotFound, table.ErrDamaged, vsm.ErrInvalid,
}

// checkOutcome holds for every read: a failure has a class and
// names the file; a success has stages that make a valid map.
func checkOutcome(t *testing.T, name string, p *vsm.SheetPreview, err error) {
	t.Helper()
	if p == nil {
		t.Fatal("nil preview")
	}
	if err != nil {
		known := false
		for _, s := range sentinels {
			known = known || errors.Is(err, s)
		}
		if !known {
			t.Fatalf("error of no known class: %v", err)
		}
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error does not start with the file name: %v", err)
		}
		return
	}
	if len(p.Stages) == 0 || len(p.Problems) != 0 || len(p.Stages) != len(p.StageRows) {
		t.Fatalf("success with %d stages, %d problems, %d stage rows", len(p.Stages), len(p.Problems), len(p.StageRows))
	}
	m, err := p.Map("fuzz")
	if err != nil {
		t.Fatalf("stages read but no valid map: %v", err)
	}
	for i, s := range m.Stages {
		if err := s.Validate(i); err != nil {
			t.Fatal(err)
		}
		if s.Name != strings.TrimSpace(s.Name) || totalName(s.Name) {
			t.Fatalf("stage name %q", s.Name)
		}
	}
}

func FuzzStageSheetCSV(f *testing.F) {
	for _, name := range []string{"feature-delivery.csv", "semicolon-decimal-comma.csv", "quoted-newlines.csv", "unicode-text-utf16le.txt", "utf16be.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"Stage,LT,PT,%C&A\nIdea,0,2,0\nBuild,10,4,90%\n",
		"Step;Wait (days);PT [h];Waste\nA;1,5;2;approvals, handoffs\nTotal;1;2;\n",
		"sep=|\nStage|Wait\nA|1d 4h\n",
		"title\n\nStage\tWait\tLead time\tPT\nA\t1\t3\t2\n\nnote\n",
		"Process,C/T (sec),Staff,Inventory\nCut,60,2,5\n",
		"Stage,Wait\n\"A\nB\",\"1\"\"\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read(bytes.NewReader(data), "fuzz.csv", vsm.SheetOptions{MaxRows: 1000})
		checkOutcome(t, "fuzz.csv", p, err)
	})
}

func FuzzStageSheetHeader(f *testing.F) {
	for _, s := range []string{"Wait (days)", "PT [h]", "Lead time in minutes", "%C&A", "C/T (sec)", "W/T",
		"Process (PT)", "Avg. wait time (working days)", "Days in queue", "No. of staff", "((", ")(", "[h]", "Ä (ß)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		m, ok := matchHeader(header)
		if ok != (m.Field != "") || (ok && !m.Field.Known()) {
			t.Fatalf("match %+v %v", m, ok)
		}
		if m.UnitFromHeader && !m.Field.IsDuration() {
			t.Fatalf("a unit on a %q column", m.Field)
		}
		for _, c := range table.HeaderCandidates(header) {
			if c.Key == "" || c.Key != table.NormalizeHeader(c.Key) {
				t.Fatalf("candidate key %q is not normalized", c.Key)
			}
		}
		// Case, spaces and punctuation do not matter (ASCII: Unicode case
		// mapping may change a word's length).
		if !utf8.ValidString(header) || strings.IndexFunc(header, func(r rune) bool { return r > 127 }) >= 0 {
			return
		}
		same := strings.NewReplacer("_", " ", "-", " ", ".", " ", "/", " ", ",", " ", "&", " ").Replace(strings.ToUpper(header))
		if m2, ok2 := matchHeader(same); ok2 != ok || m2 != m {
			t.Fatalf("%q = %+v but %q = %+v", header, m, same, m2)
		}
	})
}

// FuzzStageSheetXLSX feeds crafted sheet XML through a real workbook, so
// excelize's parsing of it runs behind the importer's guards.
func FuzzStageSheetXLSX(f *testing.F) {
	book := testWorkbook(f, testSheet{Name: "Sheet1", Rows: [][]any{
		{"Stage", "Wait", "PT"}, {"A", testCell{V: 0.5, Custom: "[h]:mm"}, 2}, {"B", testCell{V: 45292, NumFmt: 14}, 1},
	}})
	var sheet []byte
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		f.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	f.Add(sheet)
	f.Add(bytes.Replace(sheet, []byte("</sheetData>"), []byte(`</sheetData><mergeCells count="1"><mergeCell ref=""/></mergeCells>`), 1))
	f.Add(bytes.Replace(sheet, []byte(`r="B2"`), []byte(`r="B-2" s="-7" t="s"`), 1))
	f.Add([]byte(`<worksheet><sheetData><row r="1048577"><c r="A1" t="s"><v>-1</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, xml []byte) {
		data := replacePart(t, book, "xl/worksheets/sheet1.xml", func([]byte) []byte { return xml })
		p, err := Read(bytes.NewReader(data), "fuzz.xlsx", vsm.SheetOptions{MaxRows: 1000})
		checkOutcome(t, "fuzz.xlsx", p, err)
	})
}
