# nianbao — make targets. `make test` is what CI runs.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: lint build test quick vet templates fonts demo bench check-example dist wintest clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/nianbao ./cmd/nianbao

vet:
	$(GO) mod tidy -diff
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@out=$$($(GO) list -deps -test ./report ./layout ./pdfout | grep excelize); if [ -n "$$out" ]; then echo "the tests of report, layout and pdfout must not build excelize:"; echo "$$out"; exit 1; fi

test: vet lint
	$(GO) test ./...

# The quick loop: every test but the slow ones (outside programs over many
# files, worker processes, whole catalogues), which skip under -short.
quick:
	$(GO) test -short ./...

# staticcheck at a fixed version, fetched through the Go module proxy.
lint:
	$(GO) run $(STATICCHECK) ./...

# Regenerate the committed workbooks from the format data.
templates:
	$(GO) test ./templates -run TestCommittedUpToDate -update

bench:
	$(GO) test ./xlsx ./layout ./pdfout ./fonts ./app ./rollup -run '^$$' -bench . -benchmem -count 5

# The example report's PDF, in out/.
demo: build
	mkdir -p out
	bin/nianbao build -o out templates/示例-平罗县自然资源局-2024.xlsx

# Fetch the free fonts and subset them to GBK (needs npm, python3-fonttools
# and fonts-lxgw-wenkai); the result is committed under fonts/files.
fonts:
	scripts/fonts.sh

check-example: build
	bin/nianbao check templates/示例-平罗县自然资源局-2024.xlsx

# Release zips for Windows and the domestic Linux desktops, in dist/.
dist:
	$(GO) run ./tools/dist -version $(VERSION) -out dist

# The windows-amd64 release run under Wine as staff run it (scripts/wintest.sh;
# installs Wine and mingw-w64 when run as root).
wintest:
	scripts/wintest.sh

clean:
	rm -rf bin dist out
