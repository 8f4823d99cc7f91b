/* Debug logging selected with -d ITEMS and written to stderr or -D FILE. */
#ifndef PHALANX_UTIL_LOG_H
#define PHALANX_UTIL_LOG_H

#include <stdbool.h>

enum log_item {
    LOG_IN_ASM       = 1u << 0, /* guest instructions as they are translated */
    LOG_EXEC         = 1u << 1, /* every translation block executed */
    LOG_INT          = 1u << 2, /* exceptions and interrupts taken */
    LOG_UNIMP        = 1u << 3, /* unimplemented encodings and registers */
    LOG_GUEST_ERRORS = 1u << 4, /* guest mistakes: bad device accesses... */
    LOG_HASH         = 1u << 5, /* state hashes at run-slice boundaries */
};

extern unsigned log_mask;

static inline bool log_enabled(unsigned item)
{
    return (log_mask & item) != 0;
}

/* Parses "in_asm,exec,..." into a mask; returns false and names the bad item. */
bool log_parse_items(const char *list, unsigned *mask, const char **bad_item);
void log_print_help(void);
/* Sends the log to a file instead of stderr; false if it cannot be opened. */
bool log_set_file(const char *path);
void log_close(void);

void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define log_item_printf(item, ...)      \
    do {                                \
        if (log_enabled(item)) {        \
            log_printf(__VA_ARGS__);    \
        }                               \
    } while (0)

#endif
