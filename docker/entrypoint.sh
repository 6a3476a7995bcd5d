#!/bin/sh
# Runs one jar of the suite: streammesh-entrypoint /app/<module>.jar [options]
set -eu

# Instances of a service reach each other (interactive queries) at application.server: in a
# container that is its own address on the compose network, unless given explicitly.
if [ -z "${STREAMMESH_HTTP_ADVERTISED_HOST:-}" ]; then
  address="$(hostname -i 2>/dev/null | awk '{print $1}')"
  if [ -n "$address" ]; then
    export STREAMMESH_HTTP_ADVERTISED_HOST="$address"
  fi
fi

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar "$@"
