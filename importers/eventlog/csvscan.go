package eventlog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// fieldBuf holds the fields of a record read on the quoted path, unquoted.
type fieldBuf struct {
	buf  []byte
	ends []int
}

func (f *fieldBuf) field(i int) []byte {
	start := 0
	if i > 0 {
		start = f.ends[i-1]
	}
	return f.buf[start:f.ends[i]]
}

// scanRecord reads one CSV record from data[pos:] with RFC 4180 quoting,
// leniently: a field is quoted when its first non-blank byte is a quote; in a
// quoted field "" is a quote and a quote followed by anything but the
// delimiter or the line end is kept as is; a quote inside an unquoted field
// is an ordinary byte. It returns the index after the record's newline and
// whether the record is complete: false when data ends inside a quoted field
// or, unless atEOF, before the newline. With out, it also collects the fields.
// The splitter and the parser both use it, so they agree on where records end.
func scanRecord(data []byte, pos int, delim byte, atEOF bool, out *fieldBuf) (int, bool) {
	if out != nil {
		out.buf, out.ends = out.buf[:0], out.ends[:0]
	}
	i := pos
	for {
		j := i
		for j < len(data) && (data[j] == ' ' || data[j] == '\t') && data[j] != delim {
			j++
		}
		if j < len(data) && data[j] == '"' {
			i = j + 1
			for {
				k := bytes.IndexByte(data[i:], '"')
				if k < 0 {
					return len(data), false
				}
				if out != nil {
					out.buf = append(out.buf, data[i:i+k]...)
				}
				i += k + 1
				if i >= len(data) {
					if !atEOF {
						return len(data), false
					}
					break
				}
				c := data[i]
				if c == '"' {
					if out != nil {
						out.buf = append(out.buf, '"')
					}
					i++
					continue
				}
				if c == delim || c == '\n' || c == '\r' {
					break
				}
				if out != nil {
					out.buf = append(out.buf, '"')
				}
			}
		}
		start := i
		for i < len(data) && data[i] != delim && data[i] != '\n' {
			i++
		}
		if out != nil {
			out.buf = append(out.buf, data[start:i]...)
			out.ends = append(out.ends, len(out.buf))
		}
		if i >= len(data) {
			return len(data), atEOF
		}
		if data[i] == '\n' {
			return i + 1, true
		}
		i++
	}
}

// lastRecordEnd is the end of the last complete record of data, which
// starts at a record boundary and is not the end of the input; 0 when no
// record is complete.
func lastRecordEnd(data []byte, delim byte) int {
	if bytes.IndexByte(data, '"') < 0 {
		return bytes.LastIndexByte(data, '\n') + 1
	}
	last, pos := 0, 0
	for pos < len(data) {
		end, ok := scanRecord(data, pos, delim, false, nil)
		if !ok {
			break
		}
		last, pos = end, end
	}
	return last
}

// blankFields reports whether the nf fields just split are all empty.
func (p *rowParser) blankFields(base []byte, nf int, quoted bool) bool {
	for i := 0; i < nf; i++ {
		var f []byte
		if quoted {
			f = p.fb.field(i)
		} else {
			f = base[p.fs[i]:p.fe[i]]
		}
		if len(trim(f)) > 0 {
			return false
		}
	}
	return true
}

// blockOut is what parsing a block yields.
type blockOut struct {
	recs   []logRecord
	nrow   int32 // records in the block, blank ones included
	data   int   // non-blank rows
	err    *rowErr
	minAbs int64
	maxAbs int64
	minOff int32
	maxOff int32
	times  bool
}

// SWAR constants: eight bytes compared at once.
const (
	highBits = 0x8080808080808080
	lowBits  = 0x0101010101010101
)

// split finds the fields of the line at data[pos:] without quotes: p.fs and
// p.fe get the bounds of its first len(p.fs) fields. It returns how many
// fields it found (up to len(p.fs)) and the index of the line's newline, or
// len(data); quoted says the line holds a quote (only looked for when
// quotes) and must be read on the quoted path instead. The line end is found
// with bytes.IndexByte (vector instructions); the delimiters eight bytes at a
// time.
func (p *rowParser) split(data []byte, pos int, quotes bool) (nf, end int, quoted bool) {
	end = len(data)
	if nl := bytes.IndexByte(data[pos:], '\n'); nl >= 0 {
		end = pos + nl
	}
	line := data[pos:end]
	if quotes && bytes.IndexByte(line, '"') >= 0 {
		return 0, 0, true
	}
	maxf := len(p.fs)
	delim := p.delim
	delims := lowBits * uint64(delim)
	start, i := 0, 0
	for i+8 <= len(line) {
		v := binary.LittleEndian.Uint64(line[i:]) ^ delims
		// High bits at the zero bytes of v: the delimiters, and possibly a
		// byte just above one (a borrow), so each hit is checked.
		m := (v - lowBits) &^ v & highBits
		for m != 0 {
			k := i + bits.TrailingZeros64(m)>>3
			m &= m - 1
			if line[k] != delim {
				continue
			}
			p.fs[nf], p.fe[nf] = pos+start, pos+k
			nf++
			start = k + 1
			if nf == maxf {
				return nf, end, false
			}
		}
		i += 8
	}
	for ; i < len(line); i++ {
		if line[i] == delim {
			p.fs[nf], p.fe[nf] = pos+start, pos+i
			nf++
			start = i + 1
			if nf == maxf {
				return nf, end, false
			}
		}
	}
	p.fs[nf], p.fe[nf] = pos+start, end
	return nf + 1, end, false
}

// parseBlock parses data, whole records (the last one may lack its newline
// at the end of the input), stopping at the first bad row.
func (p *rowParser) parseBlock(data []byte, out *blockOut) {
	recs := out.recs[:0]
	if cap(recs) == 0 {
		recs = make([]logRecord, 0, len(data)/40+16)
	}
	p.hasTime = false
	quotes := bytes.IndexByte(data, '"') >= 0
	lay := p.lay
	var row int32
	pos := 0
	for pos < len(data) {
		row++
		nf, end, quoted := p.split(data, pos, quotes)
		base := data
		if quoted {
			next, ok := scanRecord(data, pos, p.delim, true, &p.fb)
			if !ok {
				out.err = &rowErr{row: row, slot: -1, reason: "a quoted field is not closed: a quote is missing"}
				break
			}
			pos, base, nf = next, p.fb.buf, len(p.fb.ends)
			for s, c := range lay.col {
				p.vs[s], p.ve[s] = 0, 0
				if c >= 0 && c < nf {
					if c > 0 {
						p.vs[s] = p.fb.ends[c-1]
					}
					p.ve[s] = p.fb.ends[c]
				}
			}
		} else {
			pos = end + 1
			for s, c := range lay.col {
				if c >= 0 && c < nf {
					p.vs[s], p.ve[s] = p.fs[c], p.fe[c]
				} else {
					p.vs[s], p.ve[s] = 0, 0
				}
			}
		}
		if nf < lay.need {
			if p.blankFields(base, nf, quoted) {
				continue
			}
			missing := -1
			for _, s := range []int{slotItem, slotStage, slotTime} {
				if lay.col[s] >= nf {
					missing = s
					break
				}
			}
			out.err = &rowErr{row: row, slot: missing, reason: fmt.Sprintf(
				"is missing: the row has %d columns, the header %d", nf, len(lay.names))}
			break
		}
		recs = append(recs, logRecord{})
		blank, e := p.build(base, &recs[len(recs)-1], row)
		if e != nil {
			recs = recs[:len(recs)-1]
			out.err = e
			break
		}
		if blank {
			recs = recs[:len(recs)-1]
		}
	}
	out.recs, out.nrow, out.data = recs, row, len(recs)
	out.minAbs, out.maxAbs, out.minOff, out.maxOff, out.times = p.minAbs, p.maxAbs, p.minOff, p.maxOff, p.hasTime
}
