# Sourced by the bench scripts: one timed `vanban index` run.
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
