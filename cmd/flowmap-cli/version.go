package main

// Version is the release this binary belongs to, for --version. Releases
// stamp it with -ldflags "-X main.Version=$(git describe)" (make dist).
var Version = "dev"
