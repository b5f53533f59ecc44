package main

// Version is flowmap-cli's version, printed by --version; release builds
// stamp it with -ldflags "-X main.Version=...".
var Version = "dev"
