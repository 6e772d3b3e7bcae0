-- The same roles libs/api/database/src/lib/roles.ts provisions for the embedded server:
-- an owner that runs migrations and owns the tables, and a runtime role that owns nothing,
-- is no superuser, cannot bypass row-level security, and gets its grants via portal_runtime.
CREATE ROLE portal_runtime NOLOGIN;
CREATE ROLE portal_owner LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'portal-owner-change-me';
CREATE ROLE portal_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD 'portal-app-change-me' IN ROLE portal_runtime;
CREATE DATABASE portal OWNER portal_owner;
