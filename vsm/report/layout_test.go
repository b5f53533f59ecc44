package report

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"flowmap/vsm"
)

// overlaps reports the first pair of drawn texts whose boxes intersect, and
// any text that leaves the picture. Boxes may touch (half a pixel of slack
// for anti-aliasing).
func overlaps(p *painter) []string {
	const slack = 0.5
	var bad []string
	for i, a := range p.texts {
		if a.x0 < -slack || a.y0 < -slack || a.x1 > p.w+slack || a.y1 > p.h+slack {
			bad = append(bad, fmt.Sprintf("%q at (%.1f,%.1f)-(%.1f,%.1f) leaves the %gx%g picture", a.text, a.x0, a.y0, a.x1, a.y1, p.w, p.h))
		}
		for _, b := range p.texts[i+1:] {
			if a.x0+slack < b.x1 && b.x0+slack < a.x1 && a.y0+slack < b.y1 && b.y0+slack < a.y1 {
				bad = append(bad, fmt.Sprintf("%q (%.1f,%.1f)-(%.1f,%.1f) overlaps %q (%.1f,%.1f)-(%.1f,%.1f)",
					a.text, a.x0, a.y0, a.x1, a.y1, b.text, b.x0, b.y0, b.x1, b.y1))
			}
		}
	}
	return bad
}

// drawnAsName tells whether a text is the stage name, whole or shortened
// with an ellipsis.
func drawnAsName(text, name string) bool {
	if text == name {
		return true
	}
	prefix, ok := strings.CutSuffix(text, "…")
	return ok && prefix != "" && strings.HasPrefix(name, prefix)
}

// TestMapTextNeverOverlaps draws the map for every stage count from 3 to 40,
// on the default picture and on a small and a wide one, with long names,
// teams, waste tags, queues and kaizen bursts, and checks that no two texts
// overlap, that none leaves the picture, and that every stage still shows
// its name (shortened if it must be).
func TestMapTextNeverOverlaps(t *testing.T) {
	sizes := []struct{ w, h int }{{1600, 900}, {1024, 576}, {2400, 900}}
	for _, size := range sizes {
		for n := 3; n <= 40; n++ {
			if size.w != 1600 && n%4 != 0 && n != 3 { // every count on the default size, a sample on the others
				continue
			}
			m := bigMap(n, 0)
			m.Stages[n-1].Name = "A stage with a very long name that never fits in a box"
			m.Stages[0].Waste = vsm.WasteTypes // every waste tag at once
			p, err := render(m, ChartMap, Options{Now: reportNow, Width: size.w, Height: size.h})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range overlaps(p) {
				t.Errorf("%d stages, %dx%d: %s", n, size.w, size.h, b)
			}
			for _, s := range m.Stages {
				found := false
				for _, tx := range p.texts {
					found = found || drawnAsName(tx.text, s.Name)
				}
				if !found {
					t.Errorf("%d stages, %dx%d: stage %q has no name on the picture", n, size.w, size.h, s.Name)
				}
			}
		}
	}
}

// TestMapFontStaysReadable: up to 40 stages on the default picture, the body
// font stays at 8 px or more (rows wrap rather than shrink text to nothing).
func TestMapFontStaysReadable(t *testing.T) {
	for n := 1; n <= 40; n++ {
		// The body of a 1600x900 map: 1552 px wide, about 700 px tall.
		rows, per, f, _, _ := layoutRows(n, 1552, 700, 1, true)
		if f < 8 {
			t.Errorf("%d stages: body font %.1f px, want at least 8", n, f)
		}
		if rows*per < n {
			t.Errorf("%d stages: %d rows of %d hold only %d", n, rows, per, rows*per)
		}
	}
}

// TestChartTextNeverOverlaps does the same for the other pictures, which
// place their texts by hand (header, legend, list of kaizen, tiles).
func TestChartTextNeverOverlaps(t *testing.T) {
	long := bigMap(40, 100)
	long.Name = "A value stream with a name long enough to run into the date and the legend of every picture"
	for _, m := range []*vsm.Map{vsm.ExampleMap(), historyMap(), long} {
		for _, c := range []Chart{ChartBars, ChartWaterfall, ChartTrend} {
			if c == ChartTrend && len(m.Measurements) == 0 {
				continue
			}
			p, err := render(m, c, Options{Now: reportNow})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range overlaps(p) {
				t.Errorf("%s of %q: %s", c, m.Name, b)
			}
		}
		p := newPainter(Options{Now: reportNow, Width: DefaultWidth, Height: DefaultHeight, Scale: 1})
		drawCompare(p, m, futureMap(), Options{Now: reportNow})
		for _, b := range overlaps(p) {
			t.Errorf("compare of %q: %s", m.Name, b)
		}
	}
}

func TestFit(t *testing.T) {
	p := newPainter(Options{Width: 400, Height: 400, Scale: 1})
	st := textStyle{size: 14}
	full := "Integration test"
	w := p.width(full, st)
	cases := []struct {
		maxW float64
		want func(string) bool
		what string
	}{
		{w, func(s string) bool { return s == full }, "the whole text when it fits exactly"},
		{w + 10, func(s string) bool { return s == full }, "the whole text when there is room"},
		{w / 2, func(s string) bool { return strings.HasSuffix(s, "…") && drawnAsName(s, full) }, "a prefix and an ellipsis"},
		{0, func(s string) bool { return s == "" }, "nothing in no room"},
		{1, func(s string) bool { return s == "" }, "nothing when not even the ellipsis fits"},
	}
	for _, c := range cases {
		got := p.fit(full, st, c.maxW)
		if !c.want(got) {
			t.Errorf("fit(%q, %.1f) = %q, want %s", full, c.maxW, got, c.what)
		}
		if got != "" && p.width(got, st) > c.maxW+1e-9 {
			t.Errorf("fit(%q, %.1f) = %q is %.1f wide", full, c.maxW, got, p.width(got, st))
		}
	}
	if got := p.fit("Ünïcödé stage", st, p.width("Ünïcödé", st)+p.width("…", st)); !utf8.ValidString(got) {
		t.Errorf("fit cut a rune in half: %q", got)
	}
}

// TestOverlapsFindsOverlap makes sure the checker above can fail.
func TestOverlapsFindsOverlap(t *testing.T) {
	p := newPainter(Options{Width: 400, Height: 300, Scale: 1})
	st := textStyle{size: 14}
	p.text("first", 10, 10, st, clrInk, alignLeft, 0)
	p.text("second", 20, 15, st, clrInk, alignLeft, 0)
	p.text("outside", 390, 10, st, clrInk, alignLeft, 0)
	p.text("apart", 10, 100, st, clrInk, alignLeft, 0)
	bad := overlaps(p)
	if len(bad) != 2 {
		t.Fatalf("overlaps = %q, want the first two overlapping and one outside", bad)
	}
}
