package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"flowmap/vsm/report"
)

func init() { register(newReportCmd) }

func newReportCmd(e env) *cobra.Command {
	e.command = "report"
	var (
		name, xlsx, png, chart, db string
		width, height              int
		scale                      float64
		sf                         stageFlags
	)
	c := &cobra.Command{
		Use:   "report (--map NAME | FILE) [--xlsx OUT.xlsx] [--png OUT.png] [--chart map|bars|waterfall|trend|compare]",
		Short: "write the Excel report and/or a PNG picture",
		Long: `Writes the Excel report and/or one picture of a stored map or of a stage sheet or
map file, each whole or not at all. An output may not be the store, one of its
backups, a folder or a special file.`,
		Example: `  flowmap-cli report --map "Team A" --xlsx team-a.xlsx --png trend.png --chart trend`,
		RunE: func(c *cobra.Command, args []string) error {
			if xlsx == "" && png == "" {
				return usagef("say what to write: --xlsx OUT.xlsx and/or --png OUT.png")
			}
			ch, err := report.ParseChart(chart)
			if err != nil {
				return usagef("--chart: %v", err)
			}
			for _, o := range []struct{ flag, path string }{{"--xlsx", xlsx}, {"--png", png}} {
				if o.path == "" {
					continue
				}
				if err := checkOutput(o.flag, o.path, db, e); err != nil {
					return err
				}
			}
			m, warnings, err := mapFromArgs(args, name, db, &sf, c.Flags(), e)
			if err != nil {
				return err
			}
			warnAll(e, warnings)
			opt := report.Options{Width: width, Height: height, Scale: scale}
			if xlsx != "" {
				if err := report.WriteWorkbookFile(xlsx, m, opt); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, xlsx)
			}
			if png != "" {
				if err := report.WritePNGFile(png, m, ch, opt); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, png)
			}
			return nil
		},
	}
	f := c.Flags()
	mapFlags(c, &name, &db, "a map in the store instead of a FILE", e)
	f.StringVar(&xlsx, "xlsx", "", "write the Excel report here")
	f.StringVar(&png, "png", "", "write a picture here")
	f.StringVar(&chart, "chart", string(report.ChartMap), "the picture: map, bars, waterfall, trend or compare")
	f.IntVar(&width, "width", report.DefaultWidth, "picture width in pixels")
	f.IntVar(&height, "height", report.DefaultHeight, "picture height in pixels")
	f.Float64Var(&scale, "scale", 1, "picture resolution multiplier (2 for sharp slides)")
	sf.register(f)
	c.RegisterFlagCompletionFunc("chart", cobra.FixedCompletions(
		[]string{"map", "bars", "waterfall", "trend", "compare"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}
