import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { EmptyStateComponent } from './empty-state.component';
import { LoadFailedComponent } from './load-failed.component';
import { NOTICE_MS, Notifier } from './notifier.service';
import { SkeletonComponent } from './skeleton.component';

const en = {
  states: { loading: 'Loading …', retry: 'Try again', failed: 'This could not be loaded.', close: 'Close' },
  helpdesk: {
    empty: 'No helpdesk requests for {{ account }}',
    emptyNext: 'When the helpdesk asks for access, you decide here.',
    logFailed: 'The access log could not be loaded.',
  },
  members: { invite: 'Invite someone', saved: 'Invitation sent to {{ email }}.' },
};

function setUp() {
  TestBed.configureTestingModule({
    imports: [
      TranslocoTestingModule.forRoot({
        langs: { en },
        translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
      }),
    ],
    providers: [provideZonelessChangeDetection(), provideNoopAnimations(), provideRouter([])],
  });
}

async function render<T>(type: new (...args: never[]) => T, inputs: Record<string, unknown> = {}) {
  setUp();
  const fixture = TestBed.createComponent(type);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
  return { fixture, el: fixture.nativeElement as HTMLElement };
}

describe('SkeletonComponent', () => {
  it('sketches lines, hidden from screen readers, which hear one polite "Loading"', async () => {
    const { el } = await render(SkeletonComponent, { lines: 4 });
    const status = el.querySelector('[role="status"]');
    expect(status?.textContent?.trim()).toBe('Loading …');
    const bars = el.querySelectorAll('.bar');
    expect(bars).toHaveLength(4);
    expect([...bars].every((bar) => bar.getAttribute('aria-hidden') === 'true')).toBe(true);
  });

  it("sketches a form's fields", async () => {
    const { el } = await render(SkeletonComponent, { lines: 2, shape: 'fields' });
    expect(el.querySelectorAll('.bar.field')).toHaveLength(2);
  });
});

describe('EmptyStateComponent', () => {
  it('says what is not there and the next step, with an icon that screen readers skip', async () => {
    const { el } = await render(EmptyStateComponent, {
      title: 'helpdesk.empty',
      text: 'helpdesk.emptyNext',
      params: { account: 'CM-1' },
      testId: 'requests-empty',
    });
    const empty = el.querySelector('[data-testid="requests-empty"]');
    expect(empty?.querySelector('.title')?.textContent?.trim()).toBe('No helpdesk requests for CM-1');
    expect(empty?.querySelector('.text')?.textContent?.trim()).toBe(
      'When the helpdesk asks for access, you decide here.',
    );
    expect(empty?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(empty?.querySelector('a, button')).toBeNull();
  });

  it('offers the next step as a link where it leads somewhere', async () => {
    const { el } = await render(EmptyStateComponent, {
      title: 'helpdesk.empty',
      actionLabel: 'members.invite',
      actionLink: '/account/members',
      testId: 'members-empty',
    });
    const action = el.querySelector<HTMLAnchorElement>('[data-testid="members-empty-action"]');
    expect(action?.tagName).toBe('A');
    expect(action?.getAttribute('href')).toBe('/account/members');
    expect(action?.textContent?.trim()).toBe('Invite someone');
  });

  it('offers the next step as a button that emits, without a link', async () => {
    const { el, fixture } = await render(EmptyStateComponent, {
      title: 'helpdesk.empty',
      actionLabel: 'members.invite',
    });
    const clicked = jest.fn();
    fixture.componentInstance.action.subscribe(clicked);
    const action = el.querySelector<HTMLButtonElement>('[data-testid="empty-state-action"]');
    expect(action?.tagName).toBe('BUTTON');
    action?.click();
    expect(clicked).toHaveBeenCalledTimes(1);
  });
});

describe('LoadFailedComponent', () => {
  it('says the load failed, as an alert, and offers a retry', async () => {
    const { el, fixture } = await render(LoadFailedComponent, { message: 'helpdesk.logFailed', testId: 'log-failed' });
    const retried = jest.fn();
    fixture.componentInstance.retry.subscribe(retried);
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('The access log could not be loaded.');
    const retry = el.querySelector<HTMLButtonElement>('[data-testid="log-failed-retry"]');
    expect(retry?.textContent?.trim()).toBe('Try again');
    retry?.click();
    expect(retried).toHaveBeenCalledTimes(1);
  });
});

@Component({ selector: 'ma-host', template: '' })
class HostComponent {}

describe('Notifier', () => {
  afterEach(() => jest.useRealTimers());

  it("says a success in a snackbar, in the user's language, in a polite live region, and it goes away", async () => {
    jest.useFakeTimers();
    await render(HostComponent);
    await firstValueFrom(TestBed.inject(TranslocoService).load('en'));
    TestBed.inject(Notifier).success('members.saved', { email: 'joris@example.com' });
    TestBed.tick();
    const container = document.querySelector('mat-snack-bar-container');
    expect(container?.textContent).toContain('Invitation sent to joris@example.com.');
    expect(container?.classList).toContain('ma-notice');
    // The text moves into this live region a moment after opening, where screen readers read it.
    expect(container?.querySelector('[aria-live="polite"]')).not.toBeNull();
    expect(container?.querySelector('button')).toBeNull();
    jest.advanceTimersByTime(NOTICE_MS + 1000);
    TestBed.tick();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(document.querySelector('mat-snack-bar-container')).toBeNull();
  });
});
