package stagesheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// testCell is a workbook cell with a number format: a built-in format id
// (NumFmt) or a custom format code.
type testCell struct {
	V      any
	NumFmt int
	Custom string
}

// testSheet is one sheet of a generated workbook; a nil cell stays empty.
type testSheet struct {
	Name string
	Rows [][]any
}

// testWorkbook writes a workbook with excelize, as Excel would save it.
func testWorkbook(tb testing.TB, sheets ...testSheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	styles := map[string]int{}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range sh.Rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if sc, ok := v.(testCell); ok {
					key := fmt.Sprintf("%d|%s", sc.NumFmt, sc.Custom)
					id, ok := styles[key]
					if !ok {
						st := &excelize.Style{NumFmt: sc.NumFmt}
						if sc.Custom != "" {
							code := sc.Custom
							st.CustomNumFmt = &code
						}
						var err error
						if id, err = f.NewStyle(st); err != nil {
							tb.Fatal(err)
						}
						styles[key] = id
					}
					if err := f.SetCellValue(sh.Name, cell, sc.V); err != nil {
						tb.Fatal(err)
					}
					if err := f.SetCellStyle(sh.Name, cell, cell, id); err != nil {
						tb.Fatal(err)
					}
					continue
				}
				if err := f.SetCellValue(sh.Name, cell, v); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// replacePart rewrites one part of a zip (a workbook), through edit.
func replacePart(tb testing.TB, data []byte, part string, edit func([]byte) []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if zf.Name == part {
			b = edit(b)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// zipBomb is a workbook whose sheet part inflates to size bytes of
// spaces from about size/1000 compressed bytes; the zip headers declare
// declared bytes for it (size for an honest bomb, less for one that lies).
// The deflate stream is built from two 1 MiB segments: the second, encoded
// with a history of spaces, is valid again after any such history, so it is
// repeated instead of compressing a gigabyte.
func zipBomb(tb testing.TB, size, declared uint64) []byte {
	tb.Helper()
	const seg = 1 << 20
	if size%seg != 0 || size < 2*seg {
		tb.Fatalf("bomb size %d must be a multiple of %d, at least 2", size, seg)
	}
	spaces := bytes.Repeat([]byte(" "), seg)
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	fw.Write(spaces)
	fw.Flush()
	first := append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	fw.Write(spaces)
	fw.Flush()
	again := append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	fw.Close()
	final := append([]byte(nil), buf.Bytes()...)

	stream := make([]byte, 0, len(first)+int(size/seg)*len(again)+len(final))
	stream = append(stream, first...)
	crc := crc32.Update(0, crc32.IEEETable, spaces)
	for range size/seg - 1 {
		stream = append(stream, again...)
		crc = crc32.Update(crc, crc32.IEEETable, spaces)
	}
	stream = append(stream, final...)

	book := testWorkbook(tb, testSheet{Name: "Sheet1", Rows: [][]any{{"Stage", "Wait"}}})
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name: zf.Name, Method: zip.Deflate, CRC32: crc,
				CompressedSize64: uint64(len(stream)), UncompressedSize64: declared,
			})
			if err != nil {
				tb.Fatal(err)
			}
			w.Write(stream)
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			tb.Fatal(err)
		}
		rc, _ := zf.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// testRead reads a stage sheet from memory.
func testRead(tb testing.TB, name string, data []byte, opt vsm.SheetOptions) (*vsm.SheetPreview, error) {
	tb.Helper()
	p, err := Read(bytes.NewReader(data), name, opt)
	if p == nil {
		tb.Fatalf("Read(%s) returned a nil preview (err %v)", name, err)
	}
	return p, err
}

// mustRead reads a stage sheet that must import.
func mustRead(tb testing.TB, name string, data []byte, opt vsm.SheetOptions) *vsm.SheetPreview {
	tb.Helper()
	p, err := testRead(tb, name, data, opt)
	if err != nil {
		tb.Fatalf("Read(%s): %v (problems %v)", name, err, p.Problems)
	}
	return p
}

// wantStage is the expected part of a stage.
type wantStage struct {
	Name       string
	Wait, PT   float64
	CA, People float64
	Queue      float64 // -1: no queue
	Team       string
	Waste      string // tags joined by ","
	Notes      string
}

func checkStages(tb testing.TB, got []vsm.Stage, want []wantStage) {
	tb.Helper()
	if len(got) != len(want) {
		names := make([]string, len(got))
		for i, s := range got {
			names[i] = s.Name
		}
		tb.Fatalf("got %d stages %q, want %d", len(got), names, len(want))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for i, w := range want {
		g := got[i]
		var tags []string
		for _, t := range g.Waste {
			tags = append(tags, string(t))
		}
		q := -1.0
		if g.Queue != nil {
			q = *g.Queue
		}
		if g.Name != w.Name || !near(g.WaitHours, w.Wait) || !near(g.ProcessHours, w.PT) ||
			!near(g.CompleteAccurate, w.CA) || !near(g.People, w.People) || !near(q, w.Queue) ||
			g.Team != w.Team || strings.Join(tags, ",") != w.Waste || g.Notes != w.Notes {
			tb.Errorf("stage %d = {%q wait %v pt %v ca %v people %v queue %v team %q waste %q notes %q},\n want %+v",
				i, g.Name, g.WaitHours, g.ProcessHours, g.CompleteAccurate, g.People, q, g.Team, strings.Join(tags, ","), g.Notes, w)
		}
	}
}
