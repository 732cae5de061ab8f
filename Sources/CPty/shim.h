#ifndef TOKENTOP_CPTY_SHIM_H
#define TOKENTOP_CPTY_SHIM_H

// Starts a program on a new pseudo-terminal for tokentop-bench. The fork and exec happen here,
// in C, so the child runs nothing but async-signal-safe calls between them.

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/// forkpty + execve: the child is a session leader with the slave as its controlling terminal
/// (stdin, stdout and stderr), sized rows x cols. Returns the child's pid (or -1 with errno set)
/// and stores the master side in *master. The master is non-blocking and close-on-exec.
static inline pid_t tt_spawn_on_pty(const char *path, char *const argv[], char *const envp[], unsigned short rows,
                                    unsigned short cols, int *master) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    int fd = -1;
    pid_t pid = forkpty(&fd, NULL, NULL, &size);
    if (pid < 0) return -1;
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        for (int number = 1; number < NSIG; number++) signal(number, SIG_DFL);
        execve(path, argv, envp);
        _exit(127);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    *master = fd;
    return pid;
}

/// wait4 without blocking: 0 while the child runs, its pid once reaped (status and usage filled).
static inline pid_t tt_reap(pid_t pid, int *status, struct rusage *usage) {
    return wait4(pid, status, WNOHANG, usage);
}

static inline int tt_exited(int status) { return WIFEXITED(status); }
static inline int tt_exit_status(int status) { return WEXITSTATUS(status); }
static inline int tt_signaled(int status) { return WIFSIGNALED(status); }
static inline int tt_term_signal(int status) { return WTERMSIG(status); }

#endif
