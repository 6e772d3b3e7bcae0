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
    expect(fixture.nativeElement.querySelector('[aria-label="Taal"]')).not.toBeNull();
    expect(buttons.map((b) => b.nativeElement.getAttribute('aria-label'))).toEqual(['Nederlands', 'English']);

    buttons[1].nativeElement.click();
    expect(chosen).toEqual(['en']);
  });
});
