// Package table reads a spreadsheet into a grid of cells for the readers of
// stage sheets: an .xlsx workbook through excelize (guarded against the
// panics of crafted files, with unzip limits against zip bombs, and a
// streaming scan of cell formats and formulas), or a CSV export in the
// encodings and delimiters spreadsheet programs write. It also reads header
// cells into the words and units that name a column.
//
// Errors name the file and wrap one of the sentinels below (or vsm.ErrEmpty
// for a file with nothing in it), so callers tell the classes apart with
// errors.Is.
package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"flowmap/vsm"
)

// Sentinel errors of the spreadsheet readers. Every error a reader returns for
// a file it cannot use wraps one of these (or vsm.ErrEmpty for a file with
// nothing to import, vsm.ErrInvalid for a bad value), so callers can tell the
// classes apart with errors.Is.
var (
	// ErrNotSpreadsheet: the file is something else (a PDF, an image, a Word
	// document, random bytes, an old .xls).
	ErrNotSpreadsheet = errors.New("not a spreadsheet (.xlsx or .csv)")
	// ErrPasswordProtected: an encrypted workbook; Flowmap does not ask for passwords.
	ErrPasswordProtected = errors.New("the workbook is password-protected")
	// ErrTooLarge: the file, its unzipped content or its row count is over a limit.
	ErrTooLarge = errors.New("too large")
	// ErrNoHeader: no row in the first rows names the columns Flowmap needs.
	ErrNoHeader = errors.New("no header row found")
	// ErrSheetNotFound: the sheet asked for is not in the workbook.
	ErrSheetNotFound = errors.New("no such sheet")
	// ErrDamaged: the workbook is an .xlsx but its content cannot be read.
	ErrDamaged = errors.New("the workbook is damaged")
)

// Limits on what a reader accepts. A real stage sheet is a few kilobytes; an
// event log a few megabytes. The unzip limits keep a zip bomb from expanding:
// excelize's own default is 16 GB.
const (
	MaxInputBytes = 64 << 20  // bytes read from the io.Reader
	unzipLimit    = 200 << 20 // total unzipped size of an .xlsx
	unzipXMLLimit = 100 << 20 // one sheet's XML held in memory (larger ones go to a temp file)
	maxZipEntries = 10000     // parts in an .xlsx; real ones have a few dozen
	MaxColumns    = 512       // cells kept per row; the rest of a row is ignored
	maxWideRows   = 50        // rows wider than MaxColumns in one sheet
	maxCells      = 5000000   // cells (with excelize's padding) read from one sheet
	HeaderScan    = 20        // rows searched for the header
)

// fileError is an error with a finished message for a person that still
// matches its sentinel with errors.Is.
type fileError struct {
	msg string
	err error
}

func (e *fileError) Error() string { return e.msg }
func (e *fileError) Unwrap() error { return e.err }

// Errorf formats a message and attaches sentinel to it.
func Errorf(sentinel error, format string, args ...any) error {
	return &fileError{msg: fmt.Sprintf(format, args...), err: sentinel}
}

// FileName is how messages name a file: its base name ("stages.xlsx"),
// or "input" when the reader was given no name.
func FileName(name string) string {
	if name == "" {
		return "input"
	}
	return filepath.Base(name)
}

// ReadAll reads all of r, refusing more than limit bytes.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading: %w", FileName(name), err)
	}
	if int64(len(data)) > limit {
		return nil, Errorf(ErrTooLarge, "%s: the file is larger than %s, the limit for an import",
			FileName(name), byteCount(limit))
	}
	return data, nil
}

// byteCount writes a byte count for people: "200 MB".
func byteCount(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Kind is what a file's content says it is.
type Kind int

const (
	KindText Kind = iota // CSV or tab-separated text
	KindXLSX             // an Office Open XML workbook (zip)
)

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
)

// magics are file signatures of things people drop by mistake.
var magics = []struct {
	prefix string
	what   string
}{
	{"%PDF", "a PDF document"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"\x1f\x8b", "a gzip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"\x7fELF", "a program"},
	{"PK\x05\x06", "an empty zip archive"},
	{"{\\rtf", "an RTF document"},
}

// Sniff decides from the content (and, for messages, the name) whether
// data is a workbook or text. It returns an error naming what the file is when
// it is neither. An extension never overrides the content: a CSV saved as
// "x.xlsx" is still read as CSV.
func Sniff(data []byte, name string) (Kind, error) {
	file := FileName(name)
	if len(bytes.TrimSpace(data)) == 0 {
		return 0, Errorf(vsm.ErrEmpty, "%s: the file is empty", file)
	}
	switch {
	case bytes.HasPrefix(data, magicZip):
		return KindXLSX, nil
	case bytes.HasPrefix(data, magicOLE):
		return 0, oleError(data, file)
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return 0, Errorf(ErrNotSpreadsheet, "%s: %v: it is %s", file, ErrNotSpreadsheet, m.what)
		}
	}
	if what := markupKind(data); what != "" {
		return 0, Errorf(ErrNotSpreadsheet, "%s: %v: it is %s", file, ErrNotSpreadsheet, what)
	}
	return KindText, nil
}

// oleError names an OLE compound file: an encrypted .xlsx (Excel wraps
// those in OLE, with streams EncryptionInfo and EncryptedPackage), a legacy
// .xls, or another old Office document. Directory entry names are UTF-16LE.
func oleError(data []byte, file string) error {
	has := func(s string) bool { return bytes.Contains(data, utf16LE(s)) }
	switch {
	case has("EncryptedPackage") || has("EncryptionInfo"):
		return Errorf(ErrPasswordProtected,
			"%s: %v: remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, clear it, save) and import again",
			file, ErrPasswordProtected)
	case has("Workbook") || has("Book"):
		return Errorf(ErrNotSpreadsheet,
			"%s: %v: it is an Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice and save it as .xlsx or .csv",
			file, ErrNotSpreadsheet)
	case has("WordDocument"):
		return Errorf(ErrNotSpreadsheet, "%s: %v: it is a Word 97-2003 document", file, ErrNotSpreadsheet)
	}
	return Errorf(ErrNotSpreadsheet, "%s: %v: it is an old Office (OLE) file", file, ErrNotSpreadsheet)
}

// utf16LE encodes ASCII s as UTF-16LE, as OLE directory names are stored.
func utf16LE(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// markupKind recognizes text formats that are not tables: HTML pages
// (Excel's "Web page" export), Excel 2003 XML, other XML, and JSON (a Flowmap
// map file among them). It returns "" for anything else.
func markupKind(data []byte) string {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimSpace(head)
	lower := strings.ToLower(string(head))
	switch {
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"), strings.HasPrefix(lower, "<table"):
		return "an HTML page (save the table as .xlsx or .csv)"
	case strings.HasPrefix(lower, "<?xml"):
		if strings.Contains(lower, "urn:schemas-microsoft-com:office:spreadsheet") || strings.Contains(lower, "progid=\"excel.sheet\"") {
			return "an Excel 2003 XML spreadsheet (save it as .xlsx or .csv)"
		}
		return "an XML document"
	case strings.HasPrefix(lower, "{"):
		if strings.Contains(lower, `"format"`) && strings.Contains(lower, "flowmap/") {
			return "a Flowmap map file (open it as a map, not as a stage sheet)"
		}
		return "a JSON document"
	}
	return ""
}

// ColumnLetter is a 0-based column index as a spreadsheet names it.
func ColumnLetter(i int) string {
	var b []byte
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}
