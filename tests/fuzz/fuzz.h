/*
 * fuzz.h: what every harness under tests/fuzz/ exports. Each one is built twice: with libFuzzer
 * (PLANREP_FUZZ=ON, tools/fuzz) and, in every build, with replay.c's main, which feeds it the saved
 * crash inputs of tests/fuzz/regressions/<harness>/ (CTest fuzz.replay.<harness>).
 */
#ifndef PLANREP_FUZZ_H
#define PLANREP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input through the stage under test and frees everything it made. Returns 0. */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
