#!/usr/bin/env bash
# The review half of action.yml: given the base and head synthesized outputs, writes the
# identity report and the identity diff as one sticky pull-request comment (found again by a
# hidden marker and updated, never a new comment per push), puts the full text in the job
# summary, and exits with the diff's code (2 fails the check on a blocking finding).
#
# Environment (action.yml sets it):
#   BASE_OUT, HEAD_OUT   the two cdktf.out folders
#   AKS_IDENTITY         the command to run (default: npx --no-install aks-identity)
#   ALLOW_REPLACE, ALLOW_DELETE   addresses, one per line ([stack:]address)
#   GITHUB_REPOSITORY, PR_NUMBER, GH_TOKEN   where to comment (no PR_NUMBER: no comment)
#   GITHUB_STEP_SUMMARY  the job summary file (optional)
#   COMMENT_MARKER       the hidden marker (default <!-- aks-identity-review -->)
set -uo pipefail

: "${BASE_OUT:?BASE_OUT: the base cdktf.out folder}"
: "${HEAD_OUT:?HEAD_OUT: the head cdktf.out folder}"
read -r -a tool <<< "${AKS_IDENTITY:-npx --no-install aks-identity}"
marker="${COMMENT_MARKER:-<!-- aks-identity-review -->}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

allow=()
while IFS= read -r a; do [ -n "$a" ] && allow+=(--allow-replace "$a"); done <<< "${ALLOW_REPLACE:-}"
while IFS= read -r a; do [ -n "$a" ] && allow+=(--allow-delete "$a"); done <<< "${ALLOW_DELETE:-}"

# The full diff and report first: they go to the job summary (1 MiB) and, when they fit, the comment.
"${tool[@]}" diff "$BASE_OUT" "$HEAD_OUT" "${allow[@]}" > "$work/diff.md" 2> "$work/diff.err"
diff_code=$?
"${tool[@]}" report "$HEAD_OUT" > "$work/report.md" 2> "$work/report.err"
report_code=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { cat "$work/diff.md"; printf '\n\n'; cat "$work/report.md"; } >> "$GITHUB_STEP_SUMMARY"
fi
# A GitHub comment holds 65,536 characters: over that, the diff and the report share it, each
# shortened by the tool itself (it says what it left out), so the comment always renders.
if [ "$(( $(wc -m < "$work/diff.md") + $(wc -m < "$work/report.md") ))" -gt 64000 ]; then
  [ "$diff_code" -ne 1 ] && "${tool[@]}" diff "$BASE_OUT" "$HEAD_OUT" "${allow[@]}" --max-length 30000 > "$work/diff.md" 2> /dev/null
  [ "$report_code" -eq 0 ] && "${tool[@]}" report "$HEAD_OUT" --max-length 34000 > "$work/report.md" 2> /dev/null
fi

{
  printf '%s\n' "$marker"
  if [ "$diff_code" -eq 1 ]; then
    # Indented, so no text in the message can end the code block.
    printf '## AKS identity diff\n\nThe diff could not be made:\n\n%s\n' "$(head -c 4000 "$work/diff.err" | sed 's/^/    /')"
  else
    cat "$work/diff.md"
  fi
  printf '\n\n'
  if [ "$report_code" -ne 0 ]; then
    printf '## AKS identity report\n\nThe report could not be made:\n\n%s\n' "$(head -c 4000 "$work/report.err" | sed 's/^/    /')"
  else
    cat "$work/report.md"
  fi
} > "$work/comment.md"

if [ -n "${PR_NUMBER:-}" ]; then
  # The newest comment of ours that carries the marker is updated; none yet: a new one.
  id="$(gh api --paginate "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" \
        --jq "[.[] | select(.body | startswith(\"${marker}\"))] | last | .id // empty" 2> "$work/gh.err" | tail -n 1)"
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${id}" -F "body=@$work/comment.md" > /dev/null || echo "aks-identity: could not update comment ${id} (a fork's read-only token?); the job summary has the review." >&2
  else
    gh api --method POST "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" -F "body=@$work/comment.md" > /dev/null || echo "aks-identity: could not comment (a fork's read-only token?); the job summary has the review." >&2
  fi
fi

cat "$work/diff.err" "$work/report.err" >&2
if [ "$diff_code" -ne 0 ]; then exit "$diff_code"; fi
exit "$report_code"
