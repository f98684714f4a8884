/*
 * keepclock: an LD_PRELOAD library that keeps the NTP daemons the interop tests start from
 * changing this machine's clock, and can make a daemon's schedule run faster.
 *
 * The tests run chronyd, NTPsec's ntpd and OpenNTPD as root on a machine whose clock other
 * programs use. chronyd has -x; NTPsec and OpenNTPD have no such switch: even with "disable ntp"
 * NTPsec resets the kernel's frequency at start, and OpenNTPD slews the clock toward its server
 * and only calls itself synchronized once adjtime(2) has succeeded twice. So every call below that
 * would set or slew the clock, or change the kernel's discipline, succeeds and changes nothing,
 * and says so on stderr (the daemon's log). Reads pass through. The tests also start the daemons
 * without CAP_SYS_TIME, so a call this library does not catch fails instead of acting.
 *
 * NTPLAB_CLOCK_SPEED=K (an integer, 1 to 100) makes CLOCK_MONOTONIC and CLOCK_BOOTTIME run K
 * times as fast and poll(2) wait K times less. OpenNTPD schedules its queries by the monotonic
 * clock and waits in poll(); it wants 8 good replies before its first adjustment and 8 more
 * before it calls itself synchronized, several minutes at its 5 s and 30 s intervals. Its
 * timestamps come from gettimeofday(2), which is not touched: what it serves is real time.
 *
 * Build: cc -shared -fPIC -O2 -Wall -o keepclock.so keepclock.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>

#ifndef ADJ_OFFSET_SS_READ
#define ADJ_OFFSET_SS_READ 0xa001
#endif

static void *next(const char *name) {
  void *f = dlsym(RTLD_NEXT, name);
  if (f == NULL) {
    fprintf(stderr, "keepclock: no %s to wrap\n", name);
    abort();
  }
  return f;
}

/* ---- writes to the clock: accepted, not applied ------------------------------------------ */

/* Fills *t with the kernel's current state, as a call that sets nothing returns it. */
static int read_kernel_state(struct timex *t) {
  static int (*real)(struct timex *);
  if (real == NULL) {
    real = (int (*)(struct timex *)) next("adjtimex");
  }
  unsigned int modes = t->modes;
  t->modes = 0;
  int state = real(t);
  t->modes = modes;
  return state;
}

int adjtimex(struct timex *t) {
  if (t->modes != 0 && t->modes != ADJ_OFFSET_SS_READ) {
    fprintf(stderr, "keepclock: adjtimex(modes %#x) not applied\n", t->modes);
  }
  return read_kernel_state(t);
}

int ntp_adjtime(struct timex *t) { return adjtimex(t); }

int clock_adjtime(clockid_t clock, struct timex *t) {
  (void) clock;
  return adjtimex(t);
}

/* The slew is "done" at once: the next call finds no adjustment left, as a finished one does. */
int adjtime(const struct timeval *delta, struct timeval *olddelta) {
  if (delta != NULL) {
    fprintf(stderr, "keepclock: adjtime(%+.6f s) not applied\n", delta->tv_sec + delta->tv_usec / 1e6);
  }
  if (olddelta != NULL) {
    olddelta->tv_sec = 0;
    olddelta->tv_usec = 0;
  }
  return 0;
}

int settimeofday(const struct timeval *tv, const struct timezone *tz) {
  (void) tv;
  (void) tz;
  fprintf(stderr, "keepclock: settimeofday not applied\n");
  return 0;
}

int clock_settime(clockid_t clock, const struct timespec *ts) {
  (void) ts;
  fprintf(stderr, "keepclock: clock_settime(clock %d) not applied\n", (int) clock);
  return 0;
}

/* ---- NTPLAB_CLOCK_SPEED: a faster schedule -------------------------------------------------- */

static int speed(void) {
  static int k;
  if (k == 0) {
    const char *text = getenv("NTPLAB_CLOCK_SPEED");
    int asked = text == NULL ? 1 : atoi(text);
    k = asked >= 1 && asked <= 100 ? asked : 1;
  }
  return k;
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
  static int (*real)(clockid_t, struct timespec *);
  static int64_t start[16];
  if (real == NULL) {
    real = (int (*)(clockid_t, struct timespec *)) next("clock_gettime");
  }
  int r = real(clock, ts);
  int k = speed();
  if (r != 0 || k == 1 || (clock != CLOCK_MONOTONIC && clock != CLOCK_MONOTONIC_RAW
      && clock != CLOCK_MONOTONIC_COARSE && clock != CLOCK_BOOTTIME)) {
    return r;
  }
  /* Time since the first reading, K times over: monotonic, and continuous from the real value. */
  int64_t now = (int64_t) ts->tv_sec * 1000000000 + ts->tv_nsec;
  int64_t *first = &start[clock & 15];
  if (*first == 0) {
    *first = now;
  }
  int64_t fast = *first + (now - *first) * k;
  ts->tv_sec = fast / 1000000000;
  ts->tv_nsec = fast % 1000000000;
  return 0;
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms) {
  static int (*real)(struct pollfd *, nfds_t, int);
  if (real == NULL) {
    real = (int (*)(struct pollfd *, nfds_t, int)) next("poll");
  }
  int k = speed();
  if (k > 1 && timeout_ms > 0) {
    timeout_ms = (timeout_ms + k - 1) / k;
  }
  return real(fds, n, timeout_ms);
}
