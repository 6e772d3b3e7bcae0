import { HttpBackend } from '@angular/common/http';
import { type ApplicationConfig, mergeApplicationConfig } from '@angular/core';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { RenderApiBackend } from '@mijn-account/web-core';
import { appConfig } from './app.config';
import { serverRoutes } from './app.routes.server';

/** The app as the API's page handler renders it: reads answered in process, as the visitor (RenderApiBackend). */
const serverConfig: ApplicationConfig = {
  providers: [provideServerRendering(withRoutes(serverRoutes)), { provide: HttpBackend, useClass: RenderApiBackend }],
};

export const config = mergeApplicationConfig(appConfig, serverConfig);
