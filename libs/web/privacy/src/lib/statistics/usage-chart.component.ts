import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  effect,
  inject,
  input,
  type OnDestroy,
  viewChild,
} from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { LocaleFormat } from '@mijn-account/web-core';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours with at least 3:1 contrast on white, told apart by more than hue alone (the legend names them). */
const COLOURS = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#4e342e'];

export interface ChartSeries {
  label: string;
  /** One per day; null: fewer than 5 (not drawn). */
  data: (number | null)[];
}

/**
 * One feature's daily counts as stacked bars (chart.js on a canvas). The canvas is a picture only:
 * its label says so and points at the table of the same figures beside it, which is what assistive
 * technology reads.
 */
@Component({
  selector: 'ma-usage-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 14rem;
    }
  `,
  template: `<canvas #canvas role="img" [attr.aria-label]="label()"></canvas>`,
})
export class UsageChartComponent implements OnDestroy {
  readonly days = input.required<string[]>();
  readonly series = input.required<ChartSeries[]>();
  /** What the picture shows, in words (and where its figures are). */
  readonly label = input.required<string>();
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly format = inject(LocaleFormat);
  private chart: Chart<'bar', (number | null)[], string> | null = null;

  constructor() {
    effect(() => {
      const locale = this.format.locale();
      const dayLabel = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
      const labels = this.days().map((day) => dayLabel.format(new Date(`${day}T00:00:00Z`)));
      const datasets = this.series().map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: COLOURS[i % COLOURS.length],
      }));
      this.chart?.destroy();
      this.chart = new Chart(this.canvas().nativeElement, {
        type: 'bar',
        data: { labels, datasets },
        options: {
          animation: false,
          maintainAspectRatio: false,
          locale,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }
}
