import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, AuthLinksStore } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { CARD_PAGE_STYLES } from './page-styles';

export type TokenAction = 'verify-sign-up' | 'confirm-email' | 'undo-email';

/** An e-mail link that needs no more input: confirm a sign-up, confirm or undo an e-mail change. */
@Component({
  selector: 'ma-token-action-page',
  imports: [RouterLink, MatCardModule, ProblemAlertComponent, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: CARD_PAGE_STYLES,
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'links.' + action + '.title' | transloco }}</h1>
      @if (state() === 'done') {
        <p class="note" role="status" data-testid="link-done">{{ 'links.' + action + '.done' | transloco }}</p>
      } @else if (state() === 'failed') {
        <ma-problem-alert [problem]="runner.problem()" testId="link-failed" />
      } @else {
        <p class="note" role="status">{{ 'links.working' | transloco }}</p>
      }
      <div class="links"><a routerLink="/sign-in">{{ 'links.toSignIn' | transloco }}</a></div>
    </mat-card>
  `,
})
export class TokenActionPageComponent implements OnInit {
  private readonly links = inject(AuthLinksStore);
  readonly token = input<string>('');
  protected readonly action = inject(ActivatedRoute).snapshot.data['action'] as TokenAction;
  protected readonly state = signal<'working' | 'done' | 'failed'>('working');
  protected readonly runner = new ActionRunner();

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    const token = this.token();
    const call = {
      'verify-sign-up': () => this.links.verifySignUp(token),
      'confirm-email': () => this.links.confirmEmailChange(token),
      'undo-email': () => this.links.undoEmailChange(token),
    }[this.action];
    const problem = await this.runner.run(call);
    this.state.set(problem ? 'failed' : 'done');
  }
}
