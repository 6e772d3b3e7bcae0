/** Flat form values: field → text (empty string for nothing). */
export type FlatValues = Record<string, string>;

/**
 * Three-way merge after a 412: fields I changed since `base` keep my value; every other field takes
 * theirs. So applying my edit on top of their version never undoes what they changed elsewhere.
 */
export function mergeMine(base: FlatValues, theirs: FlatValues, mine: FlatValues): FlatValues {
  const merged: FlatValues = { ...theirs };
  for (const field of Object.keys(mine)) {
    if (mine[field] !== base[field]) merged[field] = mine[field];
  }
  return merged;
}

/** The fields either side changed since `base`, with both values, for the conflict notice. */
export function conflictingFields(
  base: FlatValues,
  theirs: FlatValues,
  mine: FlatValues,
): { field: string; theirs: string; mine: string }[] {
  return Object.keys(mine)
    .filter((field) => theirs[field] !== base[field] || mine[field] !== base[field])
    .filter((field) => theirs[field] !== mine[field])
    .map((field) => ({ field, theirs: theirs[field] ?? '', mine: mine[field] ?? '' }));
}
