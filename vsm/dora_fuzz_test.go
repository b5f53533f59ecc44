package vsm

import (
	"bytes"
	"math"
	"reflect"
	"testing"
	"time"
)

// FuzzDORA feeds DORA records built from arbitrary offsets: whatever the
// records, it never panics, never makes a NaN or an infinity, and its
// summary is one Validate accepts, with p85 never below the median.
func FuzzDORA(f *testing.F) {
	f.Add(int64(0), int64(3600), int64(-7200), int64(600), int64(5400), true, int16(60), int16(-300), uint8(3))
	f.Add(int64(-86400*400), int64(0), int64(0), int64(0), int64(0), false, int16(0), int16(0), uint8(0))
	f.Add(int64(86400*365*30), int64(-1), int64(1<<40), int64(-1<<40), int64(7), true, int16(-720), int16(840), uint8(200))
	f.Fuzz(func(t *testing.T, base, step, commit, failed, restored int64, fail bool, off1, off2 int16, n uint8) {
		at := func(sec int64, offMin int16) time.Time {
			return time.Unix(sec%(1<<40), 0).In(time.FixedZone("", int(offMin%(18*60))*60))
		}
		var records []Deployment
		for i := range int64(n) {
			d := Deployment{DeployedAt: at(base+i*step, off1)}
			if i%3 != 0 {
				d.FirstCommitAt = at(base+i*step+commit, off2)
			}
			if fail && i%2 == 0 {
				d.Failed = true
				if failed != 0 {
					d.FailedAt = at(base+i*step+failed, off1)
				}
				if i%4 == 0 {
					d.RestoredAt = at(base+i*step+restored, off2)
				}
			}
			records = append(records, d)
		}
		s, err := DORA(records, time.Time{}, time.Time{})
		if err != nil {
			t.Fatalf("DORA without a window: %v", err)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("summary does not validate: %v\n%+v", err, s)
		}
		for _, p := range []*float64{s.DeploysPerDay, s.LeadTimeMedianHours, s.LeadTimeP85Hours, s.ChangeFailureRate, s.TimeToRestoreMedianHours} {
			if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
				t.Fatalf("a figure is %v", *p)
			}
		}
		if s.LeadTimeMedianHours != nil && *s.LeadTimeP85Hours < *s.LeadTimeMedianHours {
			t.Fatalf("p85 %v below the median %v", *s.LeadTimeP85Hours, *s.LeadTimeMedianHours)
		}
		if n > 0 && s.Deployments != int(n) {
			t.Fatalf("%d deployments in the window of all of them, want %d", s.Deployments, n)
		}
		_ = s.Bands()
	})
}

// FuzzDecodeMapFile feeds the map-file reader: it never panics, and a file
// it accepts writes back to a file that reads as the same map.
func FuzzDecodeMapFile(f *testing.F) {
	m := ExampleMap()
	s, _ := DORA(drWeek(), time.Time{}, time.Time{})
	if _, _, err := m.RecordDORA(s, "dora"); err != nil {
		f.Fatal(err)
	}
	k, _ := m.AddKaizen(Kaizen{Title: "k", Owner: "o", Due: kzDay("2026-03-10")})
	_, _ = m.AddLearning(LearningEntry{Title: "l", Date: kzDay("2026-03-01"), FollowUps: []string{k.ID},
		Timeline: []TimelineEvent{{At: drAt("2026-03-01T10:00:00+02:00"), What: "x"}}})
	data, err := EncodeMapFile(m)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"format":"flowmap/1","name":"x","calendar":{"hours_per_day":8,"days_per_week":5},"stages":[],` +
		`"measurements":[{"id":"m1","date":"2026-01-01","stages":[],"dora":{"from":"2026-01-01","to":"2026-01-01","days":1,"deployments":0}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeMapFile(data)
		if err != nil {
			return
		}
		again, err := EncodeMapFile(m)
		if err != nil {
			t.Fatalf("a decoded map does not encode: %v", err)
		}
		back, err := DecodeMapFile(again)
		if err != nil {
			t.Fatalf("a written map does not read back: %v\n%s", err, again)
		}
		if !reflect.DeepEqual(back, m) {
			third, _ := EncodeMapFile(back)
			if !bytes.Equal(third, again) {
				t.Fatalf("a written map reads back different:\n%s\n%s", again, third)
			}
		}
	})
}
