#ifndef TOKENTOP_CPROCESSGUARD_SHIM_H
#define TOKENTOP_CPROCESSGUARD_SHIM_H

// prctl is variadic, so Swift cannot call it, and RLIMIT_CORE's type differs between C libraries:
// these wrappers set the core size limit to 0, mark the process non-dumpable (Linux: no core, and
// other processes of the same user cannot attach to it), and read both back. Elsewhere than Linux
// the dumpable flag is not set and reads as unknown (-1).

#include <sys/resource.h>

static inline int tt_set_no_core(void) {
    struct rlimit none = {0, 0};
    return setrlimit(RLIMIT_CORE, &none);
}

static inline long long tt_core_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0) return -1;
    return limit.rlim_cur == RLIM_INFINITY ? -2 : (long long)limit.rlim_cur;
}

#if defined(__linux__)
#include <sys/prctl.h>
static inline int tt_set_not_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }
static inline int tt_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
#else
static inline int tt_set_not_dumpable(void) { return 0; }
static inline int tt_get_dumpable(void) { return -1; }
#endif

#endif
