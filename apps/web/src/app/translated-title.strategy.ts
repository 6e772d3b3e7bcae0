import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { TenantStore } from '@mijn-account/web-core';

/** Route titles are translation keys; the document title is "<page> – <tenant>". */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly tenant = inject(TenantStore);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    const page = key ? this.transloco.translate(key) : '';
    this.title.setTitle([page, this.tenant.displayName()].filter(Boolean).join(' – '));
  }
}
