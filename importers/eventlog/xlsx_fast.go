package eventlog

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The worksheet reader below reads a sheet's XML straight from the bytes
// excelize unzipped (with its size limits), about twenty times faster than
// excelize's Rows iterator, whose encoding/xml decoding is nearly all the
// time of an .xlsx import. It understands the cells SpreadsheetML writes
// (numbers, shared and inline strings, formulas' cached values, booleans,
// errors, ISO dates) and gives the values excelize's Rows with RawCellValue
// gives; anything else (a sheet excelize spilled to a temporary file, a
// namespace prefix, CDATA) makes it step aside for excelize's iterator.

// errEvNoFastSheet sends the read to excelize's iterator.
var errEvNoFastSheet = errors.New("worksheet not readable by the fast reader")

// fastSheet is a worksheet's XML and the workbook's shared strings.
type fastSheet struct {
	data []byte
	sst  []string
}

// openFastSheet finds sheet's part among the bytes excelize holds.
func openFastSheet(f *excelize.File, sheet string) (*fastSheet, error) {
	load := func(name string) ([]byte, bool) {
		v, ok := f.Pkg.Load(name)
		if !ok {
			return nil, false
		}
		b, ok := v.([]byte)
		return b, ok
	}
	wb, ok := load("xl/workbook.xml")
	if !ok {
		return nil, errEvNoFastSheet
	}
	rels, ok := load("xl/_rels/workbook.xml.rels")
	if !ok {
		return nil, errEvNoFastSheet
	}
	sheets, ok := sheetParts(wb, rels)
	if !ok {
		return nil, errEvNoFastSheet
	}
	target := ""
	for _, sh := range sheets {
		if sh.name == sheet {
			target = sh.part
		}
	}
	if target == "" {
		return nil, errEvNoFastSheet
	}
	data, ok := load(target)
	if !ok || bytes.Contains(data, []byte("<![CDATA[")) {
		return nil, errEvNoFastSheet
	}
	fs := &fastSheet{data: data}
	if sst, ok := load("xl/sharedStrings.xml"); ok {
		var doc struct {
			SI []sharedString `xml:"si"`
		}
		if xml.Unmarshal(sst, &doc) != nil {
			return nil, errEvNoFastSheet
		}
		fs.sst = make([]string, len(doc.SI))
		for i, si := range doc.SI {
			fs.sst[i] = si.text()
		}
	} else if _, spilled := f.Pkg.Load("xl/sharedStrings.xml"); spilled {
		return nil, errEvNoFastSheet
	}
	return fs, nil
}

// bstr decodes the _xHHHH_ escapes of OOXML strings as excelize does.
func bstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			if s[i:i+7] == "_x005F_" {
				b.WriteByte('_')
			} else if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// sheetScanner walks <sheetData>, one <row> at a time.
type sheetScanner struct {
	fs    *fastSheet
	pos   int // next byte to read
	row   int // number of the row read last
	cells []string
	text  []byte // scratch for unescaping
}

func (fs *fastSheet) rows() (*sheetScanner, error) {
	i := bytes.Index(fs.data, []byte("<sheetData"))
	if i < 0 {
		if bytes.Contains(fs.data, []byte(":sheetData")) {
			return nil, errEvNoFastSheet // a namespace prefix
		}
		return &sheetScanner{fs: fs, pos: len(fs.data)}, nil
	}
	j := bytes.IndexByte(fs.data[i:], '>')
	if j < 0 {
		return nil, errEvNoFastSheet
	}
	s := &sheetScanner{fs: fs, pos: i + j + 1}
	if fs.data[i+j-1] == '/' { // <sheetData/>
		s.pos = len(fs.data)
	}
	return s, nil
}

// next reads the next row: its number and cells, the values excelize's
// Columns(RawCellValue) returns. ok is false after the last row.
func (s *sheetScanner) next() (row int, cells []string, ok bool, err error) {
	d := s.fs.data
	s.cells = s.cells[:0]
	p := s.skipSpace(s.pos)
	for bytes.HasPrefix(d[p:], []byte("<!--")) || bytes.HasPrefix(d[p:], []byte("<?")) {
		q, ok := skipElement(d, p)
		if !ok {
			return 0, nil, false, errEvNoFastSheet
		}
		p = s.skipSpace(q)
	}
	if !tagAt(d, p, "row") {
		if bytes.HasPrefix(d[p:], []byte("</sheetData>")) || p >= len(d) {
			s.pos = len(d)
			return 0, nil, false, nil
		}
		return 0, nil, false, errEvNoFastSheet
	}
	attrs, selfClosed, end, bad := xmlAttrs(d, p+4)
	if bad {
		return 0, nil, false, errEvNoFastSheet
	}
	s.row++
	if r, found := xmlAttr(attrs, "r"); found {
		n, err := strconv.Atoi(string(r))
		if err != nil || n < 1 || n > excelize.TotalRows {
			return 0, nil, false, errors.New("row number " + strconv.Quote(string(r)) + " is not valid")
		}
		s.row = n
	}
	p = end
	if selfClosed {
		s.pos = p
		return s.row, s.cells, true, nil
	}
	col := 0
	for {
		p = s.skipSpace(p)
		switch {
		case bytes.HasPrefix(d[p:], []byte("</row>")):
			s.pos = p + len("</row>")
			return s.row, s.cells, true, nil
		case tagAt(d, p, "c"):
			var val string
			var has bool
			col, val, has, p, err = s.cell(p+2, col)
			if err != nil {
				return 0, nil, false, err
			}
			if has {
				for len(s.cells) < col-1 {
					s.cells = append(s.cells, "")
				}
				if len(s.cells) == col-1 {
					s.cells = append(s.cells, val)
				} else {
					s.cells[col-1] = val
				}
			}
		default:
			// Anything else in a row (extLst and the like) is skipped whole.
			q, ok := skipElement(d, p)
			if !ok {
				return 0, nil, false, errEvNoFastSheet
			}
			p = q
		}
	}
}

// cell reads the <c> element whose attributes start at p, after the
// previous cell's column prev. has is false for a cell excelize leaves out
// (no value and no formula).
func (s *sheetScanner) cell(p, prev int) (col int, val string, has bool, next int, err error) {
	d := s.fs.data
	attrs, selfClosed, end, bad := xmlAttrs(d, p)
	if bad {
		return 0, "", false, 0, errEvNoFastSheet
	}
	col = prev + 1
	if ref, found := xmlAttr(attrs, "r"); found && len(ref) > 0 {
		c, _, err := excelize.CellNameToCoordinates(string(ref))
		if err != nil {
			return 0, "", false, 0, err
		}
		col = c
	}
	typ, _ := xmlAttr(attrs, "t")
	if selfClosed {
		return col, "", false, end, nil
	}
	var v, is []byte
	hasV, hasIS, hasF := false, false, false
	p = end
	for {
		p = s.skipSpace(p)
		switch {
		case bytes.HasPrefix(d[p:], []byte("</c>")):
			next = p + 4
			switch string(typ) {
			case "s":
				if !hasV {
					return col, "", hasF, next, nil
				}
				i, err := strconv.Atoi(strings.TrimSpace(string(v)))
				if err != nil || i < 0 || i >= len(s.fs.sst) {
					return 0, "", false, 0, errors.New("shared string index " + strconv.Quote(string(v)) + " is not valid")
				}
				return col, s.fs.sst[i], true, next, nil
			case "inlineStr":
				if hasIS {
					val = bstr(string(is))
				} else {
					val = string(v)
				}
			default:
				val = string(v)
			}
			return col, val, val != "" || hasF, next, nil
		case tagAt(d, p, "v"):
			text, q, ok := s.elementText(p + 2)
			if !ok {
				return 0, "", false, 0, errEvNoFastSheet
			}
			v, hasV, p = text, true, q
		case tagAt(d, p, "f"):
			q, ok := skipElement(d, p)
			if !ok {
				return 0, "", false, 0, errEvNoFastSheet
			}
			hasF, p = true, q
		case tagAt(d, p, "is"):
			text, q, ok := s.inlineText(p)
			if !ok {
				return 0, "", false, 0, errEvNoFastSheet
			}
			is, hasIS, p = text, true, q
		default:
			q, ok := skipElement(d, p)
			if !ok {
				return 0, "", false, 0, errEvNoFastSheet
			}
			p = q
		}
	}
}

// elementText reads the text of an element whose attributes start at p up
// to its end tag, unescaped; a self-closed element has none.
func (s *sheetScanner) elementText(p int) ([]byte, int, bool) {
	d := s.fs.data
	_, selfClosed, end, bad := xmlAttrs(d, p)
	if bad {
		return nil, 0, false
	}
	if selfClosed {
		return nil, end, true
	}
	k := bytes.IndexByte(d[end:], '<')
	if k < 0 || !bytes.HasPrefix(d[end+k:], []byte("</")) {
		return nil, 0, false
	}
	close := bytes.IndexByte(d[end+k:], '>')
	if close < 0 {
		return nil, 0, false
	}
	text, ok := s.unescape(d[end : end+k])
	return text, end + k + close + 1, ok
}

// inlineText gathers the <t> texts of an <is> element at p (rich text runs
// included, phonetic runs not, as excelize does).
func (s *sheetScanner) inlineText(p int) ([]byte, int, bool) {
	d := s.fs.data
	endTag := bytes.Index(d[p:], []byte("</is>"))
	if endTag < 0 {
		if _, selfClosed, end, bad := xmlAttrs(d, p+3); !bad && selfClosed {
			return nil, end, true
		}
		return nil, 0, false
	}
	body := d[p : p+endTag]
	var out []byte
	for i := 0; i < len(body); {
		switch {
		case tagAt(body, i, "rPh"):
			q := bytes.Index(body[i:], []byte("</rPh>"))
			if q < 0 {
				// a self-closed phonetic run
				q2 := bytes.IndexByte(body[i:], '>')
				if q2 < 0 {
					return nil, 0, false
				}
				i += q2 + 1
				continue
			}
			i += q + len("</rPh>")
		case tagAt(body, i, "t"):
			_, selfClosed, end, bad := xmlAttrs(body, i+2)
			if bad {
				return nil, 0, false
			}
			if selfClosed {
				i = end
				continue
			}
			k := bytes.Index(body[end:], []byte("</t>"))
			if k < 0 {
				return nil, 0, false
			}
			text, ok := s.unescape(body[end : end+k])
			if !ok {
				return nil, 0, false
			}
			out = append(out, text...)
			i = end + k + len("</t>")
		default:
			i++
		}
	}
	return out, p + endTag + len("</is>"), true
}

// unescape decodes XML character and entity references.
func (s *sheetScanner) unescape(b []byte) ([]byte, bool) {
	if bytes.IndexByte(b, '&') < 0 {
		if bytes.IndexByte(b, '\r') >= 0 {
			// XML reads CR LF and lone CR as LF.
			s.text = append(s.text[:0], bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))...)
			return s.text, true
		}
		return b, true
	}
	out := s.text[:0]
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			i++
			continue
		}
		if c != '&' {
			out = append(out, c)
			i++
			continue
		}
		semi := bytes.IndexByte(b[i:], ';')
		if semi < 0 {
			return nil, false
		}
		ent := string(b[i+1 : i+semi])
		switch ent {
		case "amp":
			out = append(out, '&')
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return nil, false
			}
			var v uint64
			var err error
			if ent[1] == 'x' {
				v, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				v, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(v)) {
				return nil, false
			}
			out = utf8.AppendRune(out, rune(v))
		}
		i += semi + 1
	}
	s.text = out
	return out, true
}

func (s *sheetScanner) skipSpace(p int) int {
	d := s.fs.data
	for p < len(d) && (d[p] == ' ' || d[p] == '\n' || d[p] == '\r' || d[p] == '\t') {
		p++
	}
	return p
}

// tagAt says whether d[p:] starts the element <name followed by the end
// of its name.
func tagAt(d []byte, p int, name string) bool {
	n := p + 1 + len(name)
	return n < len(d) && d[p] == '<' && string(d[p+1:n]) == name && nameEnd(d[n])
}

// nameEnd says whether c ends an element name.
func nameEnd(c byte) bool {
	return c == ' ' || c == '>' || c == '/' || c == '\n' || c == '\r' || c == '\t'
}

// xmlAttrs reads the attributes of a start tag from p (just after its name):
// their bytes, whether the tag closes itself, and the index after it. bad
// reports malformed markup.
func xmlAttrs(d []byte, p int) (attrs []byte, selfClosed bool, end int, bad bool) {
	k := bytes.IndexByte(d[p:], '>')
	if k < 0 {
		return nil, false, 0, true
	}
	attrs = d[p : p+k]
	if len(attrs) > 0 && attrs[len(attrs)-1] == '/' {
		return attrs[:len(attrs)-1], true, p + k + 1, false
	}
	return attrs, false, p + k + 1, false
}

// xmlAttr finds attribute name in attrs (name="value" or name='value').
func xmlAttr(attrs []byte, name string) ([]byte, bool) {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\n' || attrs[i] == '\r' || attrs[i] == '\t') {
			i++
		}
		eq := bytes.IndexByte(attrs[i:], '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimSpace(attrs[i : i+eq])
		j := i + eq + 1
		for j < len(attrs) && attrs[j] == ' ' {
			j++
		}
		if j >= len(attrs) || (attrs[j] != '"' && attrs[j] != '\'') {
			return nil, false
		}
		q := attrs[j]
		e := bytes.IndexByte(attrs[j+1:], q)
		if e < 0 {
			return nil, false
		}
		if string(key) == name {
			return attrs[j+1 : j+1+e], true
		}
		i = j + 1 + e + 1
	}
	return nil, false
}

// skipElement skips the element starting at p (a '<'), with everything
// inside it; comments and processing instructions too.
func skipElement(d []byte, p int) (int, bool) {
	if p >= len(d) || d[p] != '<' {
		return 0, false
	}
	switch {
	case bytes.HasPrefix(d[p:], []byte("<!--")):
		k := bytes.Index(d[p:], []byte("-->"))
		return p + k + 3, k >= 0
	case bytes.HasPrefix(d[p:], []byte("<?")):
		k := bytes.Index(d[p:], []byte("?>"))
		return p + k + 2, k >= 0
	case p+1 < len(d) && d[p+1] == '/':
		return 0, false // an end tag where an element was expected
	}
	// Read the name, then balance start and end tags of that name.
	q := p + 1
	for q < len(d) && !nameEnd(d[q]) {
		q++
	}
	name := d[p+1 : q]
	if bytes.IndexByte(name, ':') >= 0 {
		return 0, false
	}
	_, selfClosed, end, bad := xmlAttrs(d, q)
	if bad {
		return 0, false
	}
	if selfClosed {
		return end, true
	}
	depth := 1
	for i := end; i < len(d); {
		k := bytes.IndexByte(d[i:], '<')
		if k < 0 {
			return 0, false
		}
		i += k
		if i+1 >= len(d) {
			return 0, false
		}
		switch {
		case bytes.HasPrefix(d[i+1:], name) && i+1+len(name) < len(d) && nameEnd(d[i+1+len(name)]):
			_, sc, e, bad := xmlAttrs(d, i+1+len(name))
			if bad {
				return 0, false
			}
			if !sc {
				depth++
			}
			i = e
		case d[i+1] == '/' && bytes.HasPrefix(d[i+2:], name) && i+2+len(name) < len(d) && d[i+2+len(name)] == '>':
			depth--
			i += 3 + len(name)
			if depth == 0 {
				return i, true
			}
		default:
			i++
		}
	}
	return 0, false
}
