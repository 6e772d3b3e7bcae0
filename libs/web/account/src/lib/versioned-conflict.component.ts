import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ConflictNoticeComponent } from '@mijn-account/web-ui';
import type { VersionedForm } from './versioned-form';

/** The 412 notice of a versioned details page, in the page's language, wired to its editor. */
@Component({
  selector: 'ma-versioned-conflict',
  imports: [TranslocoPipe, ConflictNoticeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows(); as r) {
      <ma-conflict-notice
        [rows]="r"
        [title]="'details.conflict.title' | transloco"
        [intro]="'details.conflict.intro' | transloco"
        [fieldHeader]="'details.conflict.field' | transloco"
        [theirsHeader]="'details.conflict.theirs' | transloco"
        [mineHeader]="'details.conflict.mine' | transloco"
        [applyLabel]="'details.conflict.apply' | transloco"
        [keepLabel]="'details.conflict.keep' | transloco"
        (applyMine)="applyMine()"
        (keepTheirs)="editor().keepTheirs()"
      />
    }
  `,
})
export class VersionedConflictComponent<T> {
  private readonly transloco = inject(TranslocoService);
  readonly editor = input.required<VersionedForm<T>>();
  /** After "apply mine" saved (the page reloads its history). */
  readonly saved = output<void>();
  protected readonly rows = computed(() =>
    this.editor()
      .conflict()
      ?.rows.map((r) => ({ ...r, label: this.transloco.translate(`fields.${r.field}`) })),
  );

  protected async applyMine(): Promise<void> {
    await this.editor().applyMine();
    this.saved.emit();
  }
}
