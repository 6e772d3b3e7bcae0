import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { LanguageSwitchComponent } from './language-switch.component';

describe('LanguageSwitchComponent', () => {
  it('shows each language, marks the current one and emits the chosen one', async () => {
    const fixture = TestBed.createComponent(LanguageSwitchComponent);
    fixture.componentRef.setInput('languages', ['nl', 'en']);
    fixture.componentRef.setInput('value', 'nl');
    fixture.componentRef.setInput('label', 'Taal');
    const chosen: string[] = [];
    fixture.componentInstance.changed.subscribe((language) => chosen.push(language));
    await fixture.whenStable();

    const buttons = fixture.debugElement.queryAll(By.css('button'));
    expect(buttons.map((b) => b.nativeElement.textContent.trim())).toEqual(['NL', 'EN']);
    // single selection: the toggles are radios, and the current language is the checked one
    expect(buttons.map((b) => b.nativeElement.getAttribute('aria-checked'))).toEqual(['true', 'false']);
    expect(fixture.nativeElement.getAttribute('aria-label')).toBe('Taal');
    expect(buttons.map((b) => b.nativeElement.getAttribute('aria-label'))).toEqual(['Nederlands', 'English']);

    buttons[1].nativeElement.click();
    expect(chosen).toEqual(['en']);
  });

  it('is one tab stop whose arrow keys move to the next language and choose it', async () => {
    const fixture = TestBed.createComponent(LanguageSwitchComponent);
    fixture.componentRef.setInput('languages', ['nl', 'en']);
    fixture.componentRef.setInput('value', 'nl');
    const chosen: string[] = [];
    fixture.componentInstance.changed.subscribe((language) => chosen.push(language));
    await fixture.whenStable();

    const buttons: HTMLButtonElement[] = fixture.debugElement.queryAll(By.css('button')).map((b) => b.nativeElement);
    expect(fixture.nativeElement.getAttribute('role')).toBe('radiogroup');
    expect(buttons.map((b) => b.getAttribute('role'))).toEqual(['radio', 'radio']);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1]);
    buttons[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(chosen).toEqual(['en']);
    expect(document.activeElement === buttons[1] || !document.body.contains(buttons[1])).toBe(true);
    // Choosing the current language again changes nothing.
    buttons[0].click();
    expect(chosen).toEqual(['en']);
  });
});
