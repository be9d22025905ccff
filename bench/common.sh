# What the bench scripts share; sourced by them, not run.

# The workspace's target directory, wherever CARGO_TARGET_DIR or the config puts it.
target_dir() {
  cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/'
}

# The middle of the numbers read, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Keeps one round's times of KEY in the caller's `wall` and `cpu` maps (declare -A wall cpu),
# and shows them on stderr.
record() { # key, round, "wall user system" in seconds
  local w u s
  read -r w u s <<<"$3"
  wall[$1,$2]=$w
  cpu[$1,$2]=$(echo "$u + $s" | bc)
  printf 'round %d  %-12s %6.1f s wall  %6.1f s CPU\n' "$2" "$1" "$w" "${cpu[$1,$2]}" >&2
}
