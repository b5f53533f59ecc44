package eventlog

import (
	"math"
	"strconv"
)

// timeForms is what an unparseable timestamp's message suggests.
const timeForms = "use RFC 3339 (2026-03-02T09:00:00Z, 2026-03-02T10:00:00+01:00), 2026-03-02 09:00[:00] or 2026-03-02"

// dateCache remembers the last date parseTimestampCached read: rows of a log
// repeat dates, and an item's entry and exit often share one.
type dateCache struct {
	key  [10]byte // 2026-03-02
	days int64    // its day number
	ok   bool
}

// parseTimestamp reads a timestamp (see parseTimestampSlow for the forms).
func parseTimestamp(b []byte) (ms int64, off int32, reason string) {
	return parseTimestampCached(b, nil)
}

// parseTimestampCached is parseTimestamp with an optional date cache. The common
// layout, 2026-03-02T09:00:00 (T or space) with Z, an offset +hh:mm or no
// zone, is read here with fixed positions; anything else, and every error,
// goes the general way.
func parseTimestampCached(b []byte, c *dateCache) (ms int64, off int32, reason string) {
	if len(b) < 19 || b[13] != ':' || b[16] != ':' || (b[10] != 'T' && b[10] != ' ') {
		return parseTimestampSlow(b)
	}
	var days int64
	if c != nil && c.ok && [10]byte(b[:10]) == c.key {
		days = c.days
	} else {
		d0, d1, d2, d3 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0'
		m0, m1, dd0, dd1 := b[5]-'0', b[6]-'0', b[8]-'0', b[9]-'0'
		// A byte below '0' wraps around, so anything but a digit is above 9.
		if b[4] != '-' || b[7] != '-' || max(d0, d1, d2, d3, m0, m1, dd0, dd1) > 9 {
			return parseTimestampSlow(b)
		}
		y := int(d0)*1000 + int(d1)*100 + int(d2)*10 + int(d3)
		mo, d := int(m0)*10+int(m1), int(dd0)*10+int(dd1)
		if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
			return parseTimestampSlow(b)
		}
		days = daysFromCivil(y, mo, d)
		if c != nil {
			c.key, c.days, c.ok = [10]byte(b[:10]), days, true
		}
	}
	h0, h1, mi0, mi1, s0, s1 := b[11]-'0', b[12]-'0', b[14]-'0', b[15]-'0', b[17]-'0', b[18]-'0'
	if max(h0, h1, mi0, mi1, s0, s1) > 9 {
		return parseTimestampSlow(b)
	}
	h, mi, sec := int(h0)*10+int(h1), int(mi0)*10+int(mi1), int(s0)*10+int(s1)
	if h > 23 || mi > 59 || sec > 59 {
		return parseTimestampSlow(b)
	}
	switch z := b[19:]; {
	case len(z) == 0:
	case len(z) == 1 && (z[0] == 'Z' || z[0] == 'z'):
	case len(z) == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':':
		oh, om := digits2(z, 1), digits2(z, 4)
		if oh < 0 || om < 0 || oh > 23 || om > 59 {
			return parseTimestampSlow(b)
		}
		off = int32(oh*3600 + om*60)
		if z[0] == '-' {
			off = -off
		}
	default:
		return parseTimestampSlow(b)
	}
	local := days*86400000 + int64(h*3600000+mi*60000+sec*1000)
	return local - int64(off)*1000, off, ""
}

// parseTimestampSlow reads a timestamp without allocating: RFC 3339 with T, t or a
// space between date and time, optional seconds and fraction, optional zone
// (Z, UTC, GMT, +hh:mm, +hhmm, +hh, after an optional space), or a date
// alone. Month, day and hour may have one digit; a date may use slashes
// (2026/03/02). It returns Unix milliseconds and the offset in seconds east of
// UTC; without a zone the time is read as written (offset 0). reason is ""
// on success, else why it failed.
func parseTimestampSlow(b []byte) (ms int64, off int32, reason string) {
	n := len(b)
	if n < 8 {
		return 0, 0, "is not a timestamp: " + timeForms
	}
	// Year: exactly four digits.
	y := digits4(b)
	if y < 0 {
		return 0, 0, "is not a timestamp: " + timeForms
	}
	sep := b[4]
	if sep != '-' && sep != '/' {
		return 0, 0, "is not a timestamp: " + timeForms
	}
	i := 5
	mo, i := num12(b, i)
	if mo < 0 || i >= n || b[i] != sep {
		return 0, 0, "is not a timestamp: " + timeForms
	}
	d, i := num12(b, i+1)
	if d < 0 {
		return 0, 0, "is not a timestamp: " + timeForms
	}
	if mo < 1 || mo > 12 {
		return 0, 0, "is not a timestamp: month " + strconv.Itoa(mo) + " does not exist"
	}
	if d < 1 || d > daysIn(y, mo) {
		return 0, 0, "is not a timestamp: " + strconv.Itoa(y) + "-" + pad2(mo) + " has no day " + strconv.Itoa(d)
	}
	var h, mi, s int
	var frac int64 // milliseconds
	if i < n && (b[i] == 'T' || b[i] == 't' || b[i] == ' ') && i+1 < n && b[i+1] >= '0' && b[i+1] <= '9' {
		h, i = num12(b, i+1)
		if h < 0 || i+2 >= n || b[i] != ':' {
			return 0, 0, "is not a timestamp: " + timeForms
		}
		mi = digits2(b, i+1)
		i += 3
		if mi < 0 {
			return 0, 0, "is not a timestamp: " + timeForms
		}
		if i < n && b[i] == ':' {
			s = digits2(b, i+1)
			i += 3
			if s < 0 {
				return 0, 0, "is not a timestamp: " + timeForms
			}
			if i < n && (b[i] == '.' || b[i] == ',') {
				j := i + 1
				scale := int64(100)
				for j < n && b[j] >= '0' && b[j] <= '9' {
					frac += int64(b[j]-'0') * scale
					scale /= 10
					j++
				}
				if j == i+1 {
					return 0, 0, "is not a timestamp: " + timeForms
				}
				i = j
			}
		}
		if h > 23 || mi > 59 || s > 59 {
			return 0, 0, "is not a timestamp: " + pad2(h) + ":" + pad2(mi) + ":" + pad2(s) + " is not a time of day"
		}
	}
	if i < n {
		var ok bool
		off, ok = parseZone(b[i:])
		if !ok {
			return 0, 0, "is not a timestamp: " + timeForms
		}
	}
	days := daysFromCivil(y, mo, d)
	local := days*86400000 + int64(h)*3600000 + int64(mi)*60000 + int64(s)*1000 + frac
	return local - int64(off)*1000, off, ""
}

// parseZone reads what follows the time: Z, UTC, GMT or a numeric offset,
// after an optional space.
func parseZone(z []byte) (int32, bool) {
	if z[0] == ' ' {
		z = z[1:]
	}
	switch string(z) {
	case "Z", "z", "UTC", "GMT":
		return 0, true
	}
	if len(z) < 3 || (z[0] != '+' && z[0] != '-') {
		return 0, false
	}
	hh := digits2(z, 1)
	mm := 0
	switch {
	case len(z) == 3:
	case len(z) == 6 && z[3] == ':':
		mm = digits2(z, 4)
	case len(z) == 5:
		mm = digits2(z, 3)
	default:
		return 0, false
	}
	if hh < 0 || mm < 0 || hh > 23 || mm > 59 {
		return 0, false
	}
	off := int32(hh*3600 + mm*60)
	if z[0] == '-' {
		off = -off
	}
	return off, true
}

func digits4(b []byte) int {
	v := 0
	for k := 0; k < 4; k++ {
		c := b[k]
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// digits2 reads exactly two digits at b[i:], or -1.
func digits2(b []byte, i int) int {
	if i+1 >= len(b) {
		return -1
	}
	c0, c1 := b[i], b[i+1]
	if c0 < '0' || c0 > '9' || c1 < '0' || c1 > '9' {
		return -1
	}
	return int(c0-'0')*10 + int(c1-'0')
}

// num12 reads one or two digits at b[i:] and returns the value and the
// index after them, or -1.
func num12(b []byte, i int) (int, int) {
	if i >= len(b) || b[i] < '0' || b[i] > '9' {
		return -1, i
	}
	v := int(b[i] - '0')
	i++
	if i < len(b) && b[i] >= '0' && b[i] <= '9' {
		v = v*10 + int(b[i]-'0')
		i++
	}
	return v, i
}

func pad2(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// monthStart holds the day numbers of the first of each month from 1900
// to 2199, so the common years cost one lookup.
var monthStart = func() (t [300 * 12]int32) {
	for i := range t {
		t[i] = int32(daysFromCivilCalc(1900+i/12, i%12+1, 1))
	}
	return t
}()

// daysFromCivil is the number of days from 1970-01-01 to y-m-d (a valid
// date) in the proleptic Gregorian calendar.
func daysFromCivil(y, m, d int) int64 {
	if i := (y-1900)*12 + m - 1; y >= 1900 && i < len(monthStart) {
		return int64(monthStart[i]) + int64(d) - 1
	}
	return daysFromCivilCalc(y, m, d)
}

// daysFromCivilCalc is daysFromCivil computed (Howard Hinnant's
// days_from_civil).
func daysFromCivilCalc(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := m + 9
	if m > 2 {
		mp = m - 3
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// Excel date serials: day 0 of the 1900 system is 1899-12-30 for serials from
// 61 on (Excel counts a 29 February 1900 that never was); the 1904 system
// counts from 1904-01-01.
const (
	excel1900Epoch = -25569 // days from 1970-01-01 to 1899-12-30
	excel1904Epoch = -24107 // days from 1970-01-01 to 1904-01-01
)

// excelSerial turns an Excel date cell's number into Unix milliseconds of
// its wall clock (Excel dates carry no zone), rounded to the millisecond.
func excelSerial(v float64, date1904 bool) (int64, string) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 2958466 { // 9999-12-31
		return 0, "is not an Excel date"
	}
	if v < 1 {
		return 0, "is a time of day without a date"
	}
	epoch := float64(excel1900Epoch)
	switch {
	case date1904:
		epoch = excel1904Epoch
	case v < 61:
		epoch++ // before Excel's phantom 1900-02-29: day 1 is 1900-01-01
	}
	return int64(math.Round((v + epoch) * 86400000)), ""
}
