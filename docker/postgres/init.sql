-- The same roles libs/api/database/src/lib/roles.ts provisions for the embedded server:
-- an owner that runs migrations and owns the tables, and a runtime role that owns nothing,
-- is no superuser, cannot bypass row-level security, and gets its grants via portal_runtime.
-- Run once as a superuser, with passwords of your own (node tools/scripts/generate-env.mjs makes some):
--   psql -v owner_password=… -v app_password=… -f docker/postgres/init.sql
-- docker/compose.yaml runs it through 10-roles.sh with the passwords from docker/.env.
CREATE ROLE portal_runtime NOLOGIN;
CREATE ROLE portal_owner LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE portal_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password' IN ROLE portal_runtime;
CREATE DATABASE portal OWNER portal_owner;
