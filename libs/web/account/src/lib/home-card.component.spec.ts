import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { HomeCardComponent, type HomeCardSource } from './home-card.component';

const en = {
  home: { loading: 'Loading…', failed: 'This could not be loaded.', retry: 'Try again' },
  card: { title: 'Helpdesk access', open: 'Open helpdesk access' },
};

/** A resource as the card sees it, driven by the test. */
class FakeSource implements HomeCardSource {
  readonly loading = signal(true);
  readonly failure = signal<unknown>(undefined);
  readonly reloads = signal(0);
  isLoading = this.loading.asReadonly();
  error = this.failure.asReadonly();
  reload(): boolean {
    this.reloads.update((n) => n + 1);
    return true;
  }
}

@Component({
  imports: [HomeCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ma-home-card heading="card.title" link="/account/helpdesk-access" linkText="card.open" testId="home-x" [source]="source">
      <p data-testid="facts">Two requests</p>
    </ma-home-card>
  `,
})
class HostComponent {
  readonly source = new FakeSource();
}

describe('HomeCardComponent', () => {
  async function render() {
    await TestBed.configureTestingModule({
      imports: [
        HostComponent,
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
        }),
      ],
      providers: [provideRouter([])],
    }).compileComponents();
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement, source: fixture.componentInstance.source };
  }

  it('names itself and its link by testId, and translates its heading and link text', async () => {
    const { element } = await render();
    const card = element.querySelector('[data-testid=home-x]');
    expect(card?.tagName.toLowerCase()).toBe('ma-home-card');
    expect(card?.querySelector('h3')?.textContent?.trim()).toBe('Helpdesk access');
    const link = element.querySelector('[data-testid=home-x-link]');
    expect(link?.textContent?.trim()).toBe('Open helpdesk access');
    expect(link?.getAttribute('href')).toBe('/account/helpdesk-access');
  });

  it('says it is loading while its source loads, and shows no facts then', async () => {
    const { element } = await render();
    expect(element.querySelector('mat-card')?.getAttribute('aria-busy')).toBe('true');
    expect(element.textContent).toContain('Loading…');
    expect(element.querySelector('[data-testid=facts]')).toBeNull();
  });

  it('shows its facts once the source has loaded', async () => {
    const { fixture, element, source } = await render();
    source.loading.set(false);
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=facts]')?.textContent).toBe('Two requests');
    expect(element.querySelector('mat-card')?.getAttribute('aria-busy')).toBe('false');
    expect(element.querySelector('[role=alert]')).toBeNull();
  });

  it('says a failed load failed (never an empty card) and its retry loads the source again', async () => {
    const { fixture, element, source } = await render();
    source.loading.set(false);
    source.failure.set(new Error('offline'));
    fixture.detectChanges();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('This could not be loaded.');
    expect(element.querySelector('[data-testid=facts]')).toBeNull();
    const retry = [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Try again');
    retry?.click();
    expect(source.reloads()).toBe(1);
  });
});
