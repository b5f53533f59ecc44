package eventlog

import (
	"testing"
	"time"
)

// TestEventParseTime checks every accepted form against the standard
// library's reading of the same instant.
func TestEventParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // RFC 3339 with the offset the reader should keep
	}{
		{"2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z"},
		{"2026-03-02t09:00:00z", "2026-03-02T09:00:00Z"},
		{"2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00+01:00"},
		{"2026-03-02T09:00:00-05:30", "2026-03-02T09:00:00-05:30"},
		{"2026-03-02T09:00:00.250Z", "2026-03-02T09:00:00.25Z"},
		{"2026-03-02T09:00:00,5+02:00", "2026-03-02T09:00:00.5+02:00"},
		{"2026-03-02 09:00:05", "2026-03-02T09:00:05Z"},
		{"2026-03-02 09:00", "2026-03-02T09:00:00Z"},
		{"2026-03-02T09:00", "2026-03-02T09:00:00Z"},
		{"2026-03-02 09:00 +0100", "2026-03-02T09:00:00+01:00"},
		{"2026-03-02 09:00:00 UTC", "2026-03-02T09:00:00Z"},
		{"2026-03-02T09:00:00+02", "2026-03-02T09:00:00+02:00"},
		{"2026-03-02", "2026-03-02T00:00:00Z"},
		{"2026/3/2 9:05", "2026-03-02T09:05:00Z"},
		{"2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"},
		{"1969-12-31T23:00:00Z", "1969-12-31T23:00:00Z"},
		{"2000-03-01T00:00:00Z", "2000-03-01T00:00:00Z"},
	} {
		ms, off, reason := parseTimestamp([]byte(tc.in))
		// A cache primed with another date, then with this one, reads the same.
		var c dateCache
		parseTimestampCached([]byte("2025-12-31T23:59:59Z"), &c)
		for k := 0; k < 2; k++ {
			if cms, coff, creason := parseTimestampCached([]byte(tc.in), &c); cms != ms || coff != off || creason != reason {
				t.Errorf("cached read %d of %q = %d %d %q, uncached %d %d %q", k, tc.in, cms, coff, creason, ms, off, reason)
			}
		}
		if reason != "" {
			t.Errorf("parseTimestamp(%q): %s", tc.in, reason)
			continue
		}
		want, err := time.Parse(time.RFC3339Nano, tc.want)
		if err != nil {
			t.Fatal(err)
		}
		_, wantOff := want.Zone()
		if ms != want.UnixMilli() || int(off) != wantOff {
			t.Errorf("parseTimestamp(%q) = %d %+d, want %d %+d (%s)", tc.in, ms, off, want.UnixMilli(), wantOff, tc.want)
		}
	}
	for _, bad := range []string{
		"", "yesterday", "2026-13-01", "2026-02-29", "2026-04-31T09:00:00Z", "2026-03-02T24:00:00Z",
		"2026-03-02T09:60:00Z", "2026-03-02T09:00:60Z", "2026-03-02T09:00:00+24:00", "2026-03-02T09:00:00+01:61",
		"2026-03-02T09:00:00Q", "2026-03-02T09:00:00.Z", "26-03-02", "2026.03.02", "02/03/2026 09:00",
		"2026-03-02T9", "2026-03-02 09:00:00 CET", "2026-03-02T09:00:00+01:00 trailing", "2026-03-0x",
	} {
		if ms, _, reason := parseTimestamp([]byte(bad)); reason == "" {
			t.Errorf("parseTimestamp(%q) = %d, want an error", bad, ms)
		}
		// Also when the cache holds the bad value's date.
		c := dateCache{}
		parseTimestampCached([]byte("2026-03-02T09:00:00Z"), &c)
		if ms, _, reason := parseTimestampCached([]byte(bad), &c); reason == "" {
			t.Errorf("cached parseTimestamp(%q) = %d, want an error", bad, ms)
		}
	}
}

// TestEventExcelSerial: 2026-03-02 is day 20514 after 1970-01-01, so its
// 1900-system serial is 20514 + 25569 = 46083 and its 1904-system serial
// 20514 + 24107 = 44621; .375 of a day is 09:00. Serial 1 is 1900-01-01 and
// 61 is 1900-03-01 (60 is Excel's phantom 1900-02-29).
func TestEventExcelSerial(t *testing.T) {
	for _, tc := range []struct {
		v     float64
		d1904 bool
		want  string
	}{
		{46083.375, false, "2026-03-02T09:00:00Z"},
		{44621.375, true, "2026-03-02T09:00:00Z"},
		{46083.388888888889, false, "2026-03-02T09:20:00Z"},
		{1, false, "1900-01-01T00:00:00Z"},
		{61, false, "1900-03-01T00:00:00Z"},
		{0, true, "1904-01-01T00:00:00Z"},
	} {
		ms, reason := excelSerial(tc.v, tc.d1904)
		if tc.v == 0 && tc.d1904 {
			// A serial below 1 is a time of day, not a date, in either system.
			if reason == "" {
				t.Errorf("serial 0 accepted")
			}
			continue
		}
		if reason != "" {
			t.Errorf("excelSerial(%v, %v): %s", tc.v, tc.d1904, reason)
			continue
		}
		if got := time.UnixMilli(ms).UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("excelSerial(%v, %v) = %s, want %s", tc.v, tc.d1904, got, tc.want)
		}
	}
	for _, bad := range []float64{-1, 0.5, 3e6} {
		if _, reason := excelSerial(bad, false); reason == "" {
			t.Errorf("excelSerial(%v) accepted", bad)
		}
	}
}

// TestEventDaysFromCivil: the month table and the formula agree with the
// time package over the years the table covers and beyond.
func TestEventDaysFromCivil(t *testing.T) {
	for y := 1890; y < 2210; y++ {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, daysIn(y, m)} {
				want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400
				if y < 1970 {
					want = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix()
					want = (want - 86399) / 86400 // floor for negative seconds
				}
				if got := daysFromCivil(y, m, d); got != want {
					t.Fatalf("daysFromCivil(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
}
