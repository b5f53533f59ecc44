package importers

import (
	"math"
	"strconv"
)

// evTimeForms is what an unparseable timestamp's message suggests.
const evTimeForms = "use RFC 3339 (2026-03-02T09:00:00Z, 2026-03-02T10:00:00+01:00), 2026-03-02 09:00[:00] or 2026-03-02"

// evDateCache remembers the last date evParseTimeCached read: rows of a log
// repeat dates, and an item's entry and exit often share one.
type evDateCache struct {
	key  [10]byte // 2026-03-02
	days int64    // its day number
	ok   bool
}

// evParseTime reads a timestamp (see evParseTimeSlow for the forms).
func evParseTime(b []byte) (ms int64, off int32, reason string) {
	return evParseTimeCached(b, nil)
}

// evParseTimeCached is evParseTime with an optional date cache. The common
// layout, 2026-03-02T09:00:00 (T or space) with Z, an offset +hh:mm or no
// zone, is read here with fixed positions; anything else, and every error,
// goes the general way.
func evParseTimeCached(b []byte, c *evDateCache) (ms int64, off int32, reason string) {
	if len(b) < 19 || b[13] != ':' || b[16] != ':' || (b[10] != 'T' && b[10] != ' ') {
		return evParseTimeSlow(b)
	}
	var days int64
	if c != nil && c.ok && [10]byte(b[:10]) == c.key {
		days = c.days
	} else {
		d0, d1, d2, d3 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0'
		m0, m1, dd0, dd1 := b[5]-'0', b[6]-'0', b[8]-'0', b[9]-'0'
		// A byte below '0' wraps around, so anything but a digit is above 9.
		if b[4] != '-' || b[7] != '-' || max(d0, d1, d2, d3, m0, m1, dd0, dd1) > 9 {
			return evParseTimeSlow(b)
		}
		y := int(d0)*1000 + int(d1)*100 + int(d2)*10 + int(d3)
		mo, d := int(m0)*10+int(m1), int(dd0)*10+int(dd1)
		if mo < 1 || mo > 12 || d < 1 || d > evDaysIn(y, mo) {
			return evParseTimeSlow(b)
		}
		days = evDaysFromCivil(y, mo, d)
		if c != nil {
			c.key, c.days, c.ok = [10]byte(b[:10]), days, true
		}
	}
	h0, h1, mi0, mi1, s0, s1 := b[11]-'0', b[12]-'0', b[14]-'0', b[15]-'0', b[17]-'0', b[18]-'0'
	if max(h0, h1, mi0, mi1, s0, s1) > 9 {
		return evParseTimeSlow(b)
	}
	h, mi, sec := int(h0)*10+int(h1), int(mi0)*10+int(mi1), int(s0)*10+int(s1)
	if h > 23 || mi > 59 || sec > 59 {
		return evParseTimeSlow(b)
	}
	switch z := b[19:]; {
	case len(z) == 0:
	case len(z) == 1 && (z[0] == 'Z' || z[0] == 'z'):
	case len(z) == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':':
		oh, om := evDigits2(z, 1), evDigits2(z, 4)
		if oh < 0 || om < 0 || oh > 23 || om > 59 {
			return evParseTimeSlow(b)
		}
		off = int32(oh*3600 + om*60)
		if z[0] == '-' {
			off = -off
		}
	default:
		return evParseTimeSlow(b)
	}
	local := days*86400000 + int64(h*3600000+mi*60000+sec*1000)
	return local - int64(off)*1000, off, ""
}

// evParseTimeSlow reads a timestamp without allocating: RFC 3339 with T, t or a
// space between date and time, optional seconds and fraction, optional zone
// (Z, UTC, GMT, +hh:mm, +hhmm, +hh, after an optional space), or a date
// alone. Month, day and hour may have one digit; a date may use slashes
// (2026/03/02). It returns Unix milliseconds and the offset in seconds east of
// UTC; without a zone the time is read as written (offset 0). reason is ""
// on success, else why it failed.
func evParseTimeSlow(b []byte) (ms int64, off int32, reason string) {
	n := len(b)
	if n < 8 {
		return 0, 0, "is not a timestamp: " + evTimeForms
	}
	// Year: exactly four digits.
	y := evDigits4(b)
	if y < 0 {
		return 0, 0, "is not a timestamp: " + evTimeForms
	}
	sep := b[4]
	if sep != '-' && sep != '/' {
		return 0, 0, "is not a timestamp: " + evTimeForms
	}
	i := 5
	mo, i := evNum12(b, i)
	if mo < 0 || i >= n || b[i] != sep {
		return 0, 0, "is not a timestamp: " + evTimeForms
	}
	d, i := evNum12(b, i+1)
	if d < 0 {
		return 0, 0, "is not a timestamp: " + evTimeForms
	}
	if mo < 1 || mo > 12 {
		return 0, 0, "is not a timestamp: month " + strconv.Itoa(mo) + " does not exist"
	}
	if d < 1 || d > evDaysIn(y, mo) {
		return 0, 0, "is not a timestamp: " + strconv.Itoa(y) + "-" + evPad2(mo) + " has no day " + strconv.Itoa(d)
	}
	var h, mi, s int
	var frac int64 // milliseconds
	if i < n && (b[i] == 'T' || b[i] == 't' || b[i] == ' ') && i+1 < n && b[i+1] >= '0' && b[i+1] <= '9' {
		h, i = evNum12(b, i+1)
		if h < 0 || i+2 >= n || b[i] != ':' {
			return 0, 0, "is not a timestamp: " + evTimeForms
		}
		mi = evDigits2(b, i+1)
		i += 3
		if mi < 0 {
			return 0, 0, "is not a timestamp: " + evTimeForms
		}
		if i < n && b[i] == ':' {
			s = evDigits2(b, i+1)
			i += 3
			if s < 0 {
				return 0, 0, "is not a timestamp: " + evTimeForms
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
					return 0, 0, "is not a timestamp: " + evTimeForms
				}
				i = j
			}
		}
		if h > 23 || mi > 59 || s > 59 {
			return 0, 0, "is not a timestamp: " + evPad2(h) + ":" + evPad2(mi) + ":" + evPad2(s) + " is not a time of day"
		}
	}
	if i < n {
		var ok bool
		off, ok = evParseZone(b[i:])
		if !ok {
			return 0, 0, "is not a timestamp: " + evTimeForms
		}
	}
	days := evDaysFromCivil(y, mo, d)
	local := days*86400000 + int64(h)*3600000 + int64(mi)*60000 + int64(s)*1000 + frac
	return local - int64(off)*1000, off, ""
}

// evParseZone reads what follows the time: Z, UTC, GMT or a numeric offset,
// after an optional space.
func evParseZone(z []byte) (int32, bool) {
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
	hh := evDigits2(z, 1)
	mm := 0
	switch {
	case len(z) == 3:
	case len(z) == 6 && z[3] == ':':
		mm = evDigits2(z, 4)
	case len(z) == 5:
		mm = evDigits2(z, 3)
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

func evDigits4(b []byte) int {
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

// evDigits2 reads exactly two digits at b[i:], or -1.
func evDigits2(b []byte, i int) int {
	if i+1 >= len(b) {
		return -1
	}
	c0, c1 := b[i], b[i+1]
	if c0 < '0' || c0 > '9' || c1 < '0' || c1 > '9' {
		return -1
	}
	return int(c0-'0')*10 + int(c1-'0')
}

// evNum12 reads one or two digits at b[i:] and returns the value and the
// index after them, or -1.
func evNum12(b []byte, i int) (int, int) {
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

func evPad2(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func evDaysIn(y, m int) int {
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

// evMonthStart holds the day numbers of the first of each month from 1900
// to 2199, so the common years cost one lookup.
var evMonthStart = func() (t [300 * 12]int32) {
	for i := range t {
		t[i] = int32(evDaysFromCivilCalc(1900+i/12, i%12+1, 1))
	}
	return t
}()

// evDaysFromCivil is the number of days from 1970-01-01 to y-m-d (a valid
// date) in the proleptic Gregorian calendar.
func evDaysFromCivil(y, m, d int) int64 {
	if i := (y-1900)*12 + m - 1; y >= 1900 && i < len(evMonthStart) {
		return int64(evMonthStart[i]) + int64(d) - 1
	}
	return evDaysFromCivilCalc(y, m, d)
}

// evDaysFromCivilCalc is evDaysFromCivil computed (Howard Hinnant's
// days_from_civil).
func evDaysFromCivilCalc(y, m, d int) int64 {
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
	evExcel1900Epoch = -25569 // days from 1970-01-01 to 1899-12-30
	evExcel1904Epoch = -24107 // days from 1970-01-01 to 1904-01-01
)

// evExcelSerial turns an Excel date cell's number into Unix milliseconds of
// its wall clock (Excel dates carry no zone), rounded to the millisecond.
func evExcelSerial(v float64, date1904 bool) (int64, string) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 2958466 { // 9999-12-31
		return 0, "is not an Excel date"
	}
	if v < 1 {
		return 0, "is a time of day without a date"
	}
	epoch := float64(evExcel1900Epoch)
	switch {
	case date1904:
		epoch = evExcel1904Epoch
	case v < 61:
		epoch++ // before Excel's phantom 1900-02-29: day 1 is 1900-01-01
	}
	return int64(math.Round((v + epoch) * 86400000)), ""
}
