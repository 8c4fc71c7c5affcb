// The one translation unit with Catch2's implementation (slow to compile, so built once).
// Test binaries that link SystemC define sc_main elsewhere and run Catch2 from it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
