package eventlog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"flowmap/vsm"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// config sizes the CSV pipeline; tests shrink it to exercise block edges.
type config struct {
	headSize  int // bytes searched for the header
	blockSize int // bytes per block handed to a parser
	workers   int // parsing goroutines
	maxRecord int // longest record accepted
	// pipeline even when the whole input fits in the head (tests)
	forcePipeline bool
	// headerOnly stops the read once the header is found (IsLogFile).
	headerOnly bool
}

// maxWorkers caps the parsers: the aggregator folds rows one at a time, so
// past a few parsers more cores only add buffers in flight (each parser
// keeps two blocks of about 2.5 MB with their records).
const maxWorkers = 8

func defaultConfig() config {
	return config{headSize: 64 << 10, blockSize: 1 << 20, workers: min(runtime.GOMAXPROCS(0), maxWorkers), maxRecord: 16 << 20}
}

// headerRows is how many rows may come before the header.
const headerRows = 20

// progressEvery throttles vsm.EventLogOptions.Progress to about 20 calls a second.
const progressEvery = 50 * time.Millisecond

// counter counts the bytes read from the source, for progress.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// csvRun is one pass over a CSV event log.
type csvRun struct {
	file    string
	opt     vsm.EventLogOptions
	cfg     config
	total   int64
	src     *counter
	lay     *logLayout
	delim   byte
	agg     *aggregator
	lastRep time.Time
}

// readCSV reads a CSV log: streaming when rewind can read it again should
// it be out of order, else collecting its rows from the start.
func readCSV(src io.Reader, rewind func() (io.Reader, error), total int64, file string, opt vsm.EventLogOptions, cfg config) (*vsm.EventLogStats, error) {
	st, err := runCSV(src, total, file, opt, cfg, rewind == nil)
	if errors.Is(err, errUnsorted) {
		again, rerr := rewind()
		if rerr != nil {
			return nil, rerr
		}
		st, err = runCSV(again, total, file, opt, cfg, true)
	}
	return st, err
}

func runCSV(src io.Reader, total int64, file string, opt vsm.EventLogOptions, cfg config, collect bool) (*vsm.EventLogStats, error) {
	run := &csvRun{file: file, opt: opt, cfg: cfg, total: total, src: &counter{r: src}}
	var in io.Reader = run.src
	head, eof, err := readUpTo(in, cfg.headSize)
	if err != nil {
		return nil, fmt.Errorf("%s: reading: %w", file, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}), bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		// UTF-16 ("Unicode text" from Excel): decode as it streams.
		in = transform.NewReader(io.MultiReader(bytes.NewReader(head), in),
			unicode.BOMOverride(encoding.Nop.NewDecoder()))
		if head, eof, err = readUpTo(in, cfg.headSize); err != nil {
			return nil, fmt.Errorf("%s: reading: %w", file, err)
		}
	}
	lay, delim, hdrRow, dataStart, herr := findHeader(head, eof)
	if herr != "" {
		// A problem on a row is a missing header; one on no row, an empty file.
		return nil, &Error{File: file, Row: hdrRow, Reason: herr, NoHeader: hdrRow > 0}
	}
	if cfg.headerOnly {
		return nil, nil
	}
	run.lay, run.delim = lay, delim
	inline := eof && !cfg.forcePipeline
	workers := max(cfg.workers, 1)
	if inline {
		workers = 1
	}
	run.agg = newAggregator(file, "", lay, opt, workers, int32(hdrRow))
	run.agg.streaming, run.agg.collecting = !collect, collect
	rest := head[dataStart:]
	if inline {
		if run.canceled() {
			return nil, ErrCanceled
		}
		p := newRowParser(lay, opt.Calendar, delim)
		var out blockOut
		p.parseBlock(rest, &out)
		items, stages := p.takeNew()
		err = run.agg.consume(0, items, stages, &out)
	} else {
		err = run.pipeline(io.MultiReader(bytes.NewReader(rest), in), workers)
	}
	if err != nil {
		return nil, err
	}
	return run.end(hdrRow)
}

// end replays collected rows and computes the statistics.
func (run *csvRun) end(hdrRow int) (*vsm.EventLogStats, error) {
	a := run.agg
	if a.rows == 0 {
		return nil, &Error{File: run.file, Sheet: a.sheet, Reason: fmt.Sprintf(
			"the event log has a header (row %d) but no rows", hdrRow)}
	}
	if a.collecting {
		if err := a.replay(); err != nil {
			return nil, err
		}
	}
	st := a.finish(run.opt)
	if run.opt.Progress != nil {
		done := run.src.n
		run.opt.Progress(done, max(run.total, done))
	}
	return st, nil
}

// readUpTo reads up to n bytes; eof says the input ended within them.
func readUpTo(r io.Reader, n int) ([]byte, bool, error) {
	buf := make([]byte, n)
	m, err := io.ReadFull(r, buf)
	switch err {
	case nil:
		return buf, false, nil
	case io.EOF, io.ErrUnexpectedEOF:
		return buf[:m], true, nil
	}
	return nil, false, err
}

// findHeader looks for the header in the first rows of head, trying each
// usual delimiter. It returns the layout, the delimiter, the header's row
// number and the offset of the first data byte; or a problem and the row it
// is about.
func findHeader(head []byte, eof bool) (*logLayout, byte, int, int, string) {
	var fb fieldBuf
	var best []string
	bestFound, bestRow := -1, 0
	type hit struct {
		lay   *logLayout
		delim byte
		row   int
		end   int
	}
	var found *hit
	nonBlank := false
	for _, d := range []byte{',', ';', '\t', '|'} {
		pos := 0
		for row := 1; row <= headerRows && pos < len(head); row++ {
			end, ok := scanRecord(head, pos, d, eof, &fb)
			if !ok {
				break
			}
			cells := make([]string, len(fb.ends))
			blank := true
			for i := range cells {
				cells[i] = cleanName(string(fb.field(i)))
				if cells[i] != "" {
					blank = false
				}
			}
			if !blank {
				nonBlank = true
			}
			if lay, n := detectLayout(cells); lay != nil {
				if found == nil || row < found.row {
					found = &hit{lay, d, row, end}
				}
				break
			} else if !blank && n > bestFound {
				best, bestFound, bestRow = cells, n, row
			}
			pos = end
		}
	}
	if found != nil {
		return found.lay, found.delim, found.row, found.end, ""
	}
	if !nonBlank {
		return nil, 0, 0, 0, "the event log is empty"
	}
	return nil, 0, bestRow, 0, headerProblem(best)
}

// parseJob is a block of whole records for a parser.
type parseJob struct {
	seq     int
	data    []byte
	buf     *[]byte // returned to the pool once parsed
	tooLong bool    // a record longer than config.maxRecord starts here
}

// jobDone is a parsed block.
type jobDone struct {
	seq, w        int
	out           *blockOut
	items, stages []string
	tooLong       bool
}

// pipeline parses src in blocks on several goroutines and folds them in
// order on this one: a splitter cuts the input at record boundaries, parsers
// turn blocks into compact records with their own name interning, and the
// aggregator maps their names and folds the records in file order.
func (run *csvRun) pipeline(src io.Reader, workers int) error {
	cfg := run.cfg
	inFlight := 2*workers + 2
	free := make(chan *[]byte, inFlight)
	for i := 0; i < inFlight; i++ {
		b := make([]byte, cfg.blockSize)
		free <- &b
	}
	outs := make(chan *blockOut, inFlight)
	tokens := make(chan struct{}, inFlight)
	jobs := make(chan parseJob, inFlight)
	results := make(chan jobDone, inFlight)
	stop := make(chan struct{})

	var splitErr error
	var splitWG, workWG sync.WaitGroup
	splitWG.Add(1)
	go func() {
		defer splitWG.Done()
		defer close(jobs)
		splitErr = run.split(src, free, tokens, jobs, stop)
	}()
	for w := 0; w < workers; w++ {
		workWG.Add(1)
		p := newRowParser(run.lay, run.opt.Calendar, run.delim)
		go func(w int) {
			defer workWG.Done()
			for j := range jobs {
				d := jobDone{seq: j.seq, w: w, tooLong: j.tooLong}
				select {
				case <-stop:
					if j.buf != nil {
						free <- j.buf
					}
					continue
				default:
				}
				if !j.tooLong {
					var out *blockOut
					select {
					case out = <-outs:
					default:
						out = new(blockOut)
					}
					p.parseBlock(j.data, out)
					d.out = out
					d.items, d.stages = p.takeNew()
				}
				if j.buf != nil {
					free <- j.buf
				}
				results <- d
			}
		}(w)
	}
	go func() {
		workWG.Wait()
		close(results)
	}()

	var err error
	pending := map[int]jobDone{}
	next := 0
	for d := range results {
		if err != nil {
			continue // draining after a stop
		}
		pending[d.seq] = d
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if d.tooLong {
				err = &Error{File: run.file, Row: int(run.agg.base) + 1, Reason: fmt.Sprintf(
					"the row is longer than %d MB: is a closing quote missing?", cfg.maxRecord>>20)}
			} else {
				err = run.agg.consume(d.w, d.items, d.stages, d.out)
				select {
				case outs <- d.out:
				default:
				}
			}
			<-tokens
			if err == nil && run.canceled() {
				err = ErrCanceled
			}
			if err != nil {
				close(stop)
				break
			}
		}
	}
	splitWG.Wait()
	if err == nil {
		err = splitErr
	}
	return err
}

func (run *csvRun) canceled() bool {
	if run.opt.Cancel == nil {
		return false
	}
	select {
	case <-run.opt.Cancel:
		return true
	default:
		return false
	}
}

// split reads src into pool buffers and hands out blocks that end at record
// boundaries; the partial record at a block's end starts the next block.
func (run *csvRun) split(src io.Reader, free chan *[]byte, tokens chan struct{}, jobs chan<- parseJob, stop <-chan struct{}) error {
	var carry []byte
	seq := 0
	for {
		var bufp *[]byte
		select {
		case bufp = <-free:
		case <-stop:
			return nil
		}
		buf := (*bufp)[:cap(*bufp)]
		if len(carry) >= len(buf) {
			nb := make([]byte, 2*len(carry))
			*bufp, buf = nb, nb
		}
		n := copy(buf, carry) // carry may be in this very buffer: copy moves safely
		eof := false
		end := 0
		for {
			m, rerr := io.ReadFull(src, buf[n:])
			n += m
			switch rerr {
			case nil:
			case io.EOF, io.ErrUnexpectedEOF:
				eof = true
			default:
				free <- bufp
				return fmt.Errorf("%s: reading: %w", run.file, rerr)
			}
			run.progress()
			if run.canceled() {
				free <- bufp
				return ErrCanceled
			}
			if eof {
				end = n
				break
			}
			if end = lastRecordEnd(buf[:n], run.delim); end > 0 {
				break
			}
			// One record fills the whole buffer: make room, up to a limit.
			if len(buf) >= run.cfg.maxRecord {
				free <- bufp
				return run.send(jobs, tokens, stop, parseJob{seq: seq, tooLong: true})
			}
			nb := make([]byte, 2*len(buf))
			copy(nb, buf[:n])
			*bufp, buf = nb, nb
		}
		if end == 0 {
			free <- bufp
			return nil
		}
		if err := run.send(jobs, tokens, stop, parseJob{seq: seq, data: buf[:end], buf: bufp}); err != nil {
			return err
		}
		seq++
		if eof {
			return nil
		}
		carry = buf[end:n]
	}
}

// send hands a job over once the number of blocks in flight allows it.
func (run *csvRun) send(jobs chan<- parseJob, tokens chan struct{}, stop <-chan struct{}, j parseJob) error {
	select {
	case tokens <- struct{}{}:
	case <-stop:
		return nil
	}
	select {
	case jobs <- j:
	case <-stop:
	}
	return nil
}

func (run *csvRun) progress() {
	if run.opt.Progress == nil {
		return
	}
	if now := time.Now(); now.Sub(run.lastRep) >= progressEvery {
		run.lastRep = now
		run.opt.Progress(run.src.n, run.total)
	}
}
