package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// fixture is a valid store with a dozen 40-stage maps, so that it spans many
// pages, written once per test binary.
var fixture struct {
	data     []byte
	pageSize int64
	hwm      uint64 // pages in use, from the newest header
	freelist uint64
	root     uint64
	ids      []string
}

func validStore(t *testing.T) []byte {
	t.Helper()
	if fixture.data != nil {
		return bytes.Clone(fixture.data)
	}
	path := filepath.Join(t.TempDir(), "flowmap.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		m := bigMap(fmt.Sprintf("Map %02d", i), 40)
		c, err := db.Create(m)
		if err != nil {
			t.Fatal(err)
		}
		fixture.ids = append(fixture.ids, c.ID)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := bytes.NewReader(data)
	m0, _ := readMeta(r, 0)
	m1, _ := readMeta(r, int64(m0.pageSize))
	if m1.txid > m0.txid {
		m0 = m1
	}
	fixture.data, fixture.pageSize = data, int64(m0.pageSize)
	fixture.hwm, fixture.freelist, fixture.root = m0.hwm, m0.freelist, m0.root
	if fixture.hwm < 20 || int64(len(data)) < int64(fixture.hwm)*fixture.pageSize {
		t.Fatalf("fixture: %d bytes, %d pages in use of %d bytes: too small to damage usefully", len(data), fixture.hwm, fixture.pageSize)
	}
	return bytes.Clone(data)
}

// bigMap is a valid map with n stages.
func bigMap(name string, n int) *vsm.Map {
	m := vsm.NewMap(name)
	m.Description = "A map big enough to span pages."
	for i := range n {
		s := vsm.NewStage(fmt.Sprintf("Stage %03d", i))
		s.WaitHours, s.ProcessHours = float64(i%7)*8, float64(i%5)+0.5
		s.CompleteAccurate = 0.9
		s.People = float64(1 + i%3)
		s.Team = "Team " + string(rune('A'+i%4))
		s.Notes = "Hand-off to the next team after review."
		if i%4 == 0 {
			s.Waste = []vsm.Waste{vsm.WasteHandoffs, vsm.WasteWaiting}
		}
		m.Stages = append(m.Stages, s)
	}
	return m
}

// editStore changes a copy of the valid store with raw bbolt, for damage a
// Flowmap store cannot get through its own API.
func editStore(t *testing.T, edit func(tx *bbolt.Tx) error) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edit.db")
	if err := os.WriteFile(path, validStore(t), 0o600); err != nil {
		t.Fatal(err)
	}
	return boltFile(t, path, edit)
}

// boltFile runs edit in a bbolt transaction on path and returns the file.
func boltFile(t *testing.T, path string, edit func(tx *bbolt.Tx) error) []byte {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(edit); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func page(data []byte, ps int64, id uint64) []byte {
	return data[int64(id)*ps : int64(id+1)*ps]
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func fileState(t *testing.T, path string) (sum [32]byte, entries []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range list {
		entries = append(entries, e.Name())
	}
	sort.Strings(entries)
	return sha256.Sum256(data), entries
}

func TestDamagedFilesErrorAndStayUntouched(t *testing.T) {
	valid := validStore(t)
	ps := fixture.pageSize
	ne := binary.NativeEndian
	csv := "Stage,Team,Wait,Process,%C&A\nIdea,Product,0,2h,100%\nPlan,Product,3d,4h,90%\n"

	tests := []struct {
		name string
		data func() []byte
		want string // in the problem
	}{
		{"empty file (0 bytes)", func() []byte { return nil }, "empty (0 bytes)"},
		{"truncated to 100 bytes", func() []byte { return valid[:100] }, "truncated"},
		{"truncated to one page", func() []byte { return valid[:ps] }, "truncated"},
		{"truncated to two pages and a bit", func() []byte { return valid[:2*ps+17] }, "truncated"},
		{"truncated in the middle of its data", func() []byte { return valid[:int64(fixture.hwm/2)*ps] }, "truncated"},
		{"truncated by one byte of its last page", func() []byte { return valid[:int64(fixture.hwm)*ps-1] }, "truncated"},
		{"random bytes", func() []byte { return randomBytes(1, 64<<10) }, "database header"},
		{"a short text file", func() []byte { return []byte("this is not a database\n") }, "database header"},
		{"a CSV file bigger than a page", func() []byte { return []byte(strings.Repeat(csv, 200)) }, "database header"},
		{"both header pages zeroed", func() []byte {
			d := bytes.Clone(valid)
			clear(d[:2*ps])
			return d
		}, "database header"},
		{"both header pages overwritten with random bytes", func() []byte {
			d := bytes.Clone(valid)
			copy(d, randomBytes(2, int(2*ps)))
			return d
		}, "database header"},
		{"header page 0 overwritten with random bytes", func() []byte {
			d := bytes.Clone(valid)
			copy(page(d, ps, 0), randomBytes(5, int(ps)))
			return d
		}, "header pages (page 0) is overwritten"},
		{"header page 1 zeroed", func() []byte {
			d := bytes.Clone(valid)
			clear(page(d, ps, 1))
			return d
		}, "header pages (page 1) is overwritten"},
		{"both header checksums wrong", func() []byte {
			d := bytes.Clone(valid)
			for id := range uint64(2) {
				p := page(d, ps, id)
				p[pageHeaderSize+48] ^= 0xff // a txid byte: the checksum no longer matches
			}
			return d
		}, "both of its header pages are damaged"},
		{"root page overwritten with random bytes", func() []byte {
			d := bytes.Clone(valid)
			copy(page(d, ps, fixture.root), randomBytes(3, int(ps)))
			return d
		}, "root page"},
		{"free-page list claims 2^40 entries", func() []byte {
			d := bytes.Clone(valid)
			p := page(d, ps, fixture.freelist)
			ne.PutUint16(p[10:], 0xFFFF)
			ne.PutUint64(p[pageHeaderSize:], 1<<40)
			return d
		}, "free-page list"},
		{"every data page overwritten with random bytes", func() []byte {
			d := bytes.Clone(valid)
			copy(d[2*ps:], randomBytes(4, len(d)-int(2*ps)))
			return d
		}, ""},
		{"a valid bbolt file of another program", func() []byte {
			return boltFile(t, filepath.Join(t.TempDir(), "other.db"), func(tx *bbolt.Tx) error {
				b, err := tx.CreateBucket([]byte("widgets"))
				if err != nil {
					return err
				}
				return b.Put([]byte("w1"), []byte("blue"))
			})
		}, `another program, not a Flowmap store (its buckets: "widgets")`},
		{"an empty bbolt file", func() []byte {
			return boltFile(t, filepath.Join(t.TempDir(), "empty.db"), func(*bbolt.Tx) error { return nil })
		}, "empty database"},
		{"a map value that is not JSON", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error {
				return tx.Bucket(bucketMaps).Put([]byte(fixture.ids[3]), []byte(`{"format": "flowmap/1", "name": `))
			})
		}, "cannot be read"},
		{"a map value that is another JSON document", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error {
				return tx.Bucket(bucketMaps).Put([]byte(fixture.ids[3]), []byte(`{"hello": "world"}`))
			})
		}, `has no "format" field`},
		{"a map missing from the list", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error { return tx.Bucket(bucketInfo).Delete([]byte(fixture.ids[5])) })
		}, "missing from the list"},
		{"a list entry without its map", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error { return tx.Bucket(bucketMaps).Delete([]byte(fixture.ids[5])) })
		}, "does not exist"},
		{"a list entry that is not JSON", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error { return tx.Bucket(bucketInfo).Put([]byte(fixture.ids[1]), []byte("Map 01")) })
		}, "list entry"},
		{"a list entry with another name", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error {
				return tx.Bucket(bucketInfo).Put([]byte(fixture.ids[1]), []byte(`{"name":"Other","stages":40}`))
			})
		}, `listed as "Other"`},
		{"a schema version that is not a number", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("one")) })
		}, "schema version"},
		{"no meta bucket", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketMeta) })
		}, "not a Flowmap store"},
		{"no maps bucket", func() []byte {
			return editStore(t, func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketMaps) })
		}, "maps or their list is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "flowmap.db")
			if err := os.WriteFile(path, tt.data(), 0o600); err != nil {
				t.Fatal(err)
			}
			sum, entries := fileState(t, path)
			db, err := Open(path)
			if err == nil {
				db.Close()
				t.Fatalf("Open succeeded on a damaged file")
			}
			t.Logf("%v", err)
			var d *DamagedError
			if !errors.Is(err, ErrDamaged) || !errors.As(err, &d) || d.Path != path {
				t.Fatalf("Open error = %v, want a DamagedError for %s", err, path)
			}
			msg := err.Error()
			for _, want := range []string{path, "damaged", "left as it is"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
			if problem := d.Problem + fmt.Sprint(d.Err); !strings.Contains(problem, tt.want) {
				t.Errorf("problem %q does not say %q", problem, tt.want)
			}
			gotSum, gotEntries := fileState(t, path)
			if gotSum != sum {
				t.Errorf("Open changed the damaged file")
			}
			if !reflect.DeepEqual(gotEntries, entries) {
				t.Errorf("folder was %q, is %q after Open", entries, gotEntries)
			}
			// A second attempt in the same process behaves the same (no lock
			// or mapping left behind by the first).
			if _, err2 := Open(path); err2 == nil || err2.Error() != msg {
				t.Errorf("second Open = %v, want the same error", err2)
			}
		})
	}
}

func TestDamagedErrorNamesTheNewestBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flowmap.db")
	os.WriteFile(path, []byte("garbage"), 0o600)
	for _, stamp := range []string{"20261120T090000.000Z", "20261122T101500.000Z", "20261121T120000.000Z"} {
		os.WriteFile(path+".backup-"+stamp, validStore(t), 0o600)
	}
	_, err := Open(path)
	var d *DamagedError
	if !errors.As(err, &d) {
		t.Fatalf("Open = %v, want a DamagedError", err)
	}
	if want := path + ".backup-20261122T101500.000Z"; d.Backup != want || !strings.Contains(err.Error(), filepath.Base(want)) {
		t.Errorf("Backup = %q in %q, want %q", d.Backup, err, want)
	}
	if !strings.Contains(err.Error(), "flowmap-cli restore-backup") {
		t.Errorf("error %q does not say how to restore", err)
	}
}

// Random damage inside the data pages: whatever it hits, Open either works or
// reports damage, never crashes or hangs, and a damaged file stays as it was.
func TestRandomDamageNeverCrashes(t *testing.T) {
	valid := validStore(t)
	ps := int(fixture.pageSize)
	n := 150
	if testing.Short() || raceDetector {
		n = 40
	}
	r := rand.New(rand.NewPCG(42, 42))
	path := filepath.Join(t.TempDir(), "flowmap.db")
	opened, refused := 0, 0
	for i := range n {
		d := bytes.Clone(valid)
		pg := 2 + r.IntN(int(fixture.hwm)-2)
		switch i % 3 {
		case 0: // a few bytes
			off := pg*ps + r.IntN(ps-8)
			copy(d[off:], randomBytes(uint64(i), 1+r.IntN(8)))
		case 1: // a page header
			copy(d[pg*ps:], randomBytes(uint64(i), pageHeaderSize))
		case 2: // a whole page
			copy(d[pg*ps:], randomBytes(uint64(i), ps))
		}
		os.WriteFile(path, d, 0o600)
		sum, _ := fileState(t, path)
		db, err := Open(path)
		switch {
		case err == nil:
			opened++
			db.Close()
		case errors.Is(err, ErrDamaged) || errors.Is(err, ErrNewerSchema):
			refused++
			if got, _ := fileState(t, path); got != sum {
				t.Errorf("damage %d (page %d): Open changed the file it refused", i, pg)
			}
		default:
			t.Errorf("damage %d (page %d): Open = %v, want success or ErrDamaged", i, pg, err)
		}
	}
	t.Logf("random damage to %d copies of a %d-page store: %d opened, %d refused as damaged, 0 crashes", n, fixture.hwm, opened, refused)
}

// preflight catches truncation before bbolt sees it; this test also skips it,
// to show the guard: bbolt maps past the end of a truncated file and faults
// (SIGBUS) or panics when it touches a missing page, in Open or in the walk.
// The process must live on, and with preflight every length is refused.
func TestGuardSurvivesFaultsOnTruncatedFiles(t *testing.T) {
	valid := validStore(t)
	ps := fixture.pageSize
	faults, refused, unnoticed := 0, 0, 0
	for pages := int64(2); pages < int64(fixture.hwm); pages++ {
		path := filepath.Join(t.TempDir(), "flowmap.db")
		os.WriteFile(path, valid[:pages*ps], 0o600)
		_, err := checkFile(path)
		var d *DamagedError
		var fault *faultError
		switch {
		case err == nil:
			unnoticed++ // only free pages were cut off: bbolt never reads them
		case errors.As(err, &fault):
			faults++
		case errors.As(err, &d):
			refused++
		default:
			t.Errorf("checkFile(truncated to %d pages) = %v, want nil or a DamagedError", pages, err)
		}
		if _, err := verify(path); !errors.As(err, &d) {
			t.Errorf("verify(truncated to %d pages) = %v, want a DamagedError", pages, err)
		}
	}
	t.Logf("truncated to 2..%d pages, bypassing preflight: %d faults or panics recovered inside bbolt, %d refused by the walk, %d cut only free pages; with preflight all refused",
		fixture.hwm-1, faults, refused, unnoticed)
	if faults == 0 {
		t.Errorf("no truncation made bbolt fault: the guard was not exercised")
	}
}
