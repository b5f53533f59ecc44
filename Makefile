# Flowmap: `make run` opens the desktop app, `make test` checks everything.
# Both first install the Debian/Ubuntu packages they need (scripts/deps.sh).

GO      ?= go
TAGS    := migrated_fynedo
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)
BIN     := bin

# Packages without cgo: everything but the desktop main, which links GLFW.
PURE_PKGS = $(shell $(GO) list ./... | grep -v '^flowmap/cmd/flowmap$$')

.PHONY: run test build cli deps-build deps-test fmt-check vet race cgo-test smoke lint bench clean

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

test: deps-test fmt-check vet race cgo-test smoke
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

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags $(TAGS) ./...

bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf $(BIN)
