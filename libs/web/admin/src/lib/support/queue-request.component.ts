import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AccessGrantView, AccessScope } from '@mijn-account/shared-contracts';
import { LocaleDatePipe, type StepUpGate } from '@mijn-account/web-core';
import { SupportConsoleStore } from './support-console.store';
import { SUPPORT_PART_STYLES } from './support-styles';

/**
 * One technical request in the supervisor's queue, in full (agent, account, reason, ticket,
 * justification, scopes and minutes asked), decided like an owner decides: approve as asked, shorter
 * or with fewer scopes, or deny with a reason the agent reads. The server's field errors show at
 * their field.
 */
@Component({
  selector: 'ma-support-queue-request',
  imports: [
    LocaleDatePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SUPPORT_PART_STYLES,
    `
      :host {
        border-top: 1px solid #ddd;
        padding-top: 0.75rem;
        margin-top: 0.75rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0;
      }
      dt {
        font-weight: 500;
      }
      dd {
        margin: 0;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
      }
      .error {
        color: #b00020;
      }
      @media (max-width: 599.98px) {
        dl {
          grid-template-columns: 1fr;
        }
      }
    `,
  ],
  template: `
    @let g = grant();
    <h3>{{ 'support.queueRequest' | transloco: { agent: g.requestedBy, account: g.customerNumber + ' ' + g.accountName } }}</h3>
    <dl>
      <dt>{{ 'helpdesk.reason' | transloco }}</dt>
      <dd>{{ 'helpdesk.reasons.' + g.reason | transloco }}</dd>
      <dt>{{ 'helpdesk.ticket' | transloco }}</dt>
      <dd><span class="nowrap">{{ g.ticket }}</span></dd>
      <dt>{{ 'support.asked' | transloco }}</dt>
      <dd data-testid="queue-asked">
        {{ 'support.askedMinutes' | transloco: { minutes: g.minutes } }} ·
        @for (s of g.scopes; track s) {
          {{ 'helpdesk.scopes.' + s | transloco }}{{ $last ? '' : ', ' }}
        }
      </dd>
      <dt>{{ 'helpdesk.requested' | transloco }}</dt>
      <dd>{{ g.requestedAt | maDate }}</dd>
      <dt>{{ 'support.why' | transloco }}</dt>
      <dd>{{ g.justification }}</dd>
    </dl>
    <form [formGroup]="form" novalidate>
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'helpdesk.minutes' | transloco }}</mat-label>
          <input matInput type="number" min="5" [max]="g.minutes" formControlName="minutes" />
          <mat-hint>{{ 'helpdesk.askedMinutes' | transloco: { minutes: g.minutes } }}</mat-hint>
          @if (form.controls.minutes.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </div>
      <fieldset>
        <legend>{{ 'support.scopes' | transloco }}</legend>
        @for (s of g.scopes; track s) {
          <mat-checkbox [checked]="kept().includes(s)" (change)="toggle(s, $event.checked)">{{
            'helpdesk.scopes.' + s | transloco
          }}</mat-checkbox>
        }
        @if (form.controls.scopes.errors?.['server']; as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </fieldset>
      <div class="row">
        <button mat-flat-button type="button" (click)="approve()" data-testid="supervisor-approve">
          {{ 'helpdesk.approve' | transloco }}
        </button>
      </div>
      <mat-form-field appearance="outline" class="wide">
        <mat-label>{{ 'support.denyReason' | transloco }}</mat-label>
        <textarea matInput rows="2" formControlName="reason" data-testid="deny-reason"></textarea>
        @if (form.controls.reason.errors?.['server']; as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <button mat-stroked-button type="button" (click)="deny()" data-testid="supervisor-deny">
        {{ 'helpdesk.deny' | transloco }}
      </button>
    </form>
  `,
})
export class SupportQueueRequestComponent implements OnInit {
  readonly grant = input.required<AccessGrantView>();
  readonly stepUp = input.required<StepUpGate>();
  private readonly console = inject(SupportConsoleStore);
  protected readonly kept = signal<AccessScope[]>([]);
  protected readonly form = new FormGroup({
    minutes: new FormControl<number | null>(null, [Validators.min(5)]),
    scopes: new FormControl<AccessScope[]>([], { nonNullable: true }),
    reason: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    // The form proposes what was asked; the supervisor may give less.
    this.form.controls.minutes.setValue(this.grant().minutes);
    this.kept.set([...this.grant().scopes]);
  }

  protected toggle(scope: AccessScope, on: boolean): void {
    this.kept.update((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  }

  /** Sends only what differs from the request: fewer scopes, other minutes (the server refuses more than asked). */
  protected approve(): Promise<boolean> {
    const g = this.grant();
    const minutes = Number(this.form.controls.minutes.value);
    const scopes = g.scopes.filter((s) => this.kept().includes(s));
    return this.console.decide(
      g,
      true,
      {
        ...(scopes.length < g.scopes.length ? { scopes } : {}),
        ...(minutes && minutes !== g.minutes ? { minutes } : {}),
      },
      { stepUp: this.stepUp(), form: this.form },
    );
  }

  protected deny(): Promise<boolean> {
    return this.console.decide(
      this.grant(),
      false,
      { reason: this.form.controls.reason.value.trim() || undefined },
      { stepUp: this.stepUp(), form: this.form },
    );
  }
}
