#!/usr/bin/env bash
# Fails on a high or critical advisory in the production dependencies. Where the registry's
# audit endpoint does not answer (as on our build machines), says so and does not fail.
set -uo pipefail
output=$(npm audit --omit=dev --audit-level=high 2>&1)
status=$?
if [ $status -eq 0 ]; then
  echo "npm audit: no high or critical advisory in production dependencies."
  exit 0
fi
if grep -qiE "audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|405 Method Not Allowed" <<<"$output"; then
  echo "npm audit: the registry's audit endpoint did not answer here; advisories not checked."
  exit 0
fi
echo "$output"
exit $status
