import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EmailAddressComponent, emailParts } from './email-address.component';

describe('EmailAddressComponent', () => {
  it('breaks an address after the @ and before each dot', () => {
    expect(emailParts('olivia@mapleleaf.example')).toEqual(['olivia@', 'mapleleaf', '.example']);
    expect(emailParts('jan.de.vries@post.example.nl')).toEqual(['jan', '.de', '.vries@', 'post', '.example', '.nl']);
    expect(emailParts('x')).toEqual(['x']);
  });

  it('shows the address whole, with a break opportunity at each of those places and nowhere else', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(EmailAddressComponent);
    fixture.componentRef.setInput('address', 'olivia@mapleleaf.example');
    fixture.detectChanges();
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent).toBe('olivia@mapleleaf.example');
    expect(host.innerHTML.replace(/<!--[^>]*-->/g, '')).toBe('olivia@<wbr>mapleleaf<wbr>.example');
  });
});
