/*
 * Console input: raw terminal mode with restoration on every exit path, and
 * non-blocking reads that feed the PL011's receive FIFO.
 *
 * The terminal settings are process-wide state, so they live in statics
 * that the atexit handler and the signal handlers can reach; the handlers
 * only call async-signal-safe functions (tcsetattr, sigaction, raise).
 */
#include "coordinator/console.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_tty;        /* settings to restore */
static struct termios raw_tty;          /* settings while running */
static volatile sig_atomic_t tty_fd = -1; /* terminal in raw mode, or -1 */
static bool handlers_installed;

static const int exit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void restore_tty(void)
{
    if (tty_fd >= 0) {
        tcsetattr(tty_fd, TCSANOW, &saved_tty);
    }
}

static void restore_at_exit(void)
{
    restore_tty();
    tty_fd = -1;
}

/* Restores the terminal, then dies of the signal as if it had no handler. */
static void on_exit_signal(int sig)
{
    restore_tty();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Ctrl-Z: stop with the terminal as the shell expects it, and go raw again
 * when continued in the foreground. */
static void on_stop_signal(int sig)
{
    int saved_errno = errno;
    restore_tty();
    signal(sig, SIG_DFL);
    raise(sig);
    /* Continued here. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;
    sigaction(SIGTSTP, &sa, NULL);
    if (tty_fd >= 0 && tcgetpgrp(tty_fd) == getpgrp()) {
        tcsetattr(tty_fd, TCSANOW, &raw_tty);
    }
    errno = saved_errno;
}

static void install_handlers(void)
{
    if (handlers_installed) {
        return;
    }
    handlers_installed = true;
    atexit(restore_at_exit);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_exit_signal;
    for (size_t i = 0; i < sizeof(exit_signals) / sizeof(exit_signals[0]); i++) {
        sigaction(exit_signals[i], &sa, NULL);
    }
    sa.sa_handler = on_stop_signal;
    sigaction(SIGTSTP, &sa, NULL);
}

/* Raw mode as QEMU's stdio backend sets it: bytes pass through unchanged,
 * output post-processing (NL -> CR NL) and signal keys stay on. */
static void enter_raw_mode(int fd)
{
    if (tcgetattr(fd, &saved_tty) != 0) {
        return;
    }
    raw_tty = saved_tty;
    raw_tty.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL |
                                   IXON);
    raw_tty.c_oflag |= OPOST;
    raw_tty.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | IEXTEN);
    raw_tty.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    raw_tty.c_cflag |= CS8;
    raw_tty.c_cc[VMIN] = 1;
    raw_tty.c_cc[VTIME] = 0;
    install_handlers();
    tty_fd = fd;
    if (tcsetattr(fd, TCSANOW, &raw_tty) != 0) {
        tty_fd = -1;
    }
}

/* Gives the UART as much pending input as its FIFO takes. */
static void feed(struct console *c)
{
    if (c->len == 0 || !c->uart || pl011_rx_room(c->uart) == 0) {
        return;
    }
    size_t n = pl011_receive(c->uart, c->buf + c->head, c->len);
    c->head += n;
    c->len -= n;
}

static void feed_on_room(void *opaque)
{
    feed(opaque);
}

void console_open(struct console *c, int in_fd, struct pl011 *uart)
{
    memset(c, 0, sizeof(*c));
    c->in_fd = in_fd;
    c->uart = uart;
    c->reading = true;
    if (uart) {
        pl011_set_rx_room_handler(uart, feed_on_room, c);
    }
    if (isatty(in_fd)) {
        /* A background job must not read or reconfigure the terminal
         * (SIGTTIN/SIGTTOU would stop it). */
        if (tcgetpgrp(in_fd) != getpgrp()) {
            c->reading = false;
            return;
        }
        enter_raw_mode(in_fd);
    }
}

void console_poll(struct console *c)
{
    if (c->reading && c->len < sizeof(c->buf)) {
        struct pollfd pfd = { .fd = c->in_fd, .events = POLLIN };
        if (poll(&pfd, 1, 0) > 0) {
            memmove(c->buf, c->buf + c->head, c->len);
            c->head = 0;
            size_t room = sizeof(c->buf) - c->head - c->len;
            ssize_t n = read(c->in_fd, c->buf + c->head + c->len, room);
            if (n > 0) {
                c->len += (size_t)n;
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                c->reading = false; /* end of input, or it went away */
            }
        }
    }
    feed(c);
}

void console_close(struct console *c)
{
    (void)c;
    restore_at_exit();
}
