import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API_PREFIX, ERASURE_ROUTE, type ErasureView } from '@mijn-account/shared-contracts';

const URL = `/${API_PREFIX}/${ERASURE_ROUTE}`;

/** The person's own erasure: its state with its ETag, asking for it (step-up), cancelling it with that ETag. */
@Injectable({ providedIn: 'root' })
export class ErasureStore {
  private readonly http = inject(HttpClient);

  async load(): Promise<{ value: ErasureView; etag: string }> {
    const response = await firstValueFrom(this.http.get<ErasureView>(URL, { observe: 'response' }));
    return { value: response.body as ErasureView, etag: response.headers.get('etag') ?? '' };
  }

  async request(): Promise<{ value: ErasureView; etag: string }> {
    const response = await firstValueFrom(this.http.post<ErasureView>(URL, {}, { observe: 'response' }));
    return { value: response.body as ErasureView, etag: response.headers.get('etag') ?? '' };
  }

  async cancel(etag: string): Promise<void> {
    await firstValueFrom(this.http.delete<void>(URL, { headers: { 'If-Match': etag } }));
  }
}
