# Sourced by the bench scripts: one timed `vanban index` run, and a median.
# index_run MODE BIN CORPUS IXDIR: removes IXDIR/ix, syncs, then puts the
# corpus in the page-cache state MODE asks for (cold: dropped, root; warm:
# read first), indexes CORPUS into IXDIR/ix with BIN and prints
# "wall_s user_s sys_s peak_rss_kb" (/usr/bin/time).
index_run() {
  local mode=$1 bin=$2 corpus=$3 ix=$4
  rm -rf "$ix/ix"
  sync
  case "$mode" in
    cold) echo 3 > /proc/sys/vm/drop_caches ;;
    warm) find "$corpus" -type f -print0 | xargs -0 cat > /dev/null ;;
    *) echo "mode must be cold or warm" >&2; return 2 ;;
  esac
  /usr/bin/time -f "%e %U %S %M" -o "$ix/t" "$bin" index --index "$ix/ix" "$corpus" > /dev/null 2> /dev/null
  cat "$ix/t"
}

# An awk function for the scripts' summaries: median(" 3 1 2") is 2.
MEDIAN_AWK='
  function median(list,   v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
'
