/**
 * For the web libraries' component specs: lets stubbed calls resolve (a few turns of the task queue,
 * for promises chained on promises and deferred blocks), waits until the fixture is stable, then renders.
 */
export async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}
