#ifndef TOKENTOP_CNCURSES_SHIM_H
#define TOKENTOP_CNCURSES_SHIM_H

// Wide-character ncurses: cchar_t, add_wch, get_wch and friends.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <pthread.h>
#include <ncursesw/ncurses.h>

// ncurses exposes these as macros, which Swift cannot call.
static inline int tt_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int tt_pair_number(int attrs) { return (int)PAIR_NUMBER(attrs); }
static inline unsigned int tt_a_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int tt_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int tt_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int tt_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int tt_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int tt_a_standout(void) { return (unsigned int)A_STANDOUT; }
static inline int tt_key_resize(void) { return KEY_RESIZE; }
static inline int tt_key_up(void) { return KEY_UP; }
static inline int tt_key_down(void) { return KEY_DOWN; }
static inline int tt_key_left(void) { return KEY_LEFT; }
static inline int tt_key_right(void) { return KEY_RIGHT; }
static inline int tt_key_home(void) { return KEY_HOME; }
static inline int tt_key_end(void) { return KEY_END; }
static inline int tt_key_ppage(void) { return KEY_PPAGE; }
static inline int tt_key_npage(void) { return KEY_NPAGE; }
static inline int tt_key_enter(void) { return KEY_ENTER; }
static inline int tt_key_backspace(void) { return KEY_BACKSPACE; }
static inline int tt_key_btab(void) { return KEY_BTAB; }
static inline int tt_key_f(int n) { return KEY_F(n); }
static inline int tt_err(void) { return ERR; }
static inline int tt_ok(void) { return OK; }
static inline WINDOW *tt_stdscr(void) { return stdscr; }
static inline int tt_lines(void) { return LINES; }
static inline int tt_cols(void) { return COLS; }
static inline int tt_colors(void) { return COLORS; }
static inline int tt_color_pairs(void) { return COLOR_PAIRS; }

static inline int tt_key_dc(void) { return KEY_DC; }
static inline int tt_key_code_yes(void) { return KEY_CODE_YES; }

// Draws `n` wide characters at (y, x) with attributes and an extended colour pair.
static inline int tt_draw(int y, int x, const wchar_t *text, int n, attr_t attrs, int pair) {
    wattr_set(stdscr, attrs, (NCURSES_PAIRS_T)(pair < 0x7fff ? pair : 0), &pair);
    return mvwaddnwstr(stdscr, y, x, text, n);
}

// The window background: a space with these attributes and colour pair.
static inline int tt_set_background(attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t space[2] = { L' ', 0 };
    setcchar(&cell, space, attrs, (NCURSES_PAIRS_T)(pair < 0x7fff ? pair : 0), &pair);
    return wbkgrnd(stdscr, &cell);
}

// Signals become one byte (the signal number) on a pipe, which the UI thread polls. The handler
// only calls write(2), which is async-signal-safe; errno is saved and restored.
static volatile int tt_signal_fd = -1;
static void tt_signal_to_pipe(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    if (tt_signal_fd >= 0) { ssize_t ignored = write(tt_signal_fd, &byte, 1); (void)ignored; }
    errno = saved;
}
static inline int tt_signal_pipe_install(int write_fd, int sig) {
    tt_signal_fd = write_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = tt_signal_to_pipe;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(sig, &action, NULL);
}
static inline int tt_signal_default(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}
// Ctrl-Z: stop the whole process now, the way the shell expects (default action of SIGTSTP).
static inline void tt_suspend_self(void) {
    tt_signal_default(SIGTSTP);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP);
}

#endif
