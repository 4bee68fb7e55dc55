# Shared by scripts/gate-aa.sh and scripts/gate-sensitivity.sh (sourced, from the repository's top).

# gate_setup NAME [N] [-- <run arguments>]: sets `n` (default 20) and `sweep` (default the workflow's),
# refuses uncommitted changes (the reference is HEAD, so the working tree must be HEAD's code) and builds.
gate_setup() {
  local name="$1"
  shift
  n="${1:-20}"
  [ $# -gt 0 ] && shift
  [ "${1:-}" = "--" ] && shift
  if [ $# -gt 0 ]; then sweep=("$@"); else mapfile -t sweep < <(node scripts/gate-figures.mjs sweep); fi
  if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    echo "$name: the working tree has uncommitted changes; the reference is HEAD, so it must hold HEAD's code (commit or stash them)" >&2
    exit 2
  fi
  npm run --silent build
}

# gate_once NAME DIR I [gate flags...]: gate I --against HEAD of `sweep` with the flags, its JSON, stderr
# and runs kept in DIR, "<I> <exit code> <seconds>" appended to DIR/exits.txt.
gate_once() {
  local name="$1" dir="$2" i="$3"
  shift 3
  mkdir -p "$dir"
  local start code=0 seconds
  start=$(date +%s)
  node dist/src/cli/main.js gate --against HEAD "$@" --format json --out "$dir/runs-$i" -- "${sweep[@]}" > "$dir/gate-$i.json" 2> "$dir/gate-$i.log" || code=$?
  seconds=$(( $(date +%s) - start ))
  echo "$i $code $seconds" >> "$dir/exits.txt"
  echo "$name: $i/$n: exit $code in $seconds s" >&2
}

# gate_repeat NAME DIR [gate flags...]: `n` gates (gate_once) into DIR.
gate_repeat() {
  local name="$1" dir="$2"
  shift 2
  for i in $(seq 1 "$n"); do gate_once "$name" "$dir" "$i" "$@"; done
}
