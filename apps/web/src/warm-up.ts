import { getSupportedInputTypes } from '@angular/cdk/platform';

/**
 * One-time costs of the browser that the first page pays, each in a task of its own while the app's
 * chunks are still on their way (ADR 0017, docs/benchmarks-web.md): ICU's start (~15 ms on this
 * machine, ×4 on Lighthouse's phone; whichever Intl formatter comes first pays it), region names and
 * currency data, and the CDK's probe of the input types a browser supports (~20 input elements;
 * every Material form field asks it). Paid inside the hydration's one long task they added ~150 ms
 * to a phone's Total Blocking Time; apart, each stays under the 50 ms a task may take.
 */
export function warmUp(language: string): void {
  const steps = [
    () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(0),
    () => new Intl.DisplayNames([language], { type: 'region' }).of('NL'),
    () => new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(0),
    () => getSupportedInputTypes(),
  ];
  const next = () => {
    steps.shift()?.();
    if (steps.length > 0) setTimeout(next);
  };
  setTimeout(next);
}
