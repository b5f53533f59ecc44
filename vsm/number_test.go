package vsm

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestDecimalComma(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0,5", "0.5"},
		{"1,5h", "1.5h"},
		{"92,5 %", "92.5 %"},
		{"1d 2,5h", "1d 2.5h"},
		{"1,000", "1,000"},               // may group thousands: left for the parser to refuse
		{"12,500h", "12,500h"},           // ditto
		{"0,500", "0.500"},               // no thousands group starts with 0
		{"1234,567", "1234.567"},         // nor has four digits before its comma
		{"2,5000", "2.5000"},             // nor four after
		{"1,234.5", "1,234.5"},           // a point too: left for the parser to refuse
		{",5", ",5"},                     // no digit before the comma
		{"5,", "5,"},                     // none after
		{"1d, 2h", "1d, 2h"},             // a list comma, not between digits
		{"approvals, 2", "approvals, 2"}, // ditto
		{"", ""},
		{"12", "12"},
	}
	for _, tt := range tests {
		if got := DecimalComma(tt.in); got != tt.want {
			t.Errorf("DecimalComma(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"2", 2},
		{" 0.5 ", 0.5},
		{"0,5", 0.5}, // decimal comma
		{"2,25", 2.25},
		{"-3", -3}, // no range here: Validate says a queue cannot be negative
		{"0", 0},
		{"1e3", 1000},
		{"3 items", 3},
		{"2 FTE", 2},
		{"1,5 people", 1.5},
		{"0,750", 0.75}, // no thousands group starts with 0
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	long := strings.Repeat("9", 100) + "x"
	tests := []struct{ in, want string }{
		{"", `"" is not a number`},
		{"many", `"many" is not a number`},
		{"1,234.5", `"1,234.5" is not a number`}, // both marks: refused, not guessed
		{"1,2,3", `"1,2,3" is not a number`},
		{"1,000", `"1,000" is not a number: is the comma a decimal point or a thousands separator? write 1 or 1000`},
		{"2,500 FTE", `"2,500 FTE" is not a number: is the comma a decimal point or a thousands separator? write 2.5 or 2500`},
		{"12,050", `"12,050" is not a number: is the comma a decimal point or a thousands separator? write 12.05 or 12050`},
		{"NaN", `"NaN" is not a number`},
		{"Inf", `"Inf" is not a number`},
		{"1e999", `"1e999" is not a number`},
		{"3 items left", `"3 items left" is not a number`}, // one word only
		{"3 2", `"3 2" is not a number`},
		{long, `"` + strings.Repeat("9", 79) + `…" is not a number`}, // quoted at most 80 characters
	}
	for _, tt := range tests {
		_, err := ParseNumber(tt.in)
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseNumber(%q) error = %v, want %s wrapping ErrInvalid", tt.in, err, tt.want)
		}
	}
}

func TestAmbiguousComma(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1,500", "write 1.5 or 1500"},
		{"1,000", "write 1 or 1000"},
		{"999,999", "write 999.999 or 999999"},
		{"1,500h", "write 1.5 or 1500"},
		{"0,500", ""},    // 0.5: a thousands group never starts with 0
		{"1,5", ""},      // one digit after: a decimal comma
		{"1,500.5", ""},  // a point too: the comma groups thousands
		{"1d, 500m", ""}, // a list comma
		{"", ""},
	}
	for _, tt := range tests {
		if got := AmbiguousComma(tt.in); got != tt.want {
			t.Errorf("AmbiguousComma(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"2", "0,5", "3 items", "1,234.5", "-1e3", " 7 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseNumber(%q) error %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v, not a finite number", s, v)
		}
	})
}
