import { signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import type { ProblemDetails } from '@mijn-account/shared-contracts';
import {
  type FlatValues,
  LoadState,
  type SaveResult,
  type Versioned,
  applyServerErrors,
  conflictingFields,
  mergeMine,
  problemOf,
} from '@mijn-account/web-core';

/**
 * The edit cycle shared by the profile and billing pages: load with an ETag, save with If-Match,
 * and on 412 show their version beside mine, then keep theirs or apply mine on top (three-way merge).
 */
export class VersionedForm<T> {
  readonly conflict = signal<{ current: Versioned<T>; rows: { field: string; theirs: string; mine: string }[] } | null>(
    null,
  );
  readonly problem = signal<ProblemDetails | null>(null);
  readonly saved = signal(false);
  readonly busy = signal(false);
  /** The first load: until it is in, the page shows a skeleton and no editable form; a failure says so. */
  readonly state = new LoadState();
  private base: Versioned<T> | null = null;

  constructor(
    private readonly form: FormGroup,
    private readonly io: {
      toFlat: (value: T) => FlatValues;
      load: () => Promise<Versioned<T>>;
      save: (flat: FlatValues, etag: string) => Promise<SaveResult<T>>;
      /** Maps a server field path to the form's control name (`address.postalCode` → `postalCode`). */
      field?: (path: string) => string;
      /** Runs after every save that landed (the page's success notice). */
      saved?: () => void;
    },
  ) {}

  async load(): Promise<void> {
    await this.state.track(async () => this.show(await this.io.load()));
  }

  async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || !this.base) return;
    await this.submit(this.form.getRawValue() as FlatValues, this.base.etag);
  }

  keepTheirs(): void {
    const conflict = this.conflict();
    if (conflict) this.show(conflict.current);
  }

  async applyMine(): Promise<void> {
    const conflict = this.conflict();
    if (!conflict || !this.base) return;
    const merged = mergeMine(
      this.io.toFlat(this.base.value),
      this.io.toFlat(conflict.current.value),
      this.form.getRawValue() as FlatValues,
    );
    this.base = conflict.current;
    this.form.setValue(merged);
    await this.submit(merged, conflict.current.etag);
  }

  private async submit(flat: FlatValues, etag: string): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.saved.set(false);
    try {
      const result = await this.io.save(flat, etag);
      if (result.status === 'conflict') {
        const rows = conflictingFields(
          this.io.toFlat(this.base?.value ?? result.current.value),
          this.io.toFlat(result.current.value),
          flat,
        );
        this.conflict.set({ current: result.current, rows });
        return;
      }
      this.show(result.saved);
      this.saved.set(true);
      this.io.saved?.();
    } catch (error) {
      const problem = problemOf(error);
      const mapped = {
        ...problem,
        errors: problem.errors?.map((e) => ({ ...e, field: this.io.field?.(e.field) ?? e.field })),
      };
      applyServerErrors(this.form, mapped);
      this.problem.set(mapped);
    } finally {
      this.busy.set(false);
    }
  }

  private show(version: Versioned<T>): void {
    this.base = version;
    this.conflict.set(null);
    this.form.reset(this.io.toFlat(version.value));
  }
}
