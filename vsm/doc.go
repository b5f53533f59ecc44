// Package vsm is Flowmap's domain: value stream maps, their stages and working
// calendar, and every metric of shared/metrics.md, computed once here so that the
// app, the reports and the command line show the same numbers.
//
// It uses the standard library only and does no I/O: adapters (store, importers,
// report, ui) speak to each other in these types.
package vsm
