# Flowmap: `make run` opens the desktop app, `make test` checks everything,
# `make dist` builds the release files into dist/ and `make dist-check` runs them.
# Each first installs the Debian/Ubuntu packages it needs (scripts/deps.sh).

GO      ?= go
TAGS    := migrated_fynedo
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)
BIN     := bin
DIST    := dist

# Packages without cgo: everything but the desktop main, which links GLFW.
PURE_PKGS = $(shell $(GO) list ./... | grep -v '^flowmap/cmd/flowmap$$')

.PHONY: run test build cli deps-build deps-test fmt-check vet race cgo-test smoke cross-cli \
	dist dist-check deps-dist deps-dist-check lint bench clean

run: deps-build build
	$(BIN)/flowmap $(if $(DB),--db $(DB))

build: cli
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN)/flowmap ./cmd/flowmap

cli:
	CGO_ENABLED=0 $(GO) build -tags $(TAGS) -o $(BIN)/flowmap-cli ./cmd/flowmap-cli

deps-build:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

test: deps-test fmt-check vet cross-cli race cgo-test smoke
	@echo "make test: all checks passed"

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet -tags $(TAGS) ./...

# The race detector needs cgo for its runtime, but these packages have none of their own.
race:
	$(GO) test -race -tags $(TAGS) $(PURE_PKGS)

cgo-test:
	$(GO) test -tags $(TAGS) ./cmd/flowmap

smoke: build
	scripts/smoke.sh $(BIN)/flowmap $(BIN)/flowmap-cli

# The release's other platforms: the CLI has no cgo, so a compile error on
# Windows or macOS shows here in seconds (make dist builds the apps). With
# -trimpath, as make dist builds, the two share the build cache.
cross-cli:
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -tags $(TAGS) -o /dev/null ./cmd/flowmap-cli
	CGO_ENABLED=0 GOOS=darwin GOARCH=arm64 $(GO) build -trimpath -tags $(TAGS) -o /dev/null ./cmd/flowmap-cli

deps-dist:
	@scripts/deps.sh dist

deps-dist-check:
	@scripts/deps.sh dist-check

# Release files for Linux, Windows and macOS (the CLI), with SHA256SUMS.
dist: deps-dist
	scripts/dist.sh $(VERSION) $(DIST)

# Installs and runs what make dist wrote: the Linux app under Xvfb, the
# Windows CLI and app under Wine. SHOTS=DIR keeps the screenshots.
dist-check: deps-dist-check
	scripts/dist-check.sh $(DIST) $(SHOTS)

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags $(TAGS) ./...

bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf $(BIN) $(DIST)
