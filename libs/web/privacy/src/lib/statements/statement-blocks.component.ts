import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { StatementBlock } from '@mijn-account/shared-contracts';

/**
 * A statement's parsed Markdown, rendered with plain bindings only (no innerHTML): every character
 * the tenant typed is text; links are only those the parser let through (https, mailto, own paths).
 */
@Component({
  selector: 'ma-statement-blocks',
  imports: [NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <ng-template #inline let-content>
      @for (part of content; track $index) {
        @if (part.href) {
          <a [href]="part.href">{{ part.text }}</a>
        } @else if (part.strong) {
          <strong>{{ part.text }}</strong>
        } @else if (part.em) {
          <em>{{ part.text }}</em>
        } @else {
          <!-- In an element of its own: a bare text node would keep a space on each side. -->
          <ng-container>{{ part.text }}</ng-container>
        }
      }
    </ng-template>
    @for (block of blocks(); track $index) {
      @switch (block.kind) {
        @case ('heading') {
          @if (block.level === 2) {
            <h2><ng-container *ngTemplateOutlet="inline; context: { $implicit: block.content }" /></h2>
          } @else if (block.level === 3) {
            <h3><ng-container *ngTemplateOutlet="inline; context: { $implicit: block.content }" /></h3>
          } @else {
            <h4><ng-container *ngTemplateOutlet="inline; context: { $implicit: block.content }" /></h4>
          }
        }
        @case ('paragraph') {
          <p><ng-container *ngTemplateOutlet="inline; context: { $implicit: block.content }" /></p>
        }
        @case ('list') {
          @if (block.ordered) {
            <ol>
              @for (item of block.items; track $index) {
                <li><ng-container *ngTemplateOutlet="inline; context: { $implicit: item }" /></li>
              }
            </ol>
          } @else {
            <ul>
              @for (item of block.items; track $index) {
                <li><ng-container *ngTemplateOutlet="inline; context: { $implicit: item }" /></li>
              }
            </ul>
          }
        }
      }
    }
  `,
})
export class StatementBlocksComponent {
  readonly blocks = input.required<StatementBlock[]>();
}
