#ifndef TOKENTOP_CMALLOCTRIM_SHIM_H
#define TOKENTOP_CMALLOCTRIM_SHIM_H

// Gives memory the allocator holds but no longer uses back to the system (glibc's malloc_trim).
// Elsewhere (musl, Darwin) it does nothing.

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
static inline int tt_release_free_memory(void) { return malloc_trim(0); }
#else
static inline int tt_release_free_memory(void) { return 0; }
#endif

#endif
