package main

import (
	"fmt"

	"flowmap/vsm/report"
)

func cmdReport(args []string, e env) error {
	fs := newFlags("report", "(--map NAME | FILE) [--xlsx OUT.xlsx] [--png OUT.png] [--chart map|bars|waterfall|trend|compare]", e)
	name := fs.String("map", "", "a map in the store instead of a FILE")
	xlsx := fs.String("xlsx", "", "write the Excel report here")
	png := fs.String("png", "", "write a picture here")
	chart := fs.String("chart", string(report.ChartMap), "the picture: map, bars, waterfall, trend or compare")
	width := fs.Int("width", report.DefaultWidth, "picture width in pixels")
	height := fs.Int("height", report.DefaultHeight, "picture height in pixels")
	scale := fs.Float64("scale", 1, "picture resolution multiplier (2 for sharp slides)")
	db := dbFlag(fs)
	var sf stageFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *xlsx == "" && *png == "" {
		return usagef("say what to write: --xlsx OUT.xlsx and/or --png OUT.png")
	}
	c, err := report.ParseChart(*chart)
	if err != nil {
		return usagef("--chart: %v", err)
	}
	m, err := mapFromArgs(fs.Args(), *name, *db, &sf, fs, e)
	if err != nil {
		return err
	}
	opt := report.Options{Width: *width, Height: *height, Scale: *scale}
	if *xlsx != "" {
		if err := report.WriteWorkbookFile(*xlsx, m, opt); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, *xlsx)
	}
	if *png != "" {
		if err := report.WritePNGFile(*png, m, c, opt); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, *png)
	}
	return nil
}
