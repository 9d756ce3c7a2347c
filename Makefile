# Thin front door: every target configures build/ on first use and hands the
# work to CMake/CTest. The real build description is CMakeLists.txt.
BUILD      ?= build
CMAKE_ARGS ?=
JOBS       ?= 2
CMAKE      := cmake

FUZZ_SECONDS ?= 60

.PHONY: all test verify bench tables mutate coverage fuzz clean deps configure

all: configure
	$(CMAKE) --build $(BUILD) -j$(JOBS)

configure: deps
	@test -f $(BUILD)/CMakeCache.txt || $(CMAKE) -S . -B $(BUILD) $(CMAKE_ARGS)

deps:
	@sh tools/install-deps.sh

test: all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

verify: all
	$(CMAKE) --build $(BUILD) --target verify

bench: all
	$(CMAKE) --build $(BUILD) --target bench

tables: all
	$(CMAKE) --build $(BUILD) --target tables

mutate: all
	$(CMAKE) --build $(BUILD) --target mutate

coverage: all
	$(CMAKE) --build $(BUILD) --target coverage

# Needs clang with libFuzzer (Debian clang); the targets are built apart.
fuzz: all
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(CMAKE) --build $(BUILD) --target fuzz

clean:
	rm -rf $(BUILD)
