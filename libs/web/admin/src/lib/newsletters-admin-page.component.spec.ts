import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type NewsletterListAdmin, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { NewslettersStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { NewslettersAdminPageComponent } from './newsletters-admin-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  problems: { validation: 'Some fields need another look.' },
  admin: {
    newsletters: {
      subject: 'Subject',
      body: 'Text',
      send: 'Send issue',
      sent: 'Sent to {{ count }} subscribers.',
      nameNl: 'Name (Dutch)',
      nameEn: 'Name (English)',
      create: 'Create list',
      hide: 'Hide',
      preview: 'Preview',
      sendTest: 'Send a test to me',
      testSent: 'Test sent to {{ email }}.',
      previewIn: { nl: 'Dutch', en: 'English' },
      write: 'Write an issue',
      reaches: 'Reaches {{ count }} now',
    },
  },
};
const NEWS: NewsletterListAdmin = {
  id: 'l-1',
  nameNl: 'Productnieuws',
  nameEn: 'Product news',
  descriptionNl: 'Nieuw',
  descriptionEn: 'New',
  visible: true,
  confirmedSubscribers: 3,
} as NewsletterListAdmin;

/** Lets the stubbed calls resolve, then renders. */
describe('NewslettersAdminPageComponent', () => {
  let store: {
    adminLists: jest.Mock;
    saveList: jest.Mock;
    sendIssue: jest.Mock;
    exportUrl: jest.Mock;
    recipients: jest.Mock;
    previewIssue: jest.Mock;
    sendTestIssue: jest.Mock;
  };
  let confirmation: { confirm: jest.Mock };

  beforeEach(() => {
    store = {
      adminLists: jest.fn().mockResolvedValue([NEWS]),
      saveList: jest.fn().mockResolvedValue(undefined),
      sendIssue: jest.fn(),
      exportUrl: jest.fn((id: string) => `/api/admin/newsletters/${id}/subscribers.csv`),
      recipients: jest.fn().mockResolvedValue(3),
      previewIssue: jest.fn(),
      sendTestIssue: jest.fn(),
    };
    confirmation = { confirm: jest.fn().mockResolvedValue(true) };
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        { provide: NewslettersStore, useValue: store },
        { provide: ConfirmDialog, useValue: confirmation },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(NewslettersAdminPageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const field = (label: string) =>
      [...el.querySelectorAll('mat-form-field')].find(
        (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
      ) as HTMLElement;
    const type = (label: string, value: string) => {
      const input = field(label).querySelector('input, textarea') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const click = async (text: string) => {
      [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)?.click();
      await settle(fixture);
    };
    return { fixture, el, field, type, click };
  }

  it('shows each list with its subscriber count and export link', async () => {
    const { el } = await render();
    const card = el.querySelector('[data-testid="list-Product news"]');
    expect(card?.textContent).toContain('Productnieuws / Product news');
    expect(card?.querySelector('a[download]')?.getAttribute('href')).toBe('/api/admin/newsletters/l-1/subscribers.csv');
  });

  it('sends no issue without a subject, and marks the field', async () => {
    const { type, click, field } = await render();
    type('Text', 'Hello all');
    await click('Send issue');
    expect(store.sendIssue).not.toHaveBeenCalled();
    expect(field('Subject').classList).toContain('mat-form-field-invalid');
  });

  it('sends an issue, says to how many, and leaves a clean form', async () => {
    store.sendIssue.mockResolvedValue(3);
    const { el, type, click } = await render();
    type('Subject', 'November');
    type('Text', 'What is new');
    await click('Send issue');
    expect(store.sendIssue).toHaveBeenCalledWith('l-1', { subject: 'November', body: 'What is new' });
    expect(el.querySelector('[data-testid="newsletter-admin-notice"]')?.textContent?.trim()).toBe(
      'Sent to 3 subscribers.',
    );
    expect(el.querySelectorAll('mat-form-field.mat-form-field-invalid')).toHaveLength(0);
  });

  it("shows the server's field error at the subject", async () => {
    store.sendIssue.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          title: 'Invalid',
          status: 422,
          errors: [{ field: 'subject', code: 'maxLength', message: 'At most 200 characters' }],
        },
      }),
    );
    const { el, type, click, field } = await render();
    type('Subject', 'x'.repeat(201));
    type('Text', 'Body');
    await click('Send issue');
    expect(field('Subject').querySelector('mat-error')?.textContent?.trim()).toBe('At most 200 characters');
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Some fields need another look.');
  });

  it('creates a list with both names and shows the lists again', async () => {
    const { type, click } = await render();
    type('Name (Dutch)', 'Webinars');
    type('Name (English)', 'Webinars');
    store.adminLists.mockClear();
    await click('Create list');
    expect(store.saveList).toHaveBeenCalledWith(null, {
      nameNl: 'Webinars',
      nameEn: 'Webinars',
      descriptionNl: '',
      descriptionEn: '',
      visible: true,
    });
    expect(store.adminLists).toHaveBeenCalledTimes(1);
  });

  it('hides a list by saving it unchanged but for visibility', async () => {
    const { click } = await render();
    await click('Hide');
    expect(store.saveList).toHaveBeenCalledWith('l-1', {
      nameNl: 'Productnieuws',
      nameEn: 'Product news',
      descriptionNl: 'Nieuw',
      descriptionEn: 'New',
      visible: false,
    });
  });

  it('asks before sending, naming the list and the number of recipients the API counts; a no sends nothing', async () => {
    store.recipients.mockResolvedValue(12);
    confirmation.confirm.mockResolvedValue(false);
    const { type, click } = await render();
    type('Subject', 'November');
    type('Text', 'What is new');
    await click('Send issue');
    expect(store.recipients).toHaveBeenCalledWith('l-1');
    expect(confirmation.confirm).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'confirm.sendIssue.title',
        params: { count: 12, list: 'Product news', subject: 'November' },
      }),
    );
    expect(store.sendIssue).not.toHaveBeenCalled();
  });

  it('previews the issue in each language of the list, in sandboxed frames, sending nothing', async () => {
    store.previewIssue.mockResolvedValue([
      { language: 'nl', subject: 'November', html: '<p>Wat is nieuw</p>', text: 'Wat is nieuw' },
      { language: 'en', subject: 'November', html: '<p>What is new</p>', text: 'What is new' },
    ]);
    const { el, type, click } = await render();
    type('Subject', 'November');
    type('Text', 'What is new');
    await click('Preview');
    expect(store.previewIssue).toHaveBeenCalledWith('l-1', { subject: 'November', body: 'What is new' });
    const frames = [...el.querySelectorAll<HTMLIFrameElement>('[data-testid="issue-preview"] iframe')];
    expect(frames.map((f) => f.title)).toEqual(['Dutch: November', 'English: November']);
    expect(frames.every((f) => f.getAttribute('sandbox') === '')).toBe(true);
    expect(frames[0].getAttribute('srcdoc')).toBe('<p>Wat is nieuw</p>');
    expect(store.sendIssue).not.toHaveBeenCalled();
  });

  it('sends a test to the signed-in admin, says where it went, and keeps the text for the real send', async () => {
    store.sendTestIssue.mockResolvedValue('admin@example.com');
    const { el, type, click, field } = await render();
    type('Subject', 'November');
    type('Text', 'What is new');
    await click('Send a test to me');
    expect(store.sendTestIssue).toHaveBeenCalledWith('l-1', { subject: 'November', body: 'What is new' });
    expect(el.querySelector('[data-testid="newsletter-admin-notice"]')?.textContent?.trim()).toBe(
      'Test sent to admin@example.com.',
    );
    expect((field('Subject').querySelector('input') as HTMLInputElement).value).toBe('November');
    expect(store.sendIssue).not.toHaveBeenCalled();
  });

  it('has one issue composer for all lists: a card’s “write” picks its list, which the count, preview and send follow', async () => {
    const webinars = { ...NEWS, id: 'l-2', nameNl: 'Webinars', nameEn: 'Webinars', confirmedSubscribers: 1 };
    store.adminLists.mockResolvedValue([NEWS, webinars]);
    store.recipients.mockImplementation(async (id: string) => (id === 'l-2' ? 1 : 3));
    store.sendIssue.mockResolvedValue(1);
    const { el, fixture, type, click } = await render();
    expect(el.querySelectorAll('form [formcontrolname="subject"]')).toHaveLength(1);
    expect(el.querySelector('[data-testid="issue-recipients"]')?.textContent?.trim()).toBe('Reaches 3 now');

    const cards = el.querySelectorAll('[data-testid^="list-"]');
    [...cards[1].querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.trim() === 'Write an issue')
      ?.click();
    await settle(fixture);
    expect(store.recipients).toHaveBeenLastCalledWith('l-2');
    expect(el.querySelector('[data-testid="issue-recipients"]')?.textContent?.trim()).toBe('Reaches 1 now');
    type('Subject', 'March');
    type('Text', 'Three sessions');
    await click('Send issue');
    expect(confirmation.confirm).toHaveBeenCalledWith(
      expect.objectContaining({ params: { count: 1, list: 'Webinars', subject: 'March' } }),
    );
    expect(store.sendIssue).toHaveBeenCalledWith('l-2', { subject: 'March', body: 'Three sessions' });
  });
});
