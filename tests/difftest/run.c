/*
 * Running tools and emulators: the cross compiler and objdump to completion,
 * and phalanx and QEMU side by side on one image, each killed if its
 * transcript stops growing (a hang) for the stall time.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "difftest.h"

/* Emulators running now, killed with us on SIGINT/SIGTERM (they run in
 * their own process groups, out of reach of the terminal's signals). */
static volatile pid_t running_groups[2];

static void kill_running_and_exit(int sig)
{
    for (int i = 0; i < 2; i++) {
        if (running_groups[i] > 0) {
            kill(-running_groups[i], SIGKILL);
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static pid_t spawn(char *const argv[], const char *out_path, const char *err_path)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("difftest: fork");
        return -1;
    }
    if (pid == 0) {
        /* own process group: a hung emulator is killed with its children */
        setpgid(0, 0);
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0) {
            dup2(in, 0);
            close(in);
        }
        if (out_path) {
            int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) {
                _exit(126);
            }
            dup2(fd, 1);
            close(fd);
        }
        if (err_path) {
            int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) {
                _exit(126);
            }
            dup2(fd, 2);
            close(fd);
        }
        execvp(argv[0], argv);
        fprintf(stderr, "difftest: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return pid;
}

/* Runs argv to completion; returns its exit status (or -1). */
int dt_exec(char *const argv[], const char *stdout_path)
{
    pid_t pid = spawn(argv, stdout_path, NULL);
    if (pid < 0) {
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        abort();
    }
    if (f) {
        size_t got;
        while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                cap *= 2;
                buf = realloc(buf, cap + 1);
                if (!buf) {
                    abort();
                }
            }
        }
        fclose(f);
    }
    buf[n] = 0;
    if (len) {
        *len = n;
    }
    return buf;
}

static off_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : -1;
}

bool dt_run_both(const struct dt_tools *t, const char *elf, double stall_seconds,
                 struct dt_run runs[2])
{
    char out[2][4200], err[2][4200], log_arg[4200];
    static const char *names[2] = { "phalanx", "qemu" };
    for (int i = 0; i < 2; i++) {
        snprintf(out[i], sizeof(out[i]), "%s/%s.out", t->workdir, names[i]);
        snprintf(err[i], sizeof(err[i]), "%s/%s.err", t->workdir, names[i]);
    }
    snprintf(log_arg, sizeof(log_arg), "%s/phalanx.log", t->workdir);
    char *phalanx_argv[] = { (char *)t->phalanx, "-kernel", (char *)elf,
                             "-d", "unimp,guest_errors", "-D", log_arg, NULL };
    char *qemu_argv[] = { (char *)t->qemu, "-M", "virt", "-cpu", "cortex-a57", "-nographic",
                          "-nodefaults", "-serial", "stdio", "-kernel", (char *)elf, NULL };
    /* self-check: QEMU on both sides, to show the harness is deterministic */
    char *const *argv[2] = { t->phalanx ? phalanx_argv : qemu_argv, qemu_argv };

    pid_t pid[2];
    double start = now(), last_growth[2];
    off_t last_size[2] = { 0, 0 };
    bool running[2];
    memset(runs, 0, 2 * sizeof(runs[0]));
    signal(SIGINT, kill_running_and_exit);
    signal(SIGTERM, kill_running_and_exit);
    for (int i = 0; i < 2; i++) {
        pid[i] = spawn(argv[i], out[i], err[i]);
        running_groups[i] = pid[i];
        running[i] = pid[i] > 0;
        runs[i].status = -1;
        last_growth[i] = start;
    }
    while (running[0] || running[1]) {
        struct timespec nap = { 0, 5 * 1000 * 1000 };
        nanosleep(&nap, NULL);
        double tnow = now();
        for (int i = 0; i < 2; i++) {
            if (!running[i]) {
                continue;
            }
            int status;
            pid_t got = waitpid(pid[i], &status, WNOHANG);
            if (got == pid[i]) {
                running[i] = false;
                running_groups[i] = 0;
                runs[i].status = status;
                runs[i].seconds = tnow - start;
                continue;
            }
            off_t size = file_size(out[i]);
            if (size != last_size[i]) {
                last_size[i] = size;
                last_growth[i] = tnow;
            } else if (tnow - last_growth[i] > stall_seconds) {
                kill(-pid[i], SIGKILL);
                waitpid(pid[i], &status, 0);
                running[i] = false;
                running_groups[i] = 0;
                runs[i].status = status;
                runs[i].stalled = true;
                runs[i].seconds = tnow - start;
            }
        }
    }
    for (int i = 0; i < 2; i++) {
        runs[i].out = slurp(out[i], &runs[i].out_len);
        runs[i].err = slurp(err[i], NULL);
    }
    return pid[0] > 0 && pid[1] > 0;
}

void dt_run_free(struct dt_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

void dt_run_describe(const struct dt_run *r, char *buf, size_t len)
{
    if (r->stalled) {
        snprintf(buf, len, "no output for the stall time: killed (hang)");
    } else if (r->status == -1) {
        snprintf(buf, len, "did not start");
    } else if (WIFEXITED(r->status)) {
        snprintf(buf, len, "exit status %d", WEXITSTATUS(r->status));
    } else if (WIFSIGNALED(r->status)) {
        snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(r->status),
                 strsignal(WTERMSIG(r->status)));
    } else {
        snprintf(buf, len, "wait status 0x%x", r->status);
    }
}
