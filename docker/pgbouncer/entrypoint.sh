#!/bin/sh
# Writes the auth file from the runtime role's password (from docker/.env), then runs PgBouncer.
# Only portal_app connects through PgBouncer; migrations and the command line go straight to PostgreSQL.
set -eu
umask 077
printf '"portal_app" "%s"\n' "${PORTAL_APP_PASSWORD:?set in docker/.env (node tools/scripts/generate-env.mjs docker/.env)}" > /tmp/userlist.txt
exec pgbouncer /etc/pgbouncer/pgbouncer.ini
