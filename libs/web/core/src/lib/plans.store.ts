import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { PlanCreate, PlanPriceChange, PlanView } from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** The tenant's plans (finance and the tenant admin): the list, reloaded after each change. */
@Injectable({ providedIn: 'root' })
export class PlansStore {
  private readonly http = inject(HttpClient);
  readonly plans = signal<PlanView[]>([]);

  async load(): Promise<PlanView[]> {
    const plans = await firstValueFrom(this.http.get<PlanView[]>(apiUrl('plans')));
    this.plans.set(plans);
    return plans;
  }

  async create(plan: PlanCreate): Promise<PlanView> {
    const created = await firstValueFrom(this.http.post<PlanView>(apiUrl('plans'), plan));
    await this.load();
    return created;
  }

  async changePrice(planId: string, change: PlanPriceChange): Promise<void> {
    await firstValueFrom(this.http.post(`${apiUrl('plans')}/${planId}/prices`, change));
    await this.load();
  }

  async archive(planId: string): Promise<void> {
    await firstValueFrom(this.http.post(`${apiUrl('plans')}/${planId}/archive`, {}));
    await this.load();
  }

  async remove(planId: string): Promise<void> {
    await firstValueFrom(this.http.delete(`${apiUrl('plans')}/${planId}`));
    await this.load();
  }
}
