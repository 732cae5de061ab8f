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

#endif
