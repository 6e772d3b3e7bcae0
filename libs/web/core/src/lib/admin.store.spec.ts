import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AdminStore, MembersStore } from './admin.store';

/** Lets a store's next request go out (it is made after the previous one resolved). */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve));

describe('AdminStore', () => {
  let store: AdminStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AdminStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('invites staff, then shows the list with the new person', async () => {
    const invited = store.inviteStaff({ email: 'new@example.com', displayName: 'New', roles: ['helpdesk-agent'] });
    const post = http.expectOne({ method: 'POST', url: '/api/admin/staff' });
    expect(post.request.body).toEqual({ email: 'new@example.com', displayName: 'New', roles: ['helpdesk-agent'] });
    post.flush({});
    await nextTurn();
    http.expectOne({ method: 'GET', url: '/api/admin/staff' }).flush([{ id: 's-1', email: 'new@example.com' }]);
    await invited;
    expect(store.staff()).toEqual([{ id: 's-1', email: 'new@example.com' }]);
  });

  it('leaves the list as it was when an invitation is refused', async () => {
    const invited = store.inviteStaff({ email: 'x', displayName: '', roles: [] });
    http.expectOne('/api/admin/staff').flush({ status: 422 }, { status: 422, statusText: 'Unprocessable Entity' });
    await expect(invited).rejects.toMatchObject({ status: 422 });
    expect(store.staff()).toEqual([]);
  });

  it('sets roles and disables or enables staff on their own URLs', async () => {
    const roles = store.setStaffRoles('s-1', ['tenant-admin']);
    const put = http.expectOne({ method: 'PUT', url: '/api/admin/staff/s-1/roles' });
    expect(put.request.body).toEqual({ roles: ['tenant-admin'] });
    put.flush({});
    await nextTurn();
    http.expectOne('/api/admin/staff').flush([]);
    await roles;
    const disabled = store.setStaffDisabled('s-1', true);
    http.expectOne({ method: 'POST', url: '/api/admin/staff/s-1/disable' }).flush({});
    await nextTurn();
    http.expectOne('/api/admin/staff').flush([]);
    await disabled;
    const enabled = store.setStaffDisabled('s-1', false);
    http.expectOne({ method: 'POST', url: '/api/admin/staff/s-1/enable' }).flush({});
    await nextTurn();
    http.expectOne('/api/admin/staff').flush([]);
    await enabled;
  });

  it('loads sign-in settings and providers together, and reloads both after a save', async () => {
    const saved = store.saveProvider('google', { enabled: true, issuer: 'https://accounts.google.com', clientId: 'c' });
    const put = http.expectOne({ method: 'PUT', url: '/api/admin/sign-in-settings/providers/google' });
    expect(put.request.body).toEqual({ enabled: true, issuer: 'https://accounts.google.com', clientId: 'c' });
    put.flush({});
    await nextTurn();
    http.expectOne({ method: 'GET', url: '/api/admin/sign-in-settings' }).flush({ lockMinutes: 15 });
    http.expectOne('/api/admin/sign-in-settings/providers').flush([{ provider: 'google', enabled: true }]);
    await saved;
    expect(store.settings()).toEqual({ lockMinutes: 15 });
    expect(store.providers()).toEqual([{ provider: 'google', enabled: true }]);
  });

  it('reads and saves the helpdesk-access settings', async () => {
    const settings = {
      maxMinutes: 240,
      defaultMinutes: 60,
      requestTimeoutHours: 72,
      allowedScopes: ['billing:read' as const],
    };
    const read = store.accessSettings();
    http.expectOne({ method: 'GET', url: '/api/admin/access-settings' }).flush(settings);
    await expect(read).resolves.toEqual(settings);
    const saved = store.saveAccessSettings(settings);
    const put = http.expectOne({ method: 'PUT', url: '/api/admin/access-settings' });
    expect(put.request.body).toEqual(settings);
    put.flush({});
    await expect(saved).resolves.toBeUndefined();
  });
});

describe('MembersStore', () => {
  let store: MembersStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(MembersStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('invites a member, then shows the members', async () => {
    const invited = store.invite({ email: 'joris@example.com', displayName: 'Joris', role: 'member' });
    const post = http.expectOne({ method: 'POST', url: '/api/account/members' });
    expect(post.request.body).toEqual({ email: 'joris@example.com', displayName: 'Joris', role: 'member' });
    post.flush({});
    await nextTurn();
    http.expectOne('/api/account/members').flush([{ id: 'm-2', email: 'joris@example.com' }]);
    await invited;
    expect(store.members()).toEqual([{ id: 'm-2', email: 'joris@example.com' }]);
  });

  it('removes a member by id, then reloads', async () => {
    const removed = store.remove('m-2');
    http.expectOne({ method: 'DELETE', url: '/api/account/members/m-2' }).flush(null);
    await nextTurn();
    http.expectOne('/api/account/members').flush([]);
    await removed;
    expect(store.members()).toEqual([]);
  });
});
