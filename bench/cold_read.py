"""Reads every file of a folder from a cold page cache, one after another,
with or without advising the kernel of all of them first
(posix_fadvise WILLNEED): what src/ingest/readahead.rs is for.

Usage (root, it drops the page cache):
    sync; echo 3 > /proc/sys/vm/drop_caches; python3 bench/cold_read.py plain DIR
    sync; echo 3 > /proc/sys/vm/drop_caches; python3 bench/cold_read.py advise DIR
"""
import os
import resource
import sys
import time

mode, root = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
start = time.perf_counter()
if mode == "advise":
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        os.close(fd)
advised = time.perf_counter()
total = 0
for path in files:
    with open(path, "rb") as f:
        total += len(f.read())
done = time.perf_counter()
use = resource.getrusage(resource.RUSAGE_SELF)
print(f"{mode}: {len(files)} files, {total} bytes; advice {advised - start:.2f} s, reading {done - advised:.2f} s, "
      f"total {done - start:.2f} s; user {use.ru_utime:.2f} s, sys {use.ru_stime:.2f} s")
