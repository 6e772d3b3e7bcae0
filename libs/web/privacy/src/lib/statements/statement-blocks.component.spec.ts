import { TestBed } from '@angular/core/testing';
import { parseStatement } from '@mijn-account/shared-contracts';
import { StatementBlocksComponent } from './statement-blocks.component';

describe('StatementBlocksComponent', () => {
  it('reads as the tenant wrote it: no space before the punctuation that follows bold text or a link', () => {
    const fixture = TestBed.createComponent(StatementBlocksComponent);
    fixture.componentRef.setInput(
      'blocks',
      parseStatement('- **Your profile**: name and e-mail. Questions? Write to [privacy](mailto:privacy@example.com).'),
    );
    fixture.detectChanges();
    const item = (fixture.nativeElement as HTMLElement).querySelector('li');
    expect(item?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Your profile: name and e-mail. Questions? Write to privacy.',
    );
    expect(item?.querySelector('a')?.getAttribute('href')).toBe('mailto:privacy@example.com');
  });
});
