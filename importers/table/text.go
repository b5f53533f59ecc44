package table

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"flowmap/vsm"
)

// Text encodings DecodeText reports, for the import preview.
const (
	encUTF8        = "UTF-8"
	encUTF8BOM     = "UTF-8 with BOM"
	encUTF16LE     = "UTF-16LE"
	encUTF16BE     = "UTF-16BE"
	encWindows1252 = "Windows-1252"
)

// DecodeText turns the bytes of a text export into UTF-8, the way real
// exports come: UTF-8 with or without a byte-order mark, UTF-16 (Excel's
// "Unicode text") with a BOM or recognizably without one, and, when the bytes
// are not valid UTF-8, Windows-1252 (Excel's "CSV" on Windows writes the ANSI
// code page). Old Mac line ends (CR only) become LF. Binary data (NUL bytes or
// many control characters) is refused with ErrNotSpreadsheet; text with
// nothing but spaces is vsm.ErrEmpty.
func DecodeText(data []byte, name string) (text, encoding string, err error) {
	file := FileName(name)
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data, encoding = data[3:], encUTF8BOM
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		text, encoding = decodeUTF16(data[2:], false), encUTF16LE
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		text, encoding = decodeUTF16(data[2:], true), encUTF16BE
	default:
		switch guessUTF16(data) {
		case 1:
			text, encoding = decodeUTF16(data, false), encUTF16LE
		case 2:
			text, encoding = decodeUTF16(data, true), encUTF16BE
		}
	}
	if encoding != encUTF16LE && encoding != encUTF16BE {
		if bytes.IndexByte(data, 0) >= 0 {
			return "", "", Errorf(ErrNotSpreadsheet, "%s: %v: it holds binary data, not text", file, ErrNotSpreadsheet)
		}
		if utf8.Valid(data) {
			text = string(data)
			if encoding == "" {
				encoding = encUTF8
			}
		} else {
			dec, derr := charmap.Windows1252.NewDecoder().Bytes(data)
			if derr != nil {
				return "", "", Errorf(ErrNotSpreadsheet, "%s: %v: it is not text in a known encoding", file, ErrNotSpreadsheet)
			}
			text, encoding = string(dec), encWindows1252
		}
	}
	if looksBinary(text) {
		return "", "", Errorf(ErrNotSpreadsheet, "%s: %v: it holds binary data, not text", file, ErrNotSpreadsheet)
	}
	if strings.TrimSpace(text) == "" {
		return "", "", Errorf(vsm.ErrEmpty, "%s: the file is empty", file)
	}
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, encoding, nil
}

// decodeUTF16 decodes UTF-16 (a trailing odd byte is dropped; unpaired
// surrogates become U+FFFD).
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
	}
	return string(utf16.Decode(u))
}

// guessUTF16 recognizes UTF-16 without a BOM from its NUL bytes: mostly
// ASCII text in UTF-16LE has a NUL in every odd position and none in even
// ones. It returns 1 for LE, 2 for BE, 0 for neither.
func guessUTF16(b []byte) int {
	if len(b) > 1024 {
		b = b[:1024]
	}
	pairs := len(b) / 2
	if pairs < 2 {
		return 0
	}
	var even, odd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*10 >= pairs*7 && even*20 <= pairs:
		return 1
	case even*10 >= pairs*7 && odd*20 <= pairs:
		return 2
	}
	return 0
}

// looksBinary reports whether decoded text holds NULs or more than 1% of
// control characters in its first 64 KB: random bytes, images and programs do,
// exports do not (tab, CR, LF, FF, VT and a DOS end-of-file mark are allowed).
func looksBinary(text string) bool {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	var n, ctl int
	for _, r := range text {
		n++
		switch {
		case r == 0:
			return true
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0x1a:
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			ctl++
		}
	}
	return ctl*100 > n
}
