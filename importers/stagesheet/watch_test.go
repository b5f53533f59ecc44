package stagesheet

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"flowmap/vsm"
)

// A read reports the rows it has read, ends with done == total, and stops
// with vsm.ErrCanceled as soon as Cancel closes, in a workbook or a CSV.
func TestStageSheetProgressAndCancel(t *testing.T) {
	rows := [][]any{{"Stage", "Wait", "PT"}}
	for i := range 5000 {
		rows = append(rows, []any{fmt.Sprintf("S%d", i+1), "1h", "2h"})
	}
	book := testWorkbook(t, testSheet{Name: "Stages", Rows: rows})
	// As Excel saves it, the sheet's dimension says A1:C5001: 5,001 rows
	// with the header (excelize leaves "A1", which says nothing).
	dimensioned := replacePart(t, book, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`<dimension ref="A1">`), []byte(`<dimension ref="A1:C5001">`), 1)
	})
	for _, tc := range []struct {
		name      string
		book      []byte
		firstCall [2]int64
	}{
		{"dimension A1:C5001", dimensioned, [2]int64{1000, 5001}},
		{"no dimension", book, [2]int64{1000, 0}},
	} {
		var calls [][2]int64
		p, err := testRead(t, "big.xlsx", tc.book, vsm.SheetOptions{Progress: func(done, total int64) { calls = append(calls, [2]int64{done, total}) }})
		if err != nil || len(p.Stages) != 5000 {
			t.Fatalf("%s: %d stages, %v", tc.name, len(p.Stages), err)
		}
		if len(calls) < 2 || calls[0] != tc.firstCall || calls[len(calls)-1] != [2]int64{5001, 5001} {
			t.Errorf("%s: progress calls %v, want the first %v and the last 5001 of 5001", tc.name, calls, tc.firstCall)
		}
	}

	closed := make(chan struct{})
	close(closed)
	if _, err := testRead(t, "big.xlsx", book, vsm.SheetOptions{Cancel: closed}); !errors.Is(err, vsm.ErrCanceled) || !strings.HasPrefix(err.Error(), "big.xlsx: ") {
		t.Errorf("canceled before: %v, want vsm.ErrCanceled naming the file", err)
	}
	if _, err := testRead(t, "s.csv", []byte("Stage,PT\nA,1\n"), vsm.SheetOptions{Cancel: closed}); !errors.Is(err, vsm.ErrCanceled) {
		t.Errorf("canceled CSV: %v", err)
	}
	// Canceled while the rows stream: the first report (row 1000) cancels,
	// the read stops at its next look (row 2000).
	cancel := make(chan struct{})
	n := 0
	_, err := testRead(t, "big.xlsx", book, vsm.SheetOptions{Cancel: cancel, Progress: func(done, total int64) {
		n++
		if n == 1 {
			close(cancel)
		}
	}})
	if !errors.Is(err, vsm.ErrCanceled) || n != 1 {
		t.Errorf("canceled during the rows: %v after %d reports", err, n)
	}
}
