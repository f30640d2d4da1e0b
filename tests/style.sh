#!/bin/bash
# Style checks as TAP: every C file is clang-format clean (.clang-format, kernel style).
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find lib src tests bench -name '*.[ch]')
echo "1..${#files[@]}"
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	if out=$(clang-format --dry-run --Werror "$f" 2>&1); then
		echo "ok $n - clang-format $f"
	else
		echo "not ok $n - clang-format $f"
		echo "$out" | head -5 | sed 's/^/# /'
	fi
done
