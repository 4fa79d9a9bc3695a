# Reads one cell of a kubectl table (`kubectl get` output) the way kubecuke's
# `in the output row whose "NAME" is …, "COLUMN" is …` does: columns by their header's position.
# Usage: kubectl get pods | cell NAME go-test STATUS
cell() {
  awk -v key="$1" -v row="$2" -v want="$3" '
    function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
    NR == 1 {
      n = 0; line = $0; pos = 1
      while (match(line, /[^ ]+( [^ ]+)*/)) {
        n++; start[n] = pos + RSTART - 1; name[n] = substr(line, RSTART, RLENGTH)
        pos += RSTART + RLENGTH - 1; line = substr(line, RSTART + RLENGTH)
      }
      for (i = 1; i <= n; i++) { if (name[i] == key) k = i; if (name[i] == want) w = i }
      next
    }
    {
      v = (w < n) ? substr($0, start[w], start[w + 1] - start[w]) : substr($0, start[w])
      r = (k < n) ? substr($0, start[k], start[k + 1] - start[k]) : substr($0, start[k])
      if (trim(r) == row) { print trim(v); found = 1; exit }
    }
    END { if (!found) exit 1 }'
}

# expect WHAT ACTUAL EXPECTED: fails the script with both values when they differ
expect() {
  [ "$2" = "$3" ] || { echo "$1: expected '$3', got '$2'" >&2; exit 1; }
}

# expect_match WHAT ACTUAL REGEX (extended)
expect_match() {
  printf '%s\n' "$2" | grep -Eq -- "$3" || { echo "$1: expected to match /$3/, got '$2'" >&2; exit 1; }
}
