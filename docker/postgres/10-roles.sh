#!/bin/sh
# Runs once, when the postgres image initialises an empty volume (docker-entrypoint-initdb.d):
# creates the portal's roles with the passwords docker/compose.yaml passes in from docker/.env.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="${PORTAL_OWNER_PASSWORD:?set in docker/.env (node tools/scripts/generate-env.mjs docker/.env)}" \
  -v app_password="${PORTAL_APP_PASSWORD:?set in docker/.env (node tools/scripts/generate-env.mjs docker/.env)}" \
  -f /portal/init.sql
