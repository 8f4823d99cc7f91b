/*
 * The host side of the guest console's input: stdin, in raw mode when it is
 * the controlling terminal (restored on every way out: return from main,
 * exit(), SIGINT, SIGTERM, SIGHUP, SIGQUIT; Ctrl-Z suspends with the terminal
 * restored), read without blocking between run slices and fed to the UART.
 * Input that is not a terminal (a file, a pipe, /dev/null in CI) is read the
 * same way without touching termios; end of file ends the input.
 */
#ifndef PHALANX_COORDINATOR_CONSOLE_H
#define PHALANX_COORDINATOR_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/pl011.h"

#define CONSOLE_BUF_SIZE 4096

struct console {
    int           in_fd;   /* host input */
    bool          reading; /* false after end of input, or for a background tty */
    struct pl011 *uart;    /* where the input goes */
    size_t        head;    /* first byte not yet given to the UART */
    size_t        len;     /* bytes from head on */
    uint8_t       buf[CONSOLE_BUF_SIZE];
};

/*
 * Starts reading in_fd for the UART. A terminal in the foreground is put in
 * raw mode (no echo, no line editing; Ctrl-C still stops phalanx); a
 * terminal in the background is left alone and not read.
 */
void console_open(struct console *c, int in_fd, struct pl011 *uart);

/* Reads what the host has (never blocks) and gives the UART what fits. */
void console_poll(struct console *c);

/* Restores the terminal (also done at exit). Safe to call more than once. */
void console_close(struct console *c);

#endif
