package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"flowmap/vsm"
)

// lockTimeout is how long Open waits for a store another process holds before
// saying "Flowmap is already open".
const lockTimeout = time.Second

var errLockTimeout = errors.New("timed out waiting for the store's lock")

// faultError is a panic or memory fault inside bbolt, caught by guard.
type faultError struct{ v any }

func (e *faultError) Error() string { return fmt.Sprintf("reading it failed: %v", e.v) }

// guard runs fn with memory faults turned into panics (a truncated file faults
// when bbolt touches a page past its end) and recovers any panic into a
// faultError. Both only work in the goroutine that faults, so everything that
// reads an unchecked file runs inside fn, in this goroutine.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &faultError{r}
		}
	}()
	return fn()
}

// openBolt opens path with bbolt under guard. If bbolt panics half-way, the
// file it opened is closed here, so its lock does not outlive the attempt.
func openBolt(path string, readOnly bool) (*bbolt.DB, error) {
	var file *os.File
	opts := &bbolt.Options{
		Timeout:         lockTimeout,
		ReadOnly:        readOnly,
		PreLoadFreelist: true, // read the free list now, under guard, not later
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	var bdb *bbolt.DB
	err := guard(func() error {
		var err error
		bdb, err = bbolt.Open(path, 0o600, opts)
		return err
	})
	var fault *faultError
	if errors.As(err, &fault) && file != nil {
		file.Close()
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return bdb, nil
}

// openError turns an error of bbolt.Open into one a person can act on.
func openError(path string, err error) error {
	var fault *faultError
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return lockedError(path)
	case errors.As(err, &fault):
		return damaged(path, "bbolt could not read its pages", err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch):
		return damaged(path, "its header pages are not valid", err)
	}
	return fmt.Errorf("opening the Flowmap store %s: %w", path, err)
}

// verify checks, without writing a byte, that path is a Flowmap store this
// code can open, and returns its schema version. Its errors are final: the
// "already open" error, a DamagedError, the newer-schema error, or a plain
// file-system error.
func verify(path string) (int, error) {
	// A named pipe would block the open below until something writes to it,
	// and a device is no store: look before opening.
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return 0, notAFile(path, st.Mode())
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("opening the Flowmap store: %w", err)
	}
	defer f.Close()
	// Held while checking, so a process that has the store open cannot be
	// caught mid-commit and mistaken for damage.
	if err := lockFile(f, false, lockTimeout); err != nil {
		if errors.Is(err, errLockTimeout) {
			return 0, lockedError(path)
		}
		return 0, fmt.Errorf("locking the Flowmap store %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("opening the Flowmap store: %w", err)
	}
	if st.IsDir() {
		return 0, fmt.Errorf("the Flowmap store %s is a folder, not a file", path)
	}
	if problem, err := preflight(f, st.Size()); err != nil {
		return 0, fmt.Errorf("reading the Flowmap store %s: %w", path, err)
	} else if problem != "" {
		return 0, damaged(path, problem, nil)
	}

	return checkFile(path)
}

// checkFile opens path read-only with bbolt and reads all of it with checkTx,
// under guard. verify calls it only after preflight, which catches the damage
// it can see without bbolt; the guard is for the rest.
func checkFile(path string) (int, error) {
	bdb, err := openBolt(path, true)
	if err != nil {
		return 0, err
	}
	defer bdb.Close()
	var version int
	var problem string
	err = guard(func() error {
		return bdb.View(func(tx *bbolt.Tx) error {
			var err error
			version, problem, err = checkTx(tx, path)
			return err
		})
	})
	var fault *faultError
	switch {
	case errors.As(err, &fault):
		return 0, damaged(path, "some of its pages cannot be read", err)
	case err != nil:
		return 0, err
	case problem != "":
		return 0, damaged(path, problem, nil)
	}
	return version, nil
}

// maxDepth bounds the bucket walk: Flowmap nests no buckets, and a damaged
// page could make a bucket contain itself.
const maxDepth = 16

// checkTx reads everything in the store: every key and value of every bucket,
// every map decoded, info agreeing with maps, and bbolt's own page check. It
// returns the schema version, or a problem in words, or the newer-schema error.
func checkTx(tx *bbolt.Tx, path string) (int, string, error) {
	version, err := readSchema(tx)
	if errors.Is(err, errNotFlowmap) {
		var names []string
		_ = tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
			names = append(names, fmt.Sprintf("%q", name))
			return nil
		})
		if len(names) == 0 {
			return 0, "it is an empty database, not a Flowmap store", nil
		}
		if len(names) > 5 {
			names = append(names[:5], "...")
		}
		return 0, "it is a database of another program, not a Flowmap store (its buckets: " + strings.Join(names, ", ") + ")", nil
	}
	if err != nil {
		return 0, err.Error(), nil
	}
	if version > schemaVersion() {
		return 0, "", newerError(path, version, schemaVersion())
	}

	if err := tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
		if err := walkBucket(b, 1); err != nil {
			return fmt.Errorf("bucket %q: %w", name, err)
		}
		return nil
	}); err != nil {
		return 0, err.Error(), nil
	}

	maps, info := tx.Bucket(bucketMaps), tx.Bucket(bucketInfo)
	if maps == nil || info == nil {
		return 0, "its maps or their list is missing", nil
	}
	if problem := checkMaps(maps, info); problem != "" {
		return 0, problem, nil
	}
	if problem := checkMeasurements(tx); problem != "" {
		return 0, problem, nil
	}

	var pageProblems []string
	for err := range tx.Check() { // drain it all: Check's goroutine blocks otherwise
		if len(pageProblems) < 3 {
			pageProblems = append(pageProblems, err.Error())
		}
	}
	if len(pageProblems) > 0 {
		return 0, "its pages are inconsistent: " + strings.Join(pageProblems, "; "), nil
	}
	return version, "", nil
}

// walkBucket reads every byte of every key and value, so a page that faults
// does so here, under guard, and not later in bbolt's own check goroutine.
func walkBucket(b *bbolt.Bucket, depth int) error {
	if depth > maxDepth {
		return errors.New("buckets are nested deeper than any Flowmap store nests them")
	}
	var sum uint32
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		sum = crc32.Update(sum, crc32.IEEETable, k)
		if v != nil {
			sum = crc32.Update(sum, crc32.IEEETable, v)
			continue
		}
		child := b.Bucket(k)
		if child == nil {
			return fmt.Errorf("key %q has no value", k)
		}
		if err := walkBucket(child, depth+1); err != nil {
			return fmt.Errorf("bucket %q: %w", k, err)
		}
	}
	_ = sum // computed only to read the bytes
	return nil
}

// checkMaps decodes every map and checks that maps and info hold the same IDs
// and names. A map that decodes but breaks a validation rule (vsm.ErrInvalid)
// is not damage: rules can grow stricter between versions, and refusing the
// whole store for it would be worse than Get reporting that one map.
func checkMaps(maps, info *bbolt.Bucket) string {
	var problems []string
	add := func(format string, args ...any) {
		if len(problems) < 3 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	err := maps.ForEach(func(k, v []byte) error {
		if v == nil {
			add("map %q is a bucket, not a map", k)
			return nil
		}
		m, err := vsm.DecodeMapFile(v)
		if err != nil && !errors.Is(err, vsm.ErrInvalid) {
			add("map %q cannot be read: %v", k, err)
			return nil
		}
		iv := info.Get(k)
		if iv == nil {
			add("map %q is missing from the list of maps", k)
			return nil
		}
		in, err := decodeInfo(iv)
		if err != nil {
			add("the list entry of map %q cannot be read: %v", k, err)
			return nil
		}
		if m != nil && in.Name != m.Name {
			add("map %q is named %q but listed as %q", k, m.Name, in.Name)
		}
		return nil
	})
	if err != nil {
		add("%v", err)
	}
	_ = info.ForEach(func(k, _ []byte) error {
		if maps.Get(k) == nil {
			add("the list of maps names %q, which does not exist", k)
		}
		return nil
	})
	sort.Strings(problems)
	return strings.Join(problems, "; ")
}

// The on-disk layout of bbolt's page header and meta page (format version 2,
// unchanged since BoltDB): preflight reads them with plain file reads, so a
// damaged header cannot make bbolt fault or allocate without bound.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16 // id u64, flags u16, count u16, overflow u32
	metaSize       = 64 // magic, version, page size, flags u32; root, sequence, freelist, pgid, txid, checksum u64
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagFreelist   = 0x10
	noFreelist     = ^uint64(0)
)

type metaPage struct {
	magic, version, pageSize  uint32
	root, freelist, hwm, txid uint64
	valid                     bool
}

// readMeta reads the meta page at off; ok is false when it cannot be read.
func readMeta(r io.ReaderAt, off int64) (m metaPage, ok bool) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := r.ReadAt(buf, off); err != nil {
		return m, false
	}
	b := buf[pageHeaderSize:]
	ne := binary.NativeEndian // bbolt writes its structs in the machine's byte order
	m = metaPage{
		magic: ne.Uint32(b[0:]), version: ne.Uint32(b[4:]), pageSize: ne.Uint32(b[8:]),
		root: ne.Uint64(b[16:]), freelist: ne.Uint64(b[32:]), hwm: ne.Uint64(b[40:]), txid: ne.Uint64(b[48:]),
	}
	h := fnv.New64a()
	h.Write(b[:56])
	m.valid = m.magic == boltMagic && m.version == boltVersion && h.Sum64() == ne.Uint64(b[56:])
	return m, true
}

// preflight checks the headers the way bbolt will read them: which meta page
// it will use, that the file reaches the last page that meta counts, that the
// root and free-list pages lie inside it, and that the free list's length fits
// its pages. It returns a problem in words, or "" when bbolt may open the file.
func preflight(f io.ReaderAt, size int64) (string, error) {
	if size == 0 {
		return "the file is empty (0 bytes)", nil
	}
	m0, _ := readMeta(f, 0)
	var m1 metaPage
	var pageSize int64
	if m0.valid {
		pageSize = int64(m0.pageSize)
		m1, _ = readMeta(f, pageSize)
	} else {
		// Like bbolt: look for the second header at each page size it supports.
		for pos := int64(1024); pos <= 1024<<14 && pos < size-1024; pos <<= 1 {
			if m, ok := readMeta(f, pos); ok && m.valid {
				m1, pageSize = m, int64(m.pageSize)
				break
			}
		}
	}
	a, b := m0, m1
	if m1.txid > m0.txid {
		a, b = m1, m0
	}
	m := a
	if !a.valid {
		m = b
	}
	if !m.valid {
		alt, _ := readMeta(f, 4096)
		switch {
		case m0.magic == boltMagic && m0.version != boltVersion:
			return fmt.Sprintf("it is in database format version %d, which Flowmap does not read", m0.version), nil
		case m0.magic == boltMagic || alt.magic == boltMagic:
			return "both of its header pages are damaged (checksum mismatch)", nil
		}
		return "it does not start with a database header: it is not a Flowmap store, or its header pages were overwritten", nil
	}
	if pageSize < 1024 || pageSize > 1<<24 || pageSize&(pageSize-1) != 0 {
		return fmt.Sprintf("its header gives an impossible page size of %d bytes", pageSize), nil
	}
	pages := uint64(size / pageSize) // whole pages in the file
	if m.hwm > pages {
		return fmt.Sprintf("the file is truncated: it is %d bytes, but its data needs %d pages of %d bytes", size, m.hwm, pageSize), nil
	}
	if !m0.valid || !m1.valid {
		// Not what a crash leaves: bbolt writes a header page in one write of
		// the first sector. bbolt would fall back to the other page, a commit
		// older, but its own check rejects the file; so do we, loudly.
		bad := 0
		if m0.valid {
			bad = 1
		}
		return fmt.Sprintf("one of its two header pages (page %d) is overwritten or damaged", bad), nil
	}
	if m.root < 2 || m.root >= m.hwm {
		return fmt.Sprintf("its header points to a root page (%d) outside its data", m.root), nil
	}
	hdr := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(hdr[:pageHeaderSize], int64(m.root)*pageSize); err != nil {
		return "", err
	}
	if fl := binary.NativeEndian.Uint16(hdr[8:]); fl != flagBranch && fl != flagLeaf {
		return fmt.Sprintf("its root page (%d) is not a data page", m.root), nil
	}
	if m.freelist == noFreelist {
		return "", nil
	}
	if m.freelist < 2 || m.freelist >= m.hwm {
		return fmt.Sprintf("its header points to a free-page list (page %d) outside its data", m.freelist), nil
	}
	if _, err := f.ReadAt(hdr, int64(m.freelist)*pageSize); err != nil && err != io.EOF {
		return "", err
	}
	ne := binary.NativeEndian
	flags, count, overflow := ne.Uint16(hdr[8:]), uint64(ne.Uint16(hdr[10:])), uint64(ne.Uint32(hdr[12:]))
	if flags != flagFreelist {
		return fmt.Sprintf("its free-page list (page %d) is not a free-page list", m.freelist), nil
	}
	if m.freelist+overflow >= m.hwm {
		return fmt.Sprintf("its free-page list (page %d) runs past the end of its data", m.freelist), nil
	}
	first := uint64(0)
	if count == 0xFFFF { // the real count is the first element
		count, first = ne.Uint64(hdr[pageHeaderSize:]), 1
	}
	if fits := ((overflow+1)*uint64(pageSize) - pageHeaderSize) / 8; count > fits-first {
		return fmt.Sprintf("its free-page list (page %d) claims %d entries, more than its pages hold", m.freelist, count), nil
	}
	return "", nil
}
