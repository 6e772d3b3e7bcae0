import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  BillingRunView,
  BillingScheduleView,
  DraftLineCreate,
  FinanceSummary,
  InvoicingSettingsView,
  TaxCategorySetting,
  RunDraftDetail,
  RunDraftPage,
  RunDraftView,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** An amount in minor units (cents) as the currency's major unit, for `maMoney` (JPY has none, most have 2). */
export function fromMinor(minor: number, currency: string): number {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown currency code keeps two decimals.
  }
  return minor / 10 ** digits;
}

/** Finance's dashboard figures and billing runs: start, watch, review the drafts, finalise. */
@Injectable({ providedIn: 'root' })
export class FinanceRunsStore {
  private readonly http = inject(HttpClient);
  private readonly runsUrl = apiUrl('billingRuns');

  summary(): Promise<FinanceSummary> {
    return firstValueFrom(this.http.get<FinanceSummary>(apiUrl('financeSummary')));
  }

  schedule(): Promise<BillingScheduleView> {
    return firstValueFrom(this.http.get<BillingScheduleView>(apiUrl('billingSchedule')));
  }

  /** The day of the month (1–28) a run starts by itself, or null for none. */
  saveSchedule(runDay: number | null): Promise<BillingScheduleView> {
    return firstValueFrom(this.http.put<BillingScheduleView>(apiUrl('billingSchedule'), { runDay }));
  }

  runs(): Promise<BillingRunView[]> {
    return firstValueFrom(this.http.get<BillingRunView[]>(this.runsUrl));
  }

  /** Starts (or takes up) the period's run; `key` is new for every attempt the user makes. */
  start(period: { periodStart: string; periodEnd: string }, key: string): Promise<BillingRunView> {
    return firstValueFrom(
      this.http.post<BillingRunView>(this.runsUrl, period, { headers: { 'Idempotency-Key': key } }),
    );
  }

  progress(runId: string): Promise<BillingRunView> {
    return firstValueFrom(this.http.get<BillingRunView>(`${this.runsUrl}/${runId}/progress`));
  }

  drafts(runId: string, after: string | null): Promise<RunDraftPage> {
    const params: Record<string, string> = after ? { after } : {};
    return firstValueFrom(this.http.get<RunDraftPage>(`${this.runsUrl}/${runId}/drafts`, { params }));
  }

  /** One draft with its lines. */
  draft(runId: string, invoiceId: string): Promise<RunDraftDetail> {
    return firstValueFrom(this.http.get<RunDraftDetail>(`${this.runsUrl}/${runId}/drafts/${invoiceId}`));
  }

  addLine(runId: string, invoiceId: string, line: DraftLineCreate): Promise<RunDraftView> {
    return firstValueFrom(this.http.post<RunDraftView>(`${this.runsUrl}/${runId}/drafts/${invoiceId}/lines`, line));
  }

  async deleteDraft(runId: string, invoiceId: string): Promise<void> {
    await firstValueFrom(this.http.delete(`${this.runsUrl}/${runId}/drafts/${invoiceId}`));
  }

  finalise(runId: string): Promise<BillingRunView> {
    return firstValueFrom(this.http.post<BillingRunView>(`${this.runsUrl}/${runId}/finalise`, {}));
  }

  /** The tenant's tax categories (a one-off line is in one of them). */
  async taxCategories(): Promise<TaxCategorySetting[]> {
    const settings = await firstValueFrom(this.http.get<InvoicingSettingsView>(apiUrl('invoicingSettings')));
    return settings.taxCategories;
  }

  retry(runId: string): Promise<BillingRunView> {
    return firstValueFrom(this.http.post<BillingRunView>(`${this.runsUrl}/${runId}/retry`, {}));
  }
}
