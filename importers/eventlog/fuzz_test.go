package eventlog

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"testing"

	"flowmap/vsm"
)

// FuzzEventCSV feeds arbitrary bytes to the CSV event reader. It must never
// panic or hang, must give the same figures or the same error whole and cut
// into tiny blocks on two parsers (so the splitter, the parsers and the
// row numbering agree), and its figures must be consistent.
func FuzzEventCSV(f *testing.F) {
	for _, name := range []string{"testdata/events-intervals.csv", "testdata/events-transitions.csv"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(zonesLog))
	f.Add([]byte("item,stage,entered,exited,kind\nA,Dev,2026-03-06T15:00:00Z,2026-03-09T11:00:00Z,\nA,Test,2026-03-09T16:00:00Z,,wait\n"))
	f.Add([]byte("item,stage,entered,exited,notes\nA,\"De\"\"v\",2026-03-02,2026-03-03,\"x\ny\"\n\"B\",Dev,2026-03-02 09:00,,\n"))
	f.Add([]byte("issue_key,from,to,created\nK,,Blocked,2026-03-02 09:00\nK,Blocked,Doing,2026-03-02 10:00\nK,Doing,Done,2026-03-02 11:00\n"))
	f.Add([]byte("item;stage;entered;exited\nA;Dev;2026-03-02;2026-03-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		read := func(cfg config) (*vsm.EventLogStats, error) {
			r := bytes.NewReader(data)
			rewind := func() (io.Reader, error) { _, err := r.Seek(0, io.SeekStart); return r, err }
			return readCSV(r, rewind, int64(len(data)), "fuzz.csv", vsm.EventLogOptions{KeepSamples: true}, cfg)
		}
		whole, err1 := read(defaultConfig())
		cut, err2 := read(tinyConfig(2))
		if fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Fatalf("whole: %v\ncut:   %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		j1, j2 := jsonWithout(t, whole), jsonWithout(t, cut)
		if j1 != j2 {
			t.Fatalf("figures differ whole and cut:\n%s\n%s", j1, j2)
		}
		if whole.Rows == 0 || whole.Items == 0 || whole.Items > whole.Rows {
			t.Fatalf("rows %d, items %d", whole.Rows, whole.Items)
		}
		if whole.To.Before(whole.From) || whole.WorkingDays < 0 {
			t.Fatalf("span %v to %v, %v days", whole.From, whole.To, whole.WorkingDays)
		}
		for _, s := range whole.Stages {
			if s.Items < 1 || s.Completed+s.WIP != s.Items || s.Reentries > s.Items {
				t.Fatalf("%s: items %d = completed %d + wip %d? reentries %d", s.Name, s.Items, s.Completed, s.WIP, s.Reentries)
			}
			if !(s.CompleteAccurate >= 0 && s.CompleteAccurate <= 1) {
				t.Fatalf("%s: C&A %v", s.Name, s.CompleteAccurate)
			}
			for _, d := range []struct {
				dist    vsm.Dist
				samples []float64
			}{{s.Wait, s.WaitHours}, {s.Work, s.WorkHours}} {
				x := d.samples
				if len(x) != s.Completed {
					t.Fatalf("%s: %d samples for %d completed items", s.Name, len(x), s.Completed)
				}
				if len(x) == 0 {
					continue
				}
				// The quantiles of the sorted samples, straight from the
				// definition, must match the selection algorithm.
				q := func(p float64) float64 {
					h := float64(len(x)-1) * p
					i := int(math.Floor(h))
					if i+1 < len(x) {
						return x[i] + (h-float64(i))*(x[i+1]-x[i])
					}
					return x[i]
				}
				tol := 1e-9 * math.Max(1, math.Abs(x[len(x)-1]))
				if x[0] < 0 || math.Abs(d.dist.Median-q(0.5)) > tol || math.Abs(d.dist.P85-q(0.85)) > tol ||
					d.dist.Median > d.dist.P85+tol || d.dist.Mean < x[0]-tol || d.dist.Mean > x[len(x)-1]+tol {
					t.Fatalf("%s: %+v from samples %v", s.Name, d.dist, x)
				}
			}
		}
	})
}
