/* A failing disk, for tests: preloaded (LD_PRELOAD) into a child process, it makes writes and
 * syncs to files whose path contains $CASEFILE_EIO_MATCH fail with EIO once the process has
 * armed it (casefile_eio_arm(n): n more such calls succeed, then every one fails, as a dying
 * disk does). SQLite's own I/O goes through these calls, so the errors reach it unchanged. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long remaining = -1; /* -1: not armed */
static long failures = 0;

void casefile_eio_arm(long n) { remaining = n; }
void casefile_eio_disarm(void) { remaining = -1; }
long casefile_eio_failures(void) { return failures; }

static int fail_now(int fd) {
    if (remaining < 0) return 0;
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) return 0;
    target[n] = 0;
    const char *match = getenv("CASEFILE_EIO_MATCH");
    if (!match || !strstr(target, match)) return 0;
    if (remaining > 0) { remaining--; return 0; }
    failures++;
    errno = EIO;
    return 1;
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef int (*sync_fn)(int);

#define REAL(name, type) \
    static type real_##name; \
    if (!real_##name) real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t count) {
    REAL(write, write_fn);
    return fail_now(fd) ? -1 : real_write(fd, buf, count);
}
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    REAL(pwrite, pwrite_fn);
    return fail_now(fd) ? -1 : real_pwrite(fd, buf, count, offset);
}
ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset) {
    REAL(pwrite64, pwrite_fn);
    return fail_now(fd) ? -1 : real_pwrite64(fd, buf, count, offset);
}
int fsync(int fd) {
    REAL(fsync, sync_fn);
    return fail_now(fd) ? -1 : real_fsync(fd);
}
int fdatasync(int fd) {
    REAL(fdatasync, sync_fn);
    return fail_now(fd) ? -1 : real_fdatasync(fd);
}
