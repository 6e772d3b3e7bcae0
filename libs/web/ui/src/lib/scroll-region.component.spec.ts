import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ScrollRegionComponent } from './scroll-region.component';

@Component({
  imports: [ScrollRegionComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ma-scroll-region label="Sign-in history">
      <table data-testid="table"><tbody><tr><td>Chrome 156 on Linux</td></tr></tbody></table>
    </ma-scroll-region>
  `,
})
class HostComponent {}

describe('ScrollRegionComponent', () => {
  it('is a named region a keyboard can focus, holding its table', async () => {
    TestBed.configureTestingModule({ imports: [HostComponent], providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    const region = (fixture.nativeElement as HTMLElement).querySelector('ma-scroll-region') as HTMLElement;
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(region.getAttribute('aria-label')).toBe('Sign-in history');
    expect(region.querySelector('[data-testid=table]')?.textContent).toBe('Chrome 156 on Linux');
  });
});
