import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { warmUp } from './warm-up';

warmUp(document.documentElement.lang || 'nl');
bootstrapApplication(App, appConfig).catch((err) => console.error(err));
