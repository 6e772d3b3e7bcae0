import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import {
  ACCESS_METADATA,
  type AccessRule,
  CSRF_EXEMPT_METADATA,
  PUBLIC_CACHE_METADATA,
  STEP_UP_METADATA,
} from '@mijn-account/api-core';
import { API_PREFIX } from '@mijn-account/shared-contracts';

export interface RouteInfo {
  method: string;
  path: string;
  handler: string;
  access: AccessRule | null;
  /** Needs a recent password or code (`@StepUp()`), or a recent code (`@StepUp('second-factor')`). */
  stepUp: 'any' | 'second-factor' | null;
  /** Skips the CSRF check (`@CsrfExempt`, token-authenticated mail-program posts only). */
  csrfExempt: boolean;
  /** Seconds a successful answer may be cached (`@PublicCache`); null: `no-store`, like every other API answer. */
  publicCache: number | null;
  /** The DTO class of its `@Body()`, if it takes one (null: no body, or a body without a class). */
  body: (new () => object) | null;
}

/** Every HTTP route the app serves, read from Nest's own metadata, with its access rule. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const access =
          (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_METADATA, controller) as AccessRule | undefined) ??
          null;
        const full = ['', API_PREFIX, base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/');
        const stepUp = (Reflect.getMetadata(STEP_UP_METADATA, handler) as 'any' | 'second-factor' | undefined) ?? null;
        const csrfExempt = Reflect.getMetadata(CSRF_EXEMPT_METADATA, handler) === true;
        const publicCache = (Reflect.getMetadata(PUBLIC_CACHE_METADATA, handler) as number | undefined) ?? null;
        routes.push({
          method,
          path: `/${full}`,
          handler: `${controller.name}.${name}`,
          access,
          stepUp,
          csrfExempt,
          publicCache,
          body: bodyClassOf(controller, name),
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

function bodyClassOf(controller: new (...args: never[]) => object, name: string): (new () => object) | null {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as unknown[];
  const body = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  const type = body ? types[body[1].index] : undefined;
  return typeof type === 'function' && type !== Object ? (type as new () => object) : null;
}

export function describeAccess(rule: AccessRule | null): string {
  if (!rule) return 'MISSING';
  if (!('roles' in rule)) return rule.level;
  const grant =
    'grant' in rule && rule.grant
      ? ` +grant(${rule.grant.scope}; logs ${rule.grant.action} ${rule.grant.resource})`
      : '';
  return `${rule.level}(${rule.roles.join(',')})${grant}`;
}
